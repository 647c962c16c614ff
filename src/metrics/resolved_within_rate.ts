// Metric `resolved_within_rate`: cohort tickets resolved within the threshold, over all cohort tickets.
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { HOUR, mergeTally, shareOf, tally, within } from './state.js';

export const resolved_within_rate = defineMetric({
  id: 'resolved_within_rate', unit: 'share', about: 'share of tickets resolved within the threshold',
  params: z.strictObject({ hours: z.number().default(24), calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.resolved_at'],
  init: tally,
  add(s, c, p, span) {
    s.n += 1;
    if (c.row.resolved_at !== null && within(duration(span, c.row.created_at, c.row.resolved_at), HOUR, p.hours)) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
