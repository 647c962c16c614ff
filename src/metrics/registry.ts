// The built-in metrics of SPEC section 4 and the parameters each one takes (with defaults).
import type { Config } from '../config/schema.js';

export const METRICS: Record<string, { params: Record<string, number | 'satisfied_at'>; about: string }> = {
  tickets: { params: {}, about: 'tickets in the cohort' },
  resolved: { params: {}, about: 'cohort tickets resolved or closed' },
  resolution_rate: { params: {}, about: 'resolved / tickets' },
  first_response_minutes_mean: { params: {}, about: 'mean minutes from receipt to first response' },
  first_response_minutes_median: { params: {}, about: 'median minutes to first response' },
  first_response_minutes_p90: { params: {}, about: '90th percentile (nearest rank) of minutes to first response' },
  first_response_within_rate: { params: { minutes: 60 }, about: 'share of responses within the threshold; a ticket without response counts as not within' },
  first_response_missing: { params: {}, about: 'tickets with no first response' },
  onsite_arrival_within_rate: { params: { minutes: 120 }, about: 'share of onsite tickets with arrival within the threshold' },
  resolution_hours_mean: { params: {}, about: 'mean hours from creation to resolution' },
  resolution_hours_median: { params: {}, about: 'median hours to resolution' },
  resolution_hours_p90: { params: {}, about: '90th percentile (nearest rank) of hours to resolution' },
  resolution_days_mean: { params: {}, about: 'mean days from creation to resolution' },
  resolved_within_rate: { params: { hours: 24 }, about: 'share of tickets resolved within the threshold' },
  complaint_rate: { params: {}, about: 'complaints / tickets' },
  complaint_resolved_within_rate: { params: { hours: 24 }, about: 'share of complaints resolved within the threshold' },
  reopen_rate: { params: {}, about: 'reopened / tickets' },
  callback_rate: { params: {}, about: 'tickets with a callback / tickets' },
  csat_mean: { params: {}, about: 'mean survey score on 0-100' },
  csat_satisfied_rate: { params: { at: 'satisfied_at' }, about: 'share of surveys at or above the threshold (survey scale)' },
  surveys: { params: {}, about: 'surveys received' },
};

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
