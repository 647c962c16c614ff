// Validate stage: header mapping (canonical ids, built-in and config aliases) and one raw row to a typed record or a reject.
import type { InputName, InputOptions } from '../config/schema.js';
import { FileError, type Reject } from '../problems.js';
import { COLUMNS, type ColumnSpec } from './columns.js';
import {
  cellText, compileDateFormat, enumMatcher, isBlank, isCellError, normalizeWord, parseBoolean, parseId, parseNumber, parseTimestamp,
  numberOrNaN, timestampOrNaN, fastNumberBytes, fastTimestampBytes, type Cell, type CompiledFormat, type Parsed,
} from './values.js';
import { ByteMemo } from './bytes.js';
import { asciiString } from '../ingest/ascii.js';
import { TEXT, type ByteRow } from '../ingest/byte-row.js';

export type Value = string | number | boolean | null;
export type Rec = Record<string, Value>;

/**
 * The column ids of COLUMNS, numbered for setField (a test checks that the two agree and cover every id). A
 * record's fields are set once per cell of a big month: by a store of a fixed name, which V8 makes fast, where one
 * store whose key changes from cell to cell (rec[id] = v) goes through its slowest path (measured: ~12 ns against
 * ~3 ns, about 60 ms a part on the 1M month).
 */
export const FIELD_IDS: readonly string[] = [
  'ticket_id', 'engineer_id', 'created_at', 'resolved_at', 'status', 'priority', 'channel', 'is_complaint',
  'reopened', 'customer_id', 'callback_done', 'received_at', 'first_response_at', 'onsite_arrival_at', 'survey_id', 'score',
  'submitted_at', 'comment', 'name', 'team', 'level', 'annual_points', 'hire_date', 'date',
  'target', 'value', 'reason', 'approved_by', 'item', 'probation_end', 'exam_score', 'experience_points', 'education_points',
  'closed', 'hours', 'calendar', 'correction_id', 'period', 'action', 'decided_at',
];
const FIELD_NUMBER = new Map(FIELD_IDS.map((id, i) => [id, i]));

/** rec[id] = v, for the id numbered i in FIELD_IDS (-1: another id, such as an event log's own columns). */
export function setField(rec: Rec, i: number, id: string, v: Value): void {
  switch (i) {
    case 0: rec.ticket_id = v; return;
    case 1: rec.engineer_id = v; return;
    case 2: rec.created_at = v; return;
    case 3: rec.resolved_at = v; return;
    case 4: rec.status = v; return;
    case 5: rec.priority = v; return;
    case 6: rec.channel = v; return;
    case 7: rec.is_complaint = v; return;
    case 8: rec.reopened = v; return;
    case 9: rec.customer_id = v; return;
    case 10: rec.callback_done = v; return;
    case 11: rec.received_at = v; return;
    case 12: rec.first_response_at = v; return;
    case 13: rec.onsite_arrival_at = v; return;
    case 14: rec.survey_id = v; return;
    case 15: rec.score = v; return;
    case 16: rec.submitted_at = v; return;
    case 17: rec.comment = v; return;
    case 18: rec.name = v; return;
    case 19: rec.team = v; return;
    case 20: rec.level = v; return;
    case 21: rec.annual_points = v; return;
    case 22: rec.hire_date = v; return;
    case 23: rec.date = v; return;
    case 24: rec.target = v; return;
    case 25: rec.value = v; return;
    case 26: rec.reason = v; return;
    case 27: rec.approved_by = v; return;
    case 28: rec.item = v; return;
    case 29: rec.probation_end = v; return;
    case 30: rec.exam_score = v; return;
    case 31: rec.experience_points = v; return;
    case 32: rec.education_points = v; return;
    case 33: rec.closed = v; return;
    case 34: rec.hours = v; return;
    case 35: rec.calendar = v; return;
    case 36: rec.correction_id = v; return;
    case 37: rec.period = v; return;
    case 38: rec.action = v; return;
    case 39: rec.decided_at = v; return;
    default: rec[id] = v;
  }
}

