// Join stage, onboarding (入职定级): a new engineer's entry exam, experience points and education points, for their
// first grade (history/ledger.ts). Whole numbers: they become annual points and pay.
import { formatNumber } from '../util/round.js';
import type { JoinContext } from './context.js';

/** The largest experience or education points one row may give (a year's points are a few hundred). */
const MAX_POINTS = 10_000;

export async function joinOnboarding(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  await ctx.readRows('onboarding', path, shown, (rec, row, run) => {
    const id = rec.engineer_id;
    const ranges = [['exam_score', rec.exam_score, 100], ['experience_points', rec.experience_points ?? 0, MAX_POINTS], ['education_points', rec.education_points ?? 0, MAX_POINTS]] as const;
    for (const [column, v, max] of ranges) {
      if (!Number.isInteger(v) || v < 0 || v > max) return run.reject({ row }, 'OUT_OF_RANGE', column, formatNumber(v, 10), { range: `whole numbers 0-${max}` });
    }
    const slot = ctx.roster.get(id);
    if (!slot || !slot.tally) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', id, slot ? { id, status: 'left' } : { id });
    const first = ctx.onboardingRows.get(id);
    if (first !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'engineer_id', id, { what: 'engineer', first });
    ctx.onboardingRows.set(id, row);
    ctx.onboarding.set(id, { exam_score: rec.exam_score, experience_points: rec.experience_points ?? 0, education_points: rec.education_points ?? 0 });
    run.summary.rows_accepted += 1;
  });
}
