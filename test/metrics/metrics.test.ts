// Every built-in metric by table, with the edge cases: no tickets, no surveys, all open, thresholds exactly hit; the
// value log that hands a big month's durations to their lists keeps every list as pushing straight would.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accPlan, computeMetric, KEEP_ALL, LISTS, newAcc, NumberList, planFor, UNITS, ValueLog, type AccPlan, type EngineerAcc } from '../../src/metrics/accumulator.js';
import { METRICS } from '../../src/metrics/registry.js';
import { acc, defaultConfig } from '../helpers.js';

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

const ALL_METRICS = Object.keys(METRICS);
const PARAMS = { hours: 24, minutes: 60, at: 4 };
/** A plan as the rules would make it: every metric asked (every list kept, thresholds counted), or none of the kept ones. */
const PLANS: [string, AccPlan, string[]][] = [
  ['every value kept, thresholds counted by scanning', KEEP_ALL, ALL_METRICS],
  ['every metric asked: lists kept and thresholds counted as values come', planFor(ALL_METRICS.map((metric) => ({ metric, params: PARAMS }))), ALL_METRICS],
  ['no median or percentile asked: no value kept', planFor(ALL_METRICS.filter((m) => !/median|p90/.test(m)).map((metric) => ({ metric, params: PARAMS }))),
    ALL_METRICS.filter((m) => !/median|p90/.test(m))],
];

/** An accumulator with plan whose lists got xs. */
function filled(plan: AccPlan, xs: number[], extra = 0): EngineerAcc {
  const a = newAcc(new ValueLog(), plan);
  Object.assign(a, { tickets: xs.length + extra, resolved: xs.length, complaints: xs.length, responseMissing: 1, onsiteCases: xs.length + extra });
  for (const k of LISTS) for (const x of xs) a[k].push(x * UNITS[k]); // the lists take whole units (ms for minutes and hours)
  return a;
}

describe("NumberList: another part's state added (another thread's)", () => {
  it.each(PLANS)('%s: answers every metric as one list with all the values would', (_name, plan, metrics) => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 7), { maxLength: 300 }), fc.nat(), (xs, cut) => {
      const c = cut % (xs.length + 1);
      const whole = filled(plan, xs);
      const first = filled(plan, xs.slice(0, c));
      const second = filled(plan, xs.slice(c));
      for (const k of LISTS) first[k].addState(Float64Array.from(second[k].state().flatMap((p) => Array.from(p))));
      Object.assign(first, { tickets: whole.tickets, resolved: whole.resolved, complaints: whole.complaints, onsiteCases: whole.onsiteCases });
      for (const m of metrics) expect(computeMetric(first, m, PARAMS), m).toEqual(computeMetric(whole, m, PARAMS));
      expect(first.firstResponse.toJSON()).toEqual(whole.firstResponse.toJSON());
    }), { numRuns: 200, endOnFailure: true });
  });
  it('counts the thresholds of its plan as the values come, as scanning them would (1e-9 allowed either side)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2000 }).map((k) => k / 8), { maxLength: 200 }), (xs) => {
      const plan = planFor([{ metric: 'first_response_within_rate', params: { minutes: 60 } }, { metric: 'first_response_within_rate', params: { minutes: 59.5 } },
        { metric: 'csat_satisfied_rate', params: { at: 4 } }, { metric: 'csat_satisfied_rate', params: { at: 100 } }]);
      const counted = filled(plan, [...xs, 60 + 1e-10, 4 - 1e-10]);
      const scanned = filled(KEEP_ALL, [...xs, 60 + 1e-10, 4 - 1e-10]);
      for (const t of [60, 59.5]) expect(counted.firstResponse.countAtMost(t)).toBe(scanned.firstResponse.countAtMost(t));
      for (const t of [4, 100]) expect(counted.surveyRaw.countAtLeast(t)).toBe(scanned.surveyRaw.countAtLeast(t));
      expect(counted.firstResponse.countAtMost(60)).toBe(xs.filter((x) => x <= 60).length + 2); // 60 + 1e-10 and 4 - 1e-10
    }), { numRuns: 200, endOnFailure: true });
  });
  it('a list whose values the plan does not keep holds none of them, and says so when asked for them', () => {
    const plan = planFor([{ metric: 'first_response_minutes_mean', params: {} }]);
    const a = filled(plan, Array.from({ length: 100_000 }, (_, i) => i % 97));
    expect(a.firstResponse.toJSON()).toEqual({ n: 100_000, sum: Array.from({ length: 100_000 }, (_, i) => (i % 97) * 60_000).reduce((s, x) => s + x, 0), atMost: [], atLeast: [] });
    expect(() => a.firstResponse.parts()).toThrow(/do not keep/);
    expect(() => a.firstResponse.countAtMost(60)).toThrow(/do not keep/);
  });
  it('sums whole numbers exactly, and stays exact past 2^53 or after a value that is not whole, in any order and split', () => {
    const big = 2 ** 52;
    for (const xs of [[big, big, 1, -big], [1, big, big, -big], [big, -big, big, 1], [0.5, big, big, 1, -big, -0.5], [big, big, 0.25, 1, -big, -0.25]]) {
      for (let c = 0; c <= xs.length; c++) {
        const first = new NumberList();
        const second = new NumberList();
        for (const x of xs.slice(0, c)) first.push(x);
        for (const x of xs.slice(c)) second.push(x);
        first.addState(Float64Array.from(second.state().flatMap((p) => Array.from(p))));
        expect(first.toJSON().sum, `${xs} cut at ${c}`).toBe(big + 1);
      }
    }
  });
  it('takes no value after the other part, nor another part twice', () => {
    const list = new NumberList(new ValueLog());
    list.push(1);
    list.addState(Float64Array.from([2, 1, 5, 2, 3])); // two values, their sum as one partial (5), kept as [2, 3]
    expect(list.length).toBe(3);
    expect(list.mean()).toBe(2);
    expect(list.toJSON().values).toEqual([1, 2, 3]);
    expect(() => list.addState(Float64Array.from([1, 1, 7, 7]))).toThrow(/twice/);
    list.push(4);
    expect(() => list.length).toThrow(/after the last/);
  });
});

