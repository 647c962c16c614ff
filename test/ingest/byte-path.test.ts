// The byte path (UTF-8 CSV cut from bytes, cells parsed from bytes) must give exactly what the text path gives:
// the scanner the records of the string tokenizer, however the bytes are cut (multi-byte characters included), and
// the record reader the same record or reject from bytes as from the decoded cells.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvTokenizer, UnclosedQuoteError } from '../../src/ingest/tokenizer.js';
import { ByteCsvScanner, NotUtf8Error } from '../../src/ingest/byte-csv.js';
import type { ByteRow } from '../../src/ingest/byte-row.js';
import { makeRecordReader, type ReadResult } from '../../src/validate/record.js';
import type { InputName, InputOptions } from '../../src/config/schema.js';
import { fastNumberBytes } from '../../src/validate/values.js';
import { ByteMemo } from '../../src/validate/bytes.js';
import { encodeGb18030 } from '../../scripts/gb18030.js';

const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', ' ', '-', ':', '.', '中', '文', 'é', '😀', '\u3000', '\t'), maxLength: 8 });
const field = (d: string) => fc.oneof(
  plain.filter((s) => !s.includes(d)),
  plain.map((s) => `"${s}"`),
  fc.tuple(plain, plain).map(([a, b]) => `"${a}""${d}\n${b}"`), // quotes, delimiters and newlines inside quotes
  fc.constantFrom('a"b', 'x""y', ' "', '"a"b', '""', '"\r\n"'), // quotes inside an unquoted cell stay text; text after a closing quote
);
const csv = fc.constantFrom(',', ';', '\t').chain((d) => fc.tuple(
  fc.constant(d),
  fc.array(fc.array(field(d), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 15 }),
  fc.constantFrom('\n', '\r\n', '\r'),
  fc.boolean(),
).map(([dd, rows, eol, trailing]) => ({ d: dd, text: rows.map((r) => r.join(dd)).join(eol) + (trailing ? eol : '') })));

function byTokenizer(text: string, d: string): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  const t = new CsvTokenizer(d, (f, i) => out.push([i, [...f]]));
  t.push(text);
  t.end();
  return out;
}

function byScanner(bytes: Buffer, d: string, cuts: number[], encoding: 'utf-8' | 'gb18030' = 'utf-8'): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  const s = new ByteCsvScanner(d, (r, i) => out.push([i, r.cells()]), encoding);
  // one buffer for every chunk, scribbled over after each push, as a file reader reusing its buffer does
  const shared = Buffer.alloc(Math.max(...cuts));
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = cuts[k++ % cuts.length];
    const m = bytes.copy(shared, 0, i, i + n);
    s.push(shared.subarray(0, m));
    shared.fill(0x2c);
    i += n;
  }
  s.end();
  return out;
}

const cutsArb = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 });

