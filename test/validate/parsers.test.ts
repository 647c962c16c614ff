// Property tests of the hand-written fast paths against independent references: the CSV tokenizer against csv-parse
// (any chunking, any line ends), the timestamp fast path against the general grammar.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer } from '../../src/ingest/tokenizer.js';
import { compileDateFormat, parseTimestamp, timestampOrNaN } from '../../src/validate/values.js';

const field = fc.oneof(
  fc.string({ maxLength: 8 }).filter((s) => !/["\r\n,]/.test(s)), // plain
  fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/"/g, '""')}"`), // quoted: any text, newlines and quotes included
  fc.constantFrom('a"b', 'x""y', ' "'), // quotes inside an unquoted cell stay text
);
const csv = fc.tuple(fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([rows, eol, trailing]) => rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : ''));

describe('CsvTokenizer', () => {
  it('gives the records csv-parse gives, however the text is cut into chunks', () => {
    fc.assert(fc.property(csv, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), (text, cuts) => {
      const want = parse(text, { relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: false }) as string[][];
      const got: string[][] = [];
      const t = new CsvTokenizer(',', (f) => got.push([...f]));
      let i = 0;
      let k = 0;
      while (i < text.length) {
        const n = cuts[k++ % cuts.length];
        t.push(text.slice(i, i + n));
        i += n;
      }
      t.end();
      expect(got).toEqual(want);
    }), { numRuns: 500 });
  });
});

describe('timestamp fast path', () => {
  const part = (min: number, max: number, width: number) => fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));
  const text = fc.tuple(part(1890, 2100, 4), fc.constantFrom('-', '/'), part(0, 13, 1), part(0, 32, 2), fc.constantFrom('', ' ', 'T'), part(0, 25, 2), part(0, 61, 2), fc.constantFrom('', ':07', ':60', ':07.5', ':07.123456'), fc.constantFrom('', 'Z', '+08:00', '-0530', '+8'))
    .map(([y, sep, mo, d, t, h, mi, sec, off]) => (t === '' ? `${y}${sep}${mo}${sep}${d}` : `${y}${sep}${mo}${sep}${d}${t}${h}:${mi}${sec}${off}`));
  it('agrees with the general grammar (regular expressions, checked parts) on every generated text', () => {
    // a date_format that never matches forces the general path
    const slow = { tz: 'Asia/Shanghai', format: compileDateFormat('YYYY|never') };
    fc.assert(fc.property(text, (s) => {
      const general = parseTimestamp(s, slow);
      const fast = timestampOrNaN(s, { tz: 'Asia/Shanghai' });
      if (general.ok) expect(fast).toBe(general.value);
      else expect(fast).toBeNaN();
    }), { numRuns: 2000 });
  });
});
