// Scoring kind `value`: the metric is already a 0-100 score; it is clamped to that range.
import { z } from 'zod';

const schema = z.strictObject({ kind: z.literal('value') });

export const value = {
  kind: 'value' as const,
  schema,
  evaluate(v: number, _spec: z.infer<typeof schema>) {
    return { score: Math.min(100, Math.max(0, v)), detail: {} };
  },
};
