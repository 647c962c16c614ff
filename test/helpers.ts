// Shared test helpers: the default config, hand-built accumulators.
import { parseConfigText } from '../src/config/load.js';
import { DEFAULT_RULES_YAML } from '../src/config/default-rules.js';
import type { Config } from '../src/config/schema.js';
import { newAcc, type EngineerAcc } from '../src/metrics/accumulator.js';

export function defaultConfig(patch?: (raw: string) => string): Config {
  const r = parseConfigText(patch ? patch(DEFAULT_RULES_YAML) : DEFAULT_RULES_YAML, 'test');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

export function acc(fill: Partial<{
  tickets: number; resolved: number; hours: number[]; complaints: number; complaintHours: number[]; reopened: number; callbacks: number;
  firstResponse: number[]; missing: number; onsiteCases: number; arrival: number[]; csat: number[]; raw: number[]; evals: Record<string, number>;
  scoreAdjustment: number; pointsAdjustment: number;
}>): EngineerAcc {
  const a = newAcc();
  a.tickets = fill.tickets ?? 0;
  a.resolved = fill.resolved ?? 0;
  for (const h of fill.hours ?? []) a.resolutionHours.push(h * 3_600_000); // the lists take milliseconds
  a.complaints = fill.complaints ?? 0;
  for (const h of fill.complaintHours ?? []) a.complaintHours.push(h * 3_600_000);
  a.reopened = fill.reopened ?? 0;
  a.callbacks = fill.callbacks ?? 0;
  for (const m of fill.firstResponse ?? []) a.firstResponse.push(m * 60_000);
  a.responseMissing = fill.missing ?? 0;
  a.onsiteCases = fill.onsiteCases ?? 0;
  for (const m of fill.arrival ?? []) a.onsiteArrival.push(m * 60_000);
  for (const s of fill.csat ?? []) a.surveyScores.push(s);
  for (const s of fill.raw ?? []) a.surveyRaw.push(s);
  for (const [k, v] of Object.entries(fill.evals ?? {})) a.evals.set(k, v);
  a.scoreAdjustment = fill.scoreAdjustment ?? 0;
  a.pointsAdjustment = fill.pointsAdjustment ?? 0;
  return a;
}