/** What a column parser returns for a cell it cannot read (a sentinel, so that no object is made per cell). */
const FAIL = Symbol('fail');
type Parse = (c: Cell) => Value | typeof FAIL;
/** A blank cell (before the required check). */
const BLANK_CELL = Symbol('blank');
/** The byte fast path has no answer for these bytes: the cell's text decides. */
const UNSURE = Symbol('unsure');
type Outcome = Value | typeof FAIL | typeof BLANK_CELL;
/** How a column's plain ASCII cells are read from bytes (FAST_NONE: always by their text). */
const FAST_NONE = 0;
const FAST_TIMESTAMP = 1;
const FAST_NUMBER = 2;
const FAST_ID = 3;
const FAST_TEXT = 4;

interface Bound {
  spec: ColumnSpec; index: number; header: string; parse: Parse; explain: (c: Cell) => string | undefined;
  /** the column's number in FIELD_IDS, or -1 (setField) */
  field: number;
  /** how plain ASCII cells are read straight from bytes */
  fast: number;
  /** what the bytes of a cell meant, for columns whose values repeat */
  memo: ByteMemo<Outcome> | null;
}

export type ReadResult = { kind: 'record'; rec: Rec } | { kind: 'reject'; reject: Reject } | { kind: 'blank' };

export interface RecordReader {
  input: InputName;
  file: string;
  sheet: string;
  /** The header as the file names it, for a canonical column id (for reject locations). */
  headerOf(id: string): string;
  has(id: string): boolean;
  /** The cells (0-based) any row is read for: every other cell of a row can neither reject it nor change a figure. */
  readonly columns: ReadonlySet<number>;
  /** The cell of a column as the file shows it (for reject values). */
  rawText(cells: Cell[], id: string): string;
  /** The record is reused from row to row: callers copy what they keep. */
  read(row: number, cells: Cell[]): ReadResult;
  /** The same for a CSV record as byte ranges: the same result as read(row, v.cells()), made without most strings. */
  readBytes(row: number, v: ByteRow): ReadResult;
}

export function headerKey(h: string): string {
  return normalizeWord(h).replace(/[_\-.]/g, '');
}

