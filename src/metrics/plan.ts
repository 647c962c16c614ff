// Metrics stage: what a period counts for each engineer under the rules. Every distinct metric and params of the
// rules' indicators is a measure; each engineer holds one state per measure, and each case of the period (a cohort
// ticket, a response, a survey, an evaluation) goes to the measures that count its kind. States merge measure by
// measure, so a month read in parts, or the months of a quarter, give the states one reading of all of it gives.
import type { Config, InputName } from '../config/schema.js';
import type { Period } from '../util/time.js';
import type { ColumnSpec } from '../validate/columns.js';
import { CASE_KINDS, WALL, type AnyMetric, type CaseKind, type Cases, type MetricValue, type Params, type Span } from './metric.js';
import { metricOf, resolveParams } from './registry.js';
import { WorkingCalendar } from '../calendar/working-time.js';
import { cnHolidays } from '../calendar/cn-holidays.js';

export interface Measure {
  metric: AnyMetric;
  params: Params;
  /** how it counts durations: the wall clock, or the working time of its `calendar` param */
  span: Span;
}

export interface MetricPlan {
  measures: readonly Measure[];
  /** per case kind, the measures (their numbers) that count it */
  byKind: Readonly<Record<CaseKind, readonly number[]>>;
  /** per indicator of the rules, in order, the number of its measure */
  ofIndicator: readonly number[];
  /** per measure with a calendar, the number of the same metric on the wall clock (kept to show both); else -1 */
  wallOf: readonly number[];
  /** per case kind, a function that hands a case to each measure of the kind (countCase) */
  adders: Readonly<Record<CaseKind, Adder>>;
}

type Adder = (states: States, c: never) => void;

/**
 * The function that hands a case to the given measures. Up to six, each measure gets a call site of its own, which
 * sees one metric's add only (V8 then calls it directly, or inlines it): a loop would call every metric's add from one
 * site, a lookup by the function's identity per case (measured on the export month: a few percent of the run).
 */
function adderOf(measures: readonly Measure[], which: readonly number[]): Adder {
  const at = (j: number) => {
    const i = which[j];
    const m = measures[i];
    return { i, add: m.metric.add as (s: unknown, c: unknown, p: Params, span: Span) => void, p: m.params, span: m.span };
  };
  switch (which.length) {
    case 0: return () => {};
    case 1: { const a = at(0); return (st, c) => { a.add(st[a.i], c, a.p, a.span); }; }
    case 2: { const [a, b] = [at(0), at(1)]; return (st, c) => { a.add(st[a.i], c, a.p, a.span); b.add(st[b.i], c, b.p, b.span); }; }
    case 3: {
      const [a, b, d] = [at(0), at(1), at(2)];
      return (st, c) => { a.add(st[a.i], c, a.p, a.span); b.add(st[b.i], c, b.p, b.span); d.add(st[d.i], c, d.p, d.span); };
    }
    case 4: {
      const [a, b, d, e] = [at(0), at(1), at(2), at(3)];
      return (st, c) => { a.add(st[a.i], c, a.p, a.span); b.add(st[b.i], c, b.p, b.span); d.add(st[d.i], c, d.p, d.span); e.add(st[e.i], c, e.p, e.span); };
    }
    default: {
      const all = which.map((_, j) => at(j));
      return (st, c) => { for (const x of all) x.add(st[x.i], c, x.p, x.span); };
    }
  }
}

/** One state per measure of a plan. */
export type States = unknown[];

const plans = new WeakMap<Config, MetricPlan>();

/** The plan of the rules (made once per rules object). */
export function planOf(config: Config): MetricPlan {
  let plan = plans.get(config);
  if (!plan) {
    const calendars = calendarsOf(config);
    const span = (params: Params): Span => {
      const name = params.calendar;
      if (typeof name !== 'string') return WALL;
      const cal = calendars.get(name);
      if (!cal) throw new Error(`unreachable: no calendar ${name} (the config schema checks it)`);
      return (from, to) => cal.between(from, to);
    };
    plan = makePlan(config.indicators.map((ind) => ({ metric: ind.metric, params: resolveParams(config, ind.metric, ind.params) })), metricOf, span);
    plans.set(config, plan);
  }
  return plan;
}

