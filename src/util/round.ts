// Shared numeric helpers: the one rounding function (half away from zero, decimal-safe), number formatting, and the
// order statistics (median, nearest-rank percentile) found by selection.

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Rounds half away from zero at `digits` decimals, on the decimal value the float stands for (1.005 -> 1.01, 89.95 -> 90.0 at 1). */
export function roundHalfUp(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  if (digits >= 0 && digits < POW10.length) {
    // Most figures are nowhere near a tie: then the float itself says which way, and dividing the whole number by an
    // exact power of ten rounds as reading its decimal text would (both are correctly rounded). Near a tie (within 12
    // significant digits, the noise the decimal text drops), or too big to floor exactly, the decimal text decides.
    const p = POW10[digits];
    const s = Math.abs(x) * p;
    const whole = Math.floor(s);
    const f = s - whole;
    if (s < 1e15 && Math.abs(f - 0.5) > s * 1e-11 + 1e-12) {
      const r = (f < 0.5 ? whole : whole + 1) / p;
      return x < 0 && r !== 0 ? -r : r;
    }
  }
  // toPrecision(12) drops binary noise (89.94999999999999 -> 89.95) before the decimal shift.
  const clean = Math.abs(Number(x.toPrecision(12)));
  const shifted = Math.floor(shiftDecimal(clean, digits) + 0.5);
  const r = shiftDecimal(shifted, -digits);
  return x < 0 && r !== 0 ? -r : r;
}

/** x * 10^by done on the decimal text, so that 1.005 shifts to exactly 100.5 (also for 1e-7-style texts). */
function shiftDecimal(x: number, by: number): number {
  const [mantissa, exp = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exp) + by}`);
}

/** Plain decimal text: no exponent, no thousands separators, at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(x: number, digits = 4): string {
  const r = roundHalfUp(x, digits);
  if (r === 0) return '0'; // and -0
  if (Math.abs(r) >= 1e21) return plainHuge(r);
  const s = r.toFixed(digits);
  if (s.indexOf('.') < 0) return s;
  // trailing zeros, then a bare point, dropped (a loop: this runs for every figure of every scorecard row)
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  return s.slice(0, end);
}

/** Fixed decimals, for totals shown as 87.0. */
export function formatFixed(x: number, digits: number): string {
  const r = roundHalfUp(x, digits);
  if (Math.abs(r) >= 1e21) return `${plainHuge(r)}${digits > 0 ? `.${'0'.repeat(digits)}` : ''}`;
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
}

/** toFixed writes 1e21 and above with an exponent; such a float is a whole number, written out in full. */
function plainHuge(r: number): string {
  return Number.isFinite(r) ? BigInt(r).toString() : String(r);
}

/** The nearest rank (1 to n) of percentile p among n values. */
export function percentileRank(n: number, p: number): number {
  return Math.max(1, Math.ceil((p / 100) * n));
}

/** The median of the values of parts together: the middle one, or the mean of the two middle ones (orderStat). */
export function medianOf(parts: readonly Float64Array[]): number | null {
  const n = lengthOf(parts);
  if (n === 0) return null;
  const m = n >> 1;
  return n % 2 ? orderStat(parts, m) : (orderStat(parts, m - 1) + orderStat(parts, m)) / 2;
}

/** The nearest-rank percentile of the values of parts together: the smallest with at least p% at or below it. */
export function percentileOf(parts: readonly Float64Array[], p: number): number | null {
  const n = lengthOf(parts);
  return n === 0 ? null : orderStat(parts, percentileRank(n, p) - 1);
}

const lengthOf = (parts: readonly Float64Array[]) => parts.reduce((n, p) => n + p.length, 0);

/** where orderStat partitions a copy of its values (one buffer for every list: nothing allocated per list) */
let scratch = new Float64Array(1024);

/**
 * The k-th smallest of the values of parts together (0-based; no NaN among them; 0 and -0 alike), as sorting them all
 * would give it, in linear time: quickselect on a copy with three-way partitioning (runs of equal values, common in
 * durations, are settled at once), and a sort of what is left should the pivots keep landing badly.
 */
export function orderStat(parts: readonly Float64Array[], k: number): number {
  const n = lengthOf(parts);
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const a = scratch;
  let at = 0;
  for (const p of parts) {
    a.set(p, at);
    at += p.length;
  }
  let lo = 0;
  let hi = n - 1;
  for (let round = 0; lo < hi; round++) {
    if (round === 64) return a.subarray(lo, hi + 1).sort()[k - lo];
    // pivot: the median of the first, middle and last values of the range
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // a[lo, lt) < pivot, a[lt, i) = pivot, a(gt, hi] > pivot
    let lt = lo;
    let gt = hi;
    for (let i = lo; i <= gt;) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k];
}
