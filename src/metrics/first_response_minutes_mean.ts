// Metric `first_response_minutes_mean`: the mean of the minutes from receipt to first response (responses with one).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { addToSum, meanOf, mergeSum, MINUTE, sum } from './state.js';

export const first_response_minutes_mean = defineMetric({
  id: 'first_response_minutes_mean', unit: 'minutes', about: 'mean minutes from receipt to first response',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'response', columns: [],
  init: sum,
  add(s, c, _p, span) {
    if (c.first_at !== null) addToSum(s, duration(span, c.received_at, c.first_at));
  },
  merge: mergeSum,
  value: (s) => meanOf(s, MINUTE),
});
