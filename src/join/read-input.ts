// Join stage, reading: one input file row by row, each row validated into a record (or a reject) and handed to the
// input's join function, with the row accounting of the file (read = accepted + rejected + out of period). The same
// reading runs for a whole file and for each part of a big month's files read in two parts.
import type { Config, InputName } from '../config/schema.js';
import { readCsvFrom, readTable, type RowHandler, type Split, type TableHeader } from '../ingest/read-table.js';
import type { ByteRow } from '../ingest/byte-row.js';
import { makeRecordReader, type ReadResult, type Rec, type RecordReader } from '../validate/record.js';
import type { Cell } from '../validate/values.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { Reject, RejectCode } from '../problems.js';

export interface InputSummary {
  input: InputName;
  /** the path as the user gave it */
  path: string;
  /** where it was read (absolute; none for standard input) */
  location?: string;
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
  /** read in two parts, in parallel (for --verbose) */
  in_parts?: true;
}

/** An input that needs config the rules file lacks: a usage/config problem (exit 2). */
export class ConfigNeeded extends Error {}

/**
 * A file read in two parts: the first (up to split.at, which says whether a record ends there) or the rest (from; its
 * reading ends early once stop says so).
 */
export type FilePart = { split: Split } | { from: number; stop?: { readonly stopped: boolean } };

/** Where an input's rejects go, in the order they are found. */
export interface RejectSink { push(r: Reject): unknown }

/** The id column of each input, for the duplicates option. */
const ID_COLUMN: Partial<Record<InputName, string>> = { tickets: 'ticket_id', responses: 'ticket_id', surveys: 'survey_id', roster: 'engineer_id' };

/** Words of a totals row that Excel users add under a table (合计 12人): never an engineer, a ticket or a survey. */
const TOTALS = new Set(['合计', '总计', '小计', '合计：', '总计：', 'total', 'totals', 'grandtotal', 'subtotal', 'sum']);

/** The id cell of a totals row, or null (only ids starting like one of the words are looked up). */
function totalsWord(v: unknown): string | null {
  if (typeof v !== 'string' || v.length === 0) return null;
  // a cheap look at the first two characters first: this runs for every row, and ids such as T0001 start like "total"
  const c0 = v.charCodeAt(0);
  if (c0 < 0x80) {
    const pair = ((c0 | 0x20) << 8) | (v.charCodeAt(1) | 0x20);
    if (pair !== 0x746f && pair !== 0x7375 && pair !== 0x6772) return null; // to su gr
  } else if (c0 !== 0x5408 && c0 !== 0x603b && c0 !== 0x5c0f) return null; // 合 总 小
  return TOTALS.has(v.toLowerCase().replace(/\s+/g, '')) ? v : null;
}

export type RowFn = (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => void;

export class InputRun {
  readonly summary: InputSummary;
  /** summary: the summary of the file's first part, when this run reads its second (a file read in two parts) */
  constructor(readonly reader: RecordReader, path: string, private readonly rejects: RejectSink, summary?: InputSummary, location?: string) {
    this.summary = summary ?? {
      input: reader.input, path, ...(location !== undefined ? { location } : {}), file: reader.file, sheet: reader.sheet, sha256: '', rows_read: 0, rows_accepted: 0,
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

export async function eachRecord(path: string, shownPath: string | undefined, input: InputName, config: Config, rejects: RejectSink, stdin: NodeJS.ReadableStream | undefined,
  fn: (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => void, columns?: ColumnSpec[], onReader?: (h: TableHeader) => void, part?: FilePart): Promise<InputSummary> {
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
  if (keep !== null && part) throw new Error('unreachable: a file with duplicates to resolve is read whole');
  let run: InputRun | undefined;
  const onHeader = (h: TableHeader): RowHandler => {
    const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, config.timezone, opts, columns);
    onReader?.(h);
    const r = new InputRun(reader, shownPath ?? path, rejects, undefined, path === '-' ? undefined : path);
    run = r;
    let current: Cell[] | null = null;
    let currentRecord: ByteRow | null = null;
    const text = (id: string) => reader.rawText(current ?? (current = (currentRecord as ByteRow).cells()), id);
    const idColumn = ID_COLUMN[input] ?? 'engineer_id';
    const accept = (row: number, got: ReadResult): void => {
      if (got.kind === 'blank') return;
      r.summary.rows_read += 1;
      if (got.kind === 'reject') return r.push(got.reject);
      const totals = totalsWord((got.rec as Record<string, unknown>)[idColumn]);
      if (totals !== null) return r.reject({ row }, 'MALFORMED_ROW', '', totals, { totals });
      fn(got.rec, row, r, text);
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
    handler.columns = keep === null ? reader.columns : undefined; // the duplicates pre-pass reads the id from every row
    // byte records go straight to the reader; with a duplicates pre-pass, every row goes through the text path
    if (keep === null) {
      handler.bytes = (row, record) => {
        current = null;
        currentRecord = record;
        accept(row, reader.readBytes(row, record));
      };
    }
    return handler;
  };
  let sha = '';
  if (part && 'from' in part) await readCsvFrom(path, tableOpts, onHeader, part.from, part.stop);
  else sha = await readTable(path, tableOpts, onHeader, stdin, part?.split);
  const summary = (run as InputRun | undefined)?.summary;
  if (!summary) throw new Error('unreachable: a table without a header is a FileError');
  summary.sha256 = sha;
  return summary;
}

