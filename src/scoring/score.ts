// Scoring stage: metrics -> indicator scores -> dimension scores -> adjustments -> total -> rating, each figure with its trace.
import type { Config, Rating } from '../config/schema.js';
import { measureValue, planOf, type States } from '../metrics/plan.js';
import { evaluateScoring } from './kinds/index.js';
import { roundHalfUp } from '../util/round.js';

export interface IndicatorResult {
  id: string;
  dimension: string;
  metric: string;
  params: Record<string, number | string>;
  value: number | null;
  /** a metric on a calendar (params.calendar): the same metric on the wall clock */
  wall_value?: number | null;
  n: number;
  min_sample: number;
  status: 'ok' | 'insufficient' | 'no_data';
  /** the score the kind gives the metric value (null without data) */
  kind_score: number | null;
  /** the score that counts in the dimension (kind score, or the insufficient rule's score; null when left out) */
  score: number | null;
  detail: Record<string, string | number>;
  weight: number;
  /** share of the dimension after reweighting (0 when left out) */
  share: number;
  /** points contributed to the total */
  contribution: number;
}

export interface DimensionResult { id: string; weight: number; score: number; status: 'ok' | 'no_data'; contribution: number }

export interface ScoreResult {
  indicators: IndicatorResult[];
  dimensions: DimensionResult[];
  weighted_total: number;
  score_adjustment_raw: number;
  score_adjustment: number;
  total: number;
  rating: Rating;
  flags: string[];
}

export function rate(config: Config, total: number): Rating {
  return config.ratings.find((r) => total >= r.min) ?? config.ratings[config.ratings.length - 1];
}

/** What scoring takes of an engineer's period: a metric state per measure of the rules' plan, and the score adjustment. */
export interface Scored { states: States; scoreAdjustment: number }

export function scoreEngineer(config: Config, acc: Scored): ScoreResult {
  const flags: string[] = [];
  const mode = config.insufficient;
  const plan = planOf(config);
  const indicators: IndicatorResult[] = config.indicators.map((ind, k) => {
    const measure = plan.ofIndicator[k];
    const params = plan.measures[measure].params; // the same object in every engineer's result
    const m = measureValue(plan, acc.states, measure);
    const wall = plan.wallOf[measure];
    const hasValue = m.value !== null;
    const status = !hasValue || m.n === 0 ? 'no_data' : m.n < ind.min_sample ? 'insufficient' : 'ok';
    const evaluated = hasValue ? evaluateScoring(m.value as number, ind.scoring) : null;
    let score: number | null = status === 'ok' ? (evaluated as { score: number }).score : null;
    if (status !== 'ok') {
      if (mode === 'zero') score = 0;
      else if (mode.startsWith('neutral:')) score = Number(mode.slice(8));
    }
    return {
      id: ind.id, dimension: ind.dimension, metric: ind.metric, params, value: m.value, ...(wall >= 0 ? { wall_value: measureValue(plan, acc.states, wall).value } : {}), n: m.n, min_sample: ind.min_sample,
      status, kind_score: evaluated ? evaluated.score : null, score, detail: evaluated ? evaluated.detail : {},
      weight: ind.weight, share: 0, contribution: 0,
    };
  });
  const dimensions: DimensionResult[] = config.dimensions.map((dim) => {
    const members = indicators.filter((i) => i.dimension === dim.id);
    const noData = members.every((i) => i.status === 'no_data');
    const counted = members.filter((i) => i.score !== null);
    const weightSum = counted.reduce((s, i) => s + i.weight, 0);
    let score: number;
    let status: DimensionResult['status'] = 'ok';
    if (noData || weightSum === 0) {
      score = dim.neutral;
      status = 'no_data';
      flags.push(`no_data:${dim.id}`);
    } else {
      score = counted.reduce((s, i) => s + (i.score as number) * i.weight, 0) / weightSum;
      for (const i of counted) {
        i.share = i.weight / weightSum;
        i.contribution = ((i.score as number) * i.share * dim.weight) / 100;
      }
    }
    for (const i of members) if (i.status !== 'ok' && status === 'ok') flags.push(`insufficient:${i.id}`);
    return { id: dim.id, weight: dim.weight, score, status, contribution: (score * dim.weight) / 100 };
  });
  const weighted = dimensions.reduce((s, d) => s + d.contribution, 0);
  const cap = config.adjustments.score_cap;
  const adj = Math.min(cap.max, Math.max(cap.min, acc.scoreAdjustment));
  if (adj !== acc.scoreAdjustment) flags.push('adjustment_capped');
  const total = roundHalfUp(Math.min(100, Math.max(0, weighted + adj)), 1);
  return { indicators, dimensions, weighted_total: weighted, score_adjustment_raw: acc.scoreAdjustment, score_adjustment: adj, total, rating: rate(config, total), flags };
}
