// Join stage, event logs: every event is read first, then each ticket (and its first response) is derived from its
// events by the config's event_log mapping; a ticket's rows are accepted, out of period or rejected together.
import { newAcc } from '../metrics/accumulator.js';
import { EventLogCollector, eventColumns } from '../validate/event-log.js';
import { ConfigNeeded, type JoinContext } from './context.js';

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
      ctx.addEngineer(d.engineer, { row: 0, entry: { engineer_id: d.engineer, name: d.engineer, team: '', level: null, annual_points: null, hire_date: null, status: 'active' }, acc: newAcc(ctx.values, ctx.plan) });
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
    if (d.engineer !== null && (!slot || !slot.acc)) {
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
    const acc = slot.acc;
    const cancelled = d.status === 'cancelled';
    tickets.add(d.ticket_id, slot, d.rows[0], !cancelled && acc !== null, cancelled, false);
    if (cancelled || !acc) continue;
    ctx.countTicket(acc, d.created_at, d.resolved_at, d.status, false, d.reopened, false);
    if (e.first_response) {
      tickets.markResponded(tickets.size - 1, d.rows[0]);
      ctx.countResponse(acc, tickets.size - 1, d.created_at, first, null);
    }
  }
  summary.tickets_unassigned = unassigned;
  if (e.first_response) ctx.responsesFromEvents = true;
}
