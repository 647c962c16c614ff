// Join stage, tickets: the period's cohort (tickets created in it, less cancelled ones), each counted for its engineer.
// The row's own checks (local.ts) come first: only rows created in the period, with no negative duration, get here.
import type { JoinContext } from './context.js';

export async function joinTickets(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const { roster, tickets } = ctx;
  const fixes = ctx.corrections;
  await ctx.readChecked('tickets', path, shown, (rec, row, run) => {
    const id = rec.ticket_id;
    let engineer = rec.engineer_id;
    // an upheld appeal: the ticket belongs to another engineer (if they are scored), or is not counted at all
    const moved = fixes?.reassign.get(id);
    if (moved) {
      const to = roster.get(moved.value);
      if (to?.tally) {
        fixes?.applied(moved, engineer, moved.value);
        engineer = moved.value;
      } else fixes?.notApplied(moved, `engineer ${moved.value} is not scored this month`);
    }
    const slot = roster.get(engineer);
    // an engineer marked left is not scored: their rows are rejects, never accepted rows that no output shows
    if (!slot || !slot.tally) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, slot ? { id: engineer, status: 'left' } : { id: engineer });
    const excluded = fixes?.excludeTickets.get(id);
    if (excluded) fixes?.applied(excluded, engineer);
    const cancelled = rec.status === 'cancelled' || excluded !== undefined; // excluded: its responses and surveys are not counted either
    const first = tickets.addNew(id, slot, row, !cancelled, cancelled, rec.channel === 'onsite');
    if (first >= 0) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', id, { what: 'ticket', first: tickets.row(first) });
    run.summary.rows_accepted += 1;
    if (!cancelled) ctx.countTicket(slot.tally, rec);
  });
}
