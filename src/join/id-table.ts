// Join stage: a string -> int table for ids (tickets, surveys). The ids are kept whole, so that lookups compare exactly
// (no fingerprint can collide), but as characters in one typed array (one byte each while every character fits, else
// two) rather than as a million strings: a third of the memory, and nothing for the garbage collector to trace.
//
// Exports usually list ids in ascending order (T00000001, T00000002, ... or 1, 2, ... 10, 11). While they come that way the table is just
// that sorted list: adding checks the new id against the last one, and a lookup searches from where the previous one
// ended (responses and surveys follow the same order), without hashing. The first id out of order, or lookups that
// keep jumping far, turn on an open-addressing hash index over all ids (measured: a million inserts about 0.25 s on
// this machine, a JavaScript Map about twice that). Either way the answers are the same.

import { ownMemory, type Alloc } from '../parallel/parts.js';

/** Lookups that had to search far before the sorted list gives way to the hash index. */
const FAR_LOOKUPS = 4096;

/**
 * An IdTable's content as typed arrays (each cut to what is used), to send to the other part of a reading and rebuild
 * there: views of the table's own memory when the other part reads that memory as it is, else copies.
 */
export interface IdTableData {
  ascending: boolean;
  buckets: Int32Array;
  values: Int32Array;
  ends: Int32Array;
  chars: Uint8Array | Uint16Array;
}

/** Whether memory from alloc is read by the other part as it is (else data() copies it). */
export const inPlace = (alloc: Alloc): boolean => !(alloc(0) instanceof ArrayBuffer);

export class IdTable {
  /** while ids have come in ascending order: no hash index (buckets stay empty) */
  private ascending = true;
  /** where the last lookup in the sorted list ended */
  private hint = 0;
  private far = 0;
  /** per bucket, slot + 1 (0 = empty) and the id's hash side by side (one cache line per probe); at most half full */
  private buckets: Int32Array;
  private values: Int32Array;
  /** where each id's characters end in chars (they start where the previous one ends) */
  private ends: Int32Array;
  private chars: Uint8Array | Uint16Array;
  private used = 0;
  private count = 0;
  /** the buckets are another table's (from()): copied before the first id is placed in them */
  private borrowed = false;

  /**
   * alloc: the memory of the table's arrays; memory the other part reads as it is makes data() hand it views, no copy
   * (the table must then take no more ids while the other part reads them).
   */
  constructor(private readonly alloc: Alloc = ownMemory) {
    this.buckets = new Int32Array(alloc(0));
    this.values = new Int32Array(alloc(4 * 1024));
    this.ends = new Int32Array(alloc(4 * 1024));
    this.chars = new Uint8Array(alloc(1 << 14));
  }

  get size(): number {
    return this.count;
  }

  /** The table's content: views of its arrays when the other part reads them in place, else copies (the table goes on as it was). */
  data(): IdTableData {
    const { count, used } = this;
    return inPlace(this.alloc)
      ? { ascending: this.ascending, buckets: this.buckets, values: this.values.subarray(0, count), ends: this.ends.subarray(0, count), chars: this.chars.subarray(0, used) }
      : { ascending: this.ascending, buckets: this.buckets.slice(), values: this.values.slice(0, count), ends: this.ends.slice(0, count), chars: this.chars.slice(0, used) };
  }

  /**
   * A table with the content of another's data() (in this part of a reading, or in the other). It reads the arrays as they are,
   * and writes none of them: an id added later goes to arrays of its own.
   */
  static from(d: IdTableData): IdTable {
    const t = new IdTable();
    t.ascending = d.ascending;
    t.buckets = d.buckets;
    t.borrowed = true;
    t.count = d.values.length;
    t.used = d.chars.length;
    t.values = d.values;
    t.ends = d.ends;
    t.chars = d.chars;
    return t;
  }

