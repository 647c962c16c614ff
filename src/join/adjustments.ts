// Join stage, adjustments (加减分项): score items add to the month's total (capped later), points items to the ledger.
import { formatNumber } from '../util/round.js';
import { roundHalfUp } from '../util/round.js';
import { isoDay, ms, str, type JoinContext } from './context.js';

/** The largest points adjustment one row may make (a year's points are a few hundred). */
const MAX_POINTS = 100_000;

export async function joinAdjustments(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  await ctx.read('adjustments', path, shown, (rec, row, run) => {
    const value = rec.value as number;
    if (rec.target === 'points' && (!Number.isInteger(value) || Math.abs(value) > MAX_POINTS)) {
      return run.reject({ row }, 'OUT_OF_RANGE', 'value', formatNumber(value, 10), { range: `whole points from -${MAX_POINTS} to ${MAX_POINTS}` });
    }
    if (rec.target === 'score' && Math.abs(value) > 100) return run.reject({ row }, 'OUT_OF_RANGE', 'value', formatNumber(value, 10), { range: 'score points from -100 to 100' });
    const date = ms(rec.date);
    if (!ctx.inPeriod(date)) {
      run.summary.rows_out_of_period += 1;
      return;
    }
    const engineer = rec.engineer_id as string;
    const slot = ctx.roster.get(engineer);
    const acc = slot?.acc;
    if (!acc) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, slot ? { id: engineer, status: 'left' } : { id: engineer });
    run.summary.rows_accepted += 1;
    if (rec.target === 'score') acc.scoreAdjustment = roundHalfUp(acc.scoreAdjustment + value, 6);
    else acc.pointsAdjustment += value;
    acc.adjustments.push({ date: isoDay(date, ctx.config.timezone), target: rec.target as string, value, reason: rec.reason as string, approved_by: str(rec.approved_by) });
  });
}
