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

  private readonly store: Store;
  private readonly at = new Int32Array(3);
  private readonly internFn = (column: number, v: string): number => this.intern(column, v);

  constructor(private readonly columns: readonly string[], private readonly send: (b: Batch) => void, private readonly capacity = 8192) {
    this.store = codec(columns).store;
    this.reset();
  }

  record(rec: Rec, row: number): void {
    this.rows[this.n++] = row;
    const at = this.at;
    at[0] = this.t;
    at[1] = this.k;
    at[2] = this.s;
    this.store(rec, this.tags, this.nums, this.strs, at, this.internFn);
    this.t = at[0];
    this.k = at[1];
    this.s = at[2];
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
  const load = codec(columns).load;
  const { tags, nums, strs, rows } = b;
  const at = new Int32Array(3); // where the next tag, number and string of the batch are
  let r = 0;
  for (let e = 0; e < b.entries; e++) {
    if (tags[at[0]] === REJECT) {
      at[0]++;
      onReject(b.rejects[r++]);
      continue;
    }
    load(rec, tags, nums, strs, strings, at);
    onRecord(rows[e]);
  }
}

type Store = (rec: Rec, tags: Uint8Array, nums: Float64Array, strs: Int32Array, at: Int32Array, intern: (column: number, v: string) => number) => void;
type Load = (rec: Rec, tags: Uint8Array, nums: Float64Array, strs: Int32Array, strings: string[], at: Int32Array) => void;

/** Our canonical column ids (never a file's header): safe to name in code. */
const COLUMN_ID = /^[a-z][a-z0-9_]*$/;
const codecs = new Map<string, { store: Store; load: Load }>();

/**
 * How one record's values are packed and unpacked, as code with the column names written out: every property access
 * then has one known name (measured: a loop over the names, one access site for all of them, packed and unpacked a
 * ticket in about 0.4 and 0.3 microseconds; this takes a fraction of that).
 */
function codec(columns: readonly string[]): { store: Store; load: Load } {
  const key = columns.join(',');
  let c = codecs.get(key);
  if (c === undefined) {
    for (const id of columns) if (!COLUMN_ID.test(id)) throw new Error(`unreachable: column id ${id}`);
    const store = ['let t = at[0], k = at[1], s = at[2], v;'];
    const load = ['let t = at[0], k = at[1], s = at[2], tag;'];
    columns.forEach((id, i) => {
      store.push(`v = rec.${id};`,
        `if (v === null) tags[t++] = ${NULL};`,
        `else if (typeof v === 'number') { tags[t++] = ${NUMBER}; nums[k++] = v; }`,
        `else if (typeof v === 'string') { tags[t++] = ${STRING}; strs[s++] = intern(${i}, v); }`,
        `else tags[t++] = v ? ${TRUE} : ${FALSE};`);
      load.push('tag = tags[t++];',
        `rec.${id} = tag === ${NUMBER} ? nums[k++] : tag === ${STRING} ? strings[strs[s++]] : tag === ${NULL} ? null : tag === ${TRUE};`);
    });
    store.push('at[0] = t; at[1] = k; at[2] = s;');
    load.push('at[0] = t; at[1] = k; at[2] = s;');
    c = {
      store: new Function('rec', 'tags', 'nums', 'strs', 'at', 'intern', store.join('\n')) as Store,
      load: new Function('rec', 'tags', 'nums', 'strs', 'strings', 'at', load.join('\n')) as Load,
    };
    codecs.set(key, c);
  }
  return c;
}
