// Metric `callback_rate`: tickets with a callback / tickets.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { mergeTally, shareOf, tally } from './state.js';

export const callback_rate = defineMetric({
  id: 'callback_rate', unit: 'share', about: 'tickets with a callback / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.callback_done'],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (c.row.callback_done === true) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
