// Metric `complaint_resolved_within_rate`: complaints resolved within the threshold, over complaints.
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { HOUR, mergeTally, shareOf, tally, within } from './state.js';

export const complaint_resolved_within_rate = defineMetric({
  id: 'complaint_resolved_within_rate', unit: 'share', about: 'share of complaints resolved within the threshold',
  params: z.strictObject({ hours: z.number().default(24), calendar: z.string().optional() }), counts: 'ticket', columns: ['tickets.is_complaint', 'tickets.resolved_at'],
  init: tally,
  add(s, c, p, span) {
    if (c.row.is_complaint !== true) return;
    s.n += 1;
    if (c.row.resolved_at !== null && within(duration(span, c.row.created_at, c.row.resolved_at), HOUR, p.hours)) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
