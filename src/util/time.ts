// Wall-clock <-> instant conversion in an IANA timezone, and calendar periods (months, quarters, half-years, years) as
// half-open instants.
// Pure functions of their arguments: the clock is never read here.

const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Offsets of one timezone by quarter hour (they change on quarter-hour boundaries at the finest): a typed window of
 * about three years around the first one asked for (a month of timestamps hits it every time), a Map beyond it.
 */
class OffsetCache {
  private base = NaN;
  private readonly window = new Float64Array(1 << 17).fill(NaN);
  private readonly far = new Map<number, number>();

  /** The offset for quarter hour key, or NaN. */
  get(key: number): number {
    const i = key - this.base;
    if (i >= 0 && i < this.window.length) return this.window[i];
    return this.far.get(key) ?? NaN;
  }

  set(key: number, off: number): void {
    if (Number.isNaN(this.base)) this.base = key - this.window.length / 2;
    const i = key - this.base;
    if (i >= 0 && i < this.window.length) this.window[i] = off;
    else {
      if (this.far.size > 200_000) this.far.clear();
      this.far.set(key, off);
    }
  }
}

/** per timezone: offset by quarter hour of the instant, and offset to apply to a wall time by its quarter hour */
const offsetCaches = new Map<string, { byInstant: OffsetCache; byWall: OffsetCache }>();
let lastTz = '';
let lastCaches: { byInstant: OffsetCache; byWall: OffsetCache } | undefined;

function cachesFor(tz: string) {
  if (tz === lastTz && lastCaches) return lastCaches;
  let c = offsetCaches.get(tz);
  if (!c) {
    c = { byInstant: new OffsetCache(), byWall: new OffsetCache() };
    offsetCaches.set(tz, c);
  }
  lastTz = tz;
  lastCaches = c;
  return c;
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimezone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export interface WallParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** M/D/YYYY, HH:mm:ss: what formatter() writes for a year of four digits (format is several times cheaper than formatToParts) */
const EN_US_WALL = /^(\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

export function wallParts(ms: number, tz: string): WallParts {
  const f = formatter(tz);
  const date = new Date(ms);
  const m = EN_US_WALL.exec(f.format(date));
  if (m !== null) return { year: +m[3], month: +m[1], day: +m[2], hour: +m[4], minute: +m[5], second: +m[6] };
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(date)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Offset of tz from UTC at instant ms, in ms (Asia/Shanghai: +8 h). Cached per tz and quarter hour. */
export function tzOffset(ms: number, tz: string): number {
  const cache = cachesFor(tz).byInstant;
  const key = Math.floor(ms / 900_000);
  const hit = cache.get(key);
  if (!Number.isNaN(hit)) return hit;
  const w = wallParts(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const off = asUtc - (ms - (((ms % 1000) + 1000) % 1000));
  cache.set(key, off);
  return off;
}

/** The instant at which the wall clock in tz shows `wall` (wall-clock fields encoded as UTC ms; the earlier one in a DST overlap). */
export function wallToInstant(wall: number, tz: string): number {
  const cache = cachesFor(tz).byWall;
  const key = Math.floor(wall / 900_000); // offsets change on quarter-hour boundaries at the finest
  let off = cache.get(key);
  if (Number.isNaN(off)) {
    off = tzOffset(wall - tzOffset(wall, tz), tz);
    cache.set(key, off);
  }
  return wall - off;
}

/**
 * Centres tz's offset caches on an instant (their typed windows cover about three years around the first instant
 * asked for): a reading of a period's rows calls it with the period's start, so that a roster's hire dates, years
 * earlier, do not leave the period's own instants to the slower map beyond the window.
 */
export function centreTimezone(ms: number, tz: string): void {
  wallToInstant(ms + tzOffset(ms, tz), tz);
}

/** The instant at which the wall clock in tz shows the given parts (the earlier one in a DST overlap). */
export function fromWall(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, tz: string): number {
  return wallToInstant(Date.UTC(year, month - 1, day, hour, minute, second, millis), tz);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** What a period spans: the month is the unit of history; quarters, half-years and years are made of months. */
export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

/**
 * A calendar period as half-open instants [start, end) in a timezone. Ids: 2026-04 (a month), 2026-Q2 (a quarter),
 * 2026-H1 (a half-year: 上半年, H2 下半年), 2026 (a year). month: its first month; months: its months' ids in order.
 */
export interface Period { id: string; kind: PeriodKind; year: number; month: number; months: string[]; start: number; end: number }

const PERIOD_ID = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

/** A period id's kind, year, first month and number of months, or null when it is none of the four forms. */
export function parsePeriodId(id: string): { kind: PeriodKind; year: number; month: number; count: number } | null {
  const m = PERIOD_ID.exec(id);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'month', year, month: Number(m[2]), count: 1 };
  if (m[3]) return { kind: 'quarter', year, month: 3 * Number(m[3]) - 2, count: 3 };
  if (m[4]) return { kind: 'half', year, month: 6 * Number(m[4]) - 5, count: 6 };
  return { kind: 'year', year, month: 1, count: 12 };
}

/** Whether s is a period id of any kind (2026-04, 2026-Q2, 2026-H1, 2026). */
export function isPeriodId(s: string): boolean {
  return parsePeriodId(s) !== null;
}

/** Whether s is a month's id (YYYY-MM): what `run` scores. */
export function isMonthId(s: string): boolean {
  return parsePeriodId(s)?.kind === 'month';
}

/** The period of an id (any of the four forms; the caller has checked it) in tz. */
export function makePeriod(id: string, tz: string): Period {
  const p = parsePeriodId(id);
  if (!p) throw new Error(`unreachable: ${id} is not a period id`);
  const first = periodId(p.year, p.month);
  const months = Array.from({ length: p.count }, (_, k) => shiftPeriod(first, k));
  const after = shiftPeriod(first, p.count);
  return {
    id, kind: p.kind, year: p.year, month: p.month, months,
    start: fromWall(p.year, p.month, 1, 0, 0, 0, 0, tz), end: fromWall(Number(after.slice(0, 4)), Number(after.slice(5, 7)), 1, 0, 0, 0, 0, tz),
  };
}

export function periodId(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function shiftPeriod(id: string, months: number): string {
  const total = Number(id.slice(0, 4)) * 12 + Number(id.slice(5, 7)) - 1 + months;
  return periodId(Math.floor(total / 12), (total % 12) + 1);
}

/** The calendar month before the one that contains `now`, in tz. */
export function previousPeriod(now: Date, tz: string): string {
  const w = wallParts(now.getTime(), tz);
  return shiftPeriod(periodId(w.year, w.month), -1);
}
