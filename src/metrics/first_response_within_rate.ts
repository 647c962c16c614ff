// Metric `first_response_within_rate`: responses within the threshold over all responses, a cohort ticket without any
// response row counting as a response not within.
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { mergeTally, MINUTE, shareOf, tally, within } from './state.js';

export const first_response_within_rate = defineMetric({
  id: 'first_response_within_rate', unit: 'share', about: 'share of responses within the threshold; a ticket without response counts as not within',
  params: z.strictObject({ minutes: z.number().default(60), calendar: z.string().optional() }), counts: 'response', columns: [],
  init: tally,
  add(s, c, p, span) {
    s.n += 1;
    if (c.first_at !== null && within(duration(span, c.received_at, c.first_at), MINUTE, p.minutes)) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
