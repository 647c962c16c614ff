// Join stage: what the per-input join steps share while a period is read: the roster slots, the ticket index, the
// rejects and the row accounting of every input, and the reading of one input row by row.
import type { Config, InputName } from '../config/schema.js';
import { wallParts, type Period } from '../util/time.js';
import type { Rec } from '../validate/record.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { Reject, RejectCode } from '../problems.js';
import { accPlan, ValueLog, type AccPlan, type EngineerAcc } from '../metrics/accumulator.js';
import type { RosterEntry } from '../history/ledger.js';
import { TicketIndex, type Tickets } from './ticket-index.js';
import { IdTable } from './id-table.js';
import { eachRecord, InputRun, type FilePart, type InputSummary, type RowFn } from './read-input.js';
import { localCheck, type Joiner, type SplitInput } from './local.js';

export { ConfigNeeded, InputRun, type InputSummary, type RowFn } from './read-input.js';

/** An engineer of the roster (index: in roster order) and, when scored (not left), the running aggregates of the period. */
export interface Slot { row: number; index: number; entry: RosterEntry; acc: EngineerAcc | null }

/** Two threads cannot give exactly what one would (a duplicate across the parts of a file, a file's problem, a quoted
 * cell across a cut): the month is read again in one thread. */
export class OneThreadAfterAll extends Error {}

export const ms = (v: unknown) => v as number;
export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The calendar day (YYYY-MM-DD) of an instant in the config timezone. */
export function isoDay(t: number, tz: string): string {
  const w = wallParts(t, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export class JoinContext {
  readonly rejects: Reject[] = [];
  readonly inputs: InputSummary[] = [];
  readonly roster = new Map<string, Slot>();
  /** the roster's slots by index (in roster order) */
  readonly slots: Slot[] = [];
  /** where the engineers' lists of durations and scores take their values, handed over in runs */
  readonly values = new ValueLog();
  /** the accepted tickets, while responses and surveys are joined (released after the joins: it is the biggest thing held) */
  tickets: Tickets<Slot> = this.newTickets();
  /** response rows naming their own engineer and a ticket not in the files: ticket id -> row */
  readonly unjoinedResponses = new Map<string, number>();
  /** the surveys accepted: survey id -> row */
  readonly surveyIds = new IdTable();
  /** with two threads, in the second: the survey ids checked against surveyIds (the first thread's must not hold one) */
  surveyIdsChecked: IdTable | null = null;
  /** the ticket slot the last attribute() call found, or -1 */
  joined = -1;
  /** whether first responses came from an event log (then cohort tickets without one count as not responded) */
  responsesFromEvents = false;

  /** what the rules ask of every engineer's lists (which values are kept, which thresholds counted) */
  readonly plan: AccPlan;

  constructor(readonly config: Config, readonly period: Period, readonly stdin?: NodeJS.ReadableStream) {
    this.plan = accPlan(config);
  }

  /** An engineer of the roster, numbered on (index: the number of engineers before). */
  addEngineer(id: string, slot: Omit<Slot, 'index'>): Slot {
    const s = { ...slot, index: this.slots.length };
    this.roster.set(id, s);
    this.slots.push(s);
    return s;
  }

  /** An empty ticket index over this roster (shared: in memory another thread can read, see TicketIndex). */
  newTickets(shared = false): TicketIndex<Slot> {
    return new TicketIndex<Slot>((n) => this.slots[n], shared);
  }

  inPeriod(t: number): boolean {
    return t >= this.period.start && t < this.period.end;
  }

  /** Reads one input row by row; its summary joins the run's inputs (in reading order). */
  async read(input: InputName, path: string, shown: string | undefined, fn: RowFn, columns?: ColumnSpec[], part?: FilePart): Promise<InputSummary> {
    const t0 = performance.now();
    const summary = await eachRecord(path, shown, input, this.config, this.rejects, this.stdin, fn, columns, undefined, part);
    summary.read_ms = performance.now() - t0;
    this.inputs.push(summary);
    return summary;
  }

  /**
   * With two threads, the part of an input this thread reads: in the main thread the first (up to a line start), in
   * the second thread the rest (from there; its rows numbered from 1 there).
   */
  parts: Partial<Record<SplitInput, FilePart>> = {};

  /**
   * Reads an input whose rows are checked on their own first (local.ts), then joined; with two threads, this
   * thread's part of it (a first part that does not end with a record stops the two threads: OneThreadAfterAll).
   */
  async readChecked(input: SplitInput, path: string, shown: string | undefined, join: Joiner): Promise<InputSummary> {
    const check = localCheck(input, this.config, this.period);
    const part = this.parts[input];
    const summary = await this.read(input, path, shown, (rec, row, run, text) => {
      if (check(rec, row, run, text)) join(rec, row, run);
    }, undefined, part);
    if (part && 'split' in part && part.split.records === null) throw new OneThreadAfterAll(`a quoted cell of ${summary.file} runs across the cut`);
    return summary;
  }

  /** Rejects several rows at once (the rows of one event-log ticket). */
  rejectRows(s: InputSummary, rows: number[], code: RejectCode, column: string, value: string, args: Record<string, string | number>): void {
    for (const row of rows) {
      this.rejects.push({ code, location: { file: s.file, sheet: s.sheet, row, column }, value, args });
      s.rows_rejected += 1;
      (s.reject_codes[code] ??= []).push(row);
    }
  }

  countTicket(acc: EngineerAcc, created: number, resolved: number | null, status: string | null, complaint: boolean, reopened: boolean, callback: boolean): void {
    acc.tickets += 1;
    // durations in milliseconds (the lists' unit: hours are kept as whole milliseconds, summed exactly)
    if (resolved !== null || status === 'resolved' || status === 'closed') acc.resolved += 1;
    if (resolved !== null) acc.resolutionHours.push(resolved - created);
    if (complaint) {
      acc.complaints += 1;
      if (resolved !== null) acc.complaintHours.push(resolved - created);
    }
    if (reopened) acc.reopened += 1;
    if (callback) acc.callbacks += 1;
  }

  countResponse(acc: EngineerAcc, t: number, received: number, first: number | null, arrival: number | null): void {
    if (first !== null) acc.firstResponse.push(first - received); // milliseconds: the lists' unit
    else acc.responseMissing += 1;
    if (t >= 0 && this.tickets.onsite(t)) {
      acc.onsiteCases += 1;
      if (arrival !== null) acc.onsiteArrival.push(arrival - received);
    }
  }

  /** The engineer of a response or survey: the row's own roster engineer, else its ticket's (sets joined). */
  attribute(rec: Rec, row: number, run: InputRun): Slot | null {
    const own = rec.engineer_id as string | null;
    this.joined = rec.ticket_id === null ? -1 : this.tickets.find(rec.ticket_id as string);
    if (own) {
      const slot = this.roster.get(own);
      if (!slot || !slot.acc) {
        run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', own, slot ? { id: own, status: 'left' } : { id: own });
        return null;
      }
      return slot;
    }
    if (this.joined < 0) {
      run.reject({ row }, 'UNKNOWN_TICKET', 'ticket_id', str(rec.ticket_id), { id: str(rec.ticket_id) });
      return null;
    }
    return this.tickets.engineer(this.joined);
  }
}
