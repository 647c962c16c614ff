// Metric `resolution_hours_p90`: keeps every resolution time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { HOUR, kept, mergeKept, percentileOfKept } from './state.js';

export const resolution_hours_p90 = defineMetric({
  id: 'resolution_hours_p90', unit: 'hours', about: '90th percentile (nearest rank) of hours to resolution',
  params: z.strictObject({ calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: kept,
  add(s, c, _p, span) {
    if (c.row.resolved_at !== null) s.values.push(duration(span, c.row.created_at, c.row.resolved_at) / HOUR);
  },
  merge: mergeKept,
  value: (s) => percentileOfKept(s, 90),
});
