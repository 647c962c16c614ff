// Join stage, evaluations (supervisor, peer, self, training): the period's values per engineer and item (metric eval:ITEM).
import type { JoinContext } from './context.js';

export async function joinEvaluations(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const seen = new Map<string, number>();
  await ctx.read('evaluations', path, shown, (rec, row, run) => {
    const engineer = rec.engineer_id as string;
    const item = rec.item as string;
    const slot = ctx.roster.get(engineer);
    if (!slot) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, { id: engineer });
    const key = `${engineer}\u0000${item}`;
    const dup = seen.get(key);
    if (dup !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'item', item, { what: 'engineer and item', first: dup });
    seen.set(key, row);
    run.summary.rows_accepted += 1;
    slot.acc?.evals.set(item, rec.value as number);
  });
}
