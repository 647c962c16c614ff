// Join stage, responses: one row per ticket, counted in the period of its receipt, for the row's own roster engineer
// or else its ticket's; then every cohort ticket without a response counts as not responded. The row's own checks
// (local.ts: negative durations, the period) come first.
import type { EngineerAcc } from '../metrics/accumulator.js';
import { ms, type JoinContext } from './context.js';

export async function joinResponses(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const { tickets } = ctx;
  const unjoined = ctx.unjoinedResponses;
  await ctx.readChecked('responses', path, shown, (rec, row, run) => {
    const received = ms(rec.received_at);
    const first = rec.first_response_at as number | null;
    const arrival = rec.onsite_arrival_at as number | null;
    const slot = ctx.attribute(rec, row, run);
    if (!slot) return;
    const tid = rec.ticket_id as string;
    const t = ctx.joined;
    const dup = t >= 0 ? tickets.responseRow(t) : unjoined.get(tid);
    if (dup) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', tid, { what: 'ticket', first: dup });
    if (t >= 0) tickets.markResponded(t, row);
    else unjoined.set(tid, row);
    run.summary.rows_accepted += 1;
    const acc = slot.acc;
    if (!acc || (t >= 0 && tickets.cancelled(t))) return;
    ctx.countResponse(acc, t, received, first, arrival);
  });
}

/** A cohort ticket without any response row counts as not responded (and, onsite, as not arrived). */
export function countUnresponded(ctx: JoinContext): void {
  const n = ctx.slots.length;
  const missing = new Int32Array(n);
  const onsite = new Int32Array(n);
  ctx.tickets.countUnresponded(missing, onsite);
  for (let e = 0; e < n; e++) {
    if (missing[e] === 0) continue;
    const acc = ctx.slots[e].acc as EngineerAcc; // a cohort ticket's engineer is scored
    acc.responseMissing += missing[e];
    acc.onsiteCases += onsite[e];
  }
}
