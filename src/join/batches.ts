// Join stage, between threads: the rows a reading thread has read and checked, in row order, as compact batches that
// move to the main thread without copying (typed arrays transferred, the strings of a batch as one text). An entry is
// a record (one tag per column: null, a number, whole seconds, a string, true or false) or a reject (kept as the
// object it is). Compact, because the thread may read ahead only so much (reading-thread.ts): rows as steps of a
// byte, timestamps as seconds in 4 bytes, a column's repeated strings once per batch, string indexes in 2 bytes.
// The main thread replays a batch entry by entry into the same record object and join step as a row it read itself.
import type { Reject } from '../problems.js';
import type { Rec } from '../validate/record.js';

const NULL = 0;
const NUMBER = 1;
const STRING = 2;
const TRUE = 3;
const FALSE = 4;
/** a number of whole seconds (a timestamp, in milliseconds, as exports give them), sent as its seconds in 4 bytes */
const SECONDS = 5;
/** An entry that is a reject, not a record. */
const REJECT = 255;
/** A row step that does not fit a byte: the row is in jumps. */
const JUMP = 255;

export interface Batch {
  entries: number;
  /** per entry, its row less the previous entry's (the first: less 0), or JUMP */
  steps: Uint8Array;
  /** the rows of the entries whose step is JUMP */
  jumps: Int32Array;
  /** per entry: REJECT, or one tag per column */
  tags: Uint8Array;
  secs: Uint32Array;
  nums: Float64Array;
  /** per string value, the index of its text among the batch's strings */
  strs: Uint16Array;
  /** the batch's strings (a column's repeated values once), concatenated; lens gives their lengths */
  text: string;
  lens: Int32Array;
  rejects: Reject[];
  /** about how many bytes the batch holds (flow control) */
  bytes: number;
}

/** The typed arrays of a batch, to transfer instead of copy. */
export function transferList(b: Batch): ArrayBuffer[] {
  return [b.steps.buffer, b.jumps.buffer, b.tags.buffer, b.secs.buffer, b.nums.buffer, b.strs.buffer, b.lens.buffer] as ArrayBuffer[];
}

/** Rows per batch: at most 65,535 strings a batch, so that a string's index fits two bytes. */
const CAPACITY = 4096;
/** A string column repeats few values (engineer ids, status words) or none (ticket ids): a batch keeps at most this
 * many distinct strings of a column for reuse; a column that fills them is written as it comes from the next batch on. */
const DISTINCT_PER_COLUMN = CAPACITY;

export class BatchWriter {
  private steps!: Uint8Array;
  private jumps: number[] = [];
  private tags!: Uint8Array;
  private secs!: Uint32Array;
  private nums!: Float64Array;
  private strs!: Uint16Array;
  private strings: string[] = [];
  private seen: (Map<string, number> | null)[] = [];
  private rejects: Reject[] = [];
  private n = 0;
  private last = 0;
  private t = 0;
  private textBytes = 0;
  private readonly store: Store;
  /** where the next tag, number, string and seconds go */
  private readonly at = new Int32Array(4);
  private readonly internFn = (column: number, v: string): number => this.intern(column, v);

  constructor(private readonly columns: readonly string[], private readonly send: (b: Batch) => void) {
    if (CAPACITY * columns.length > 65_535) throw new Error('unreachable: too many columns for two-byte string indexes');
    this.store = codec(columns).store;
    this.reset();
  }

  record(rec: Rec, row: number): void {
    this.step(row);
    this.store(rec, this.tags, this.nums, this.strs, this.secs, this.at, this.internFn);
    if (this.n === CAPACITY) this.flush();
  }

  reject(r: Reject): void {
    this.step(r.location.row);
    this.tags[this.at[0]++] = REJECT;
    this.rejects.push(r);
    this.textBytes += 200;
    if (this.n === CAPACITY) this.flush();
  }

