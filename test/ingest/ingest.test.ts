// Ingest traps of PITFALLS.md: encoding detection order, exceljs cell objects, code-point ordering.
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from '../../src/ingest/read-table.js';
import { flattenCell, NO_CACHED_RESULT } from '../../src/ingest/cells.js';
import { byId } from '../../src/history/state.js';

describe('detectEncoding', () => {
  it('UTF-8 bytes are UTF-8 (tried strictly first: they would decode as GB18030 mojibake, 工号 as 宸ュ彿)', () => {
    const bytes = Buffer.from('工号,姓名\nE001,张伟\n', 'utf8');
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 0 });
    expect(new TextDecoder('gb18030').decode(bytes).startsWith('宸ュ彿')).toBe(true);
  });
  it('a UTF-8 sequence cut at the end of the sniffed block is still UTF-8', () => {
    const bytes = Buffer.from('工号,姓名\nE001,张伟', 'utf8');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });
  it('GBK bytes are GB18030, decoded with the label gb18030 (the label gbk mangles four-byte sequences on Node 20)', () => {
    const bytes = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0x95, 0x32, 0x82, 0x36]);
    expect(detectEncoding(bytes).encoding).toBe('gb18030');
    expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).toBe('工号,\u{20000}');
  });
  it('byte-order marks decide', () => {
    expect(detectEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf-16le', bomLength: 2 });
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: 'utf-16be', bomLength: 2 });
  });
});

describe('detectDelimiter', () => {
  it.each([['a,b,c\n1;2', ','], ['a;b;c\n', ';'], ['a\tb\tc\n', '\t'], ['"x;y;z",b\n', ','], ['only\n', ',']])('%j -> %j', (text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('flattenCell (exceljs values)', () => {
  it.each([
    [{ formula: 'A1+1', result: 7 }, 7],
    [{ sharedFormula: 'A1', result: 'E001' }, 'E001'],
    [{ formula: 'NOW()' }, NO_CACHED_RESULT],
    [{ richText: [{ text: 'T' }, { text: '1' }] }, 'T1'],
    [{ text: 'C777', hyperlink: 'https://x' }, 'C777'],
    [{ text: { richText: [{ text: 'rich' }, { text: 'link' }] }, hyperlink: 'https://x' }, 'richlink'],
    [{ error: '#N/A' }, '#N/A'],
    [{ formula: 'X', result: { error: '#DIV/0!' } }, '#DIV/0!'],
    [null, null],
    [undefined, null],
  ])('%j', (v, want) => {
    expect(flattenCell(v)).toEqual(want);
  });
  it('never [object Object]', () => {
    expect(String(flattenCell({ unexpected: 1 }))).not.toContain('[object');
  });
});

describe('ordering', () => {
  it('by code point, whatever the locale (cron hosts run LANG=C)', () => {
    expect(['E9', 'e1', 'E10', 'Z1', '张伟', 'A1'].sort(byId)).toEqual(['A1', 'E10', 'E9', 'Z1', 'e1', '张伟']);
  });
});
