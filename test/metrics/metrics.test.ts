// Every built-in metric by table, with the edge cases (no tickets, no surveys, all open, thresholds exactly hit), from
// the cases of a period; and what the design promises of each metric's state: plain data (JSON as it is), merged
// exactly (any split of the cases into two parts, merged, answers as one part with all of them), not changed by a merge.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, metricOf, paramsOf } from '../../src/metrics/registry.js';
import { makePlan, mergeStates, measureValue, planOf } from '../../src/metrics/plan.js';
import type { CaseKind } from '../../src/metrics/metric.js';
import { casesOf, defaultConfig, statesOf, type Fill, type PeriodCases } from '../helpers.js';
import { ROOT } from '../run-cli.js';

const A = casesOf({
  tickets: 10, resolved: 8, hours: [1, 2, 24, 24.5, 30, 48, 72, 3], complaints: 2, complaintHours: [23], reopened: 1, callbacks: 6,
  firstResponse: [10, 60, 61, 30, 5, 120, 45, 59], missing: 2, onsiteCases: 4, arrival: [100, 120, 121], raw: [5, 4, 3, 5],
  evals: { knowledge: 88 },
});
const EMPTY = casesOf({});
const ALL_OPEN = casesOf({ tickets: 5, resolved: 0, missing: 5 });

const TABLE: [string, Record<string, number>, PeriodCases, number | null, number][] = [
  ['tickets', {}, A, 10, 10],
  ['resolved', {}, A, 9, 10],
  ['resolution_rate', {}, A, 0.9, 10],
  ['first_response_minutes_mean', {}, A, 48.75, 8],
  ['first_response_minutes_median', {}, A, 52, 8],
  ['first_response_minutes_p90', {}, A, 120, 8],
  ['first_response_within_rate', { minutes: 60 }, A, 6 / 10, 10],
  ['first_response_within_rate', { minutes: 59 }, A, 5 / 10, 10],
  ['first_response_within_rate', { minutes: 60 - 1e-10 }, A, 6 / 10, 10], // 1e-9 allowed
  ['first_response_missing', {}, A, 2, 10],
  ['onsite_arrival_within_rate', { minutes: 120 }, A, 2 / 4, 4],
  ['resolution_hours_mean', {}, A, (23 + 1 + 2 + 24 + 24.5 + 30 + 48 + 72 + 3) / 9, 9],
  ['resolution_hours_median', {}, A, 24, 9],
  ['resolution_hours_p90', {}, A, 72, 9],
  ['resolution_days_mean', {}, A, (23 + 1 + 2 + 24 + 24.5 + 30 + 48 + 72 + 3) / 9 / 24, 9],
  ['resolved_within_rate', { hours: 24 }, A, 5 / 10, 10],
  ['complaint_rate', {}, A, 0.2, 10],
  ['complaint_resolved_within_rate', { hours: 24 }, A, 0.5, 2],
  ['reopen_rate', {}, A, 0.1, 10],
  ['callback_rate', {}, A, 0.6, 10],
  ['csat_mean', {}, A, 81.25, 4],
  ['csat_satisfied_rate', { at: 4 }, A, 0.75, 4],
  ['csat_satisfied_rate', { at: 4 + 1e-10 }, A, 0.75, 4], // 1e-9 allowed
  ['surveys', {}, A, 4, 4],
  ['eval:knowledge', {}, A, 88, 1],
  ['eval:attitude', {}, A, null, 0],
  // no tickets, no surveys: no data, never a silent 0 rate
  ['resolution_rate', {}, EMPTY, null, 0],
  ['first_response_within_rate', { minutes: 60 }, EMPTY, null, 0],
  ['onsite_arrival_within_rate', { minutes: 60 }, EMPTY, null, 0],
  ['csat_mean', {}, EMPTY, null, 0],
  ['resolution_days_mean', {}, EMPTY, null, 0],
  ['resolution_hours_median', {}, EMPTY, null, 0],
  ['tickets', {}, EMPTY, 0, 0],
  ['surveys', {}, EMPTY, 0, 0],
  // all open: no resolution times, rates are 0 over the tickets
  ['resolution_rate', {}, ALL_OPEN, 0, 5],
  ['resolved_within_rate', { hours: 24 }, ALL_OPEN, 0, 5],
  ['resolution_hours_mean', {}, ALL_OPEN, null, 0],
  ['first_response_within_rate', { minutes: 60 }, ALL_OPEN, 0, 5],
];

