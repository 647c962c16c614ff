// Join stage, evaluations (supervisor, peer, self, training): the period's values per engineer and item (metric eval:ITEM).
import { formatNumber } from '../util/round.js';
import type { JoinContext } from './context.js';

/**
 * The range of each item's values: 0-100 for an item an indicator takes as a score as it is (kind value), else 0 up to
 * a million (hours, counts). A value outside is a reject, never clamped into a score.
 */
function itemRanges(ctx: JoinContext): (item: string) => [number, number] {
  const scores = new Set(ctx.config.indicators.filter((i) => i.metric.startsWith('eval:') && i.scoring.kind === 'value').map((i) => i.metric.slice(5)));
  return (item) => (scores.has(item) ? [0, 100] : [0, 1_000_000]);
}

export async function joinEvaluations(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const seen = new Map<string, number>();
  const range = itemRanges(ctx);
  await ctx.readRows('evaluations', path, shown, (rec, row, run) => {
    const engineer = rec.engineer_id;
    const item = rec.item;
    const [lo, hi] = range(item);
    const value = rec.value;
    if (value < lo || value > hi) return run.reject({ row }, 'OUT_OF_RANGE', 'value', formatNumber(value, 10), { range: `${lo}-${hi}` });
    const slot = ctx.roster.get(engineer);
    if (!slot || !slot.tally) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, slot ? { id: engineer, status: 'left' } : { id: engineer });
    const key = `${engineer}\u0000${item}`;
    const dup = seen.get(key);
    if (dup !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'item', item, { what: 'engineer and item', first: dup });
    seen.set(key, row);
    run.summary.rows_accepted += 1;
    if (ctx.corrections?.evaluations.has(`${engineer}\u0000${item}`)) return; // corrected: the correction's value counts instead
    ctx.countEvaluation(slot.tally, rec);
  });
}

/** Upheld appeals of evaluations: each corrected value counts for its engineer and item (in place of the file's). */
export function applyEvaluationCorrections(ctx: JoinContext): void {
  for (const c of ctx.corrections?.evaluations.values() ?? []) {
    const slot = ctx.roster.get(c.engineer_id);
    if (!slot?.tally) continue; // not applied: settled with the reason
    ctx.countEvaluation(slot.tally, { engineer_id: c.engineer_id, item: c.target, value: c.number });
    ctx.corrections?.applied(c, c.engineer_id);
  }
}
