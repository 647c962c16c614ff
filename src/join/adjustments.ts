// Join stage, adjustments (加减分项): score items add to the month's total (capped later), points items to the ledger.
import { formatNumber } from '../util/round.js';
import { roundHalfUp } from '../util/round.js';
import { isoDay, type JoinContext } from './context.js';

/** The largest points adjustment one row may make (a year's points are a few hundred). */
const MAX_POINTS = 100_000;

export async function joinAdjustments(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  await ctx.readRows('adjustments', path, shown, (rec, row, run) => {
    const value = rec.value;
    if (rec.target === 'points' && (!Number.isInteger(value) || Math.abs(value) > MAX_POINTS)) {
      return run.reject({ row }, 'OUT_OF_RANGE', 'value', formatNumber(value, 10), { range: `whole points from -${MAX_POINTS} to ${MAX_POINTS}` });
    }
    if (rec.target === 'score' && Math.abs(value) > 100) return run.reject({ row }, 'OUT_OF_RANGE', 'value', formatNumber(value, 10), { range: 'score points from -100 to 100' });
    const date = rec.date;
    if (!ctx.inPeriod(date)) {
      run.summary.rows_out_of_period += 1;
      return;
    }
    const engineer = rec.engineer_id;
    const slot = ctx.roster.get(engineer);
    const tally = slot?.tally;
    if (!tally) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, slot ? { id: engineer, status: 'left' } : { id: engineer });
    run.summary.rows_accepted += 1;
    if (rec.target === 'score') tally.scoreAdjustment = roundHalfUp(tally.scoreAdjustment + value, 6);
    else tally.pointsAdjustment += value;
    tally.adjustments.push({ date: isoDay(date, ctx.config.timezone), target: rec.target, value, reason: rec.reason, approved_by: rec.approved_by ?? '' });
  });
}

/** Upheld appeals that adjust a score or points: as an adjustment row of the period, the correction named in the reason. */
export function applyAdjustmentCorrections(ctx: JoinContext): void {
  for (const c of ctx.corrections?.adjustments ?? []) {
    const tally = ctx.roster.get(c.engineer_id)?.tally;
    if (!tally) continue; // not applied: settled with the reason
    if (c.action === 'adjust_score') tally.scoreAdjustment = roundHalfUp(tally.scoreAdjustment + c.number, 6);
    else tally.pointsAdjustment += c.number;
    tally.adjustments.push({
      date: isoDay(c.decided_at ?? ctx.period.start, ctx.config.timezone), target: c.action === 'adjust_score' ? 'score' : 'points', value: c.number,
      reason: `${c.reason} (correction ${c.id})`, approved_by: c.approved_by,
    });
    ctx.corrections?.applied(c, c.engineer_id);
  }
}
