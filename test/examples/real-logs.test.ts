// End to end on slices of the real public logs in ../shared/datasets: one month's per-engineer ticket counts and
// first-response figures are computed here independently (plain code over the CSV, no scorecard module) and compared.
import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const DATA = join(ROOT, '..', 'shared', 'datasets');

/** Instant of a wall time in an IANA zone, by two passes of Intl (independent of src/util/time.ts). */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(t)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
  };
  return guess - offsetAt(guess - offsetAt(guess));
}

function slice(file: string, lines: number): string {
  const dir = tempDir('slice-');
  const text = readFileSync(file, 'utf8').split(/\r?\n/).slice(0, lines + 1).join('\n') + '\n';
  const path = join(dir, file.split('/').pop() as string);
  writeFileSync(path, text);
  return path;
}

interface Card { engineer_id: string; indicators: { id: string; value: number | null; n: number }[] }

/** Per engineer: tickets (the first-response indicator's cases) and how many were within the threshold. */
function firstResponses(out: string, period: string): Record<string, { tickets: number; within: number }> {
  const cards = JSON.parse(readFileSync(join(out, period, 'scorecards.json'), 'utf8')).engineers as Card[];
  return Object.fromEntries(cards.map((c) => {
    const fr = c.indicators.find((i) => i.id === 'first_response')!;
    return [c.engineer_id, { tickets: fr.n, within: Math.round((fr.value ?? 0) * fr.n) }];
  }));
}

describe('helpdesk-italian: an event log with system accounts', () => {
  const source = join(DATA, 'helpdesk-italian', 'finale.csv');
  it('2012-10 of a 6,000-row slice: tickets per engineer and first responses within 24 h match an independent count', async () => {
    expect(existsSync(source), `${source} (shared datasets)`).toBe(true);
    const file = slice(source, 6000);
    const out = tempDir('hd-');
    const r = await cli(['run', '--period', '2012-10', '--config', 'examples/helpdesk-italian/rules.yaml', '--events', file, '--out', out, '--fresh']);
    expect(r.code, r.stderr).toBe(0);

    const rows = parse(readFileSync(file, 'utf8'), { columns: false, from_line: 2 }) as string[][];
    const SYSTEM = new Set(['Value 5', 'Value 3']);
    const cases = new Map<string, { t: number; activity: string; who: string; i: number }[]>();
    rows.forEach((r2, i) => {
      const [y, mo, d, h, mi, s] = r2[3].split(/[/ :.]/).map(Number);
      const list = cases.get(r2[0]) ?? [];
      list.push({ t: instant(y, mo, d, h, mi, s, 'Europe/Rome'), activity: r2[1], who: r2[2], i });
      cases.set(r2[0], list);
    });
    const start = instant(2012, 10, 1, 0, 0, 0, 'Europe/Rome');
    const end = instant(2012, 11, 1, 0, 0, 0, 'Europe/Rome');
    const want = new Map<string, { tickets: number; within: number }>();
    for (const events of cases.values()) {
      const opens = events.filter((e) => e.activity === 'Assign seriousness' || e.activity === 'Insert ticket');
      const created = opens.length ? Math.min(...opens.map((e) => e.t)) : Math.min(...events.map((e) => e.t));
      if (created < start || created >= end) continue;
      const takes = events.filter((e) => e.activity === 'Take in charge ticket' && !SYSTEM.has(e.who)).sort((a, b) => a.t - b.t || a.i - b.i);
      const resolves = events.filter((e) => e.activity === 'Resolve ticket').sort((a, b) => a.t - b.t || a.i - b.i);
      const people = events.filter((e) => !SYSTEM.has(e.who)).sort((a, b) => a.t - b.t || a.i - b.i);
      const resolver = resolves.length ? resolves[resolves.length - 1].who : null;
      const engineer = (resolver && !SYSTEM.has(resolver) ? resolver : null) ?? takes[0]?.who ?? people[people.length - 1]?.who;
      if (!engineer) continue;
      const w = want.get(engineer) ?? { tickets: 0, within: 0 };
      w.tickets += 1;
      if (takes.length && takes[0].t - created <= 24 * 3600_000) w.within += 1;
      want.set(engineer, w);
    }
    expect(want.size).toBeGreaterThan(3);
    const got = firstResponses(out, '2012-10');
    expect(got).toEqual(Object.fromEntries(want));
    const m = JSON.parse(readFileSync(join(out, '2012-10', 'manifest.json'), 'utf8'));
    expect(m.inputs.events.rows_read).toBe(6000);
    expect(m.inputs.events.rows_read).toBe(m.inputs.events.rows_accepted + m.inputs.events.rows_rejected + m.inputs.events.rows_out_of_period);
    expect(Object.keys(got)).not.toContain('Value 5');
  });
});

