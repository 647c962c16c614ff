// Scoring kind `linear`: 0 at `worst`, 100 at `best`, clamped; worst above best means lower is better.
import { z } from 'zod';

const schema = z.strictObject({ kind: z.literal('linear'), worst: z.number().min(-1e9).max(1e9), best: z.number().min(-1e9).max(1e9) })
  .refine((s) => s.worst !== s.best, { message: 'worst and best must differ', path: ['best'] });

export const linear = {
  kind: 'linear' as const,
  schema,
  evaluate(value: number, spec: z.infer<typeof schema>) {
    const t = (value - spec.worst) / (spec.best - spec.worst);
    return { score: Math.min(1, Math.max(0, t)) * 100, detail: { worst: spec.worst, best: spec.best } };
  },
};
