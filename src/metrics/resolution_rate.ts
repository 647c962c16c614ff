// Metric `resolution_rate`: resolved / tickets (the cases `resolved` counts, as a share).
import { z } from 'zod';
import { defineMetric } from './metric.js';
import { resolved } from './resolved.js';
import { mergeTally, shareOf, tally } from './state.js';

export const resolution_rate = defineMetric({
  id: 'resolution_rate', unit: 'share', about: 'resolved / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: ['tickets.status'],
  init: tally,
  add: resolved.add,
  merge: mergeTally,
  value: shareOf,
});
