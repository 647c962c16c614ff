// Join stage, tickets: the period's cohort (tickets created in it, less cancelled ones), each counted for its engineer.
// The row's own checks (local.ts) come first: only rows created in the period, with no negative duration, get here.
import { ms, type JoinContext } from './context.js';

export async function joinTickets(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const { roster, tickets } = ctx;
  await ctx.readChecked('tickets', path, shown, (rec, row, run) => {
    const created = ms(rec.created_at);
    const resolved = rec.resolved_at as number | null;
    const id = rec.ticket_id as string;
    const engineer = rec.engineer_id as string;
    const slot = roster.get(engineer);
    // an engineer marked left is not scored: their rows are rejects, never accepted rows that no output shows
    if (!slot || !slot.acc) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, slot ? { id: engineer, status: 'left' } : { id: engineer });
    const cancelled = rec.status === 'cancelled';
    const acc = slot.acc;
    const first = tickets.addNew(id, slot, row, !cancelled && acc !== null, cancelled, rec.channel === 'onsite');
    if (first >= 0) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', id, { what: 'ticket', first: tickets.row(first) });
    run.summary.rows_accepted += 1;
    if (cancelled || !acc) return;
    ctx.countTicket(acc, created, resolved, rec.status as string | null, rec.is_complaint === true, rec.reopened === true, rec.callback_done === true);
  });
}
