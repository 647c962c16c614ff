// Per-input config options for real exports: duplicates, date_format, null_values, extra coded values, aliases.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/pipeline.js';
import { makePeriod } from '../../src/util/time.js';
import { defaultConfig, metricValues } from '../helpers.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

async function run(inputs: string, tickets: string, roster = 'engineer_id,name\nE1,A\n') {
  const config = defaultConfig((y) => y.replace('inputs:\n  tickets: { aliases: { engineer_id: [Assignee, 负责人] } }', `inputs:\n${inputs}`).replace('metric: complaint_rate', 'metric: resolved'));
  const dir = tempDir('opt-');
  writeFileSync(join(dir, 't.csv'), tickets);
  writeFileSync(join(dir, 'r.csv'), roster);
  const r = await runPipeline({ config, period: makePeriod('2016-03', config.timezone), paths: { tickets: join(dir, 't.csv'), roster: join(dir, 'r.csv') }, prior: null });
  const t = r.inputs.find((s) => s.input === 'tickets')!;
  const resolved = r.engineers[0] && metricValues(r.engineers[0]).resolved;
  return { t, acc: resolved && { tickets: resolved.n, resolved: resolved.value }, rejects: r.rejects.map((x) => [x.location.row, x.location.column, x.code]) };
}

const SNAPSHOT = 'number,assigned_to,opened_at,resolved_at,incident_state\nINC1,E1,29/2/2016 01:16,?,New\nINC2,E1,1/3/2016 08:00,?,New\nINC2,E1,1/3/2016 08:00,2/3/2016 09:00,Resolved\nINC3,E1,2/3/2016 10:00,?,Active\n';
const MAP = `  tickets:
    aliases: { ticket_id: [number], engineer_id: [assigned_to], created_at: [opened_at], status: [incident_state] }
    values: { status: { open: [New, Active], resolved: [Resolved] } }
    date_format: "D/M/YYYY H:mm"
    null_values: ["?"]`;

describe('input options', () => {
  it('without duplicates: a repeated ticket is DUPLICATE_ID', async () => {
    const { t, rejects } = await run(MAP, SNAPSHOT);
    expect(rejects).toEqual([[4, 'number', 'DUPLICATE_ID']]);
    expect(t).toMatchObject({ rows_read: 4, rows_accepted: 2, rows_rejected: 1, rows_out_of_period: 1 });
  });
  it('duplicates: keep_last takes the latest row of a snapshot; the others are accepted and superseded', async () => {
    const { t, acc, rejects } = await run(`${MAP}\n    duplicates: keep_last`, SNAPSHOT);
    expect(rejects).toEqual([]);
    expect(t).toMatchObject({ rows_read: 4, rows_accepted: 3, rows_rejected: 0, rows_out_of_period: 1, rows_superseded: 1 });
    expect(acc).toMatchObject({ tickets: 2, resolved: 1 });
  });
  it('duplicates: keep_first takes the first row', async () => {
    const { acc, t } = await run(`${MAP}\n    duplicates: keep_first`, SNAPSHOT);
    expect(acc).toMatchObject({ tickets: 2, resolved: 0 });
    expect(t.rows_superseded).toBe(1);
  });
  it('date_format reads day-first dates, and null_values makes ? empty instead of a bad date', async () => {
    const without = await run(`  tickets:\n    aliases: { ticket_id: [number], engineer_id: [assigned_to], created_at: [opened_at], status: [incident_state] }\n    values: { status: { open: [New, Active], resolved: [Resolved] } }`, SNAPSHOT);
    expect(without.rejects.map((r) => r[2])).toEqual(['BAD_DATE', 'BAD_DATE', 'BAD_DATE', 'BAD_DATE']);
    const noNulls = await run(MAP.replace('    null_values: ["?"]', ''), SNAPSHOT);
    expect(noNulls.rejects).toContainEqual([2, 'resolved_at', 'BAD_DATE']);
  });
  it('values: extra words for coded values; an unknown word is still BAD_ENUM', async () => {
    const { rejects } = await run(MAP, 'number,assigned_to,opened_at,incident_state\nINC1,E1,1/3/2016 08:00,Awaiting Vendor\n');
    expect(rejects).toEqual([[2, 'incident_state', 'BAD_ENUM']]);
  });
});