describe('ByteCsvScanner', () => {
  it('gives the records (and record numbers) of the string tokenizer, however the bytes are cut', () => {
    fc.assert(fc.property(csv, cutsArb, ({ d, text }, cuts) => {
      expect(byScanner(Buffer.from(text, 'utf8'), d, cuts)).toEqual(byTokenizer(text, d));
    }), { numRuns: 1500 });
  });

  it('cuts GB18030 bytes (two- and four-byte characters, trail bytes that look like ASCII) as the tokenizer cuts the text', () => {
    const gbUnit = fc.constantFrom('a', '0', '9', ' ', '-', ':', '中', '文', '长', '号', '与', '逗', 'é', '\u3000', '\u{20000}', '@', '~', '\\');
    const gbField = (d: string) => fc.oneof(
      fc.string({ unit: gbUnit, maxLength: 8 }),
      fc.string({ unit: gbUnit, maxLength: 8 }).map((x) => `"${x}"`),
      fc.tuple(fc.string({ unit: gbUnit, maxLength: 4 }), fc.string({ unit: gbUnit, maxLength: 4 })).map(([a, b]) => `"${a}""${d}\r\n${b}"`),
    );
    const gbCsv = fc.constantFrom(',', ';', '\t').chain((d) => fc.tuple(fc.constant(d), fc.array(fc.array(gbField(d), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([dd, rows, eol]) => ({ d: dd, text: rows.map((r) => r.join(dd)).join(eol) + eol })));
    fc.assert(fc.property(gbCsv, cutsArb, ({ d, text }, cuts) => {
      expect(byScanner(encodeGb18030(text), d, cuts, 'gb18030')).toEqual(byTokenizer(text, d));
    }), { numRuns: 800 });
  });

  it('refuses bytes that are not GB18030, as the text path does', () => {
    const bad = Buffer.concat([encodeGb18030('工号,姓名\nE1,张'), Buffer.from([0x81, 0x20]), Buffer.from('\n')]);
    expect(() => byScanner(bad, ',', [5], 'gb18030')).toThrow(NotUtf8Error);
    expect(() => byScanner(Buffer.concat([encodeGb18030('a,b\n'), Buffer.from([0x81])]), ',', [100], 'gb18030')).toThrow(NotUtf8Error);
  });

  it('reports an unclosed quote in the same record as the string tokenizer', () => {
    fc.assert(fc.property(csv, plain, cutsArb, ({ d, text }, tail, cuts) => {
      const bad = `${text}\n"${tail}`;
      let want = -1;
      try { byTokenizer(bad, d); } catch (e) { want = (e as UnclosedQuoteError).record; }
      let got = -2;
      try { byScanner(Buffer.from(bad, 'utf8'), d, cuts); } catch (e) { got = (e as UnclosedQuoteError).record; }
      expect(want).toBeGreaterThan(0);
      expect(got).toBe(want);
    }), { numRuns: 300 });
  });

  it('carries a record longer than several chunks (a 3 MB quoted cell with newlines, "" and Chinese) across 1 MiB reads', () => {
    const big = `"${'长文本 "" 与,逗号\r\n'.repeat(120_000)}"`;
    const text = `a,b,c\n1,${big},x\n2,y,z\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(2_900_000);
    expect(byScanner(bytes, ',', [1 << 20, 333_333])).toEqual(byTokenizer(text, ','));
  });

  it('drops a byte order mark at the start only', () => {
    const got = byScanner(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n\ufeffc,d\n')]), ',', [2, 1, 5]);
    expect(got).toEqual([[1, ['a', 'b']], [2, ['\ufeffc', 'd']]]);
  });

  it('names the offset of the first byte that is not UTF-8, whatever the chunking', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', ',', '\n', '中', '😀'), maxLength: 300 }), fc.nat(), cutsArb, (text, at, cuts) => {
      const good = Buffer.from(text, 'utf8');
      // cut at a character boundary, then put a byte that can never start a character there
      let p = good.length === 0 ? 0 : at % good.length;
      while (p > 0 && (good[p] & 0xc0) === 0x80) p--;
      const bytes = Buffer.concat([good.subarray(0, p), Buffer.from([0xff]), good.subarray(p)]);
      let got = -1;
      try { byScanner(bytes, ',', cuts); } catch (e) { got = (e as NotUtf8Error).offset; }
      expect(got).toBe(p);
    }), { numRuns: 500 });
  });
});

describe('ByteMemo', () => {
  it('never answers for bytes other than those it was told about (1, 2-6, 7-12 and longer cells), against a Map', () => {
    const cellBytes = fc.oneof(
      fc.array(fc.constantFrom(0x30, 0x31, 0x45, 0xe4, 0xb8, 0xad, 0x00, 0xff), { minLength: 1, maxLength: 15 }),
      // cells that differ only by leading or trailing zero bytes, or by length
      fc.constantFrom([0x30], [0x00, 0x30], [0x00, 0x00, 0x30], [0x30, 0x00], [0x30, 0x00, 0x00], [0, 0, 0, 0, 0, 0x30], [0, 0, 0, 0, 0, 0, 0x30], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [1, 0, 0, 0, 0, 0],
      // a longer cell's first six bytes equal to a cell of six; the rest differing only by zero bytes or length
      [1, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0x30], [1, 0, 0, 0, 0, 0, 0x30, 0], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x30]),
    );
    fc.assert(fc.property(fc.array(cellBytes, { minLength: 1, maxLength: 400 }), (cells) => {
      const memo = new ByteMemo<string>();
      const ref = new Map<string, string>();
      for (const c of cells) {
        // each cell sits at an odd place of a bigger buffer, as in a record
        const buf = Uint8Array.from([0x2c, ...c, 0x2c]);
        const key = Buffer.from(c).toString('hex');
        const got = memo.get(buf, 1, 1 + c.length);
        if (got !== undefined) expect(got).toBe(ref.get(key));
        else {
          expect(memo.off || !ref.has(key)).toBe(true);
          memo.set(buf, 1, 1 + c.length, `v${key}`);
          ref.set(key, `v${key}`);
        }
      }
    }), { numRuns: 300 });
  });
});

describe('fastNumberBytes', () => {
  it('is Number(text) on the simple grammar, undefined elsewhere', () => {
    const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.stringMatching(/^-?\d{0,9}(\.\d{0,9})?$/));
    fc.assert(fc.property(num, (s) => {
      const got = fastNumberBytes(Buffer.from(s), 0, s.length);
      if (got !== undefined) {
        expect(/^-?\d+(\.\d+)?$/.test(s)).toBe(true);
        expect(Object.is(got, Number(s))).toBe(true);
      }
    }), { numRuns: 3000 });
  });
});

// Cells that exercise every column type's fast path and its way out of it.
const cell = fc.oneof(
  fc.constantFrom('', ' ', '\u3000', 'N/A', '-', 'T1', ' T2 ', 'E001', 'E 1', 'ｅ００１', '中文', '1e3', '00042', '1,234', '12%', '-0', '0.5', '7.'),
  fc.constantFrom('2026-10-09 12:50', '2026-10-09T12:50:07', '2026-10-09 12:50:07.5', '2026/10/9 8:05', '2026-02-30 10:00', '2026-10-09 24:00',
    '2026-10-09 12:50+08:00', '2026-10-09T04:50Z', ' 2026-10-09 12:50', '2026年10月9日 8:05', '45939.5', '2026-10-09', '9/10/2026 8:05'),
  fc.constantFrom('resolved', 'Resolved', '已解决', 'cancelled', '取消', 'onsite', '上门', 'phone', 'yes', 'Y', '是', '否', '0', '1', 'true', 'maybe'),
  fc.integer({ min: -5, max: 200 }).map(String),
  plain,
);

function csvCell(c: string): string {
  return /[",\r\n]/.test(c) || c.startsWith('"') ? `"${c.replace(/"/g, '""')}"` : c;
}

const snapshot = (r: ReadResult): unknown => (r.kind === 'record' ? { kind: 'record', rec: { ...r.rec } } : r);

function compare(input: InputName, headers: string[], rows: string[][], opts: InputOptions, encoding: 'utf-8' | 'gb18030' = 'utf-8'): void {
  const text = [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');
  const bytesReader = makeRecordReader(input, 'f.csv', '', headers, false, 'Asia/Shanghai', opts);
  const textReader = makeRecordReader(input, 'f.csv', '', headers, false, 'Asia/Shanghai', opts);
  const got: unknown[] = [];
  const want: unknown[] = [];
  const s = new ByteCsvScanner(',', (r: ByteRow, i) => {
    if (i === 1) return;
    got.push(snapshot(bytesReader.readBytes(i, r)));
    want.push(snapshot(textReader.read(i, r.cells())));
  }, encoding);
  s.push(encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeGb18030(text));
  s.end();
  expect(got).toEqual(want);
}

describe('RecordReader.readBytes', () => {
  const tickets = ['ticket_id', 'engineer_id', 'created_at', 'resolved_at', 'status', 'priority', 'channel', 'is_complaint', 'customer_id'];
  const surveys = ['survey_id', 'ticket_id', 'score', 'submitted_at', 'comment'];
  const options: InputOptions[] = [{}, { null_values: ['N/A', '-', '0'] }, { date_format: 'D/M/YYYY H:mm' }];
  const roster = ['engineer_id', 'name', 'team', 'level', 'annual_points', 'hire_date', 'status'];
  for (const [input, headers] of [['tickets', tickets], ['surveys', surveys], ['roster', roster]] as const) {
    for (const opts of options) {
      it(`gives what read() gives on the decoded cells: ${input} ${JSON.stringify(opts)}`, () => {
        fc.assert(fc.property(fc.array(fc.array(cell, { minLength: headers.length - 1, maxLength: headers.length + 1 }), { minLength: 1, maxLength: 30 }), (rows) => {
          compare(input, [...headers], rows, opts);
        }), { numRuns: 300 });
      });
    }
  }

  for (const [input, headers] of [['tickets', tickets], ['roster', roster]] as const) {
    it(`gives what read() gives on GB18030 bytes too: ${input}`, () => {
      const gb = (c: string) => c.replace(/😀/gu, '\u{20000}');
      fc.assert(fc.property(fc.array(fc.array(cell.map(gb), { minLength: headers.length - 1, maxLength: headers.length + 1 }), { minLength: 1, maxLength: 30 }), (rows) => {
        compare(input, [...headers], rows, {}, 'gb18030');
      }), { numRuns: 300 });
    });
  }

  it('keeps giving the same answers once its memo of repeated values is full or switched off', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 12_000; i++) {
      // ids and texts that never repeat: the memo switches off and these go through the byte parsers (edge spaces too)
      const odd = i % 11 === 0 ? ' ' : i % 13 === 0 ? '\t' : '';
      rows.push([`${odd}T${i}`, i % 7 === 0 ? ' E7 ' : `E${i % 50}`, `2026-10-0${1 + (i % 9)} 0${i % 10}:15`, '', i % 3 ? 'resolved' : '已解决', `P${i}${odd}`, 'phone', i % 2 ? '是' : '0', `${odd}C${i} x`]);
    }
    compare('tickets', tickets, rows, {});
    // text columns that are parsed (names, teams), their memo switched off the same way
    const people: string[][] = [];
    for (let i = 0; i < 12_000; i++) {
      const odd = i % 11 === 0 ? ' ' : i % 13 === 0 ? '\t' : '';
      people.push([`E${i}`, `${odd}Name ${i}`, `team ${i}${odd}`, String(i % 5), `${odd}${i}`, '2020-01-01', i % 3 ? 'active' : '在职']);
    }
    compare('roster', roster, people, {});
  });
});
