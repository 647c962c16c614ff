// Every built-in metric by table, with the edge cases: no tickets, no surveys, all open, thresholds exactly hit; the
// value log that hands a big month's durations to their lists keeps every list as pushing straight would.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeMetric, NumberList, ValueLog } from '../../src/metrics/accumulator.js';
import { METRICS } from '../../src/metrics/registry.js';
import { acc } from '../helpers.js';

const A = acc({
  tickets: 10, resolved: 8, hours: [1, 2, 24, 24.5, 30, 48, 72, 3], complaints: 2, complaintHours: [23], reopened: 1, callbacks: 6,
  firstResponse: [10, 60, 61, 30, 5, 120, 45, 59], missing: 2, onsiteCases: 4, arrival: [100, 120, 121], csat: [100, 75, 50, 100], raw: [5, 4, 3, 5],
  evals: { knowledge: 88 },
});
const EMPTY = acc({});
const ALL_OPEN = acc({ tickets: 5, resolved: 0, missing: 5 });

const TABLE: [string, Record<string, number>, typeof A, number | null, number][] = [
  ['tickets', {}, A, 10, 10],
  ['resolved', {}, A, 8, 10],
  ['resolution_rate', {}, A, 0.8, 10],
  ['first_response_minutes_mean', {}, A, 48.75, 8],
  ['first_response_minutes_median', {}, A, 52, 8],
  ['first_response_minutes_p90', {}, A, 120, 8],
  ['first_response_within_rate', { minutes: 60 }, A, 6 / 10, 10],
  ['first_response_within_rate', { minutes: 59 }, A, 5 / 10, 10],
  ['first_response_missing', {}, A, 2, 10],
  ['onsite_arrival_within_rate', { minutes: 120 }, A, 2 / 4, 4],
  ['resolution_hours_mean', {}, A, 25.5625, 8],
  ['resolution_hours_median', {}, A, 24.25, 8],
  ['resolution_hours_p90', {}, A, 72, 8],
  ['resolution_days_mean', {}, A, 25.5625 / 24, 8],
  ['resolved_within_rate', { hours: 24 }, A, 4 / 10, 10],
  ['complaint_rate', {}, A, 0.2, 10],
  ['complaint_resolved_within_rate', { hours: 24 }, A, 0.5, 2],
  ['reopen_rate', {}, A, 0.1, 10],
  ['callback_rate', {}, A, 0.6, 10],
  ['csat_mean', {}, A, 81.25, 4],
  ['csat_satisfied_rate', { at: 4 }, A, 0.75, 4],
  ['surveys', {}, A, 4, 4],
  ['eval:knowledge', {}, A, 88, 1],
  ['eval:attitude', {}, A, null, 0],
  // no tickets, no surveys: no data, never a silent 0 rate
  ['resolution_rate', {}, EMPTY, null, 0],
  ['first_response_within_rate', { minutes: 60 }, EMPTY, null, 0],
  ['csat_mean', {}, EMPTY, null, 0],
  ['resolution_days_mean', {}, EMPTY, null, 0],
  ['tickets', {}, EMPTY, 0, 0],
  ['surveys', {}, EMPTY, 0, 0],
  // all open: no resolution times, rates are 0 over the tickets
  ['resolution_rate', {}, ALL_OPEN, 0, 5],
  ['resolved_within_rate', { hours: 24 }, ALL_OPEN, 0, 5],
  ['resolution_hours_mean', {}, ALL_OPEN, null, 0],
  ['first_response_within_rate', { minutes: 60 }, ALL_OPEN, 0, 5],
];

describe('metrics', () => {
  it.each(TABLE.map((r, i) => [i, ...r] as const))('#%s %s %j', (_i, metric, params, a, value, n) => {
    const m = computeMetric(a, metric, params);
    if (value === null) expect(m.value).toBeNull();
    else expect(m.value).toBeCloseTo(value, 9);
    expect(m.n).toBe(n);
  });
  it('every built-in metric appears in the table', () => {
    const covered = new Set(TABLE.map((r) => r[0]));
    expect(Object.keys(METRICS).filter((m) => !covered.has(m))).toEqual([]);
  });
});

describe("NumberList: another part's values added last, not copied", () => {
  it('answers every metric as one list with all the values in order would', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 7), { maxLength: 300 }), fc.nat(), (xs, cut) => {
      const c = cut % (xs.length + 1);
      const whole = acc({ tickets: xs.length, resolved: xs.length, hours: xs, firstResponse: xs, csat: xs, raw: xs, missing: 1 });
      const parts = acc({ tickets: xs.length, resolved: xs.length, hours: xs.slice(0, c), firstResponse: xs.slice(0, c), csat: xs.slice(0, c), raw: xs.slice(0, c), missing: 1 });
      const rest = Float64Array.from(xs.slice(c));
      for (const k of ['resolutionHours', 'firstResponse', 'surveyScores', 'surveyRaw'] as const) parts[k].appendLast(rest);
      for (const m of ['resolution_hours_mean', 'resolution_hours_median', 'resolution_hours_p90', 'resolution_days_mean', 'resolved_within_rate', 'first_response_minutes_mean',
        'first_response_minutes_median', 'first_response_minutes_p90', 'first_response_within_rate', 'csat_mean', 'csat_satisfied_rate', 'surveys']) {
        const params = { hours: 24, minutes: 60, at: 4 };
        expect(computeMetric(parts, m, params), m).toEqual(computeMetric(whole, m, params));
      }
      expect(parts.firstResponse.toJSON()).toEqual(xs);
    }), { numRuns: 300, endOnFailure: true });
  });
  it('takes no value after the last ones', () => {
    const list = new NumberList(new ValueLog());
    list.push(1);
    list.appendLast(Float64Array.from([2, 3]));
    expect(list.length).toBe(3);
    list.push(4);
    expect(() => list.length).toThrow(/after the last/);
  });
});

describe('ValueLog: pushes handed to their lists in runs', () => {
  it('a first read by values() sees every value, also when handing them over gives the list a bigger buffer', () => {
    const list = new NumberList(new ValueLog());
    for (let i = 0; i < 100; i++) list.push(i);
    expect(Array.from(list.values())).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('every list gets its values in the order pushed, across the log filling up and reads in between', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (lists, seed) => {
      const log = new ValueLog();
      const logged = Array.from({ length: lists }, () => new NumberList(log));
      const direct = Array.from({ length: lists }, () => new NumberList());
      let s = seed;
      const next = () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff);
      const pushes = 300_000 + (next() % 50_000); // past one fill of the log (262,144 values)
      for (let i = 0; i < pushes; i++) {
        const l = next() % lists;
        const x = (next() % 100_000) / 7 - 5000;
        logged[l].push(x);
        direct[l].push(x);
        if (i === 1000) expect(logged[l].length).toBe(direct[l].length); // a read settles early: still the same
      }
      // the first index where two lists differ, or -1 (a failure then names one value, not a diff of thousands)
      const differ = (a: Float64Array, b: Float64Array) => (a.length !== b.length ? -2 : a.findIndex((x, i) => !Object.is(x, b[i])));
      for (let l = 0; l < lists; l++) {
        expect(differ(logged[l].values(), direct[l].values()), `list ${l}`).toBe(-1);
      }
    }), { numRuns: 5, endOnFailure: true });
  });
});
