// Metric `surveys`: the surveys of the period.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { countOf, mergeTally, tally } from './state.js';

export const surveys = defineMetric({
  id: 'surveys', unit: 'count', about: 'surveys received',
  params: z.strictObject({}), counts: 'survey', columns: [],
  init: tally,
  add(s) {
    s.n += 1;
    s.hit += 1;
  },
  merge: mergeTally,
  value: countOf,
});
