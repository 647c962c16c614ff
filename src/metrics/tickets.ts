// Metric `tickets`: the cohort tickets of the period (created in it, not cancelled).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { countOf, mergeTally, tally } from './state.js';

export const tickets = defineMetric({
  id: 'tickets', unit: 'count', about: 'tickets in the cohort',
  params: z.strictObject({}), counts: 'ticket', columns: [],
  init: tally,
  add(s) {
    s.n += 1;
    s.hit += 1;
  },
  merge: mergeTally,
  value: countOf,
});
