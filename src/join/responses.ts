// Join stage, responses: one row per ticket, counted in the period of its receipt, for the row's own roster engineer
// or else its ticket's; then every cohort ticket without a response counts as not responded. The row's own checks
// (local.ts: negative durations, the period) come first.
import type { EngineerTally, JoinContext } from './context.js';

export async function joinResponses(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const { tickets } = ctx;
  const unjoined = ctx.unjoinedResponses;
  await ctx.readChecked('responses', path, shown, (rec, row, run) => {
    const slot = ctx.attribute(rec, row, run);
    if (!slot) return;
    const tid = rec.ticket_id;
    const t = ctx.joined;
    const dup = t >= 0 ? tickets.responseRow(t) : unjoined.get(tid);
    if (dup) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', tid, { what: 'ticket', first: dup });
    if (t >= 0) tickets.markResponded(t, row);
    else unjoined.set(tid, row);
    run.summary.rows_accepted += 1;
    const tally = slot.tally;
    if (!tally || (t >= 0 && tickets.cancelled(t))) return;
    ctx.countResponse(tally, t, rec, rec.received_at, rec.first_response_at, rec.onsite_arrival_at);
  });
}

/** A cohort ticket without any response row counts as a response without a first response (onsite: without arrival). */
export function countUnresponded(ctx: JoinContext): void {
  const n = ctx.slots.length;
  const missing = new Int32Array(n);
  const onsite = new Int32Array(n);
  ctx.tickets.countUnresponded(missing, onsite);
  for (let e = 0; e < n; e++) {
    if (missing[e] === 0) continue;
    const tally = ctx.slots[e].tally as EngineerTally; // a cohort ticket's engineer is scored
    for (let k = 0; k < missing[e]; k++) ctx.countResponse(tally, -1, null, 0, null, null, k < onsite[e]);
  }
}
