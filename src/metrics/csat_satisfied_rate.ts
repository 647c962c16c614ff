// Metric `csat_satisfied_rate`: surveys scored at least `at` (on the survey's own scale; by default the policy's
// surveys.satisfied_at), over surveys.
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { mergeTally, shareOf, tally } from './state.js';

export const csat_satisfied_rate = defineMetric({
  id: 'csat_satisfied_rate', unit: 'share', about: 'share of surveys at or above the threshold (survey scale)',
  params: z.strictObject({ at: z.number() }), from_policy: { at: 'satisfied_at' }, counts: 'survey', columns: [],
  init: tally,
  add(s, c, p) {
    s.n += 1;
    if (c.row.score >= p.at - 1e-9) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
