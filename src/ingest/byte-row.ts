// Ingest stage: one CSV record as byte ranges of the file's bytes (byte-csv.ts fills it, validate/ reads it).
import { asciiString } from './ascii.js';

/**
 * A field's kind in ByteRow.kind: plain ASCII bytes, bytes with non-ASCII characters, or a quoted field that is not
 * one byte range (a "" inside, or text after the closing quote): made into text only when asked for (field()).
 */
export const ASCII = 0;
export const NON_ASCII = 1;
export const TEXT = 2;

/** One record: fields as byte ranges of buf. Reused from record to record: read it synchronously. */
export class ByteRow {
  buf: Buffer = Buffer.alloc(0);
  count = 0;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  kind = new Uint8Array(32);
  /** for a TEXT field: where its closing quote is (starts: after the opening quote; ends: the end of the field) */
  closes = new Int32Array(32);

  /** decode: how bytes with non-ASCII characters become text (the file's encoding, UTF-8 or GB18030) */
  constructor(readonly decode: (b: Buffer, start: number, end: number) => string) {}

  /** The field as text, as a text decoder and the string tokenizer would give it. */
  field(k: number): string {
    const kind = this.kind[k];
    if (kind === TEXT) {
      // inside the quotes, every quote is one of a "" pair (a single one would have closed them)
      const close = this.closes[k];
      return this.decode(this.buf, this.starts[k], close).replaceAll('""', '"') + this.decode(this.buf, close + 1, this.ends[k]);
    }
    return kind === ASCII ? asciiString(this.buf, this.starts[k], this.ends[k]) : this.decode(this.buf, this.starts[k], this.ends[k]);
  }

  /** Every field as text (a fresh array). */
  cells(): string[] {
    const out: string[] = new Array(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.field(k);
    return out;
  }

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(n);
    e.set(this.ends);
    this.ends = e;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    const c = new Int32Array(n);
    c.set(this.closes);
    this.closes = c;
  }
}

