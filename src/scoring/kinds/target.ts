// Scoring kind `target`: 100 when `at_least` / `at_most` is met, else the `else` score (default 0).
import { z } from 'zod';

const schema = z.strictObject({
  kind: z.literal('target'),
  at_least: z.number().min(-1e9).max(1e9).optional(),
  at_most: z.number().min(-1e9).max(1e9).optional(),
  else: z.number().min(0).max(100).default(0),
}).refine((s) => (s.at_least === undefined) !== (s.at_most === undefined), { message: 'give exactly one of at_least, at_most' });

export const target = {
  kind: 'target' as const,
  schema,
  evaluate(value: number, spec: z.infer<typeof schema>) {
    const met = spec.at_least !== undefined ? value >= spec.at_least : value <= (spec.at_most as number);
    return { score: met ? 100 : spec.else, detail: { met: met ? 'yes' : 'no', ...(spec.at_least !== undefined ? { at_least: spec.at_least } : { at_most: spec.at_most as number }) } };
  },
};
