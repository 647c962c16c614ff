// Metric `resolution_rate`: resolved / tickets.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { isResolved } from './resolved.js';
import { mergeTally, shareOf, tally } from './state.js';

export const resolution_rate = defineMetric({
  id: 'resolution_rate', unit: 'share', about: 'resolved / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.status'],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (isResolved(c)) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
