// Event-log mode: tickets and first responses derived from one row per event, by the config's mapping.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/pipeline.js';
import { makePeriod } from '../../src/util/time.js';
import { defaultConfig, metricValues } from '../helpers.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const LOG = [
  'case,who,what,when',
  'C1,Ann,Open,2026-10-01 09:00', // created 09:00
  'C1,Bob,Take,2026-10-01 09:30', // first response 30 min, by Bob
  'C1,Ann,Resolve,2026-10-01 12:00', // resolved by Ann
  'C1,SYS,Close,2026-10-20 00:00', // system account closes
  'C2,Bob,Open,2026-10-02 10:00',
  'C2,SYS,Take,2026-10-02 10:05', // a system account's event is no response
  'C2,Cat,Take,2026-10-02 13:00', // first response 3 h, by Cat; never resolved
  'C3,Ann,Open,2026-09-30 23:00', // created in September: out of period, all its rows
  'C3,Ann,Resolve,2026-10-01 01:00',
  'C4,SYS,Open,2026-10-03 08:00', // only the system account: accepted, no engineer
  'C5,Bob,Open,2026-10-04 08:00',
  'C5,Bob,Cancel,2026-10-04 08:10',
  'C6,Bob,Open,2026-10-05 08:00',
  'C6,,Take,not a date', // a bad row is rejected alone
].join('\n') + '\n';

async function run(engineer: string, extra = '') {
  const config = defaultConfig((y) => `${y.replace('metric: complaint_rate', 'metric: resolved').replace('metric: reopen_rate', 'metric: first_response_minutes_mean').replace('metric: resolution_days_mean', 'metric: first_response_missing')}
event_log:
  columns: { ticket_id: case, timestamp: when, activity: what, actor: who }
  created: { activity: [Open] }
  first_response: { activity: [Take] }
  resolved: { activity: [Resolve] }
  closed: { activity: [Close] }
  cancelled: { activity: [Cancel] }
  engineer: ${engineer}
  exclude_actors: [SYS]
  derive_roster: true
${extra}`);
  const dir = tempDir('ev-');
  writeFileSync(join(dir, 'events.csv'), LOG);
  const r = await runPipeline({ config, period: makePeriod('2026-10', config.timezone), paths: { events: join(dir, 'events.csv') }, prior: null });
  const byId = Object.fromEntries(r.engineers.map((e) => {
    const m = metricValues(e);
    return [e.roster.engineer_id, { tickets: m.resolved.n, resolved: m.resolved.value, fr: { n: m.first_response_minutes_mean.n, mean: m.first_response_minutes_mean.value }, missing: m.first_response_missing.value }];
  }));
  return { r, byId, summary: r.inputs[0] };
}

describe('event log', () => {
  it('engineer = resolver, else first responder, else last actor; system accounts are nobody', async () => {
    const { byId } = await run('[resolver, first_responder, last_actor]');
    expect(byId).toEqual({
      Ann: { tickets: 1, resolved: 1, fr: { n: 1, mean: 30 }, missing: 0 }, // C1
      Bob: { tickets: 1, resolved: 0, fr: { n: 0, mean: null }, missing: 1 }, // C6 (C5 cancelled): no valid response event
      Cat: { tickets: 1, resolved: 0, fr: { n: 1, mean: 180 }, missing: 0 }, // C2
    });
  });
  it('engineer = first responder', async () => {
    const { byId } = await run('[first_responder, last_actor]');
    expect(Object.keys(byId).sort()).toEqual(['Bob', 'Cat']);
    expect(byId.Bob.tickets).toBe(2); // C1 (Bob took it) and C6 (last actor)
  });
  it('every row accounted: accepted by ticket, out of period by ticket, bad rows rejected alone', async () => {
    const { summary, r } = await run('[resolver, first_responder, last_actor]');
    expect(summary).toMatchObject({ rows_read: 14, rows_accepted: 11, rows_rejected: 1, rows_out_of_period: 2, tickets_unassigned: 1 });
    expect(r.rejects.map((x) => [x.location.row, x.location.column, x.code])).toEqual([[15, 'when', 'BAD_DATE']]);
  });
  it('an events file without an event_log section is a config problem', async () => {
    const config = defaultConfig();
    const dir = tempDir('ev-');
    writeFileSync(join(dir, 'events.csv'), LOG);
    await expect(runPipeline({ config, period: makePeriod('2026-10', config.timezone), paths: { events: join(dir, 'events.csv') }, prior: null })).rejects.toThrow('event_log');
  });
  it('config checks: a marker is an activity list or a column, not both', () => {
    expect(() => defaultConfig((y) => `${y}\nevent_log:\n  columns: { ticket_id: a, timestamp: b, actor: c }\n  resolved: { activity: [X], column: d }\n`)).toThrow(/event_log.resolved: give either/);
    expect(() => defaultConfig((y) => `${y}\nevent_log:\n  columns: { ticket_id: a, timestamp: b, actor: c }\n  resolved: { activity: [X] }\n`)).toThrow(/event_log.resolved.activity: needs event_log.columns.activity/);
  });
});
