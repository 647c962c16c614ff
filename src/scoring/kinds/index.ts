// Registry of scoring kinds, sorted by kind. A kind is one file holding one plain object { kind, schema, evaluate }.
import { z } from 'zod';
import { bands } from './bands.js';
import { linear } from './linear.js';
import { target } from './target.js';
import { value } from './value.js';

export const KINDS = { bands, linear, target, value } as const;
export type KindId = keyof typeof KINDS;

export const scoringSchema = z.discriminatedUnion('kind', [bands.schema, linear.schema, target.schema, value.schema]);
export type Scoring = z.infer<typeof scoringSchema>;

export function evaluateScoring(metricValue: number, scoring: Scoring): { score: number; detail: Record<string, string | number> } {
  const kind = KINDS[scoring.kind];
  return (kind.evaluate as (v: number, s: Scoring) => { score: number; detail: Record<string, string | number> })(metricValue, scoring);
}
