// Metric `resolution_days_mean`: resolution_hours_mean in days.
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { addToSum, HOUR, meanOf, mergeSum, sum } from './state.js';

export const resolution_days_mean = defineMetric({
  id: 'resolution_days_mean', unit: 'days', about: 'mean days from creation to resolution',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: sum,
  add(s, c, _p, span) {
    if (c.row.resolved_at !== null) addToSum(s, duration(span, c.row.created_at, c.row.resolved_at));
  },
  merge: mergeSum,
  value(s) {
    const hours = meanOf(s, HOUR);
    return { value: hours.value === null ? null : hours.value / 24, n: hours.n };
  },
});
