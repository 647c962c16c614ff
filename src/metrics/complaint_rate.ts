// Metric `complaint_rate`: complaints / tickets.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { mergeTally, shareOf, tally } from './state.js';

export const complaint_rate = defineMetric({
  id: 'complaint_rate', unit: 'share', about: 'complaints / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.is_complaint'],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (c.row.is_complaint === true) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
