// Shared numeric helpers: the one rounding function (half away from zero, decimal-safe) and number formatting.

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
  if (Object.is(r, -0) || r === 0) return '0';
  let s = r.toFixed(digits);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** Fixed decimals, for totals shown as 87.0. */
export function formatFixed(x: number, digits: number): string {
  const r = roundHalfUp(x, digits);
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
}

export function mean(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Median: the middle value, or the mean of the two middle values. */
export function median(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const m = n >> 1;
  return n % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Nearest-rank percentile: the smallest value with at least p% of values at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1];
}
