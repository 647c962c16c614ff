// Cycles stage: who a year's results name for recognition (评优) or promotion (晋级), by the policy's recognition
// rules (a rating of the year and at least min_months months scored). Candidates only: the decision is people's.
import type { Config } from '../config/schema.js';
import type { CycleEngineer, CycleResult } from './cycle.js';

export type Recognition = Config['recognition'][number];
export interface Candidate { engineer: CycleEngineer; rule: Recognition }

export function candidates(r: CycleResult, config: Config): Candidate[] {
  if (r.kind !== 'year') return [];
  return config.recognition.flatMap((rule) => r.engineers
    .filter((e) => e.rating?.id === rule.rating && e.months_scored >= rule.min_months)
    .map((engineer) => ({ engineer, rule })));
}