export function makeRecordReader(input: InputName, file: string, sheet: string, headers: string[], date1904: boolean, tz: string, opts: InputOptions = {}, columnsOverride?: ColumnSpec[]): RecordReader {
  const columns = columnsOverride ?? COLUMNS[input];
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of columns) {
    for (const name of [spec.id, ...spec.aliases, ...(opts.aliases?.[spec.id] ?? [])]) byKey.set(headerKey(name), spec);
  }
  const seenHeader = new Map<string, number>();
  const bound = new Map<string, Bound>();
  const format: CompiledFormat | undefined = opts.date_format ? compileDateFormat(opts.date_format) : undefined;
  headers.forEach((h, index) => {
    const key = headerKey(h);
    if (key === '') return;
    const spec = byKey.get(key);
    const prev = seenHeader.get(key);
    // a header twice is ambiguous when it names a column we read; twice among columns we ignore, it is harmless
    if (prev !== undefined && spec) throw new FileError('DUPLICATE_HEADER', file, { header: h, first: prev + 1, second: index + 1 });
    seenHeader.set(key, index);
    if (!spec) return;
    const other = bound.get(spec.id);
    if (other) throw new FileError('DUPLICATE_HEADER', file, { header: `${other.header} / ${h} (both mean ${spec.id})`, first: other.index + 1, second: index + 1 });
    const full = parserFor(spec, tz, date1904, format, opts);
    const nullsGiven = (opts.null_values ?? []).length > 0;
    bound.set(spec.id, {
      spec, index, header: h, field: FIELD_NUMBER.get(spec.id) ?? -1, parse: refuseCellErrors(hotParser(spec, tz, date1904, format, full)), explain: (c) => { const p = full(c); return p.ok ? undefined : p.hint; },
      fast: nullsGiven ? FAST_NONE : fastKind(spec, format), memo: MEMO_TYPES.has(spec.type) ? new ByteMemo<Outcome>() : null,
    });
  });
  for (const spec of columns) {
    if (spec.required && !bound.has(spec.id)) {
      throw new FileError('MISSING_COLUMN', file, {
        column: spec.id,
        accepted: [spec.id, ...spec.aliases, ...(opts.aliases?.[spec.id] ?? [])].join(', '),
        found: headers.filter((h) => h.trim() !== '').join(', ') || '(none)',
      });
    }
  }
  const nulls = new Set(opts.null_values ?? []);
  // the columns each row is parsed for (an informational column is matched, for its header, but never parsed)
  const list = [...bound.values()].filter((b) => b.spec.type !== 'text' || !b.spec.informational);
  // A plain object with a fixed shape (fast property access); its keys are our canonical column ids, never file headers.
  const rec: Rec = {};
  for (const c of columns) rec[c.id] = null;
  const result = { kind: 'record' as const, rec };
  const width = headers.length;
  return {
    input, file, sheet,
    headerOf: (id) => bound.get(id)?.header ?? id,
    columns: new Set(list.map((b) => b.index)),
    has: (id) => bound.has(id),
    rawText: (cells, id) => {
      const b = bound.get(id);
      return b ? cellText(cells[b.index] ?? null) : '';
    },
    read(row, cells) {
      if (sheet === '' && cells.length !== width && (cells.length < width || cells.slice(width).some((c) => !isBlank(c)))) {
        if (allBlank(cells)) return BLANK;
        return { kind: 'reject', reject: { code: 'MALFORMED_ROW', location: { file, sheet, row, column: '' }, value: cells.map(cellText).join(' | ').slice(0, 200), args: { got: cells.length, want: width } } };
      }
      for (let k = 0; k < list.length; k++) {
        const b = list[k];
        const c = cells[b.index] ?? null;
        if (isBlank(c, nulls)) {
          if (b.spec.required) {
            if (allBlank(cells)) return BLANK; // a blank row has every required cell blank: checked only then
            return { kind: 'reject', reject: { code: 'MISSING_VALUE', location: { file, sheet, row, column: b.header }, value: '' } };
          }
          setField(rec, b.field, b.spec.id, null);
          continue;
        }
        const v = b.parse(c);
        if (v === FAIL) {
          if (isCellError(c)) {
            const reject: Reject = { code: 'MISSING_VALUE', location: { file, sheet, row, column: b.header }, value: cellText(c), args: { error: cellText(c).trim() } };
            return { kind: 'reject', reject };
          }
          const code = b.spec.type === 'timestamp' ? 'BAD_DATE' : b.spec.type === 'number' ? 'BAD_NUMBER' : b.spec.type === 'id' ? 'OUT_OF_RANGE' : 'BAD_ENUM';
          const args: Record<string, string> = {};
          if (code === 'BAD_ENUM') args.allowed = Object.keys(b.spec.values ?? { yes: 1, no: 0 }).join(', ');
          if (code === 'OUT_OF_RANGE') args.range = 'ids stored as numbers up to 9007199254740991 (format the column as text in Excel)';
          const hint = b.explain(c);
          if (hint) args.hint = hint;
          return { kind: 'reject', reject: { code, location: { file, sheet, row, column: b.header }, value: cellText(c), args } };
        }
        setField(rec, b.field, b.spec.id, v);
      }
      return result;
    },
    readBytes(row, v) {
      if (v.count !== width) return this.read(row, v.cells());
      const buf = v.buf;
      for (let k = 0; k < list.length; k++) {
        const b = list[k];
        const f = b.index;
        let out: Outcome | typeof UNSURE;
        if (v.kind[f] === TEXT) out = outcome(b, v.field(f));
        else {
          const s = v.starts[f];
          const e = v.ends[f];
          const memo = b.memo;
          if (s === e) out = BLANK_CELL;
          else if (memo !== null && !memo.off) {
            let m = memo.get(buf, s, e);
            if (m === undefined) {
              m = outcome(b, v.field(f));
              memo.set(buf, s, e, m);
            }
            out = m;
          } else if (b.fast !== FAST_NONE && isPlain(buf, s, e, v.kind[f]) && buf[s] !== HASH) { // '#': maybe #N/A
            out = UNSURE;
            switch (b.fast) {
              case FAST_TIMESTAMP: {
                const t = fastTimestampBytes(buf, s, e, tz);
                if (t !== undefined) out = t === null ? FAIL : t;
                break;
              }
              case FAST_NUMBER: {
                const x = fastNumberBytes(buf, s, e);
                if (x !== undefined) out = x;
                break;
              }
              case FAST_ID:
                if (isPlainId(buf, s, e)) out = asciiString(buf, s, e);
                break;
              default:
                out = asciiString(buf, s, e); // text: nothing to trim or normalise
            }
            if (out === UNSURE) out = outcome(b, v.field(f));
          } else out = outcome(b, v.field(f));
        }
        if (out === FAIL || (out === BLANK_CELL && b.spec.required)) return this.read(row, v.cells()); // the reject (or blank row) as text decides it
        setField(rec, b.field, b.spec.id, out === BLANK_CELL ? null : out);
      }
      return result;
    },
  };

  function outcome(b: Bound, c: string): Outcome {
    return isBlank(c, nulls) ? BLANK_CELL : b.parse(c);
  }
}

