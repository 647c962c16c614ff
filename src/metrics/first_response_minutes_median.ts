// Metric `first_response_minutes_median`: keeps every first response time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { kept, medianOfKept, mergeKept, MINUTE } from './state.js';

export const first_response_minutes_median = defineMetric({
  id: 'first_response_minutes_median', unit: 'minutes', about: 'median minutes to first response',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'response', columns: [],
  init: kept,
  add(s, c, _p, span) {
    if (c.first_at !== null) s.values.push(duration(span, c.received_at, c.first_at) / MINUTE);
  },
  merge: mergeKept,
  value: medianOfKept,
});
