// addExact / exactValue: the exact sum of floats, rounded once to the nearest (ties to even), whatever the order of the values or
// however they were split and added together (one part of a reading, then the other's).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addExact, exactValue } from '../../src/util/exact-sum.js';

const SCALE = 80n;
/** Values m x 2^e (exact floats, |m| < 2^53, e in [-80, 60]): their exact sum as a BigInt in units of 2^-80. */
const value = fc.tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: -80, max: 60 }));
const asFloat = ([m, e]: [number, number]) => m * 2 ** e;
const units = ([m, e]: [number, number]) => BigInt(m) * 2n ** (BigInt(e) + SCALE);
/** The exact sum rounded once: BigInt to Number rounds to nearest, ties to even; the power of two divides exactly. */
const reference = (vs: [number, number][]) => Number(vs.reduce((s, v) => s + units(v), 0n)) / 2 ** Number(SCALE);

/** A finite float as [m, e] with x = m x 2^e exactly (|m| < 2^53). */
function decompose(x: number): [number, number] {
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    e--;
  }
  while (Math.abs(x) >= 2 ** 53) {
    x /= 2;
    e++;
  }
  return [x, e];
}

function sumOf(xs: number[]): number {
  const p: number[] = [];
  for (const x of xs) addExact(p, x);
  return exactValue(p);
}

describe('exact sum', () => {
  it('is the exact sum rounded once, in any order, in one part or two', () => {
    fc.assert(fc.property(fc.array(value, { maxLength: 60 }), fc.nat(), fc.nat(), (vs, cut, seed) => {
      const xs = vs.map(asFloat);
      const want = reference(vs);
      expect(Object.is(sumOf(xs) + 0, want + 0)).toBe(true);
      // shuffled
      const shuffled = xs.slice();
      let r = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        r = (Math.imul(r, 1103515245) + 12345) & 0x7fffffff;
        const j = r % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      expect(sumOf(shuffled) + 0).toBe(want + 0);
      // split: the second part's partials added to the first
      const c = cut % (xs.length + 1);
      const first: number[] = [];
      for (const x of xs.slice(0, c)) addExact(first, x);
      const second: number[] = [];
      for (const x of xs.slice(c)) addExact(second, x);
      for (const x of second) addExact(first, x);
      expect(exactValue(first) + 0).toBe(want + 0);
    }), { numRuns: 3000, endOnFailure: true });
  });
  it('where summing in order loses the small values or rounds twice', () => {
    expect(sumOf([1e16, 1, -1e16])).toBe(1);
    expect(sumOf([0.1, 0.2, 0.3, -0.6])).toBe(reference([[3602879701896397, -55], [3602879701896397, -54], [5404319552844595, -54], [-5404319552844595, -53]]));
    // a halfway case decided by what lies below it: 2^53 + 1 + 2^-30 rounds up, 2^53 + 1 to even
    expect(sumOf([2 ** 53, 1, 2 ** -30])).toBe(2 ** 53 + 2);
    expect(sumOf([2 ** 53, 1])).toBe(2 ** 53);
    expect(sumOf([2 ** 53, 1, -(2 ** -30)])).toBe(2 ** 53);
    expect(sumOf([])).toBe(0);
    // a month's durations: a million resolution times in hours (minutes / 60), as one sum
    const hours = Array.from({ length: 1_000_000 }, (_, i) => ((i * 7919) % 100_000) / 60);
    const want = reference(hours.map(decompose));
    expect(sumOf(hours)).toBe(want);
    let inOrder = 0;
    for (const h of hours) inOrder += h;
    expect(Math.abs(inOrder - want)).toBeLessThan(1e-4); // summing in order is close, not exact: no test of the reference alone
  });
});