describe('servicenow-incidents: a snapshot export read as an event log', () => {
  const source = join(DATA, 'servicenow-incidents', 'incident_event_log.csv');
  it('2016-03 of a 15,000-row slice: tickets per last assignee and first Active within 1 h match an independent count', async () => {
    expect(existsSync(source), `${source} (shared datasets)`).toBe(true);
    const file = slice(source, 15000);
    const out = tempDir('sn-');
    const r = await cli(['run', '--period', '2016-03', '--config', 'examples/servicenow-incidents/rules.yaml', '--events', file, '--out', out, '--fresh']);
    expect(r.code, r.stderr).toBe(0);

    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const dmy = (s: string) => {
      const [d, mo, y, h, mi] = s.split(/[/ :]/).map(Number);
      return Date.UTC(y, mo - 1, d, h, mi);
    };
    const byNumber = new Map<string, { row: Record<string, string>; t: number; i: number }[]>();
    rows.forEach((row, i) => {
      const list = byNumber.get(row.number) ?? [];
      list.push({ row, t: dmy(row.sys_updated_at), i });
      byNumber.set(row.number, list);
    });
    const want = new Map<string, { tickets: number; within: number }>();
    for (const updates of byNumber.values()) {
      const ordered = [...updates].sort((a, b) => a.t - b.t || a.i - b.i);
      const latest = ordered[ordered.length - 1].row;
      const created = dmy(latest.opened_at);
      if (created < Date.UTC(2016, 2, 1) || created >= Date.UTC(2016, 3, 1)) continue;
      const named = ordered.filter((u) => u.row.assigned_to !== '?');
      if (named.length === 0) continue; // never assigned: accepted, not scored
      const engineer = named[named.length - 1].row.assigned_to;
      const active = ordered.find((u) => u.row.incident_state === 'Active');
      const w = want.get(engineer) ?? { tickets: 0, within: 0 };
      w.tickets += 1;
      if (active && active.t - created <= 3600_000) w.within += 1;
      want.set(engineer, w);
    }
    expect(want.size).toBeGreaterThan(10);
    expect(firstResponses(out, '2016-03')).toEqual(Object.fromEntries(want));
    const m = JSON.parse(readFileSync(join(out, '2016-03', 'manifest.json'), 'utf8')).inputs.events;
    expect(m.rows_read).toBe(m.rows_accepted + m.rows_rejected + m.rows_out_of_period);
  });
});

describe('the example scripts', () => {
  it('each example has a rules file that validates and a run.sh taking the output folder', async () => {
    for (const name of ['helpdesk-italian', 'servicenow-incidents', 'bpi2013-volvo-incidents']) {
      const script = readFileSync(join(ROOT, 'examples', name, 'run.sh'), 'utf8');
      expect(script).toContain('${1:?usage');
      const r = await cli(['validate', '--period', '2012-04', '--config', `examples/${name}/rules.yaml`, '--events', 'fixtures/2025-11/tickets.csv', '--max-reject-rate', '1']);
      expect(r.stderr).not.toContain('rules file has');
    }
  });
});