  /** The arrays of data() to move to the other part rather than copy (memory it reads in place needs neither). */
  static buffers(d: IdTableData): ArrayBuffer[] {
    return [d.buckets.buffer, d.values.buffer, d.ends.buffer, d.chars.buffer].filter((b) => b instanceof ArrayBuffer);
  }

  /** The id in slot. */
  idAt(slot: number): string {
    const start = slot === 0 ? 0 : this.ends[slot - 1];
    let s = '';
    for (let i = start; i < this.ends[slot]; i += 4096) s += String.fromCharCode(...this.chars.subarray(i, Math.min(i + 4096, this.ends[slot])));
    return s;
  }

  /**
   * Whether some id is in both tables. Cheap when both came in ascending order and every id of this one sorts before
   * every id of the other (a file's two parts, as exports list their ids); else a lookup per id of the other.
   */
  sharesIdWith(other: IdTable): boolean {
    if (this.count === 0 || other.count === 0) return false;
    if (this.ascending && other.ascending && this.compare(this.count - 1, other.idAt(0)) < 0) return false;
    for (let i = 0; i < other.count; i++) if (this.slot(other.idAt(i)) >= 0) return true;
    return false;
  }

  /** The value stored for id, or -1. */
  get(id: string): number {
    const s = this.slot(id);
    return s < 0 ? -1 : this.values[s];
  }

