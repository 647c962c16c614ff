// A cycle from its months, pure: the mean of the monthly totals rounded half-up once; recompute from the merged
// metric states; engineers who joined or left inside it; too few months; the cycle's own ratings and bonus; rank in
// team with ties; forced distribution only when asked; the year's annual review; calibration; candidates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeCycle, meanOfTotals, CycleError, type PublishedMonth } from '../../src/cycles/cycle.js';
import { calibrate } from '../../src/cycles/calibration.js';
import { candidates } from '../../src/cycles/recognition.js';
import { planOf } from '../../src/metrics/plan.js';
import { scoreEngineer } from '../../src/scoring/score.js';
import { makePeriod } from '../../src/util/time.js';
import { casesOf, defaultConfig, statesOf, type Fill } from '../helpers.js';
import type { Config } from '../../src/config/schema.js';

const GOOD: Partial<Fill> = { tickets: 20, resolved: 20, hours: Array(20).fill(10), firstResponse: Array(20).fill(30), onsiteCases: 4, arrival: [60, 60, 60, 60], raw: [5, 5, 4], evals: { knowledge: 90, training_hours: 10, attitude: 90 } };
const POOR: Partial<Fill> = { tickets: 10, resolved: 5, hours: [30, 40, 50, 60, 70], firstResponse: Array(10).fill(90), raw: [2, 3], evals: { knowledge: 60, training_hours: 2, attitude: 60 } };

/** A month whose engineers (id, team, fill) are scored under config, as run would publish them. */
function month(config: Config, id: string, who: [string, string, Partial<Fill>][]): PublishedMonth {
  const plan = planOf(config);
  const states = new Map(who.map(([e, , fill]) => [e, statesOf(plan, casesOf(fill))]));
  const cards = who.map(([e, team]) => {
    const s = scoreEngineer(config, { states: states.get(e) as unknown[], scoreAdjustment: 0 });
    return { engineer_id: e, name: `name ${e}`, team, total: s.total, score_adjustment_uncapped: 0 };
  });
  return { period: id, cards, measures: plan.measures.map((m) => ({ metric: m.metric.id, params: m.params })), states };
}

/** The default rules with the cycle sections (cycles, calibration, recognition) replaced by extra. */
const withRules = (extra: string) => defaultConfig((y) => `${y.replace(/^# Assessment cycles[\s\S]*?(?=^# CSV outputs)/m, '')}\n${extra}`);

describe('meanOfTotals', () => {
  it('is the exact mean of totals of one decimal, rounded half-up once', () => {
    expect(meanOfTotals([82.1, 95.9, 99.3])).toBe(92.4); // 92.433..
    expect(meanOfTotals([80.1, 80.2])).toBe(80.2); // 80.15 exactly: up
    expect(meanOfTotals([89.9, 90, 90.1, 89.95 - 0.05])).toBe(90);
    expect(meanOfTotals([0.1, 0.2])).toBe(0.2); // 0.15: up, where 0.15 as a float would round down
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }), (tenths) => {
      const got = meanOfTotals(tenths.map((t) => t / 10));
      // reference in integers: the mean in twentieths, rounded half up
      const num = tenths.reduce((s, t) => s + t, 0);
      expect(Math.round(got * 10)).toBe(Math.floor((2 * num + tenths.length) / (2 * tenths.length)));
    }));
  });
});

