// Report stage: metrics.json, the metric states of every scored engineer of a period (metrics/state.ts), published
// beside the scorecards. A quarter or a year is computed from its months' states (merged measure by measure), never by
// reading the months' exports again. One engineer a line, so that a diff of two runs reads engineer by engineer.
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { PeriodResult } from '../pipeline.js';
import { planOf } from '../metrics/plan.js';

export const metricStatesSchema = z.strictObject({
  period: z.string(),
  /** the rules' measures: each distinct metric and params, in the order of the states */
  measures: z.array(z.strictObject({ metric: z.string(), params: z.record(z.string(), z.number()) })),
  engineers: z.array(z.strictObject({
    engineer_id: z.string(),
    /** the period's score adjustments (加减分), before the cap */
    score_adjustment: z.number(),
    states: z.array(z.unknown()),
  })),
}).refine((f) => f.engineers.every((e) => e.states.length === f.measures.length), { message: 'every engineer has one state per measure' });

export type MetricStatesFile = z.infer<typeof metricStatesSchema>;

export function metricStatesJson(r: PeriodResult, config: Config): string {
  const measures = planOf(config).measures.map((m) => ({ metric: m.metric.id, params: m.params }));
  const lines = r.engineers.map((e) => JSON.stringify({ engineer_id: e.roster.engineer_id, score_adjustment: e.tally.scoreAdjustment, states: e.tally.states }));
  return `{"period":${JSON.stringify(r.period.id)},"measures":${JSON.stringify(measures)},"engineers":[\n${lines.join(',\n')}\n]}\n`;
}

/** metrics.json read back (the caller has checked its sha256 against the manifest). */
export function parseMetricStates(text: string): MetricStatesFile {
  return metricStatesSchema.parse(JSON.parse(text));
}
