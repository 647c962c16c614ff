import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tzOffset, wallParts } from '../../src/util/time.js';

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
