// Join stage: what the per-input join steps share while a period is read: the roster slots, the ticket index, the
// rejects and the row accounting of every input, and the reading of one input row by row.
import type { Config, InputName } from '../config/schema.js';
import { wallParts, type Period } from '../util/time.js';
import { readTable, type RowHandler } from '../ingest/read-table.js';
import type { ByteRow } from '../ingest/byte-row.js';
import { makeRecordReader, type ReadResult, type Rec, type RecordReader } from '../validate/record.js';
import type { Cell } from '../validate/values.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { Reject, RejectCode } from '../problems.js';
import type { EngineerAcc } from '../metrics/accumulator.js';
import { TicketIndex } from './ticket-index.js';
import type { RosterEntry } from '../history/ledger.js';

export interface InputSummary {
  input: InputName;
  path: string;
  file: string;
  sheet: string;
  sha256: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_out_of_period: number;
  reject_codes: Partial<Record<RejectCode, number[]>>;
  /** with duplicates: keep_first | keep_last, rows of an id that another row of it stands for (counted as accepted) */
  rows_superseded?: number;
  /** event logs: tickets accepted that no engineer could be attributed to (not scored) */
  tickets_unassigned?: number;
  /** how long reading and joining the file took (for --verbose; never written to an output, which stay reproducible) */
  read_ms?: number;
}

/** An engineer of the roster and, when scored (not left), the running aggregates of the period. */
export interface Slot { row: number; entry: RosterEntry; acc: EngineerAcc | null }

/** An input that needs config the rules file lacks: a usage/config problem (exit 2). */
export class ConfigNeeded extends Error {}

/** The id column of each input, for the duplicates option. */
const ID_COLUMN: Partial<Record<InputName, string>> = { tickets: 'ticket_id', responses: 'ticket_id', surveys: 'survey_id', roster: 'engineer_id' };

export type RowFn = (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => void;

export class InputRun {
  readonly summary: InputSummary;
  constructor(readonly reader: RecordReader, path: string, private readonly rejects: Reject[]) {
    this.summary = {
      input: reader.input, path, file: reader.file, sheet: reader.sheet, sha256: '', rows_read: 0, rows_accepted: 0,
      rows_rejected: 0, rows_out_of_period: 0, reject_codes: {},
    };
  }
  reject(rec: { row: number }, code: RejectCode, column: string, value: string, args?: Record<string, string | number>): void {
    const r: Reject = { code, location: { file: this.reader.file, sheet: this.reader.sheet, row: rec.row, column: column === '' ? '' : this.reader.headerOf(column) }, value, args };
    this.push(r);
  }
  push(r: Reject): void {
    this.rejects.push(r);
    this.summary.rows_rejected += 1;
    (this.summary.reject_codes[r.code] ??= []).push(r.location.row);
  }
}

async function eachRecord(path: string, shownPath: string | undefined, input: InputName, config: Config, rejects: Reject[], stdin: NodeJS.ReadableStream | undefined,
  fn: (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => void, columns?: ColumnSpec[]): Promise<InputSummary> {
  const opts = config.inputs[input] ?? {};
  const tableOpts = { sheet: opts.sheet, delimiter: opts.delimiter, encoding: opts.encoding };
  // duplicates: keep_first | keep_last: a pre-pass finds, per id, the row that stands for it (a snapshot export
  // repeats a ticket on every update); the other rows of that id are superseded, not rejected
  const idColumn = ID_COLUMN[input];
  let keep: Map<string, number> | null = null;
  if (idColumn && (opts.duplicates === 'keep_first' || opts.duplicates === 'keep_last')) {
    const last = opts.duplicates === 'keep_last';
    const chosen = new Map<string, number>();
    if (path === '-') throw new ConfigNeeded(`duplicates: ${opts.duplicates} reads the ${input} file twice; give a file, not standard input`);
    await readTable(path, tableOpts, (h) => {
      const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, config.timezone, opts, columns);
      return (row, cells) => {
        const id = reader.rawText(cells, idColumn).trim();
        if (id !== '' && (last || !chosen.has(id))) chosen.set(id, row);
      };
    }, stdin);
    keep = chosen;
  }
  let run: InputRun | undefined;
  const sha = await readTable(path, tableOpts, (h) => {
    const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, config.timezone, opts, columns);
    const r = new InputRun(reader, shownPath ?? path, rejects);
    run = r;
    let current: Cell[] | null = null;
    let currentRecord: ByteRow | null = null;
    const text = (id: string) => reader.rawText(current ?? (current = (currentRecord as ByteRow).cells()), id);
    const accept = (row: number, got: ReadResult): void => {
      if (got.kind === 'blank') return;
      r.summary.rows_read += 1;
      if (got.kind === 'reject') r.push(got.reject);
      else fn(got.rec, row, r, text);
    };
    const handler: RowHandler = (row, cells) => {
      if (keep !== null) {
        const id = reader.rawText(cells, idColumn as string).trim();
        const standing = keep.get(id);
        if (standing !== undefined && standing !== row) {
          r.summary.rows_read += 1;
          r.summary.rows_accepted += 1;
          r.summary.rows_superseded = (r.summary.rows_superseded ?? 0) + 1;
          return;
        }
      }
      current = cells;
      accept(row, reader.read(row, cells));
    };
    // byte records go straight to the reader; with a duplicates pre-pass, every row goes through the text path
    if (keep === null) {
      handler.bytes = (row, record) => {
        current = null;
        currentRecord = record;
        accept(row, reader.readBytes(row, record));
      };
    }
    return handler;
  }, stdin);
  const summary = (run as InputRun | undefined)?.summary;
  if (!summary) throw new Error('unreachable: a table without a header is a FileError');
  summary.sha256 = sha;
  return summary;
}

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
  async read(input: InputName, path: string, shown: string | undefined, fn: RowFn, columns?: ColumnSpec[]): Promise<InputSummary> {
    const t0 = performance.now();
    const summary = await eachRecord(path, shown, input, this.config, this.rejects, this.stdin, fn, columns);
    summary.read_ms = performance.now() - t0;
    this.inputs.push(summary);
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
