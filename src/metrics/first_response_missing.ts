// Metric `first_response_missing`: responses without a first response time, and cohort tickets without a response row.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { countOf, mergeTally, tally } from './state.js';

export const first_response_missing = defineMetric({
  id: 'first_response_missing', unit: 'count', about: 'tickets with no first response',
  params: z.strictObject({}), counts: 'response', columns: [],
  init: tally,
  add(s, c) {
    s.n += 1;
    if (c.first_at === null) s.hit += 1;
  },
  merge: mergeTally,
  value: countOf,
});
