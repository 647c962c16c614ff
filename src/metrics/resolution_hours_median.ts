// Metric `resolution_hours_median`: keeps every resolution time of the period (an order statistic).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { HOUR, kept, medianOfKept, mergeKept } from './state.js';

export const resolution_hours_median = defineMetric({
  id: 'resolution_hours_median', unit: 'hours', about: 'median hours to resolution',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: kept,
  add(s, c) {
    if (c.resolution_ms !== null) s.values.push(c.resolution_ms / HOUR);
  },
  merge: mergeKept,
  value: medianOfKept,
});
