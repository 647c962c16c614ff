// `scorecard history`: an engineer's published periods side by side (total, rating, streaks, points, level, salary).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { publishedPeriods, readPublishedFile } from '../report/publish.js';
import { loadPeriodJson } from './explain.js';
import { formatFixed } from '../util/round.js';
import { parseState, StateError, type EngineerState } from '../history/state.js';

export function historyCommand(id: string, o: { out: string }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const out = resolve(io.cwd, o.out);
  const periods = publishedPeriods(out);
  const cols: { period: string; cells: Record<string, string> }[] = [];
  for (const p of periods) {
    if (!existsSync(join(out, p, 'scorecards.json'))) continue; // published without the json format
    const data = loadPeriodJson(out, p);
    if (typeof data === 'string') {
      log.error(data);
      return EXIT.DATA;
    }
    const e = data.engineers.find((x) => x.engineer_id === id) as Record<string, any> | undefined;
    if (!e) continue;
    let st: EngineerState | undefined;
    try {
      st = parseState(readPublishedFile(out, p, 'state.json').toString('utf8')).engineers.find((x) => x.engineer_id === id);
    } catch (err) {
      log.error(err instanceof StateError ? `${join(out, p, 'state.json')}: ${err.message}` : (err as Error).message);
      return EXIT.DATA;
    }
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
