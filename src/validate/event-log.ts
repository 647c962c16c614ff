// Validate/join stage for event logs (one row per status change of a ticket): the config's event_log mapping turns the
// events of each ticket into one ticket record and one response record. Rows are accounted per ticket at the end.
import type { EventLogConfig, EventMarker } from '../config/schema.js';
import type { ColumnSpec } from './columns.js';
import type { Rec } from './record.js';
import { normalizeWord } from './values.js';

/** The reader's columns for an events file: canonical ids bound to the headers the config names. */
export function eventColumns(e: EventLogConfig): ColumnSpec[] {
  const cols: ColumnSpec[] = [
    { id: 'ticket_id', required: true, type: 'id', aliases: [e.columns.ticket_id] },
    { id: 'timestamp', required: true, type: 'timestamp', aliases: [e.columns.timestamp] },
  ];
  if (e.columns.activity) cols.push({ id: 'activity', required: false, type: 'text', aliases: [e.columns.activity] });
  if (e.columns.actor) cols.push({ id: 'actor', required: false, type: 'id', aliases: [e.columns.actor] });
  const markers: [string, EventMarker | undefined, ColumnSpec['type']][] = [
    ['created', e.created, 'timestamp'], ['first_response', e.first_response, 'timestamp'], ['resolved', e.resolved, 'timestamp'],
    ['closed', e.closed, 'timestamp'], ['reopened', e.reopened, 'text'], ['cancelled', e.cancelled, 'text'],
  ];
  for (const [id, m, type] of markers) {
    if (m?.column) cols.push({ id: `col_${id}`, required: false, type, aliases: [m.column] });
  }
  return cols;
}

interface Moment { t: number; actor: string | null }

/** What is kept of one ticket while its events stream by: a few instants and actors, and its row numbers. */
interface TicketEvents {
  rows: number[];
  first: Moment;
  last: Moment;
  lastActor: string | null;
  lastActorT: number;
  created: number | null;
  firstResponse: Moment | null;
  resolved: Moment | null;
  closed: number | null;
  reopened: boolean;
  cancelled: boolean;
  columns: Record<string, string | number | null>;
  lastColumnT: number;
}

export interface DerivedTicket {
  ticket_id: string;
  rows: number[];
  engineer: string | null;
  created_at: number;
  resolved_at: number | null;
  status: 'open' | 'resolved' | 'closed' | 'cancelled';
  reopened: boolean;
  first_response_at: number | null;
}

const TRUTHY = /^(true|yes|y|是)$/i;

export class EventLogCollector {
  private readonly tickets = new Map<string, TicketEvents>();
  private readonly sets: Record<string, Set<string>> = {};
  private readonly excluded: Set<string>;

  constructor(private readonly e: EventLogConfig) {
    for (const k of ['created', 'first_response', 'resolved', 'closed', 'reopened', 'cancelled'] as const) {
      const m = e[k];
      if (m?.activity) this.sets[k] = new Set(m.activity.map(normalizeWord));
    }
    this.excluded = new Set(e.exclude_actors);
  }

  add(rec: Rec, row: number): void {
    const id = rec.ticket_id as string;
    const t = rec.timestamp as number;
    const actorRaw = (rec.actor as string | null) ?? null;
    const actor = actorRaw !== null && !this.excluded.has(actorRaw) ? actorRaw : null;
    let s = this.tickets.get(id);
    if (!s) {
      s = {
        rows: [], first: { t, actor }, last: { t, actor }, lastActor: null, lastActorT: -Infinity, created: null, firstResponse: null, resolved: null,
        closed: null, reopened: false, cancelled: false, columns: {}, lastColumnT: -Infinity,
      };
      this.tickets.set(id, s);
    }
    s.rows.push(row);
    if (t < s.first.t) s.first = { t, actor };
    if (t >= s.last.t) s.last = { t, actor };
    if (actor !== null && t >= s.lastActorT) {
      s.lastActor = actor;
      s.lastActorT = t;
    }
    const activity = rec.activity === null || rec.activity === undefined ? null : normalizeWord(rec.activity as string);
    if (activity !== null) {
      const hit = (k: string) => this.sets[k]?.has(activity) === true;
      if (hit('created')) s.created = s.created === null ? t : Math.min(s.created, t);
      // an excluded (system) account's event is no response; an event without an actor still times the response
      const systemEvent = actorRaw !== null && actor === null;
      if (hit('first_response') && !systemEvent && (s.firstResponse === null || t < s.firstResponse.t)) s.firstResponse = { t, actor };
      if (hit('resolved')) s.resolved = pickMoment(s.resolved, { t, actor }, this.e.resolved?.pick ?? 'first');
      if (hit('closed')) s.closed = s.closed === null ? t : this.e.closed?.pick === 'last' ? Math.max(s.closed, t) : Math.min(s.closed, t);
      if (hit('reopened')) s.reopened = true;
      if (hit('cancelled')) s.cancelled = true;
    }
    // column facts are read from the ticket's latest row (a snapshot export repeats the ticket on every update)
    if (t >= s.lastColumnT) {
      s.lastColumnT = t;
      for (const k of Object.keys(rec)) if (k.startsWith('col_')) s.columns[k] = rec[k] as string | number | null;
    }
  }

  /** Every ticket of the log, in order of first appearance, with its derived fields. */
  *derive(): Generator<DerivedTicket> {
    const e = this.e;
    for (const [id, s] of this.tickets) {
      const col = (k: string) => s.columns[`col_${k}`];
      const created = e.created?.column ? (col('created') as number | null) : (s.created ?? s.first.t);
      const resolvedAt = e.resolved?.column ? (col('resolved') as number | null) : (s.resolved?.t ?? null);
      const closedAt = e.closed?.column ? (col('closed') as number | null) : s.closed;
      const flag = (k: 'reopened' | 'cancelled') => {
        if (!e[k]?.column) return s[k];
        const v = col(k);
        if (v === null || v === undefined) return false;
        const n = Number(v);
        return Number.isFinite(n) ? n > 0 : TRUTHY.test(String(v));
      };
      let engineer: string | null = null;
      for (const rule of e.engineer) {
        engineer = rule === 'resolver' ? (s.resolved?.actor ?? null)
          : rule === 'first_responder' ? (s.firstResponse?.actor ?? null)
            : rule === 'last_actor' ? s.lastActor
              : s.first.actor;
        if (engineer !== null) break;
      }
      const cancelled = flag('cancelled');
      yield {
        ticket_id: id,
        rows: s.rows,
        engineer,
        created_at: created ?? s.first.t,
        resolved_at: resolvedAt ?? null,
        status: cancelled ? 'cancelled' : closedAt !== null && closedAt !== undefined ? 'closed' : resolvedAt !== null && resolvedAt !== undefined ? 'resolved' : 'open',
        reopened: flag('reopened'),
        first_response_at: s.firstResponse?.t ?? null,
      };
    }
  }
}

function pickMoment(prev: Moment | null, next: Moment, pick: 'first' | 'last'): Moment {
  if (prev === null) return next;
  return pick === 'first' ? (next.t < prev.t ? next : prev) : next.t >= prev.t ? next : prev;
}
