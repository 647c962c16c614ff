// Metric family `eval:ITEM`: the value of an evaluation item (supervisor, peer, self, training hours...) as the
// evaluations file gives it; over several periods, the mean of their values.
import { z } from 'zod';
import { defineMetric, type Metric } from './metric.js';
import { addToSum, meanOf, mergeSum, sum, type Sum } from './state.js';

type EvalMetric = Metric<'evaluation', z.ZodObject<Record<string, never>>, Sum>;
const made = new Map<string, EvalMetric>();

/** The metric eval:ITEM (one object per item). */
export function evalMetric(item: string): EvalMetric {
  let m = made.get(item);
  if (!m) {
    m = defineMetric({
      id: `eval:${item}`, unit: 'value', about: `evaluation item ${item}`,
      params: z.strictObject({}), counts: 'evaluation', columns: ['evaluations.item', 'evaluations.value'],
      init: sum,
      add(s: Sum, c) {
        if (c.row.item === item) addToSum(s, c.row.value);
      },
      merge: mergeSum,
      value: (s: Sum) => meanOf(s),
    });
    made.set(item, m);
  }
  return m;
}
