// Metric `resolution_hours_median`: keeps every resolution time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { HOUR, kept, medianOfKept, mergeKept } from './state.js';

export const resolution_hours_median = defineMetric({
  id: 'resolution_hours_median', unit: 'hours', about: 'median hours to resolution',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: kept,
  add(s, c, _p, span) {
    if (c.row.resolved_at !== null) s.values.push(duration(span, c.row.created_at, c.row.resolved_at) / HOUR);
  },
  merge: mergeKept,
  value: medianOfKept,
});
