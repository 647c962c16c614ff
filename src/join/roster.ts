// Join stage, roster: who is scored. One slot per engineer, looked up once per row of every other input.
import { formatNumber } from '../util/round.js';
import { newAcc } from '../metrics/accumulator.js';
import type { RosterEntry } from '../history/ledger.js';
import { isoDay, ms, str, type JoinContext } from './context.js';

/** What a roster's level and annual points can be: a value past these is a typing or export error, never pay. */
export const RANGES = { level: 100, annual_points: 1_000_000 } as const;

export async function joinRoster(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  await ctx.read('roster', path, shown, (rec, row, run) => {
    const id = rec.engineer_id as string;
    const first = ctx.roster.get(id);
    if (first) return run.reject({ row }, 'DUPLICATE_ID', 'engineer_id', id, { what: 'engineer', first: first.row });
    for (const k of ['level', 'annual_points'] as const) {
      const v = rec[k] as number | null;
      const max = RANGES[k];
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > max)) return run.reject({ row }, 'OUT_OF_RANGE', k, formatNumber(v, 10), { range: `whole numbers 0-${max}` });
    }
    const entry: RosterEntry = {
      engineer_id: id, name: rec.name as string, team: str(rec.team), level: rec.level as number | null,
      annual_points: rec.annual_points as number | null, hire_date: rec.hire_date === null ? null : isoDay(ms(rec.hire_date), ctx.config.timezone),
      status: (rec.status as RosterEntry['status'] | null) ?? 'active',
    };
    ctx.addEngineer(id, { row, entry, acc: entry.status === 'left' ? null : newAcc(ctx.values, ctx.plan) });
    run.summary.rows_accepted += 1;
  });
}
