// CSV outputs: a cell holding CR or LF is quoted (csv-stringify leaves a bare CR unquoted), and no line that a reader
// breaking lines at CR or LF may see starts like a formula; csv-parse reads every cell back as written.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../src/report/build.js';
import { safeText } from '../../src/report/cells.js';

const FORMULA_START = /^[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20]|^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

describe('toCsv', () => {
  it('the team 一组\\r@SUM(1) is quoted and its second line guarded', () => {
    const text = toCsv(['engineer_id', 'team'], [['E001', '一组\r@SUM(1)']], false);
    expect(text).toBe("engineer_id,team\nE001,\"一组\r'@SUM(1)\"\n");
  });
  it('whatever the cells, every physical line is safe and csv-parse reads the guarded cells back', () => {
    const piece = fc.constantFrom('a', '一组', '=1+1', '@SUM(1)', '+x', '-y', '\t', ' ', '\r', '\n', '\r\n', ',', '"', '5', '-5', '＝1');
    const cell = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const text = toCsv(['a', 'b'], rows, false);
      for (const line of text.split(/\r\n|\r|\n/)) {
        const first = line.startsWith('"') ? line.slice(1) : line;
        if (FORMULA_START.test(first)) expect(NUMBER.test(first.split(',')[0].replace(/"$/, '')), JSON.stringify(line)).toBe(true);
      }
      const back = parse(text, { relax_column_count: false }) as string[][];
      expect(back.slice(1)).toEqual(rows.map((r) => r.map(safeText)));
    }), { numRuns: 3000 });
  });
});
