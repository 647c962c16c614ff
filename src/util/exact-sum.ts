// An exact sum of floats (Shewchuk's non-overlapping partials, as Python's math.fsum): the sum is held without error
// and rounded once at the end, so it is the same number whatever order the values came in, or however they were split
// between threads and added together afterwards.

const NONE = new Float64Array(0);
const ONE = new Float64Array(1);

/**
 * The exact sum of the values added, as a few non-overlapping partials (two or three for a month's durations). Adding
 * a value costs one pass over them; memory does not grow with the number of values.
 */
export class ExactSum {
  /** the partials, smallest magnitude first; only the first m are in use (no memory until the first value) */
  private p = NONE;
  private m = 0;

  add(x: number): void {
    ONE[0] = x;
    this.addRun(ONE, 0, 1);
  }

  /** Adds src[from, to). */
  addRun(src: Float64Array, from: number, to: number): void {
    let p = this.p;
    let m = this.m;
    for (let k = from; k < to; k++) {
      let x = src[k];
      let i = 0;
      for (let j = 0; j < m; j++) {
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
      if (i === p.length) {
        const grown = new Float64Array(Math.max(4, p.length * 2));
        grown.set(p);
        p = this.p = grown;
      }
      p[i] = x;
      m = i + 1;
    }
    this.m = m;
  }

  /** The partials (what another ExactSum adds with addRun to hold the sum of both exactly). */
  partials(): Float64Array {
    return this.p.subarray(0, this.m);
  }

  /** The exact sum rounded once to the nearest float (ties to even). */
  value(): number {
    const p = this.p;
    let n = this.m;
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
}
