// Join stage, roster: who is scored. One slot per engineer, looked up once per row of every other input.
import { formatNumber } from '../util/round.js';
import type { RosterEntry } from '../history/ledger.js';
import { isoDay, newTally, type JoinContext } from './context.js';

/** What a roster's level and annual points can be: a value past these is a typing or export error, never pay. */
export const RANGES = { level: 100, annual_points: 1_000_000 } as const;

export async function joinRoster(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  await ctx.readRows('roster', path, shown, (rec, row, run) => {
    const id = rec.engineer_id;
    const first = ctx.roster.get(id);
    if (first) return run.reject({ row }, 'DUPLICATE_ID', 'engineer_id', id, { what: 'engineer', first: first.row });
    for (const k of ['level', 'annual_points'] as const) {
      const v = rec[k];
      const max = RANGES[k];
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > max)) return run.reject({ row }, 'OUT_OF_RANGE', k, formatNumber(v, 10), { range: `whole numbers 0-${max}` });
    }
    const entry: RosterEntry = {
      engineer_id: id, name: rec.name, team: rec.team ?? '', level: rec.level,
      annual_points: rec.annual_points, hire_date: rec.hire_date === null ? null : isoDay(rec.hire_date, ctx.config.timezone),
      status: rec.status ?? 'active',
      ...(rec.probation_end !== null ? { probation_end: isoDay(rec.probation_end, ctx.config.timezone) } : {}),
    };
    ctx.addEngineer(id, { row, entry, tally: entry.status === 'left' ? null : newTally(ctx.metrics) });
    run.summary.rows_accepted += 1;
  });
}
