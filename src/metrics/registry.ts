// The built-in metrics of SPEC section 4, sorted by id, each one file of this folder; and eval:ITEM (eval.ts).
import type { Config } from '../config/schema.js';
import type { AnyMetric, MetricUnit, Params } from './metric.js';
import { evalMetric } from './eval.js';
import { callback_rate } from './callback_rate.js';
import { complaint_rate } from './complaint_rate.js';
import { complaint_resolved_within_rate } from './complaint_resolved_within_rate.js';
import { csat_mean } from './csat_mean.js';
import { csat_satisfied_rate } from './csat_satisfied_rate.js';
import { first_response_minutes_mean } from './first_response_minutes_mean.js';
import { first_response_minutes_median } from './first_response_minutes_median.js';
import { first_response_minutes_p90 } from './first_response_minutes_p90.js';
import { first_response_missing } from './first_response_missing.js';
import { first_response_within_rate } from './first_response_within_rate.js';
import { onsite_arrival_within_rate } from './onsite_arrival_within_rate.js';
import { reopen_rate } from './reopen_rate.js';
import { resolution_days_mean } from './resolution_days_mean.js';
import { resolution_hours_mean } from './resolution_hours_mean.js';
import { resolution_hours_median } from './resolution_hours_median.js';
import { resolution_hours_p90 } from './resolution_hours_p90.js';
import { resolution_rate } from './resolution_rate.js';
import { resolved } from './resolved.js';
import { resolved_within_rate } from './resolved_within_rate.js';
import { surveys } from './surveys.js';
import { tickets } from './tickets.js';

export type { MetricUnit } from './metric.js';

export const METRICS: Readonly<Record<string, AnyMetric>> = {
  callback_rate, complaint_rate, complaint_resolved_within_rate, csat_mean, csat_satisfied_rate, first_response_minutes_mean,
  first_response_minutes_median, first_response_minutes_p90, first_response_missing, first_response_within_rate,
  onsite_arrival_within_rate, reopen_rate, resolution_days_mean, resolution_hours_mean, resolution_hours_median,
  resolution_hours_p90, resolution_rate, resolved, resolved_within_rate, surveys, tickets,
};

const EVAL = /^eval:[^\s]+$/;

export function isKnownMetric(id: string): boolean {
  return Object.hasOwn(METRICS, id) || EVAL.test(id);
}

/** The metric of an id the rules name (the config schema has checked it). */
export function metricOf(id: string): AnyMetric {
  if (Object.hasOwn(METRICS, id)) return METRICS[id];
  if (EVAL.test(id)) return evalMetric(id.slice(5));
  throw new Error(`unknown metric ${id}`); // the config schema rules this out
}

/** The unit of a metric id (eval:ITEM: as the evaluations file gives it). */
export function metricUnit(id: string): MetricUnit {
  return isKnownMetric(id) ? metricOf(id).unit : 'value';
}

/**
 * The params a metric takes, in order, each with its default: a number, the policy setting it defaults to, or
 * undefined (`calendar`: none unless given).
 */
export function paramsOf(id: string): Record<string, number | 'satisfied_at' | undefined> {
  if (!isKnownMetric(id)) return {};
  const m = metricOf(id);
  const out: Record<string, number | 'satisfied_at' | undefined> = {};
  for (const [k, schema] of Object.entries(m.params.shape)) {
    const policy = m.from_policy?.[k];
    out[k] = policy ?? (schema.parse(undefined) as number | undefined);
  }
  return out;
}

/** A metric's params: the ones given, the others at their defaults (`satisfied_at`: the config's); none left undefined. */
export function resolveParams(config: Config, metric: string, given: Record<string, number | string> | undefined): Params {
  const out: Params = {};
  for (const [k, d] of Object.entries(paramsOf(metric))) {
    const v = given?.[k] ?? (d === 'satisfied_at' ? config.surveys.satisfied_at : d);
    if (v !== undefined) out[k] = v;
  }
  return out;
}
