// Metrics stage: what a period counts for each engineer under the rules. Every distinct metric and params of the
// rules' indicators is a measure; each engineer holds one state per measure, and each case of the period (a cohort
// ticket, a response, a survey, an evaluation) goes to the measures that count its kind. States merge measure by
// measure, so a month read in parts, or the months of a quarter, give the states one reading of all of it gives.
import type { Config, InputName } from '../config/schema.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { AnyMetric, CaseKind, Cases, MetricValue, Params } from './metric.js';
import { metricOf, resolveParams } from './registry.js';

export interface Measure { metric: AnyMetric; params: Params }

export interface MetricPlan {
  measures: readonly Measure[];
  /** per case kind, the measures (their numbers) that count it */
  byKind: Readonly<Record<CaseKind, readonly number[]>>;
  /** per indicator of the rules, in order, the number of its measure */
  ofIndicator: readonly number[];
}

/** One state per measure of a plan. */
export type States = unknown[];

const plans = new WeakMap<Config, MetricPlan>();

/** The plan of the rules (made once per rules object). */
export function planOf(config: Config): MetricPlan {
  let plan = plans.get(config);
  if (!plan) plans.set(config, (plan = makePlan(config.indicators.map((ind) => ({ metric: ind.metric, params: resolveParams(config, ind.metric, ind.params) })))));
  return plan;
}

/**
 * The plan of metrics with their params resolved: a measure per distinct metric and params, in first-seen order
 * (lookup: the metric of an id; tests give metrics that are not built in).
 */
export function makePlan(metrics: readonly { metric: string; params: Params }[], lookup: (id: string) => AnyMetric = metricOf): MetricPlan {
  const measures: Measure[] = [];
  const keys = new Map<string, number>();
  const ofIndicator = metrics.map(({ metric, params }) => {
    const key = `${metric}\u0000${JSON.stringify(params)}`;
    let i = keys.get(key);
    if (i === undefined) {
      keys.set(key, (i = measures.length));
      measures.push({ metric: lookup(metric), params });
    }
    return i;
  });
  const byKind: Record<CaseKind, number[]> = { ticket: [], response: [], survey: [], evaluation: [] };
  measures.forEach((m, i) => byKind[m.metric.counts].push(i));
  return { measures, byKind, ofIndicator };
}

export function newStates(plan: MetricPlan): States {
  return plan.measures.map((m) => m.metric.init(m.params));
}

/** A case counted by every measure of its kind. */
export function countCase<K extends CaseKind>(plan: MetricPlan, states: States, kind: K, c: Cases[K]): void {
  const which = plan.byKind[kind];
  for (let j = 0; j < which.length; j++) {
    const i = which[j];
    const m = plan.measures[i];
    m.metric.add(states[i], c, m.params);
  }
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
