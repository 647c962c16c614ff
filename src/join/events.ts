// Join stage, event logs: every event is read first, then each ticket (and its first response) is derived from its
// events by the config's event_log mapping; a ticket's rows are accepted, out of period or rejected together.
import { EventLogCollector, eventColumns } from '../validate/event-log.js';
import { ConfigNeeded, newTally, type JoinContext } from './context.js';

export async function joinEvents(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const e = ctx.config.event_log;
  if (!e) throw new ConfigNeeded('an events file needs an event_log section in the rules file (see scorecard init)');
  const { roster, tickets } = ctx;
  const collector = new EventLogCollector(e);
  const summary = await ctx.read('events', path, shown, (rec, row) => collector.add(rec, row), eventColumns(e));
  const derived = [...collector.derive()];
  if (e.derive_roster) {
    // the roster is who worked the period: every engineer of a ticket created in it
    for (const d of derived) {
      if (d.engineer === null || roster.has(d.engineer) || !ctx.inPeriod(d.created_at)) continue;
      ctx.addEngineer(d.engineer, { row: 0, entry: { engineer_id: d.engineer, name: d.engineer, team: '', level: null, annual_points: null, hire_date: null, status: 'active' }, tally: newTally(ctx.metrics) });
    }
  }
  let unassigned = 0;
  for (const d of derived) {
    if (!ctx.inPeriod(d.created_at)) {
      summary.rows_out_of_period += d.rows.length;
      continue;
    }
    const first = d.first_response_at;
    if (first !== null && first < d.created_at) {
      ctx.rejectRows(summary, d.rows, 'NEGATIVE_DURATION', e.columns.timestamp, d.ticket_id, { later: 'first response', earlier: 'creation' });
      continue;
    }
    if (d.resolved_at !== null && d.resolved_at < d.created_at) {
      ctx.rejectRows(summary, d.rows, 'NEGATIVE_DURATION', e.columns.timestamp, d.ticket_id, { later: 'resolution', earlier: 'creation' });
      continue;
    }
    const slot = d.engineer === null ? undefined : roster.get(d.engineer);
    if (d.engineer !== null && (!slot || !slot.tally)) {
      ctx.rejectRows(summary, d.rows, 'UNKNOWN_ENGINEER', e.columns.actor ?? 'actor', d.engineer, slot ? { id: d.engineer, status: 'left' } : { id: d.engineer });
      continue;
    }
    const already = tickets.lookup(d.ticket_id);
    if (already >= 0) {
      ctx.rejectRows(summary, d.rows, 'DUPLICATE_ID', e.columns.ticket_id, d.ticket_id, { what: 'ticket (also in the tickets file)', first: tickets.row(already) });
      continue;
    }
    summary.rows_accepted += d.rows.length;
    if (!slot) {
      unassigned += 1; // no engineer took it (never taken in charge, or only system accounts): accepted, not scored
      continue;
    }
    const tally = slot.tally;
    const cancelled = d.status === 'cancelled';
    tickets.add(d.ticket_id, slot, d.rows[0], !cancelled && tally !== null, cancelled, false);
    if (cancelled || !tally) continue;
    ctx.countTicket(tally, {
      ticket_id: d.ticket_id, engineer_id: slot.entry.engineer_id, created_at: d.created_at, resolved_at: d.resolved_at, status: d.status, priority: null,
      channel: null, is_complaint: null, reopened: d.reopened, customer_id: null, callback_done: null,
    });
    if (e.first_response) {
      tickets.markResponded(tickets.size - 1, d.rows[0]);
      ctx.countResponse(tally, tickets.size - 1, null, d.created_at, first, null);
    }
  }
  summary.tickets_unassigned = unassigned;
  if (e.first_response) ctx.responsesFromEvents = true;
}
