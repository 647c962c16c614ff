// `scorecard history`: an engineer's published periods side by side (total, rating, streaks, points, level, salary).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { publishedPeriods } from '../report/publish.js';
import { loadPeriodJson } from './explain.js';
import { formatFixed } from '../util/round.js';
import { parseState } from '../history/state.js';

export function historyCommand(id: string, o: { out: string }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const out = resolve(io.cwd, o.out);
  const periods = publishedPeriods(out);
  const cols: { period: string; cells: Record<string, string> }[] = [];
  for (const p of periods) {
    const data = loadPeriodJson(out, p);
    if (typeof data === 'string') continue;
    const e = data.engineers.find((x) => x.engineer_id === id) as Record<string, any> | undefined;
    if (!e) continue;
    const st = parseState(readFileSync(join(out, p, 'state.json'), 'utf8')).engineers.find((x) => x.engineer_id === id);
    cols.push({
      period: p,
      cells: {
        total: formatFixed(e.total, 1), rating: e.rating, bonus: String(e.bonus),
        streaks: st ? Object.entries(st.streaks).map(([k, v]) => `${k}:${v}`).join(' ') : '',
        actions: (e.actions as string[]).join(';') || '-', points_delta: String(e.ledger.points_delta),
        annual_points: String(e.ledger.annual_points), level: String(e.ledger.level), base_salary: String(e.ledger.base_salary),
        salary_reduction: String(e.ledger.salary_reduction), next_salary: String(e.ledger.next_salary),
      },
    });
  }
  if (cols.length === 0) {
    log.error(`no published period in ${o.out} scores engineer ${id}`);
    return EXIT.DATA;
  }
  const rows = ['total', 'rating', 'bonus', 'streaks', 'actions', 'points_delta', 'annual_points', 'level', 'base_salary', 'salary_reduction', 'next_salary'];
  const width = Math.max(...cols.map((c) => Math.max(c.period.length, ...Object.values(c.cells).map((v) => v.length)))) + 2;
  const w = (s: string) => io.stdout.write(`${s.trimEnd()}\n`);
  w(`engineer ${id}`);
  w(`${''.padEnd(18)}${cols.map((c) => c.period.padEnd(width)).join('')}`);
  for (const r of rows) w(`${r.padEnd(18)}${cols.map((c) => (c.cells[r] ?? '').padEnd(width)).join('')}`);
  return EXIT.OK;
}