describe('accPlan: what the rules ask of the lists', () => {
  it('the default policy keeps no value (memory flat in rows) and counts its three thresholds as values come', () => {
    const plan = accPlan(defaultConfig());
    expect(LISTS.filter((k) => plan[k].keep)).toEqual([]);
    expect(plan.firstResponse.atMost).toEqual([60]);
    expect(plan.resolutionHours.atMost).toEqual([24]);
    expect(plan.onsiteArrival.atMost).toEqual([120]);
  });
  it('a median or a percentile keeps its list; a threshold is counted once however many indicators ask it; satisfied_at by default', () => {
    const plan = accPlan(defaultConfig((y) => y.replace('metric: resolution_days_mean', 'metric: resolution_hours_p90').replace('metric: csat_mean', 'metric: csat_satisfied_rate')
      .replace('metric: reopen_rate', 'metric: resolved_within_rate\n    params: { hours: 24 }')));
    expect(LISTS.filter((k) => plan[k].keep)).toEqual(['resolutionHours']);
    expect(plan.resolutionHours.atMost).toEqual([24]);
    expect(plan.surveyRaw.atLeast).toEqual([4]);
  });
});

describe('ValueLog: pushes handed to their lists in runs', () => {
  it('a first read by values() sees every value, also when handing them over gives the list a bigger buffer', () => {
    const list = new NumberList(new ValueLog());
    for (let i = 0; i < 100; i++) list.push(i);
    expect(list.toJSON().values).toEqual(Array.from({ length: 100 }, (_, i) => i));
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
      const differ = (a: number[], b: number[]) => (a.length !== b.length ? -2 : a.findIndex((x, i) => !Object.is(x, b[i])));
      for (let l = 0; l < lists; l++) {
        const [got, want] = [logged[l].toJSON(), direct[l].toJSON()];
        expect(differ(got.values ?? [], want.values ?? []), `list ${l}`).toBe(-1);
        expect(got.sum, `list ${l}`).toBe(want.sum);
      }
    }), { numRuns: 5, endOnFailure: true });
  });
});
