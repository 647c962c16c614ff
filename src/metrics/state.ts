// Metrics stage: the pieces a metric's state is made of. Each is plain data (JSON as it is) and merges exactly:
// - Tally: how many cases, and how many of them hit (a rate's numerator, or a count);
// - Sum: how many values and their exact sum: while every value is a whole number and the sum stays within 2^53 it is
//   a plain float (exact), past that a list of non-overlapping partials (util/exact-sum.ts). Durations are summed in
//   whole milliseconds, so a mean is the same in any order, split or merge, rounded once;
// - Kept: the values themselves, for an order statistic (median, percentile) only: its memory grows with the rows.
import { addExact, exactValue } from '../util/exact-sum.js';
import { medianOf, percentileOf } from '../util/round.js';
import type { MetricValue } from './metric.js';

export interface Tally { n: number; hit: number }
export const tally = (): Tally => ({ n: 0, hit: 0 });
export const mergeTally = (a: Tally, b: Tally): Tally => ({ n: a.n + b.n, hit: a.hit + b.hit });
/** hit / n as a share (null without cases) */
export const shareOf = (s: Tally): MetricValue => ({ value: s.n > 0 ? s.hit / s.n : null, n: s.n });
/** hit as a count of the n cases */
export const countOf = (s: Tally): MetricValue => ({ value: s.hit, n: s.n });

/** Whole numbers up to this add exactly in a float (2^53 - 1: a sum that reaches 2^53 may have rounded). */
const MAX_WHOLE = 2 ** 53 - 1;

export interface Sum { n: number; whole: number; partials: number[] | null }
export const sum = (): Sum => ({ n: 0, whole: 0, partials: null });

export function addToSum(s: Sum, x: number): void {
  s.n += 1;
  if (s.partials === null) {
    const t = s.whole + x;
    if (x === Math.floor(x) && Math.abs(t) <= MAX_WHOLE) {
      s.whole = t;
      return;
    }
    s.partials = [s.whole];
  }
  addExact(s.partials, x);
}

export function mergeSum(a: Sum, b: Sum): Sum {
  const out: Sum = { n: a.n, whole: a.whole, partials: a.partials === null ? null : [...a.partials] };
  if (b.partials === null) {
    const t = out.whole + b.whole;
    if (out.partials === null && Math.abs(t) <= MAX_WHOLE) out.whole = t;
    else addExact((out.partials ??= [out.whole]), b.whole);
  } else {
    out.partials ??= [out.whole];
    for (const p of b.partials) addExact(out.partials, p);
  }
  out.n += b.n;
  return out;
}

/** The exact sum, rounded once. */
export const sumValue = (s: Sum): number => (s.partials === null ? s.whole : exactValue(s.partials));

/** The mean of the values over unit (60,000 for minutes of milliseconds): the exact sum over unit x count, rounded once. */
export const meanOf = (s: Sum, unit = 1): MetricValue => ({ value: s.n === 0 ? null : sumValue(s) / (unit * s.n), n: s.n });

export interface Kept { values: number[] }
export const kept = (): Kept => ({ values: [] });
export const mergeKept = (a: Kept, b: Kept): Kept => ({ values: a.values.concat(b.values) });
export const medianOfKept = (s: Kept): MetricValue => ({ value: medianOf([Float64Array.from(s.values)]), n: s.values.length });
export const percentileOfKept = (s: Kept, p: number): MetricValue => ({ value: percentileOf([Float64Array.from(s.values)], p), n: s.values.length });

/** Whether a duration in milliseconds is within a limit in unit (1e-9 of the unit allowed). */
export const within = (ms: number, unit: number, limit: number): boolean => ms / unit <= limit + 1e-9;

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
