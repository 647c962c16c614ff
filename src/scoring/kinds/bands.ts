// Scoring kind `bands`: ordered inclusive `max` bounds, each with points; score = points / best points x 100.
import { z } from 'zod';

const schema = z.strictObject({
  kind: z.literal('bands'),
  bands: z.array(z.strictObject({ max: z.number().min(-1e9).max(1e9).optional(), points: z.number().min(0).max(1e6) })).min(1),
}).superRefine((s, ctx) => {
  s.bands.forEach((b, i) => {
    if (b.max === undefined && i !== s.bands.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['bands', i, 'max'], message: 'only the last band may omit max' });
    }
    const prev = s.bands[i - 1];
    if (i > 0 && prev.max !== undefined && b.max !== undefined && b.max <= prev.max) {
      ctx.addIssue({ code: 'custom', path: ['bands', i, 'max'], message: `bands must be ordered by max ascending (${b.max} after ${prev.max})` });
    }
  });
  if (Math.max(...s.bands.map((b) => b.points)) <= 0) {
    ctx.addIssue({ code: 'custom', path: ['bands'], message: 'at least one band needs points above 0' });
  }
});

export const bands = {
  kind: 'bands' as const,
  schema,
  evaluate(value: number, spec: z.infer<typeof schema>) {
    const best = Math.max(...spec.bands.map((b) => b.points));
    const index = spec.bands.findIndex((b) => b.max === undefined || value <= b.max);
    const points = index < 0 ? 0 : spec.bands[index].points;
    return { score: (points / best) * 100, detail: { band: index < 0 ? 'none' : index + 1, points, best_points: best } };
  },
};
