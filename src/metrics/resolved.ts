// Metric `resolved`: cohort tickets with a resolution time, or marked resolved or closed.
import { z } from 'zod';
import { defineMetric, type TicketCase } from './metric.js';
import { countOf, mergeTally, tally } from './state.js';

/** Whether a cohort ticket counts as resolved (also for resolution_rate). */
export const isResolved = (c: TicketCase): boolean => c.row.resolved_at !== null || c.row.status === 'resolved' || c.row.status === 'closed';

export const resolved = defineMetric({
  id: 'resolved', unit: 'count', about: 'cohort tickets resolved or closed',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.status'],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (isResolved(c)) s.hit += 1;
  },
  merge: mergeTally,
  value: countOf,
});
