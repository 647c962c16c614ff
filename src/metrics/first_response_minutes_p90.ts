// Metric `first_response_minutes_p90`: keeps every first response time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { kept, mergeKept, MINUTE, percentileOfKept } from './state.js';

export const first_response_minutes_p90 = defineMetric({
  id: 'first_response_minutes_p90', unit: 'minutes', about: '90th percentile (nearest rank) of minutes to first response',
  params: z.strictObject({}), counts: 'response', columns: [],
  init: kept,
  add(s, c) {
    if (c.first_ms !== null) s.values.push(c.first_ms / MINUTE);
  },
  merge: mergeKept,
  value: (s) => percentileOfKept(s, 90),
});