const BLANK = { kind: 'blank' } as const;
const HASH = 0x23;

/** A parser that never takes a spreadsheet error (#N/A, #REF!, a formula without a cached result) for a value. */
function refuseCellErrors(parse: Parse): Parse {
  return (c) => (typeof c === 'string' && c.charCodeAt(0) === HASH && isCellError(c) ? FAIL : parse(c));
}
const MEMO_TYPES = new Set(['bool', 'enum', 'id', 'text']);

/** ASCII bytes with no white space at either end: trimming and normalising change nothing. */
function isPlain(b: Uint8Array, s: number, e: number, kind: number): boolean {
  if (kind !== 0) return false;
  const first = b[s];
  const last = b[e - 1];
  return first !== 32 && (first < 9 || first > 13) && last !== 32 && (last < 9 || last > 13);
}

/** How a column's plain ASCII cells are read from bytes: what hotParser would make of the same text, or UNSURE. */
function fastKind(spec: ColumnSpec, format: CompiledFormat | undefined): number {
  switch (spec.type) {
    case 'timestamp': return format ? FAST_NONE : FAST_TIMESTAMP;
    case 'number': return FAST_NUMBER;
    case 'id': return FAST_ID;
    case 'text': return FAST_TEXT;
    default: return FAST_NONE;
  }
}

/** Visible ASCII only: parseId keeps such text as it is. */
function isPlainId(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] < 0x21 || b[i] > 0x7e) return false;
  return true;
}

function allBlank(cells: Cell[]): boolean {
  for (const c of cells) if (!isBlank(c)) return false;
  return true;
}

/** Memoises a parser of coded values (status words, yes/no): few distinct texts, millions of rows. */
function cached(parse: (c: Cell) => Parsed<Value>): (c: Cell) => Parsed<Value> {
  const memo = new Map<string, Parsed<Value>>();
  return (c) => {
    if (typeof c !== 'string') return parse(c);
    let hit = memo.get(c);
    if (hit === undefined) {
      hit = parse(c);
      if (memo.size < 10_000) memo.set(c, hit);
    }
    return hit;
  };
}

/** The per-cell parser used on every row: no result object per cell. */
function hotParser(spec: ColumnSpec, tz: string, date1904: boolean, format: CompiledFormat | undefined, full: (c: Cell) => Parsed<Value>): Parse {
  if (spec.type === 'timestamp') {
    const opt = { tz, date1904, format };
    return (c) => {
      const t = timestampOrNaN(c, opt);
      return Number.isNaN(t) ? FAIL : t;
    };
  }
  if (spec.type === 'number') {
    return (c) => {
      const n = numberOrNaN(c, spec.rate === true);
      return Number.isNaN(n) ? FAIL : n;
    };
  }
  if (spec.type === 'id') {
    // a long id stored as a number past 2^53 has already lost digits in the workbook: never guess which id it was
    return (c) => (typeof c === 'number' && !Number.isSafeInteger(c) && Number.isInteger(c) ? FAIL : parseId(c));
  }
  return (c) => {
    const p = full(c);
    return p.ok ? p.value : FAIL;
  };
}

function parserFor(spec: ColumnSpec, tz: string, date1904: boolean, format: CompiledFormat | undefined, opts: InputOptions): (c: Cell) => Parsed<Value> {
  switch (spec.type) {
    case 'id': return (c) => ({ ok: true, value: parseId(c) });
    case 'text': return (c) => ({ ok: true, value: cellText(c).trim() });
    case 'timestamp': return (c) => parseTimestamp(c, { tz, date1904, format });
    case 'number': return (c) => parseNumber(c, spec.rate === true);
    case 'bool': return cached(parseBoolean);
    case 'enum': {
      const extra = opts.values?.[spec.id] ?? {};
      const merged: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(spec.values ?? {})) merged[k] = [...v, ...(extra[k] ?? [])];
      return cached(enumMatcher(merged));
    }
  }
}
