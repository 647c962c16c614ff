import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isMonthId, isPeriodId, makePeriod, parsePeriodId, tzOffset, wallParts } from '../../src/util/time.js';

/** The reference: every field from formatToParts, as the Intl API defines them. */
function partsOf(ms: number, tz: string) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];

describe('wallParts', () => {
  it('gives the wall clock formatToParts gives, in any zone, for years with any number of digits', () => {
    fc.assert(fc.property(fc.integer({ min: -70_000_000_000_000, max: 8_000_000_000_000 }), fc.constantFrom(...ZONES), (ms, tz) => {
      expect(wallParts(ms, tz)).toEqual(partsOf(ms, tz));
    }), { numRuns: 3000, endOnFailure: true });
  });

  it('reads the wall clock around a daylight saving change', () => {
    // 2026-03-08 02:00 in New York: clocks go from 01:59:59 EST to 03:00:00 EDT
    const change = Date.UTC(2026, 2, 8, 7);
    expect(wallParts(change - 1000, 'America/New_York')).toEqual({ year: 2026, month: 3, day: 8, hour: 1, minute: 59, second: 59 });
    expect(wallParts(change, 'America/New_York')).toEqual({ year: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0 });
    expect(tzOffset(change - 1000, 'America/New_York')).toBe(-5 * 3_600_000);
    expect(tzOffset(change, 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('reads years before 1000 and before the common era', () => {
    for (const ms of [Date.UTC(999, 11, 31, 23, 59, 59), Date.UTC(5, 0, 1), Date.UTC(-44, 2, 15, 12)]) {
      expect(wallParts(ms, 'UTC')).toEqual(partsOf(ms, 'UTC'));
    }
  });
});

describe('periods: a month, a quarter, a half-year, a year', () => {
  const at = (y: number, m: number) => Date.UTC(y, m - 1, 1) - 8 * 3_600_000; // 00:00 in Asia/Shanghai
  it.each([
    ['2026-04', 'month', ['2026-04'], at(2026, 4), at(2026, 5)],
    ['2026-12', 'month', ['2026-12'], at(2026, 12), at(2027, 1)],
    ['2026-Q1', 'quarter', ['2026-01', '2026-02', '2026-03'], at(2026, 1), at(2026, 4)],
    ['2026-Q4', 'quarter', ['2026-10', '2026-11', '2026-12'], at(2026, 10), at(2027, 1)],
    ['2026-H1', 'half', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], at(2026, 1), at(2026, 7)],
    ['2026-H2', 'half', ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'], at(2026, 7), at(2027, 1)],
    ['2026', 'year', Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`), at(2026, 1), at(2027, 1)],
  ] as const)('%s: %s of %j, [start, end) in the timezone', (id, kind, months, start, end) => {
    const p = makePeriod(id, 'Asia/Shanghai');
    expect(p).toMatchObject({ id, kind, months, start, end, year: 2026, month: Number(months[0].slice(5)) });
    expect(isPeriodId(id)).toBe(true);
    expect(isMonthId(id)).toBe(kind === 'month');
  });
  it('refuses what is none of the four forms', () => {
    for (const bad of ['2026-13', '2026-00', '2026-Q0', '2026-Q5', '2026-H3', '26', '2026-1', '2026-q1', '2026-Q1 ', '2026-04-01']) expect(parsePeriodId(bad), bad).toBeNull();
  });
  it('a year in a zone with daylight saving time ends at local midnight', () => {
    const p = makePeriod('2026-Q1', 'Europe/Berlin');
    expect(new Date(p.end).toISOString()).toBe('2026-03-31T22:00:00.000Z'); // CEST from 29 March
    expect(new Date(p.start).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });
});
