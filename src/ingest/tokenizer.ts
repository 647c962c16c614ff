// Ingest stage: a streaming, quote-aware CSV tokenizer (RFC 4180) over decoded text chunks. Complete records go to a
// callback synchronously (no promise per row; one fresh array per record measured faster than truncating a reused
// one); an incomplete last record is carried into the next chunk. Line ends: CRLF, LF or a lone CR. A quote inside
// an unquoted cell, or text after a closing quote, is kept as text; a quote still open at the end is an error.

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class UnclosedQuoteError extends Error {
  constructor(readonly record: number) {
    super(`a quoted cell opened in record ${record} is never closed`);
  }
}

export class CsvTokenizer {
  private readonly d: number;
  private fields: string[] = [];
  private rest = '';
  private records = 0;

  constructor(delimiter: string, private readonly onRecord: (fields: string[], index: number) => void) {
    this.d = delimiter.charCodeAt(0);
  }

  push(chunk: string): void {
    const s = this.rest.length > 0 ? this.rest + chunk : chunk;
    this.rest = s.slice(this.parse(s, false));
  }

  end(): void {
    const s = this.rest;
    this.rest = '';
    if (s.length > 0) this.parse(s, true);
  }

  /** Parses the complete records of s; returns where the incomplete tail starts. */
  private parse(s: string, final: boolean): number {
    const n = s.length;
    const d = this.d;
    let fields = this.fields;
    let i = 0;
    let recordStart = 0;
    while (i < n) {
      if (fields.length > 0) {
        fields = [];
        this.fields = fields;
      }
      for (;;) {
        let value: string;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let segment = j;
          value = '';
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (final) throw new UnclosedQuoteError(this.records + 1);
              return recordStart; // the closing quote (or what follows it) is in a later chunk
            }
            if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(segment, q + 1);
              j = q + 2;
              segment = j;
              continue;
            }
            value += s.slice(segment, q);
            i = q + 1;
            break;
          }
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k++;
          }
          if (k > i) value += s.slice(i, k);
          i = k;
        } else {
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k++;
          }
          value = s.slice(i, k);
          i = k;
        }
        fields.push(value);
        if (i >= n) {
          if (!final) return recordStart;
          this.emit();
          return n;
        }
        const c = s.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !final) return recordStart; // a LF may follow in the next chunk
          i += i + 1 < n && s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        this.emit();
        recordStart = i;
        break;
      }
    }
    return recordStart;
  }

  private emit(): void {
    this.records += 1;
    this.onRecord(this.fields, this.records);
  }
}