describe('computeCycle', () => {
  const config = defaultConfig();
  const Q1 = makePeriod('2026-Q1', config.timezone);
  const months = [
    month(config, '2026-01', [['E1', 'a', GOOD], ['E2', 'a', POOR], ['E3', 'b', GOOD]]),
    month(config, '2026-02', [['E1', 'a', GOOD], ['E2', 'a', GOOD], ['E3', 'b', POOR], ['E4', 'b', GOOD]]),
    month(config, '2026-03', [['E1', 'a', POOR], ['E2', 'a', GOOD], ['E4', 'b', GOOD]]),
  ];
  it('mean: each engineer on the months they have; joined and left inside the cycle flagged; too few months: no rating', () => {
    const r = computeCycle(config, Q1, months);
    const e = Object.fromEntries(r.engineers.map((x) => [x.engineer_id, x]));
    const totals = (id: string) => months.map((m) => m.cards.find((c) => c.engineer_id === id)?.total ?? null);
    expect(e.E1.monthly).toEqual(totals('E1'));
    expect(e.E1.total).toBe(meanOfTotals(totals('E1') as number[]));
    expect(e.E3).toMatchObject({ months_scored: 2, flags: ['left_in_cycle'] });
    expect(e.E4).toMatchObject({ months_scored: 2, flags: ['joined_in_cycle'] });
    expect(r.method).toBe('mean');
    const strict = computeCycle(withRules('cycles: { min_months: 3 }'), Q1, months);
    expect(strict.engineers.find((x) => x.engineer_id === 'E4')).toMatchObject({ rating: null, rank_in_team: null, flags: ['joined_in_cycle', 'too_few_months'] });
  });
  it('recompute: the metrics over all the cycle\'s cases (the months\' states merged), scored once', () => {
    const rc = withRules('cycles: { quarter: { method: recompute } }');
    const ms = months.map((m) => ({ ...m })); // the same months, scored under the same measures
    const r = computeCycle(rc, Q1, ms);
    const e1 = r.engineers.find((x) => x.engineer_id === 'E1');
    const all = statesOf(planOf(rc), casesOf({ ...GOOD, tickets: 50, resolved: 45, hours: [...Array(40).fill(10), 30, 40, 50, 60, 70], firstResponse: [...Array(40).fill(30), ...Array(10).fill(90)], onsiteCases: 8, arrival: Array(8).fill(60), raw: [5, 5, 4, 5, 5, 4, 2, 3], evals: { knowledge: 80, training_hours: 22 / 3, attitude: 80 } })); // evaluations: the months' mean
    expect(e1?.total).toBe(scoreEngineer(rc, { states: all, scoreAdjustment: 0 }).total);
    expect(e1?.score?.indicators.find((i) => i.metric === 'resolved_within_rate')).toMatchObject({ value: 40 / 50, n: 50 });
    expect(r.method).toBe('recompute');
  });
  it('recompute refuses months scored under other metrics, naming them; mean takes them', () => {
    const other = { ...months[1], measures: months[1].measures.map((m, i) => (i === 0 ? { ...m, params: { minutes: 30 } } : m)) };
    expect(() => computeCycle(withRules('cycles: { quarter: { method: recompute } }'), Q1, [months[0], other, months[2]])).toThrow(CycleError);
    expect(() => computeCycle(withRules('cycles: { quarter: { method: recompute } }'), Q1, [months[0], other, months[2]])).toThrow(/2026-02/);
    expect(computeCycle(config, Q1, [months[0], other, months[2]]).engineers[0].score).toBeNull();
  });
  it('the cycle\'s own ratings and bonus; by default the monthly ratings and no bonus', () => {
    const own = withRules('cycles: { quarter: { ratings: [ { id: top, min: 85, bonus: 2000 }, { id: rest, min: 0 } ] } }');
    const r = computeCycle(own, Q1, months);
    for (const e of r.engineers) expect(e.rating?.id).toBe(e.total >= 85 ? 'top' : 'rest');
    expect(r.engineers.filter((e) => e.rating?.id === 'top').every((e) => e.rating?.bonus === 2000)).toBe(true);
    expect(computeCycle(config, Q1, months).engineers.every((e) => e.rating === null || e.rating.bonus === 0)).toBe(true);
  });
  it('rank in team: by total, ties share a rank', () => {
    const tie = [month(config, '2026-01', [['E1', 'a', GOOD], ['E2', 'a', GOOD], ['E3', 'a', POOR]]), month(config, '2026-02', [['E1', 'a', GOOD], ['E2', 'a', GOOD], ['E3', 'a', POOR]]), month(config, '2026-03', [['E1', 'a', GOOD], ['E2', 'a', GOOD], ['E3', 'a', POOR]])];
    expect(computeCycle(config, Q1, tie).engineers.map((e) => e.rank_in_team)).toEqual([1, 1, 3]);
  });
  it('forced distribution only when asked: the lowest totals over max_share move down', () => {
    const three = [1, 2, 3].map((k) => month(config, `2026-0${k}`, [['E1', 'a', GOOD], ['E2', 'a', GOOD], ['E3', 'a', { ...GOOD, raw: [4, 4, 4] }], ['E4', 'b', POOR]]));
    const off = computeCycle(withRules('calibration: { max_share: { excellent: 0.25 } }'), Q1, three);
    expect(off.engineers.filter((e) => e.rating?.id === 'excellent').length).toBe(3);
    const on = computeCycle(withRules('calibration: { max_share: { excellent: 0.25 }, forced_distribution: true }'), Q1, three);
    expect(on.engineers.filter((e) => e.rating?.id === 'excellent').map((e) => e.engineer_id)).toEqual(['E1']); // 25% of 4
    expect(on.engineers.find((e) => e.engineer_id === 'E3')).toMatchObject({ rating: { id: 'good' }, flags: ['forced_down'] });
  });
  it('calibration: count and share of each rating per team and for the centre, teams over max_share flagged, mean and spread', () => {
    const c = withRules('calibration: { max_share: { excellent: 0.5 } }');
    const r = computeCycle(c, Q1, months);
    const rows = calibrate(r, c);
    const a = rows.filter((x) => x.team === 'a');
    expect(a.reduce((s, x) => s + x.count, 0)).toBe(2);
    const totals = r.engineers.filter((e) => e.team === 'a').map((e) => e.total);
    const mean = (totals[0] + totals[1]) / 2;
    expect(a[0]).toMatchObject({ scope: 'team', engineers: 2, mean_total: Math.round(mean * 10) / 10, spread: Math.round(Math.abs(totals[0] - mean) * 100) / 100 });
    const centre = rows.filter((x) => x.scope === 'centre');
    expect(centre.map((x) => x.rating)).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(centre.reduce((s, x) => s + x.count, 0)).toBe(4);
    for (const x of rows) expect(x.over).toBe(x.rating === 'excellent' && x.share > 0.5);
  });
  it('a year: the annual review weighs in; candidates for recognition by the rule', () => {
    const c = withRules(`cycles:
  min_months: 2
  year:
    annual: { weight: 20, items: [ { item: ability, weight: 1 } ] }
recognition:
  - { id: star, kind: recognition, rating: excellent, min_months: 3 }`);
    const year = makePeriod('2026', c.timezone);
    const twelve = Array.from({ length: 12 }, (_, k) => month(c, `2026-${String(k + 1).padStart(2, '0')}`, k < 2 ? [['E1', 'a', GOOD]] : [['E1', 'a', GOOD], ['E2', 'a', GOOD]]));
    const annual = new Map([['E1', new Map([['ability', 50]])]]);
    const r = computeCycle(c, year, twelve, annual);
    const [e1, e2] = r.engineers;
    expect(e1.annual).toBe(50);
    expect(e1.total).toBe(Math.round((0.8 * e1.months_total + 0.2 * 50) * 10) / 10);
    expect(e2).toMatchObject({ annual: null, total: e2.months_total, flags: ['joined_in_cycle', 'no_annual_review'] });
    const list = candidates(r, c);
    expect(list.map((x) => [x.engineer.engineer_id, x.rule.id])).toEqual(r.engineers.filter((e) => e.rating?.id === 'excellent' && e.months_scored >= 3).map((e) => [e.engineer_id, 'star']));
    expect(candidates(computeCycle(c, makePeriod('2026-Q1', c.timezone), twelve.slice(0, 3)), c)).toEqual([]); // a quarter names none
  });
});
