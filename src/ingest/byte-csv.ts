// Ingest stage: the byte-level CSV scanner for UTF-8 text, the common case of a big month. Records are cut straight
// from the file's bytes and each field is handed over as a byte range: no string is made for a field unless a later
// step asks for one (validate/ parses timestamps, numbers and coded values from the bytes). Same grammar as
// tokenizer.ts, which stays the reader of every other encoding: RFC 4180 quotes (special at the start of a field
// only), CRLF, LF or a lone CR, text after a closing quote kept, a quote still open at the end an error. A quoted field
// without "" inside is still a byte range; with "" (or text after the quote) it becomes a string when it is read.
// The bytes are checked as UTF-8 (the native check, far cheaper than decoding) before they are cut.
// GB18030 (and so GBK) is cut the same way: every byte that matters to CSV (delimiter, quote, CR, LF) is below 0x40,
// and no multi-byte GB18030 character contains one, so a field is always whole characters. Its bytes are checked as
// they stream (gb18030-check.ts: the fatal decoder's rules), and a field with non-ASCII characters is decoded as
// GB18030 when it is read.
import { isAscii, isUtf8 } from 'node:buffer';
import { UnclosedQuoteError } from './tokenizer.js';
import { ASCII, ByteRow, NON_ASCII, TEXT } from './byte-row.js';
import { Gb18030Check } from './gb18030-check.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Bytes that are not text in the file's encoding (UTF-8 or GB18030), at this offset of the file. */
export class NotUtf8Error extends Error {
  constructor(readonly offset: number) {
    super(`not well-formed text near byte ${offset}`);
  }
}

/** The encodings the scanner cuts from bytes. */
export type ByteEncoding = 'utf-8' | 'gb18030';

function gb18030Decode(): (b: Buffer, start: number, end: number) => string {
  const gb = new TextDecoder('gb18030');
  return (b, start, end) => gb.decode(b.subarray(start, end));
}

export class ByteCsvScanner {
  private readonly d: number;
  /** GB18030: the check of every chunk as it streams (null for UTF-8, checked natively) */
  private gbCheck: Gb18030Check | null;
  private decode: (b: Buffer, start: number, end: number) => string;
  /**
   * UTF-8 chosen from a head of ASCII only: the file may still be GB18030 (a long English part first). Until a
   * non-ASCII byte is checked, invalid UTF-8 switches the scanner to GB18030, which reads ASCII the same.
   */
  private undecided: boolean;
  /** the carried bytes (an incomplete last record) at the start of work: kept as a copy, never as a chunk */
  private work: Buffer = Buffer.alloc(0);
  private tailLength = 0;
  /** bytes of the data being scanned already checked as UTF-8 */
  private checked = 0;
  /** file offset of the data being scanned */
  private base: number;
  private records = 0;
  private first = true;
  private readonly row: ByteRow;
  /** file offset of the next chunk (for the GB18030 check's error) */
  private read = 0;

  /** from: where in the file the bytes start (a record's start; past 0, no byte order mark is looked for) */
  constructor(delimiter: string, private readonly onRecord: (row: ByteRow, index: number) => void, encoding: ByteEncoding = 'utf-8', from = 0, undecided = false) {
    this.d = delimiter.charCodeAt(0);
    this.undecided = undecided && encoding === 'utf-8';
    this.base = from;
    this.read = from;
    if (from > 0) this.first = false;
    if (encoding === 'gb18030') {
      this.gbCheck = new Gb18030Check();
      this.decode = gb18030Decode();
      this.first = false; // no byte order mark in GB18030 (a text decoder drops none either)
    } else {
      this.gbCheck = null;
      this.decode = (b, start, end) => b.toString('utf8', start, end);
    }
    this.row = new ByteRow((b, start, end) => this.decode(b, start, end));
  }

  /** The encoding the bytes are read in: UTF-8, or GB18030 (given, or found part way through an undecided file). */
  encoding(): ByteEncoding {
    return this.gbCheck ? 'gb18030' : 'utf-8';
  }

