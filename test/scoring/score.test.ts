// Indicators -> dimensions -> adjustments -> total -> rating: reweighting, neutral and zero modes, caps, rounding at the boundary.
import { describe, expect, it } from 'vitest';
import { scoreEngineer } from '../../src/scoring/score.js';
import { scored as acc, defaultConfig } from '../helpers.js';

const GOOD = {
  tickets: 20, resolved: 20, hours: Array(20).fill(10), firstResponse: Array(20).fill(30), onsiteCases: 4, arrival: [60, 60, 60, 60],
  raw: [5, 5, 5], evals: { knowledge: 90, training_hours: 10, attitude: 90 },
};

describe('scoreEngineer', () => {
  const config = defaultConfig();
  it('a perfect month: 100 in quality, weighted dimensions, rating and bonus', () => {
    const s = scoreEngineer(config, acc(GOOD));
    expect(s.dimensions.map((d) => [d.id, d.score])).toEqual([['quality', 100], ['skill', 94], ['attitude', 97]]);
    expect(s.total).toBe(roundTo(50 + 0.3 * 94 + 0.2 * 97));
    expect(s.rating.id).toBe('excellent');
    expect(s.flags).toEqual([]);
  });
  it('min_sample: an indicator below it is insufficient and its dimension reweights', () => {
    const s = scoreEngineer(config, acc({ ...GOOD, raw: [2.6, 2.6] }));
    const csat = s.indicators.find((i) => i.id === 'csat');
    expect(csat).toMatchObject({ status: 'insufficient', score: null, n: 2 });
    expect(s.dimensions.find((d) => d.id === 'attitude')?.score).toBe(90); // supervisor alone
    expect(s.flags).toContain('insufficient:csat');
  });
  it('insufficient: neutral:N and zero', () => {
    const a = acc({ ...GOOD, raw: [2.6, 2.6] });
    const neutral = scoreEngineer(defaultConfig((y) => y.replace('insufficient: reweight', 'insufficient: neutral:60')), a);
    expect(neutral.dimensions.find((d) => d.id === 'attitude')?.score).toBeCloseTo(0.7 * 60 + 0.3 * 90, 9);
    const zero = scoreEngineer(defaultConfig((y) => y.replace('insufficient: reweight', 'insufficient: zero')), a);
    expect(zero.dimensions.find((d) => d.id === 'attitude')?.score).toBeCloseTo(0.3 * 90, 9);
  });
  it('no data at all in a dimension: its neutral score and a flag', () => {
    const s = scoreEngineer(config, acc({ ...GOOD, raw: [], evals: { knowledge: 90, training_hours: 10 } }));
    expect(s.dimensions.find((d) => d.id === 'attitude')).toMatchObject({ score: 70, status: 'no_data' });
    expect(s.flags).toContain('no_data:attitude');
  });
  it('an engineer with no tickets and nothing else gets every neutral score', () => {
    const s = scoreEngineer(config, acc({}));
    expect(s.total).toBe(70);
    expect(s.rating.id).toBe('pass');
    expect(s.flags).toEqual(['no_data:quality', 'no_data:skill', 'no_data:attitude']);
  });
  it('score adjustments are capped, the total clamped to 0-100', () => {
    const up = scoreEngineer(config, acc({ ...GOOD, scoreAdjustment: 25 }));
    expect(up.score_adjustment).toBe(10);
    expect(up.total).toBe(100);
    expect(up.flags).toContain('adjustment_capped');
    const down = scoreEngineer(config, acc({ scoreAdjustment: -4 }));
    expect(down.total).toBe(66);
    expect(down.rating.id).toBe('fail');
  });
  it('the rating uses the rounded total: 89.95 is 90.0, excellent (not good)', () => {
    // dimensions at 89, 92.1 and 89.1 (their neutral scores): 44.5 + 27.63 + 17.82 = 89.95, 89.94999999999999 in binary
    const neutral = ['89', '92.1', '89.1'];
    const c = defaultConfig((y) => y.replace(/neutral: 70 \}/g, () => `neutral: ${neutral.shift()} }`));
    const s = scoreEngineer(c, acc({}));
    expect(s.weighted_total).toBeLessThan(89.95);
    expect(s.total).toBe(90);
    expect(s.rating.id).toBe('excellent');
    expect(s.rating.bonus).toBe(1000);
  });
  it('89.94 stays 89.9, good', () => {
    const s = scoreEngineer(defaultConfig((y) => y.replace(/neutral: 70 \}/g, 'neutral: 89.94 }')), acc({}));
    expect(s.total).toBe(89.9);
    expect(s.rating.id).toBe('good');
  });
});

function roundTo(x: number): number {
  return Math.round(x * 10 + 1e-9) / 10;
}
