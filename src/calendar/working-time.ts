// Working time: the time between two instants that falls in a calendar's working hours, in the calendar's timezone.
// A calendar has working intervals per weekday (a day absent is closed; an interval may run past midnight: a night
// shift ["22:00","06:00"] belongs to the day it starts on), China's public holidays and make-up working days (调休)
// from holiday data, and dated overrides (a day closed, or other hours). Its intervals are instants, so a day with a
// daylight-saving change has the real length of its hours. Pure: the holiday data comes in as data.
import { daysFromCivil, fromWall, tzOffset } from '../util/time.js';

export type Hours = readonly (readonly [string, string])[];
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface CalendarSpec {
  timezone: string;
  weekly: Partial<Record<Weekday, Hours>>;
  holidays: 'cn' | 'none';
  overrides: readonly { date: string; closed?: boolean; hours?: Hours }[];
}

/** Official holidays and make-up working days by date (YYYY-MM-DD), and the years the data covers. */
export interface HolidayData { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; years: ReadonlySet<number>; source: string }

/** An instant in a year the calendar has no official holiday data for: no silent guess. */
export class CalendarError extends Error {}

const DAY = 86_400_000;

/** "HH:MM" (00:00 to 24:00) as minutes of the day. */
export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new Error(`unreachable: ${hhmm} is not HH:MM (the config schema checks it)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The date of a day number (days since 1970-01-01). */
function civil(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
const iso = (c: { y: number; m: number; d: number }) => `${c.y}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`;

export class WorkingCalendar {
  private readonly overrides: Map<string, { closed?: boolean; hours?: Hours }>;
  /** the years holidays: cn may be asked about: the data's, and any year the overrides give dates in */
  private readonly covered: Set<number>;
  /** the hours of a make-up working day: those of the first weekday from Monday with hours */
  private readonly makeUp: Hours;
  private lo = 0;
  private hi = -1;
  private firstDay = 0;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** working time before interval k */
  private prefix = new Float64Array(1);
  /** per day of the compiled range (and one past it), the first interval that ends after the day starts */
  private firstOf = new Int32Array(0);

  constructor(readonly name: string, private readonly spec: CalendarSpec, private readonly data: HolidayData | null) {
    this.overrides = new Map(spec.overrides.map((o) => [o.date, o]));
    this.covered = new Set([...(data?.years ?? []), ...spec.overrides.map((o) => Number(o.date.slice(0, 4)))]);
    this.makeUp = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => spec.weekly[d]).find((h) => h && h.length > 0) ?? [];
  }

  /** The working time between instants a and b (a <= b), in milliseconds. */
  between(a: number, b: number): number {
    const da = this.dayOf(a);
    const db = this.dayOf(b);
    // both days in the compiled range first: a rebuild restarts the running sums
    if (da < this.firstDay || db >= this.firstDay + this.firstOf.length - 1) {
      this.compileAround(da);
      if (db >= this.firstDay + this.firstOf.length - 1) this.compileAround(db);
    }
    return this.workedTo(b, db) - this.workedTo(a, da);
  }

  /** The local day number of an instant. */
  private dayOf(t: number): number {
    return Math.floor((t + tzOffset(t, this.spec.timezone)) / DAY);
  }

  /** Whether the calendar can answer for every instant of a year (throws CalendarError when it cannot). */
  checkYear(year: number): void {
    if (this.spec.holidays === 'cn' && !this.covered.has(year)) {
      const years = [...(this.data?.years ?? [])].sort();
      throw new CalendarError(`calendar ${this.name}: holidays: cn has no official data for ${year} (${this.data?.source ?? 'the holiday data'} covers ${years[0]}-${years[years.length - 1]}); `
        + `give ${year}'s holidays and make-up working days as overrides of the calendar in the rules, or in a calendar file (date, closed, hours), before scoring a month with ${year} dates`);
    }
  }

  /** Working time from the start of the compiled range to instant t, on local day `day` (compiled). */
  private workedTo(t: number, day: number): number {
    let k = this.firstOf[day - this.firstDay];
    const { starts, ends } = this;
    let w = this.prefix[k];
    while (k < starts.length && starts[k] < t) {
      if (ends[k] <= t) w += ends[k] - starts[k];
      else return w + (t - starts[k]);
      k++;
    }
    return w;
  }

  /** The hours of a date by the rules: an override, a holiday or a make-up day, else its weekday's. */
  hoursOf(date: string, weekday: Weekday): Hours {
    const o = this.overrides.get(date);
    if (o) return o.closed ? [] : o.hours ?? [];
    if (this.data && this.spec.holidays === 'cn') {
      if (this.data.holidays.has(date)) return [];
      if (this.data.workdays.has(date)) return this.makeUp;
    }
    return this.spec.weekly[weekday] ?? [];
  }

  /** (Re)builds the intervals of whole years around a day: the years already built and the day's (prefix sums from the first). */
  private compileAround(day: number): void {
    const year = civil(day).y;
    const lo = this.hi < this.lo ? year : Math.min(this.lo, year);
    const hi = this.hi < this.lo ? year : Math.max(this.hi, year);
    for (let y = lo; y <= hi; y++) this.checkYear(y);
    const tz = this.spec.timezone;
    const first = daysFromCivil(lo, 1, 1);
    const last = daysFromCivil(hi + 1, 1, 1); // exclusive
    const raw: [number, number][] = [];
    // the day before the range too: its night shift runs into the range's first day
    for (let d = first - 1; d < last; d++) {
      const c = civil(d);
      const weekday = WEEKDAYS[(((d + 3) % 7) + 7) % 7]; // 1970-01-01 was a Thursday
      const hours = d < first && this.spec.holidays === 'cn' && !this.covered.has(c.y) ? [] : this.hoursOf(iso(c), weekday);
      for (const [from, to] of hours) {
        const s = minutesOf(from);
        const e = minutesOf(to);
        const next = e <= s ? civil(d + 1) : c;
        const start = fromWall(c.y, c.m, c.d, Math.floor(s / 60), s % 60, 0, 0, tz);
        const end = fromWall(next.y, next.m, next.d, Math.floor(e / 60), e % 60, 0, 0, tz);
        if (end > start) raw.push([start, end]);
      }
    }
    raw.sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const iv of raw) {
      const top = merged[merged.length - 1];
      if (top && iv[0] <= top[1]) top[1] = Math.max(top[1], iv[1]);
      else merged.push([iv[0], iv[1]]);
    }
    this.starts = Float64Array.from(merged, (x) => x[0]);
    this.ends = Float64Array.from(merged, (x) => x[1]);
    this.prefix = new Float64Array(merged.length + 1);
    for (let k = 0; k < merged.length; k++) this.prefix[k + 1] = this.prefix[k] + (merged[k][1] - merged[k][0]);
    this.firstDay = first;
    this.firstOf = new Int32Array(last - first + 1);
    let k = 0;
    for (let d = first; d <= last; d++) {
      const c = civil(d);
      const dayStart = fromWall(c.y, c.m, c.d, 0, 0, 0, 0, tz);
      while (k < merged.length && merged[k][1] <= dayStart) k++;
      this.firstOf[d - first] = k;
    }
    this.lo = lo;
    this.hi = hi;
  }
}
