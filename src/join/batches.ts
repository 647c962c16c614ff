// Join stage, between threads: the rows a reading thread has read and checked, in row order, as compact batches that
// move to the main thread without copying (typed arrays transferred, the strings of a batch as one text). An entry is
// a record (one tag per column: null, a number, a string, true or false) or a reject (kept as the object it is).
// The main thread replays a batch entry by entry into the same record object and join step as a row it read itself.
import type { Reject } from '../problems.js';
import type { Rec } from '../validate/record.js';

const NULL = 0;
const NUMBER = 1;
const STRING = 2;
const TRUE = 3;
const FALSE = 4;
/** An entry that is a reject, not a record. */
const REJECT = 255;

export interface Batch {
  entries: number;
  /** the row of each entry */
  rows: Int32Array;
  /** per entry: REJECT, or one tag per column */
  tags: Uint8Array;
  nums: Float64Array;
  /** per string value, the index of its text among the batch's strings */
  strs: Int32Array;
  /** the batch's strings, each once per column, concatenated; lens gives their lengths */
  text: string;
  lens: Int32Array;
  rejects: Reject[];
  /** about how many bytes the batch holds (flow control) */
  bytes: number;
}

/** The typed arrays of a batch, to transfer instead of copy. */
export function transferList(b: Batch): ArrayBuffer[] {
  return [b.rows.buffer, b.tags.buffer, b.nums.buffer, b.strs.buffer, b.lens.buffer] as ArrayBuffer[];
}

/** A string column repeats few values (engineer ids, status words) or none (ticket ids): a batch keeps at most this
 * many distinct strings of a column for reuse; a column that fills them is written as it comes from the next batch on. */
const DISTINCT_PER_COLUMN = 1024;

export class BatchWriter {
  private rows!: Int32Array;
  private tags!: Uint8Array;
  private nums!: Float64Array;
  private strs!: Int32Array;
  private strings: string[] = [];
  private seen: (Map<string, number> | null)[] = [];
  private rejects: Reject[] = [];
  private n = 0;
  private t = 0;
  private k = 0;
  private s = 0;
  private textBytes = 0;

  constructor(private readonly columns: readonly string[], private readonly send: (b: Batch) => void, private readonly capacity = 8192) {
    this.reset();
  }

  record(rec: Rec, row: number): void {
    this.rows[this.n++] = row;
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) {
      const v = rec[cols[c]];
      if (v === null) this.tags[this.t++] = NULL;
      else if (typeof v === 'number') {
        this.tags[this.t++] = NUMBER;
        this.nums[this.k++] = v;
      } else if (typeof v === 'string') {
        this.tags[this.t++] = STRING;
        this.strs[this.s++] = this.intern(c, v);
      } else this.tags[this.t++] = v ? TRUE : FALSE;
    }
    if (this.n === this.capacity) this.flush();
  }

  reject(r: Reject): void {
    this.rows[this.n++] = r.location.row;
    this.tags[this.t++] = REJECT;
    this.rejects.push(r);
    this.textBytes += 200;
    if (this.n === this.capacity) this.flush();
  }

  flush(): void {
    if (this.n === 0) return;
    const lens = new Int32Array(this.strings.length);
    for (let i = 0; i < lens.length; i++) lens[i] = this.strings[i].length;
    this.send({
      entries: this.n, rows: this.rows.slice(0, this.n), tags: this.tags.slice(0, this.t), nums: this.nums.slice(0, this.k),
      strs: this.strs.slice(0, this.s), text: this.strings.join(''), lens, rejects: this.rejects,
      bytes: this.n * 4 + this.t + this.k * 8 + this.s * 4 + lens.length * 4 + this.textBytes,
    });
    this.reset();
  }

  private intern(column: number, v: string): number {
    const seen = this.seen[column];
    if (seen !== null) {
      const known = seen.get(v);
      if (known !== undefined) return known;
      if (seen.size < DISTINCT_PER_COLUMN) seen.set(v, this.strings.length);
    }
    this.strings.push(v);
    this.textBytes += v.length;
    return this.strings.length - 1;
  }

  private reset(): void {
    if (this.rows === undefined) {
      // filled here and copied out at each flush (the copies move): allocated once
      const width = this.columns.length;
      this.rows = new Int32Array(this.capacity);
      this.tags = new Uint8Array(this.capacity * Math.max(1, width));
      this.nums = new Float64Array(this.capacity * width);
      this.strs = new Int32Array(this.capacity * width);
    }
    this.strings = [];
    // a column whose distinct strings filled a batch (ids) is not looked up any more
    this.seen = this.columns.map((_, c) => (this.seen[c] === undefined || (this.seen[c] !== null && (this.seen[c] as Map<string, number>).size < DISTINCT_PER_COLUMN) ? new Map() : null));
    this.rejects = [];
    this.n = this.t = this.k = this.s = this.textBytes = 0;
  }
}

/** Replays a batch in row order: each record into rec (the columns written, the others left as they are), each reject as it is. */
export function replay(b: Batch, columns: readonly string[], rec: Rec, onRecord: (row: number) => void, onReject: (r: Reject) => void): void {
  const strings: string[] = new Array(b.lens.length);
  for (let i = 0, p = 0; i < strings.length; i++) {
    strings[i] = b.text.slice(p, p + b.lens[i]);
    p += b.lens[i];
  }
  const { tags, nums, strs, rows } = b;
  let t = 0;
  let k = 0;
  let s = 0;
  let r = 0;
  for (let e = 0; e < b.entries; e++) {
    if (tags[t] === REJECT) {
      t++;
      onReject(b.rejects[r++]);
      continue;
    }
    for (let c = 0; c < columns.length; c++) {
      const tag = tags[t++];
      rec[columns[c]] = tag === NUMBER ? nums[k++] : tag === STRING ? strings[strs[s++]] : tag === NULL ? null : tag === TRUE;
    }
    onRecord(rows[e]);
  }
}