const value = (metric: string, params: Record<string, number>, cases: PeriodCases) => {
  const plan = makePlan([{ metric, params }]);
  return measureValue(plan, statesOf(plan, cases), 0);
};

describe('metrics', () => {
  it.each(TABLE.map((r, i) => [i, ...r] as const))('#%s %s %j', (_i, metric, params, cases, want, n) => {
    const m = value(metric, params, cases);
    if (want === null) expect(m.value).toBeNull();
    else expect(m.value).toBeCloseTo(want, 9);
    expect(m.n).toBe(n);
  });
  it('every built-in metric appears in the table', () => {
    const covered = new Set(TABLE.map((r) => r[0]));
    expect(Object.keys(METRICS).filter((m) => !covered.has(m))).toEqual([]);
  });
  it('the registry is sorted, each metric in a file named after it, its id its key, its columns columns of an input', async () => {
    const ids = Object.keys(METRICS);
    expect(ids).toEqual([...ids].sort());
    const { COLUMNS } = await import('../../src/validate/columns.js');
    for (const id of ids) {
      expect(METRICS[id].id).toBe(id);
      expect(readFileSync(join(ROOT, 'src', 'metrics', `${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
      for (const c of METRICS[id].columns) {
        const [input, column] = c.split('.');
        expect(COLUMNS[input as keyof typeof COLUMNS]?.map((s) => s.id), `${id}: ${c}`).toContain(column);
      }
    }
  });
  it('params: their defaults, in order; satisfied_at from the policy', () => {
    expect(paramsOf('first_response_within_rate')).toEqual({ minutes: 60 });
    expect(paramsOf('complaint_resolved_within_rate')).toEqual({ hours: 24 });
    expect(paramsOf('csat_satisfied_rate')).toEqual({ at: 'satisfied_at' });
    expect(paramsOf('eval:knowledge')).toEqual({});
    expect(paramsOf('tickets')).toEqual({});
  });
});

/** Random cases of a period (durations in whole milliseconds and in fractions, scores off the grid). */
const fills = fc.record({
  tickets: fc.nat(40), resolved: fc.nat(40), hours: fc.array(fc.integer({ min: 0, max: 2_000_000 }).map((k) => k / 997), { maxLength: 30 }),
  complaints: fc.nat(5), complaintHours: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 3 }), reopened: fc.nat(10), callbacks: fc.nat(10),
  firstResponse: fc.array(fc.integer({ min: 0, max: 100_000 }).map((k) => k / 7), { maxLength: 30 }), missing: fc.nat(5), onsiteCases: fc.nat(20),
  arrival: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 20 }), raw: fc.array(fc.integer({ min: 10, max: 50 }).map((k) => k / 10), { maxLength: 20 }),
  evals: fc.constant({ knowledge: 87.5 }),
}).map((f): Partial<Fill> => ({ ...f, complaints: Math.max(f.complaints, f.complaintHours.length), tickets: Math.max(f.tickets, f.complaints + f.hours.length + 3) }));

const PARAMS = { hours: 24, minutes: 60, at: 4 };
const EVERY = makePlan([...Object.keys(METRICS), 'eval:knowledge'].map((metric) => ({ metric, params: Object.fromEntries(Object.keys(paramsOf(metric)).map((k) => [k, PARAMS[k as keyof typeof PARAMS]])) })));

/** cases split in two at cut (per kind, a cut at the same share) */
function split(cases: PeriodCases, cut: number): [PeriodCases, PeriodCases] {
  const kinds = Object.keys(cases) as CaseKind[];
  const part = (first: boolean) => Object.fromEntries(kinds.map((k) => {
    const at = Math.round(cases[k].length * cut);
    return [k, first ? cases[k].slice(0, at) : cases[k].slice(at)];
  })) as unknown as PeriodCases;
  return [part(true), part(false)];
}

describe('metric states', () => {
  it('two parts merged answer every metric as one part with all the cases; a merge changes neither part', () => {
    fc.assert(fc.property(fills, fc.double({ min: 0, max: 1, noNaN: true }), (fill, cut) => {
      const cases = casesOf(fill);
      const whole = statesOf(EVERY, cases);
      const [a, b] = split(cases, cut);
      const first = statesOf(EVERY, a);
      const second = statesOf(EVERY, b);
      const before = JSON.stringify([first, second]);
      const merged = mergeStates(EVERY, first, second);
      expect(JSON.stringify([first, second])).toBe(before);
      EVERY.measures.forEach((m, i) => {
        expect(measureValue(EVERY, merged, i), m.metric.id).toEqual(measureValue(EVERY, whole, i));
        expect(measureValue(EVERY, mergeStates(EVERY, second, first), i), `${m.metric.id}, the other way round`).toEqual(measureValue(EVERY, whole, i));
      });
    }), { numRuns: 300, endOnFailure: true });
  });
  it('a state is plain data: through JSON and back it answers the same', () => {
    fc.assert(fc.property(fills, (fill) => {
      const states = statesOf(EVERY, casesOf(fill));
      const back = JSON.parse(JSON.stringify(states));
      EVERY.measures.forEach((m, i) => expect(measureValue(EVERY, back, i), m.metric.id).toEqual(measureValue(EVERY, states, i)));
    }), { numRuns: 100, endOnFailure: true });
  });
  it('sums exactly past 2^53 and after values that are not whole, in any order and split', () => {
    const big = 2 ** 52 / 3_600_000;
    for (const hours of [[big, big, 1, -big], [1, big, big, -big], [0.5, big, big, 1, -big, -0.5], [big, big, 0.25, 1, -big, -0.25]]) {
      const cases = casesOf({ tickets: hours.length, hours });
      const plan = makePlan([{ metric: 'resolution_hours_mean', params: {} }]);
      const want = measureValue(plan, statesOf(plan, cases), 0).value as number;
      expect(want * hours.length).toBeCloseTo(big + 1, 0);
      for (let c = 0; c <= hours.length; c++) {
        const [a, b] = split(cases, c / hours.length);
        expect(measureValue(plan, mergeStates(plan, statesOf(plan, a), statesOf(plan, b)), 0).value, `cut at ${c}`).toBe(want);
      }
    }
  });
  it('the default policy keeps no value: its states do not grow with the cases', () => {
    const plan = planOf(defaultConfig());
    const states = statesOf(plan, casesOf({ tickets: 5000, hours: Array.from({ length: 4000 }, (_, i) => i / 7), firstResponse: Array(3000).fill(12), raw: Array(1000).fill(4) }));
    expect(JSON.stringify(states).length).toBeLessThan(1000);
    expect(plan.measures.map((m) => m.metric.id).filter((id) => metricOf(id).init({}) instanceof Object && 'values' in (metricOf(id).init({}) as object))).toEqual([]);
  });
  it('two indicators with the same metric and params share one measure; other params make another', () => {
    const plan = makePlan([{ metric: 'resolved_within_rate', params: { hours: 24 } }, { metric: 'tickets', params: {} }, { metric: 'resolved_within_rate', params: { hours: 24 } }, { metric: 'resolved_within_rate', params: { hours: 48 } }]);
    expect(plan.ofIndicator).toEqual([0, 1, 0, 2]);
    expect(plan.byKind.ticket).toEqual([0, 1, 2]);
    expect(plan.byKind.response).toEqual([]);
  });
});
