// An exact sum of floats (Shewchuk's non-overlapping partials, as Python's math.fsum): the sum is held without error
// and rounded once at the end, so it is the same number whatever order the values came in, or however they were split
// into parts and merged afterwards. The partials are a plain array (a metric's state is plain data).

/**
 * Adds x to the exact sum held by partials (smallest magnitude first; two or three for a month's durations). Costs one
 * pass over them; their number does not grow with the number of values.
 */
export function addExact(p: number[], x: number): void {
  let i = 0;
  for (let j = 0; j < p.length; j++) {
    let y = p[j];
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  p.length = i;
  p.push(x);
}

/** The exact sum of partials rounded once to the nearest float (ties to even). */
export function exactValue(p: readonly number[]): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  // hi + lo is the sum rounded so far; when what is below lo lies on its side, a halfway lo must round away
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}
