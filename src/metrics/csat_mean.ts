// Metric `csat_mean`: the mean survey score, each score first put on 0-100 from the configured scale.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { addToSum, meanOf, mergeSum, sum } from './state.js';

export const csat_mean = defineMetric({
  id: 'csat_mean', unit: 'score', about: 'mean survey score on 0-100',
  params: z.strictObject({}), counts: 'survey', columns: [],
  init: sum,
  add(s, c) {
    addToSum(s, c.score_100);
  },
  merge: mergeSum,
  value: (s) => meanOf(s),
});
