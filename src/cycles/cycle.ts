// Cycles stage: a quarter, a half-year or a year computed from its published months (never from the exports): each
// engineer's monthly totals, the cycle's total by the policy's method (the mean of the monthly totals, or the metrics
// recomputed from the months' merged metric states and scored once), the cycle's rating and bonus, the rank in the
// team, and for a year the annual review's items. Pure: the months come in as data.
import type { Config, CycleRating } from '../config/schema.js';
import { mergeStates, planOf, type States } from '../metrics/plan.js';
import { byId } from '../history/state.js';
import type { Params } from '../metrics/metric.js';
import { scoreEngineer, type ScoreResult } from '../scoring/score.js';
import { roundHalfUp } from '../util/round.js';
import type { Period } from '../util/time.js';

/** What a published month says of an engineer (its scorecards.json). */
export interface MonthCard { engineer_id: string; name: string; team: string; total: number; score_adjustment_uncapped: number }

/** A published month: its scorecards and its metric states (metrics.json). */
export interface PublishedMonth {
  period: string;
  cards: MonthCard[];
  measures: { metric: string; params: Params }[];
  /** per engineer id, the states in the order of measures */
  states: Map<string, States>;
}

export type CycleKindKey = 'quarter' | 'half_year' | 'year';
export const KIND_KEY: Record<string, CycleKindKey> = { quarter: 'quarter', half: 'half_year', year: 'year' };

export interface CycleEngineer {
  engineer_id: string; name: string; team: string;
  /** the total of each month of the cycle, in order; null where the engineer was not scored */
  monthly: (number | null)[];
  months_scored: number;
  /** the months' part of the total: their mean (method mean), or the recomputed score (method recompute) */
  months_total: number;
  /** the annual review's score (a year with cycles.year.annual): the items' weighted mean, or null without items */
  annual: number | null;
  total: number;
  rating: CycleRating | null;
  rank_in_team: number | null;
  flags: string[];
  /** the indicators and dimensions over the whole cycle (from the merged metric states), when the months share their measures */
  score: ScoreResult | null;
}

export interface CycleResult { period: Period; kind: CycleKindKey; method: 'mean' | 'recompute'; ratings: CycleRating[]; engineers: CycleEngineer[] }

/** A month's measures do not match the rules' (recompute needs the same metrics in every month). */
export class CycleError extends Error {}

/** The mean of totals of one decimal, exact (in tenths), rounded half-up once to one decimal. */
export function meanOfTotals(totals: readonly number[]): number {
  const tenths = totals.reduce((s, t) => s + Math.round(t * 10), 0);
  const n = totals.length;
  // floor((2 * tenths + n) / (2n)): the rational mean rounded half-up (totals are never negative)
  return Math.floor((2 * tenths + n) / (2 * n)) / 10;
}

/** The cycle's ratings: its own, or the monthly ratings with no bonus. */
export function cycleRatings(config: Config, kind: CycleKindKey): CycleRating[] {
  return config.cycles[kind].ratings ?? config.ratings.map((r) => ({ id: r.id, label: r.label, min: r.min, bonus: 0 }));
}

/**
 * annual: for a year, each engineer's annual review items (item -> value 0-100) from the evaluations file given.
 */
