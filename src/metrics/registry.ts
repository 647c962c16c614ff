// The built-in metrics of SPEC section 4 and the parameters each one takes (with defaults).
import type { Config } from '../config/schema.js';

/** What a metric's value is measured in: shares are 0-1 (shown as percentages), durations in their unit. */
export type MetricUnit = 'share' | 'minutes' | 'hours' | 'days' | 'count' | 'score' | 'value';

export const METRICS: Record<string, { params: Record<string, number | 'satisfied_at'>; unit: MetricUnit; about: string }> = {
  tickets: { params: {}, unit: 'count', about: 'tickets in the cohort' },
  resolved: { params: {}, unit: 'count', about: 'cohort tickets resolved or closed' },
  resolution_rate: { params: {}, unit: 'share', about: 'resolved / tickets' },
  first_response_minutes_mean: { params: {}, unit: 'minutes', about: 'mean minutes from receipt to first response' },
  first_response_minutes_median: { params: {}, unit: 'minutes', about: 'median minutes to first response' },
  first_response_minutes_p90: { params: {}, unit: 'minutes', about: '90th percentile (nearest rank) of minutes to first response' },
  first_response_within_rate: { params: { minutes: 60 }, unit: 'share', about: 'share of responses within the threshold; a ticket without response counts as not within' },
  first_response_missing: { params: {}, unit: 'count', about: 'tickets with no first response' },
  onsite_arrival_within_rate: { params: { minutes: 120 }, unit: 'share', about: 'share of onsite tickets with arrival within the threshold' },
  resolution_hours_mean: { params: {}, unit: 'hours', about: 'mean hours from creation to resolution' },
  resolution_hours_median: { params: {}, unit: 'hours', about: 'median hours to resolution' },
  resolution_hours_p90: { params: {}, unit: 'hours', about: '90th percentile (nearest rank) of hours to resolution' },
  resolution_days_mean: { params: {}, unit: 'days', about: 'mean days from creation to resolution' },
  resolved_within_rate: { params: { hours: 24 }, unit: 'share', about: 'share of tickets resolved within the threshold' },
  complaint_rate: { params: {}, unit: 'share', about: 'complaints / tickets' },
  complaint_resolved_within_rate: { params: { hours: 24 }, unit: 'share', about: 'share of complaints resolved within the threshold' },
  reopen_rate: { params: {}, unit: 'share', about: 'reopened / tickets' },
  callback_rate: { params: {}, unit: 'share', about: 'tickets with a callback / tickets' },
  csat_mean: { params: {}, unit: 'score', about: 'mean survey score on 0-100' },
  csat_satisfied_rate: { params: { at: 'satisfied_at' }, unit: 'share', about: 'share of surveys at or above the threshold (survey scale)' },
  surveys: { params: {}, unit: 'count', about: 'surveys received' },
};

/** The unit of a metric id (eval:ITEM: as the evaluations file gives it). */
export function metricUnit(id: string): MetricUnit {
  return METRICS[id]?.unit ?? 'value';
}

export function isKnownMetric(id: string): boolean {
  return id in METRICS || /^eval:[^\s]+$/.test(id);
}

/** A metric's params: the ones given, the others at their defaults (`satisfied_at`: the config's). */
export function resolveParams(config: Config, metric: string, given: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, d] of Object.entries(METRICS[metric]?.params ?? {})) {
    out[k] = given?.[k] ?? (d === 'satisfied_at' ? config.surveys.satisfied_at : d);
  }
  return out;
}