  /** The insertion slot of id (0, 1, 2, ... in order of first set), or -1. */
  slot(id: string): number {
    if (this.ascending) return this.search(id);
    const h = hashOf(id);
    const buckets = this.buckets;
    const mask = (buckets.length >> 1) - 1;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const v = buckets[2 * b];
      if (v === 0) return -1;
      if (buckets[2 * b + 1] === h && this.matches(v - 1, id)) return v - 1;
    }
  }

  /** The value stored in slot. */
  value(slot: number): number {
    return this.values[slot];
  }

  /** Whether the id in slot is id (compared from its end: ids that count up differ there first). */
  matches(slot: number, id: string): boolean {
    const start = slot === 0 ? 0 : this.ends[slot - 1];
    const end = this.ends[slot];
    if (end - start !== id.length) return false;
    const chars = this.chars;
    for (let i = end - start - 1; i >= 0; i--) if (chars[start + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /** Adds an id that is not in the table yet (check with slot() first); returns its slot. */
  add(id: string, value: number): number {
    const r = this.insert(id, value);
    if (r < 0) throw new Error(`unreachable: id ${id} added twice`);
    return r;
  }

  /** Adds id unless it is there: its new slot, or -(slot + 1) of the id already there. */
  insert(id: string, value: number): number {
    if (this.ascending) {
      if (this.count === 0 || this.compare(this.count - 1, id) < 0) return this.append(id, value);
      this.index(); // out of order: from now on, by hash
    }
    const h = hashOf(id);
    const buckets = this.buckets;
    const mask = (buckets.length >> 1) - 1;
    for (let b = h & mask; ; b = (b + 1) & mask) {
      const v = buckets[2 * b];
      if (v === 0) break;
      if (buckets[2 * b + 1] === h && this.matches(v - 1, id)) return -v;
    }
    const i = this.append(id, value);
    if ((i + 1) * 2 > this.buckets.length >> 1) this.rehash(this.buckets.length * 2);
    else {
      if (this.borrowed) this.buckets = this.buckets.slice();
      this.borrowed = false;
      this.place(h, i);
    }
    return i;
  }

  /**
   * The id in slot against id: negative, 0 or positive as the stored one sorts before, equal, after. Shorter ids sort
   * first, then by UTF-16 code units: numbers counting up without zero padding (9, 10, 11) are in order too.
   */
  private compare(slot: number, id: string): number {
    const start = slot === 0 ? 0 : this.ends[slot - 1];
    const length = this.ends[slot] - start;
    if (length !== id.length) return length - id.length;
    const chars = this.chars;
    for (let i = 0; i < length; i++) {
      const d = chars[start + i] - id.charCodeAt(i);
      if (d !== 0) return d;
    }
    return 0;
  }

  /** Sorted-list lookup: gallops from where the last lookup ended, then halves. */
  private search(id: string): number {
    const n = this.count;
    if (n === 0) return -1;
    let i = this.hint < n ? this.hint : n - 1;
    const c = this.compare(i, id);
    if (c === 0) {
      this.hint = i + 1;
      return i;
    }
    // the answer lies in (lo, hi]: gallop outward from i
    let lo: number;
    let hi: number;
    let step = 1;
    if (c < 0) {
      lo = i;
      hi = i + 1;
      while (hi < n && this.compare(hi, id) < 0) {
        lo = hi;
        step *= 2;
        hi = i + step;
      }
      if (hi > n - 1) hi = n - 1;
    } else {
      hi = i;
      lo = i - 1;
      while (lo >= 0 && this.compare(lo, id) >= 0) {
        hi = lo;
        step *= 2;
        lo = i - step;
      }
      if (lo < -1) lo = -1;
    }
    if (step > 64 && ++this.far >= FAR_LOOKUPS) {
      // lookups in no particular order: a hash index pays from here on
      this.index();
      return this.slot(id);
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, id) < 0) lo = mid;
      else hi = mid;
    }
    i = hi;
    if (this.compare(i, id) === 0) {
      this.hint = i + 1;
      return i;
    }
    this.hint = i;
    return -1;
  }

  /** Turns on the hash index over every id so far. */
  private index(): void {
    this.ascending = false;
    let size = 1 << 12;
    while (size < this.count * 2 + 2) size *= 2;
    this.rehash(size * 2);
  }

  private rehash(length: number): void {
    this.buckets = new Int32Array(this.alloc(4 * length));
    this.borrowed = false;
    for (let i = 0; i < this.count; i++) this.place(this.hashAt(i), i);
  }

  private append(id: string, value: number): number {
    const i = this.count;
    if (i === this.values.length) {
      this.values = this.grow(this.values);
      this.ends = this.grow(this.ends);
    }
    this.store(id);
    this.count = i + 1;
    this.values[i] = value;
    this.ends[i] = this.used;
    return i;
  }

  /** Appends the characters of id (widening to two bytes a character the first time one needs it). */
  private store(id: string): void {
    let chars = this.chars;
    if (this.used + id.length > chars.length) {
      const length = Math.max(chars.length * 2, this.used + id.length);
      const alloc = this.alloc;
      const bigger = chars instanceof Uint8Array ? new Uint8Array(alloc(length)) : new Uint16Array(alloc(2 * length));
      bigger.set(chars.subarray(0, this.used));
      chars = this.chars = bigger;
    }
    let at = this.used;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c > 0xff && chars instanceof Uint8Array) {
        const wide = new Uint16Array(this.alloc(2 * chars.length));
        wide.set(chars.subarray(0, at));
        chars = this.chars = wide;
      }
      chars[at++] = c;
    }
    this.used = at;
  }

  /** hashOf of the id in slot, from its stored characters. */
  private hashAt(slot: number): number {
    const start = slot === 0 ? 0 : this.ends[slot - 1];
    const end = this.ends[slot];
    const chars = this.chars;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      h ^= chars[i];
      h = Math.imul(h, 0x01000193);
    }
    return h | 0;
  }

  private place(h: number, slot: number): void {
    const buckets = this.buckets;
    const mask = (buckets.length >> 1) - 1;
    let b = h & mask;
    while (buckets[2 * b] !== 0) b = (b + 1) & mask;
    buckets[2 * b] = slot + 1;
    buckets[2 * b + 1] = h;
  }

  private grow(a: Int32Array): Int32Array {
    const b = new Int32Array(this.alloc(4 * Math.max(1024, a.length * 2))); // a table from data() may start with none
    b.set(a);
    return b;
  }
}

/** FNV-1a over the UTF-16 code units of an id, as an int32. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