export function computeCycle(config: Config, period: Period, months: readonly PublishedMonth[], annual?: ReadonlyMap<string, ReadonlyMap<string, number>>): CycleResult {
  const kind = KIND_KEY[period.kind];
  if (!kind) throw new Error(`unreachable: ${period.id} is a month`);
  const spec = config.cycles[kind];
  const ratings = cycleRatings(config, kind);
  const plan = planOf(config);
  const keyOf = (m: { metric: string; params: Params }) => `${m.metric}\u0000${JSON.stringify(m.params)}`;
  // where each of the rules' measures is in each month's states (-1: that month has no such measure)
  const at = months.map((m) => plan.measures.map((x) => m.measures.findIndex((y) => keyOf(y) === keyOf({ metric: x.metric.id, params: x.params }))));
  const sameMeasures = at.every((idx) => idx.every((i) => i >= 0));
  if (spec.method === 'recompute' && !sameMeasures) {
    const bad = months.filter((_, k) => at[k].some((i) => i < 0)).map((m) => m.period);
    throw new CycleError(`method recompute merges the months' metric states, and ${bad.join(', ')} ${bad.length > 1 ? 'were' : 'was'} scored under rules with other metrics or params; score ${bad.length > 1 ? 'them' : 'it'} again under these rules, or use method: mean`);
  }

  const ids = [...new Set(months.flatMap((m) => m.cards.map((c) => c.engineer_id)))].sort(byId);
  const engineers = ids.map((id): CycleEngineer => {
    const cards = months.map((m) => m.cards.find((c) => c.engineer_id === id) ?? null);
    const scored = cards.filter((c): c is MonthCard => c !== null);
    const latest = scored[scored.length - 1];
    const monthly = cards.map((c) => (c === null ? null : c.total));
    const flags: string[] = [];
    if (cards[0] === null) flags.push('joined_in_cycle');
    if (cards[cards.length - 1] === null) flags.push('left_in_cycle');
    let score: ScoreResult | null = null;
    if (sameMeasures) {
      let states: States | null = null;
      months.forEach((m, k) => {
        const own = m.states.get(id);
        if (!own) return;
        const mine = at[k].map((i) => own[i]);
        states = states === null ? mine : mergeStates(plan, states, mine);
      });
      const adjustment = scored.reduce((s, c) => s + c.score_adjustment_uncapped, 0) / scored.length;
      if (states !== null) score = scoreEngineer(config, { states, scoreAdjustment: roundHalfUp(adjustment, 6) });
    }
    const monthsTotal = spec.method === 'recompute' ? (score as ScoreResult).total : meanOfTotals(scored.map((c) => c.total));
    let total = monthsTotal;
    let annualScore: number | null = null;
    const review = kind === 'year' ? config.cycles.year.annual : undefined;
    if (review) {
      const items = annual?.get(id);
      const given = review.items.filter((it) => items?.has(it.item));
      if (given.length === review.items.length) {
        const w = review.items.reduce((s, it) => s + it.weight, 0);
        annualScore = review.items.reduce((s, it) => s + (items?.get(it.item) as number) * it.weight, 0) / w;
        total = roundHalfUp(((100 - review.weight) * monthsTotal + review.weight * annualScore) / 100, 1);
        annualScore = roundHalfUp(annualScore, 1);
      } else flags.push('no_annual_review');
    }
    const enough = scored.length >= config.cycles.min_months;
    if (!enough) flags.push('too_few_months');
    return {
      engineer_id: id, name: latest.name, team: latest.team, monthly, months_scored: scored.length, months_total: monthsTotal, annual: annualScore, total,
      rating: enough ? rateCycle(ratings, total) : null, rank_in_team: null, flags, score,
    };
  });
  if (config.calibration.forced_distribution) forceDistribution(engineers, ratings, config.calibration.max_share);
  rankInTeams(engineers);
  return { period, kind, method: spec.method, ratings, engineers };
}

export function rateCycle(ratings: readonly CycleRating[], total: number): CycleRating {
  return ratings.find((r) => total >= r.min) ?? ratings[ratings.length - 1];
}

/**
 * Ratings held under their max_share of the rated engineers: where a rating holds more, its lowest totals move down
 * to the next rating (flag forced_down), best rating first, so a move can cascade.
 */
function forceDistribution(engineers: CycleEngineer[], ratings: readonly CycleRating[], maxShare: Readonly<Record<string, number>>): void {
  const rated = engineers.filter((e) => e.rating !== null);
  ratings.forEach((r, k) => {
    const share = maxShare[r.id];
    if (share === undefined || k === ratings.length - 1) return;
    const holders = rated.filter((e) => e.rating?.id === r.id).sort((a, b) => b.total - a.total || byId(a.engineer_id, b.engineer_id));
    const allowed = Math.floor(share * rated.length + 1e-9);
    for (const e of holders.slice(allowed)) {
      e.rating = ratings[k + 1];
      if (!e.flags.includes('forced_down')) e.flags.push('forced_down');
    }
  });
}

/** Rank by total in each team among the rated (1, 2, 2, 4 for ties). */
function rankInTeams(engineers: CycleEngineer[]): void {
  const teams = new Map<string, CycleEngineer[]>();
  for (const e of engineers) if (e.rating !== null) teams.set(e.team, [...(teams.get(e.team) ?? []), e]);
  for (const members of teams.values()) {
    const sorted = [...members].sort((a, b) => b.total - a.total);
    sorted.forEach((e, i) => {
      e.rank_in_team = i > 0 && sorted[i - 1].total === e.total ? (sorted[i - 1].rank_in_team as number) : i + 1;
    });
  }
}
