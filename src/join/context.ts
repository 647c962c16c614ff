// Join stage: what the per-input join steps share while a period is read: the roster slots, the ticket index, the
// rejects and the row accounting of every input, and the reading of one input row by row.
import type { Config, InputName } from '../config/schema.js';
import { wallParts, type Period } from '../util/time.js';
import type { Split } from '../ingest/read-table.js';
import { makeRecordReader, type Rec } from '../validate/record.js';
import { COLUMNS, type ColumnSpec } from '../validate/columns.js';
import { FileError, type Reject, type RejectCode } from '../problems.js';
import { ValueLog, type EngineerAcc } from '../metrics/accumulator.js';
import type { RosterEntry } from '../history/ledger.js';
import { TicketIndex } from './ticket-index.js';
import { eachRecord, InputRun, type FilePart, type InputSummary, type RowFn } from './read-input.js';
import { localCheck, type Joiner, type SplitInput } from './local.js';
import { replay } from './batches.js';
import { recordColumns, type ReadCounts, type ReadingThread } from './reading-thread.js';

export { ConfigNeeded, InputRun, type InputSummary, type RowFn } from './read-input.js';

/** An engineer of the roster and, when scored (not left), the running aggregates of the period. */
export interface Slot { row: number; entry: RosterEntry; acc: EngineerAcc | null }

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
  /** where the engineers' lists of durations and scores take their values, handed over in runs */
  readonly values = new ValueLog();
  /** the accepted tickets, while responses and surveys are joined (released after the joins: it is the biggest thing held) */
  tickets = new TicketIndex<Slot>();
  /** the ticket slot the last attribute() call found, or -1 */
  joined = -1;
  /** whether first responses came from an event log (then cohort tickets without one count as not responded) */
  responsesFromEvents = false;

  constructor(readonly config: Config, readonly period: Period, readonly stdin?: NodeJS.ReadableStream) {}

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

  /** The reading thread, when it reads some inputs ahead (a big month). */
  reading: ReadingThread | null = null;

  /**
   * Reads an input whose rows are checked on their own first (local.ts), then joined: from the reading thread when
   * it has read the input ahead, else here. Either way the join step gets the same records, rejects and counts in the
   * same order.
   */
  async readChecked(input: SplitInput, path: string, shown: string | undefined, join: Joiner): Promise<InputSummary> {
    const thread = this.reading;
    const task = thread?.task(input, path);
    if (thread && task && task.from === undefined) return this.readAhead(thread, input, path, shown, join, null);
    const check = localCheck(input, this.config, this.period);
    const fn: RowFn = (rec, row, run, text) => {
      if (check(rec, row, run, text)) join(rec, row, run);
    };
    if (!thread || task?.from === undefined) return this.read(input, path, shown, fn);
    // a file read in two parts: the first here, up to where the reading thread started; then the thread's part
    const split: Split = { at: task.from, records: null };
    const first = await this.read(input, path, shown, fn, undefined, { split });
    if (split.records === null) {
      thread.discard(input); // no record ended where the thread started (a quoted cell runs across): all read here
      return first;
    }
    return this.readAhead(thread, input, path, shown, join, { summary: first, records: split.records });
  }

  /** Joins what the reading thread read of an input; after: the first part's summary and record count, when the
   * thread read a file's second part (its records are numbered from there). */
  private async readAhead(thread: ReadingThread, input: SplitInput, path: string, shown: string | undefined, join: Joiner, after: { summary: InputSummary; records: number } | null): Promise<InputSummary> {
    const t0 = performance.now();
    const columns = recordColumns(input);
    const rec: Rec = {};
    for (const c of COLUMNS[input]) rec[c.id] = null;
    const offset = after?.records ?? 0;
    let run: InputRun | null = null;
    const onRecord = (row: number) => join(rec, row + offset, run as InputRun);
    const onReject = (r: Reject) => {
      r.location.row += offset;
      (run as InputRun).push(r);
    };
    let got: { counts: ReadCounts; ms: number };
    try {
      got = await thread.take(input, {
        header: (h) => {
          const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, this.config.timezone, this.config.inputs[input] ?? {});
          run = new InputRun(reader, shown ?? path, this.rejects, after?.summary);
        },
        batch: (b) => replay(b, columns, rec, onRecord, onReject),
      });
    } catch (e) {
      // a quoted cell left open in the second part: its row counts from the file's start
      if (e instanceof FileError && e.code === 'UNCLOSED_QUOTE' && offset > 0) throw new FileError(e.code, e.file, { ...e.args, row: Number(e.args.row) + offset });
      throw e;
    }
    const { counts, ms: readMs } = got;
    const summary = (run as InputRun | null)?.summary;
    if (!summary) throw new Error('unreachable: the reading thread read no header');
    if (!after) summary.sha256 = counts.sha256; // else the first part's reading hashed the whole file
    summary.rows_read += counts.rows_read;
    summary.rows_accepted += counts.rows_accepted; // rows superseded by another row of their id (duplicates: keep_*)
    summary.rows_out_of_period += counts.rows_out_of_period;
    if (counts.rows_superseded !== undefined) summary.rows_superseded = counts.rows_superseded;
    summary.read_ms = (after ? (summary.read_ms ?? 0) : 0) + readMs + (performance.now() - t0);
    summary.read_ahead = true;
    if (!after) this.inputs.push(summary);
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
    const hours = resolved === null ? null : (resolved - created) / 3_600_000;
    if (hours !== null || status === 'resolved' || status === 'closed') acc.resolved += 1;
    if (hours !== null) acc.resolutionHours.push(hours);
    if (complaint) {
      acc.complaints += 1;
      if (hours !== null) acc.complaintHours.push(hours);
    }
    if (reopened) acc.reopened += 1;
    if (callback) acc.callbacks += 1;
  }

  countResponse(acc: EngineerAcc, t: number, received: number, first: number | null, arrival: number | null): void {
    if (first !== null) acc.firstResponse.push((first - received) / 60_000);
    else acc.responseMissing += 1;
    if (t >= 0 && this.tickets.onsite(t)) {
      acc.onsiteCases += 1;
      if (arrival !== null) acc.onsiteArrival.push((arrival - received) / 60_000);
    }
  }

  /** The engineer of a response or survey: the row's own roster engineer, else its ticket's (sets joined). */
  attribute(rec: Rec, row: number, run: InputRun): Slot | null {
    const own = rec.engineer_id as string | null;
    this.joined = rec.ticket_id === null ? -1 : this.tickets.find(rec.ticket_id as string);
    if (own) {
      const slot = this.roster.get(own);
      if (!slot) run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', own, { id: own });
      return slot ?? null;
    }
    if (this.joined < 0) {
      run.reject({ row }, 'UNKNOWN_TICKET', 'ticket_id', str(rec.ticket_id), { id: str(rec.ticket_id) });
      return null;
    }
    return this.tickets.engineer(this.joined);
  }
}