  flush(): void {
    if (this.n === 0) return;
    const [t, k, s, u] = this.at;
    const lens = new Int32Array(this.strings.length);
    for (let i = 0; i < lens.length; i++) lens[i] = this.strings[i].length;
    this.send({
      entries: this.n, steps: this.steps.slice(0, this.n), jumps: Int32Array.from(this.jumps), tags: this.tags.slice(0, t), secs: this.secs.slice(0, u),
      nums: this.nums.slice(0, k), strs: this.strs.slice(0, s), text: this.strings.join(''), lens, rejects: this.rejects,
      bytes: this.n + this.jumps.length * 4 + t + u * 4 + k * 8 + s * 2 + lens.length * 4 + this.textBytes,
    });
    this.reset();
  }

  private step(row: number): void {
    const d = row - this.last;
    if (d > 0 && d < JUMP) this.steps[this.n++] = d;
    else {
      this.steps[this.n++] = JUMP;
      this.jumps.push(row);
    }
    this.last = row;
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
    if (this.steps === undefined) {
      // filled here and copied out at each flush (the copies move): allocated once
      const width = Math.max(1, this.columns.length);
      this.steps = new Uint8Array(CAPACITY);
      this.tags = new Uint8Array(CAPACITY * width);
      this.secs = new Uint32Array(CAPACITY * width);
      this.nums = new Float64Array(CAPACITY * width);
      this.strs = new Uint16Array(CAPACITY * width);
    }
    this.strings = [];
    // a column whose distinct strings filled a batch (ids) is not looked up any more
    this.seen = this.columns.map((_, c) => (this.seen[c] === undefined || (this.seen[c] !== null && (this.seen[c] as Map<string, number>).size < DISTINCT_PER_COLUMN) ? new Map() : null));
    this.jumps = [];
    this.rejects = [];
    this.at.fill(0);
    this.n = this.last = this.textBytes = 0;
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
  const { tags, nums, strs, secs, steps, jumps } = b;
  const at = new Int32Array(4); // where the next tag, number, string and seconds of the batch are
  let r = 0;
  let row = 0;
  let j = 0;
  for (let e = 0; e < b.entries; e++) {
    const d = steps[e];
    row = d === JUMP ? jumps[j++] : row + d;
    if (tags[at[0]] === REJECT) {
      at[0]++;
      onReject(b.rejects[r++]);
      continue;
    }
    load(rec, tags, nums, strs, secs, strings, at);
    onRecord(row);
  }
}

type Store = (rec: Rec, tags: Uint8Array, nums: Float64Array, strs: Uint16Array, secs: Uint32Array, at: Int32Array, intern: (column: number, v: string) => number) => void;
type Load = (rec: Rec, tags: Uint8Array, nums: Float64Array, strs: Uint16Array, secs: Uint32Array, strings: string[], at: Int32Array) => void;

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
    const store = ['let t = at[0], k = at[1], s = at[2], u = at[3], v, q;'];
    const load = ['let t = at[0], k = at[1], s = at[2], u = at[3], tag;'];
    columns.forEach((id, i) => {
      // whole seconds above 0 (never -0) up to 2^32 - 1 are exact as seconds times 1000
      store.push(`v = rec.${id};`,
        `if (v === null) tags[t++] = ${NULL};`,
        `else if (typeof v === 'number') { q = v / 1000; if (q > 0 && q <= 4294967295 && Math.floor(q) === q) { tags[t++] = ${SECONDS}; secs[u++] = q; } else { tags[t++] = ${NUMBER}; nums[k++] = v; } }`,
        `else if (typeof v === 'string') { tags[t++] = ${STRING}; strs[s++] = intern(${i}, v); }`,
        `else tags[t++] = v ? ${TRUE} : ${FALSE};`);
      load.push('tag = tags[t++];',
        `rec.${id} = tag === ${SECONDS} ? secs[u++] * 1000 : tag === ${NUMBER} ? nums[k++] : tag === ${STRING} ? strings[strs[s++]] : tag === ${NULL} ? null : tag === ${TRUE};`);
    });
    store.push('at[0] = t; at[1] = k; at[2] = s; at[3] = u;');
    load.push('at[0] = t; at[1] = k; at[2] = s; at[3] = u;');
    c = {
      store: new Function('rec', 'tags', 'nums', 'strs', 'secs', 'at', 'intern', store.join('\n')) as Store,
      load: new Function('rec', 'tags', 'nums', 'strs', 'secs', 'strings', 'at', load.join('\n')) as Load,
    };
    codecs.set(key, c);
  }
  return c;
}
