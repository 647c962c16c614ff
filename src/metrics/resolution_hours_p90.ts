// Metric `resolution_hours_p90`: keeps every resolution time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { HOUR, kept, mergeKept, percentileOfKept } from './state.js';

export const resolution_hours_p90 = defineMetric({
  id: 'resolution_hours_p90', unit: 'hours', about: '90th percentile (nearest rank) of hours to resolution',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: kept,
  add(s, c) {
    if (c.resolution_ms !== null) s.values.push(c.resolution_ms / HOUR);
  },
  merge: mergeKept,
  value: (s) => percentileOfKept(s, 90),
});