/**
 * The plan of metrics with their params resolved: a measure per distinct metric and params, in first-seen order
 * (lookup: the metric of an id; tests give metrics that are not built in).
 */
export function makePlan(metrics: readonly { metric: string; params: Params }[], lookup: (id: string) => AnyMetric = metricOf, span: (params: Params) => Span = () => WALL): MetricPlan {
  const measures: Measure[] = [];
  const keys = new Map<string, number>();
  const measureOf = (metric: string, params: Params): number => {
    const key = `${metric}\u0000${JSON.stringify(params)}`;
    let i = keys.get(key);
    if (i === undefined) {
      keys.set(key, (i = measures.length));
      measures.push({ metric: lookup(metric), params, span: span(params) });
    }
    return i;
  };
  const ofIndicator = metrics.map(({ metric, params }) => measureOf(metric, params));
  // a measure on a calendar keeps its wall-clock twin, after the rules' own measures (explain shows both figures)
  const wallOf = measures.map((m) => {
    if (typeof m.params.calendar !== 'string') return -1;
    const { calendar: _calendar, ...wall } = m.params;
    return measureOf(m.metric.id, wall);
  });
  while (wallOf.length < measures.length) wallOf.push(-1);
  const byKind: Record<CaseKind, number[]> = { ticket: [], response: [], survey: [], evaluation: [] };
  measures.forEach((m, i) => byKind[m.metric.counts].push(i));
  const adders = Object.fromEntries(CASE_KINDS.map((k) => [k, adderOf(measures, byKind[k])])) as Record<CaseKind, Adder>;
  return { measures, byKind, ofIndicator, wallOf, adders };
}

/**
 * Every calendar an indicator counts on can answer for the period's dates (CalendarError naming the year and the way
 * out when holidays: cn has no data for it); instants past the period are checked as they come.
 */
export function checkCalendars(config: Config, period: Period): void {
  const used = new Set(config.indicators.map((i) => i.params?.calendar).filter((c): c is string => typeof c === 'string'));
  const years = new Set(period.months.map((m) => Number(m.slice(0, 4))));
  for (const [name, cal] of calendarsOf(config)) if (used.has(name)) for (const y of years) cal.checkYear(y);
}

/** The rules' calendars, compiled (holidays: cn takes China's official data). */
export function calendarsOf(config: Config): Map<string, WorkingCalendar> {
  return new Map(Object.entries(config.calendars).map(([name, c]) => [name, new WorkingCalendar(name, {
    timezone: c.timezone ?? config.timezone, weekly: c.weekly, holidays: c.holidays, overrides: c.overrides,
  }, c.holidays === 'cn' ? cnHolidays() : null)]));
}

export function newStates(plan: MetricPlan): States {
  return plan.measures.map((m) => m.metric.init(m.params));
}

/** A case counted by every measure of its kind. */
export function countCase<K extends CaseKind>(plan: MetricPlan, states: States, kind: K, c: Cases[K]): void {
  plan.adders[kind](states, c as never);
}

/** The states of both, measure by measure (neither is changed). */
export function mergeStates(plan: MetricPlan, a: States, b: States): States {
  return plan.measures.map((m, i) => m.metric.merge(a[i], b[i]));
}

/** The value of measure i. */
export function measureValue(plan: MetricPlan, states: States, i: number): MetricValue {
  const m = plan.measures[i];
  return m.metric.value(states[i], m.params);
}

/** The columns of an input that the plan's metrics add (Metric.new_columns), each once, in the measures' order. */
export function newColumns(plan: MetricPlan, input: InputName): ColumnSpec[] {
  const out = new Map<string, ColumnSpec>();
  for (const m of plan.measures) for (const c of m.metric.new_columns ?? []) if (c.input === input && !out.has(c.spec.id)) out.set(c.spec.id, c.spec);
  return [...out.values()];
}
