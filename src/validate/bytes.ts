// Validate stage, reading cells from bytes: ASCII strings made without a trip into native code, and what a cell's
// bytes were found to mean, remembered per column for columns with few distinct values (status words, yes/no, engineer
// ids, teams), so that a million rows make a few dozen strings. Keyed by the exact bytes (compared in full: no
// fingerprint can collide). A column whose values rarely repeat (ticket ids) switches the memo off after a trial, and
// its cells are read straight from their bytes.

const CAPACITY = 8192;
const TRIAL = 4096;
/** buckets of the table of short cells (a power of two, at least twice CAPACITY) */
const SMALL_BITS = 14;

export class ByteMemo<V> {
  private readonly values: V[] = [];
  /** one-byte cells (0/1, Y/N) by their byte */
  private readonly single: (V | undefined)[] = new Array(256).fill(undefined);
  /**
   * cells of 2 to 12 bytes by their bytes packed into two exact numbers (see pack): up to 6 bytes in the first (the
   * second 0), the rest of a longer cell in the second (never 0: it holds its length): two compares, no byte loop
   */
  private readonly smallKeys = new Float64Array(1 << SMALL_BITS);
  private readonly smallKeys2 = new Float64Array(1 << SMALL_BITS);
  private readonly smallEntries = new Int32Array(1 << SMALL_BITS); // entry + 1, 0 = empty
  /** longer cells by their bytes, compared in full */
  private readonly buckets = new Int32Array(CAPACITY * 2); // entry + 1, 0 = empty
  private readonly keys: Uint8Array[] = [];
  /** the short cell found last: a column often repeats the previous row's value */
  private lastPacked = -1;
  private lastPacked2 = -1;
  private lastEntry = -1;
  private lookups = 0;
  private misses = 0;
  /** true once the trial showed that values rarely repeat */
  off = false;

  get(b: Uint8Array, s: number, e: number): V | undefined {
    this.lookups++;
    const n = e - s;
    if (n === 1) {
      const hit = this.single[b[s]];
      if (hit !== undefined) return hit;
    } else if (n <= 12) {
      const p = n <= 6 ? pack(b, s, e) : pack(b, s, s + 6);
      const q = n <= 6 ? 0 : pack(b, s + 6, e);
      if (p === this.lastPacked && q === this.lastPacked2) return this.values[this.lastEntry];
      const keys = this.smallKeys;
      const mask = keys.length - 1;
      for (let h = mix(p, q); ; h = (h + 1) & mask) {
        const v = this.smallEntries[h];
        if (v === 0) break;
        if (keys[h] === p && this.smallKeys2[h] === q) {
          this.lastPacked = p;
          this.lastPacked2 = q;
          this.lastEntry = v - 1;
          return this.values[v - 1];
        }
      }
    } else {
      const mask = this.buckets.length - 1;
      for (let h = hashBytes(b, s, e) & mask; ; h = (h + 1) & mask) {
        const v = this.buckets[h];
        if (v === 0) break;
        if (sameBytes(this.keys[v - 1], b, s, e)) return this.values[v - 1];
      }
    }
    this.misses++;
    if (this.lookups >= TRIAL && this.misses * 2 > this.lookups) this.off = true;
    return undefined;
  }

  /** Remembers a value for bytes that get() just missed (until the memo is full). */
  set(b: Uint8Array, s: number, e: number, value: V): void {
    const n = e - s;
    if (n === 1) {
      this.single[b[s]] = value;
      return;
    }
    if (this.values.length >= CAPACITY) return;
    this.values.push(value);
    const entry = this.values.length;
    if (n <= 12) {
      const p = n <= 6 ? pack(b, s, e) : pack(b, s, s + 6);
      const q = n <= 6 ? 0 : pack(b, s + 6, e);
      const mask = this.smallKeys.length - 1;
      let h = mix(p, q);
      while (this.smallEntries[h] !== 0) h = (h + 1) & mask;
      this.smallKeys[h] = p;
      this.smallKeys2[h] = q;
      this.smallEntries[h] = entry;
      return;
    }
    const mask = this.buckets.length - 1;
    let h = hashBytes(b, s, e) & mask;
    while (this.buckets[h] !== 0) h = (h + 1) & mask;
    this.keys[entry - 1] = b.slice(s, e);
    this.buckets[h] = entry;
  }
}

/** 2 to 6 bytes as one number: the length, then the bytes, in base 256 (below 2^51: exact, and distinct for every
 * length and content). */
function pack(b: Uint8Array, s: number, e: number): number {
  let p = e - s;
  for (let i = s; i < e; i++) p = p * 256 + b[i];
  return p;
}

/** A bucket of the short-cell table for a packed key (p, q). */
function mix(p: number, q: number): number {
  const lo = (p >>> 0) ^ Math.imul((q >>> 0) ^ Math.imul((q / 4294967296) >>> 0, 0x27d4eb2f), 0x165667b1);
  const h = Math.imul(lo ^ Math.imul((p / 4294967296) >>> 0, 0x85ebca6b), 0x9e3779b1);
  return h >>> (32 - SMALL_BITS);
}

function sameBytes(key: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (key.length !== e - s) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== b[s + i]) return false;
  return true;
}

/** FNV-1a over bytes. */
function hashBytes(b: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) {
    h ^= b[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
