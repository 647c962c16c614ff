import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFixed, formatNumber, medianOf, orderStat, percentileOf, roundHalfUp } from '../../src/util/round.js';

/** The definitions, on sorted values: the middle value or the mean of the two middle ones; the smallest value with at
 * least p% of the values at or below it (nearest rank). */
const median = (sorted: ArrayLike<number>) => (sorted.length === 0 ? null : sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[(sorted.length >> 1) - 1] + sorted[sorted.length >> 1]) / 2);
const percentile = (sorted: ArrayLike<number>, p: number) => (sorted.length === 0 ? null : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]);

describe('roundHalfUp', () => {
  it.each([
    [89.95, 1, 90], [89.94999999999999, 1, 90], [89.94, 1, 89.9], [1.005, 2, 1.01], [2.5, 0, 3], [-2.5, 0, -3],
    [0.1 + 0.2, 1, 0.3], [79.95, 1, 80], [69.95, 1, 70], [99.99, 1, 100], [0, 1, 0], [-0.04, 1, 0], [12.345, 2, 12.35],
  ])('roundHalfUp(%s, %s) = %s', (x, d, want) => {
    expect(roundHalfUp(x, d)).toBe(want);
  });
  it('the 89.95 case: a weighted sum that lands a hair under 89.95 still rounds to 90.0', () => {
    const total = 0.5 * 89.9 + 0.3 * 90 + 0.2 * 90.05; // 89.95 in decimal, 89.94999999999999 in binary
    expect(formatFixed(total, 1)).toBe('90.0');
  });
  it('gives what rounding the decimal text gives, for any number (ties and their float neighbours above all)', () => {
    // the reference: every figure through its decimal text (what roundHalfUp did before its shortcut)
    const shift = (x: number, by: number) => {
      const [mantissa, exp = '0'] = String(x).split('e');
      return Number(`${mantissa}e${Number(exp) + by}`);
    };
    const reference = (x: number, d: number) => {
      if (!Number.isFinite(x) || Number.isInteger(x)) return x;
      const r = shift(Math.floor(shift(Math.abs(Number(x.toPrecision(12))), d) + 0.5), -d);
      return x < 0 && r !== 0 ? -r : r;
    };
    const tie = fc.tuple(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -3, max: 3 })).map(([k, d, ulps]) => {
      let x = (k + 0.5) / 10 ** d;
      for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? x + Number.EPSILON * Math.abs(x) : x - Number.EPSILON * Math.abs(x);
      return x;
    });
    const any = fc.oneof(tie, fc.double({ noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer().map((k) => k / 1000));
    fc.assert(fc.property(any, fc.integer({ min: 0, max: 8 }), (x, d) => {
      expect(Object.is(roundHalfUp(x, d), reference(x, d))).toBe(true);
    }), { numRuns: 20_000 });
  });
  it('formats plainly, without exponent or noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(1234567.5, 1)).toBe('1234567.5');
    expect(formatNumber(-0.00001, 2)).toBe('0');
    expect(formatFixed(87, 1)).toBe('87.0');
    expect(formatNumber(2, 2)).toBe('2');
    expect(formatNumber(2.5, 4)).toBe('2.5');
    expect(formatNumber(100, 0)).toBe('100');
    expect(formatNumber(-0.00005, 4)).toBe('-0.0001');
  });
  it('never writes an exponent, however large the figure', () => {
    expect(formatNumber(1e25, 2)).toBe('10000000000000000905969664');
    expect(formatNumber(-1e21, 0)).toBe('-1000000000000000000000');
    expect(formatFixed(1e22, 1)).toBe('10000000000000000000000.0');
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 8 }), (x, d) => {
      expect(formatNumber(x, d)).not.toMatch(/e/i);
      expect(formatFixed(x, d)).not.toMatch(/e/i);
    }), { numRuns: 5_000 });
  });
  it('drops trailing zeros as the regular expressions it replaced did', () => {
    const before = (x: number, d: number) => {
      const r = roundHalfUp(x, d);
      if (Object.is(r, -0) || r === 0) return '0';
      if (Math.abs(r) >= 1e21) return BigInt(r).toString();
      let s = r.toFixed(d);
      if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
      return s;
    };
    const any = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 100), fc.integer().map((k) => k * 1e15));
    fc.assert(fc.property(any, fc.integer({ min: 0, max: 8 }), (x, d) => {
      expect(formatNumber(x, d)).toBe(before(x, d));
    }), { numRuns: 20_000 });
  });
  it('median and nearest-rank p90', () => {
    const f = (...xs: number[]) => [Float64Array.from(xs)];
    expect(medianOf(f(4, 1, 3, 2))).toBe(2.5);
    expect(medianOf(f(5))).toBe(5);
    expect(medianOf(f())).toBeNull();
    expect(percentileOf(f(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 90)).toBe(9);
    expect(percentileOf(f(10), 90)).toBe(10);
  });
});

describe('order statistics without sorting', () => {
  // durations as they come: many equal values (whole minutes), runs, sorted and reversed stretches
  const values = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3000 }),
    fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 500 }),
    fc.integer({ min: 1, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
    fc.integer({ min: 1, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => n - i)),
    fc.integer({ min: 1, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => (i % 2 ? i : -i))),
  ).map((xs) => Float64Array.from(xs));
  it('the k-th smallest, median and nearest-rank percentiles are what sorting gives, for the values in one part or two, left as they were', () => {
    fc.assert(fc.property(values, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 100 }), (xs, at, cut, p) => {
      const before = xs.slice();
      const sorted = xs.slice().sort();
      const k = at % xs.length;
      const c = cut % (xs.length + 1);
      for (const parts of [[xs], [xs.subarray(0, c), xs.subarray(c)]]) {
        expect(orderStat(parts, k) === sorted[k]).toBe(true);
        expect(medianOf(parts) === median(sorted)).toBe(true); // 0 and -0 alike
        expect(percentileOf(parts, p) === percentile(sorted, p)).toBe(true);
      }
      expect(xs).toEqual(before);
    }), { numRuns: 500, endOnFailure: true });
    expect(medianOf([new Float64Array(0)])).toBeNull();
    expect(percentileOf([], 90)).toBeNull();
  });
});
