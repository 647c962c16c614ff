// Metric `first_response_minutes_median`: keeps every first response time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { kept, medianOfKept, mergeKept, MINUTE } from './state.js';

export const first_response_minutes_median = defineMetric({
  id: 'first_response_minutes_median', unit: 'minutes', about: 'median minutes to first response',
  params: z.strictObject({}), counts: 'response', columns: [],
  init: kept,
  add(s, c) {
    if (c.first_ms !== null) s.values.push(c.first_ms / MINUTE);
  },
  merge: mergeKept,
  value: medianOfKept,
});
