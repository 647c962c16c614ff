// Metric `reopen_rate`: reopened / tickets.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { mergeTally, shareOf, tally } from './state.js';

export const reopen_rate = defineMetric({
  id: 'reopen_rate', unit: 'share', about: 'reopened / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.reopened'],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (c.row.reopened === true) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
