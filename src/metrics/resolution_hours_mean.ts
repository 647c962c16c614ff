// Metric `resolution_hours_mean`: the mean of the hours from creation to resolution (resolved cohort tickets).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { addToSum, HOUR, meanOf, mergeSum, sum } from './state.js';

export const resolution_hours_mean = defineMetric({
  id: 'resolution_hours_mean', unit: 'hours', about: 'mean hours from creation to resolution',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: sum,
  add(s, c, _p, span) {
    if (c.row.resolved_at !== null) addToSum(s, duration(span, c.row.created_at, c.row.resolved_at));
  },
  merge: mergeSum,
  value: (s) => meanOf(s, HOUR),
});
