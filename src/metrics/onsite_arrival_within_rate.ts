// Metric `onsite_arrival_within_rate`: onsite tickets whose engineer arrived within the threshold, over onsite tickets.
import { z } from 'zod';
import { defineMetric, duration } from './metric.js';
import { mergeTally, MINUTE, shareOf, tally, within } from './state.js';

export const onsite_arrival_within_rate = defineMetric({
  id: 'onsite_arrival_within_rate', unit: 'share', about: 'share of onsite tickets with arrival within the threshold',
  params: z.strictObject({ minutes: z.number().default(120), calendar: z.string().optional() }), counts: 'response', columns: ['tickets.channel', 'responses.onsite_arrival_at'],
  init: tally,
  add(s, c, p, span) {
    if (!c.onsite) return;
    s.n += 1;
    if (c.arrival_at !== null && within(duration(span, c.received_at, c.arrival_at), MINUTE, p.minutes)) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
