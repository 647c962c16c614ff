// Metric `first_response_minutes_p90`: keeps every first response time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { kept, mergeKept, MINUTE, percentileOfKept } from './state.js';

export const first_response_minutes_p90 = defineMetric({
  id: 'first_response_minutes_p90', unit: 'minutes', about: '90th percentile (nearest rank) of minutes to first response',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'response', columns: [],
  init: kept,
  add(s, c, _p, span) {
    if (c.first_at !== null) s.values.push(duration(span, c.received_at, c.first_at) / MINUTE);
  },
  merge: mergeKept,
  value: (s) => percentileOfKept(s, 90),
});