  /** Takes the next bytes; the caller may reuse chunk once this returns (no allocation per chunk). */
  push(chunk: Buffer): void {
    if (this.gbCheck) {
      const bad = this.gbCheck.push(chunk);
      if (bad >= 0) throw new NotUtf8Error(this.read + bad);
    }
    this.read += chunk.length;
    let data = chunk;
    if (this.tailLength > 0) {
      this.reserve(this.tailLength + chunk.length);
      chunk.copy(this.work, this.tailLength);
      data = this.work.subarray(0, this.tailLength + chunk.length);
    }
    if (this.first) {
      // a byte order mark, dropped as a text decoder drops it (held back until three bytes are in)
      if (data.length < 3) {
        this.carry(data, 0);
        return;
      }
      this.first = false;
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        data = data.subarray(3);
        this.base += 3;
      }
    }
    let used: number;
    if (this.gbCheck) used = this.scan(data, data.length, false); // checked above, whole
    else {
      // check up to the last ASCII byte: always a character boundary, and every complete record ends at one
      let end = data.length;
      while (end > this.checked && data[end - 1] >= 0x80) end--;
      if (end > this.checked) this.check(data, end);
      if (this.gbCheck) used = this.scan(data, data.length, false); // switched to GB18030 by the check
      else used = this.scan(data, this.checked, false);
    }
    this.carry(data, used);
    if (!this.gbCheck) this.checked -= used;
    this.base += used;
  }

  /** Bytes taken but not yet cut into a record: 0 when the bytes so far end where a record ends. */
  pending(): number {
    return this.tailLength;
  }

  /** Records cut so far. */
  count(): number {
    return this.records;
  }

  end(): void {
    const data = this.work.subarray(0, this.tailLength);
    if (!this.gbCheck && this.checked < data.length) this.check(data, data.length);
    if (this.gbCheck && !this.gbCheck.complete()) throw new NotUtf8Error(this.read);
    this.tailLength = 0;
    if (data.length === 0) return;
    this.scan(data, data.length, true);
  }

  /** Keeps data[from, end) as the carried bytes. */
  private carry(data: Buffer, from: number): void {
    const rest = data.length - from;
    if (rest > 0) {
      if (data.buffer === this.work.buffer) {
        const at = data.byteOffset - this.work.byteOffset;
        this.work.copyWithin(0, at + from, at + data.length);
      } else {
        this.tailLength = 0;
        this.reserve(rest);
        data.copy(this.work, 0, from);
      }
    }
    this.tailLength = rest;
  }

  /** Room for n bytes in work, the carried bytes kept. */
  private reserve(n: number): void {
    if (this.work.length >= n) return;
    const bigger = Buffer.allocUnsafe(Math.max(n, this.work.length * 2, 1 << 16));
    this.work.copy(bigger, 0, 0, this.tailLength);
    this.work = bigger;
  }

  private check(data: Buffer, end: number): void {
    const part = data.subarray(this.checked, end);
    if (isUtf8(part)) {
      if (this.undecided && !isAscii(part)) this.undecided = false; // real UTF-8 text: decided
      this.checked = end;
      return;
    }
    if (!this.undecided) throw new NotUtf8Error(this.base + this.checked + firstInvalid(part));
    // everything before was ASCII, which GB18030 reads the same: from here on the file is GB18030, checked from the
    // first byte not yet checked to the end of what has been read
    this.undecided = false;
    this.gbCheck = new Gb18030Check();
    this.decode = gb18030Decode();
    const rest = data.subarray(this.checked);
    const bad = this.gbCheck.push(rest);
    if (bad >= 0) throw new NotUtf8Error(this.base + this.checked + bad);
    this.checked = data.length;
  }

  /** Emits the complete records of b[0, n); returns where the incomplete tail starts. */
  private scan(b: Buffer, n: number, final: boolean): number {
    const d = this.d;
    const row = this.row;
    row.buf = b;
    let i = 0;
    let recordStart = 0;
    while (i < n) {
      let k = 0;
      for (;;) {
        if (k === row.starts.length) row.grow();
        if (i < n && b[i] === QUOTE) {
          i = this.quoted(b, i, n, final, k);
          if (i < 0) return recordStart; // the closing quote (or what follows it) is in a later chunk
        } else {
          const s = i;
          let high = 0;
          while (i < n) {
            const c = b[i];
            if (c === d || c === LF || c === CR) break;
            high |= c;
            i++;
          }
          row.starts[k] = s;
          row.ends[k] = i;
          row.kind[k] = high >= 0x80 ? NON_ASCII : ASCII;
        }
        k++;
        if (i >= n) {
          if (!final) return recordStart;
          this.emit(k);
          return n;
        }
        const c = b[i];
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) return recordStart; // a LF may follow in the next chunk
          i += i + 1 < n && b[i + 1] === LF ? 2 : 1;
        } else i++;
        this.emit(k);
        recordStart = i;
        break;
      }
    }
    return recordStart;
  }

  /** A quoted field starting at b[i] becomes field k; returns the index after it, or -1 when it is incomplete. */
  private quoted(b: Buffer, i: number, n: number, final: boolean, k: number): number {
    const row = this.row;
    const d = this.d;
    let j = i + 1;
    let pairs = false; // a "" inside: then the value is not one byte range
    let close: number;
    for (;;) {
      const q = b.indexOf(QUOTE, j);
      if (q < 0 || q >= n || (q + 1 >= n && !final)) {
        if (final) throw new UnclosedQuoteError(this.records + 1);
        return -1;
      }
      if (q + 1 < n && b[q + 1] === QUOTE) {
        pairs = true;
        j = q + 2;
        continue;
      }
      close = q;
      break;
    }
    let e = close + 1;
    while (e < n) {
      const c = b[e];
      if (c === d || c === LF || c === CR) break;
      e++;
    }
    if (!pairs && e === close + 1) {
      let high = 0;
      for (let p = i + 1; p < close; p++) high |= b[p];
      row.starts[k] = i + 1;
      row.ends[k] = close;
      row.kind[k] = high >= 0x80 ? NON_ASCII : ASCII;
    } else {
      row.starts[k] = i + 1;
      row.ends[k] = e;
      row.closes[k] = close;
      row.kind[k] = TEXT;
    }
    return e;
  }

  private emit(count: number): void {
    this.records += 1;
    this.row.count = count;
    this.onRecord(this.row, this.records);
  }
}

/** Where the first byte that is not well-formed UTF-8 lies in b (only called once b is known to be invalid). */
function firstInvalid(b: Uint8Array): number {
  let lo = 0;
  let hi = b.length;
  // the longest valid prefix ending on an ASCII byte, by halving
  while (hi - lo > 64) {
    let mid = (lo + hi) >>> 1;
    while (mid > lo && b[mid - 1] >= 0x80) mid--;
    if (mid === lo) break;
    if (isUtf8(b.subarray(0, mid))) lo = mid;
    else hi = mid;
  }
  for (let p = lo; p < b.length;) {
    const c = b[p];
    const len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (len === 0 || !isUtf8(b.subarray(p, p + len))) return p;
    p += len;
  }
  return lo;
}
