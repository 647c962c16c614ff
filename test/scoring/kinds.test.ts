// Every scoring kind by table; the registry check fails when a kind has no table here.
import { describe, expect, it } from 'vitest';
import { KINDS, evaluateScoring, scoringSchema, type Scoring } from '../../src/scoring/kinds/index.js';

const SPEED = { kind: 'bands', bands: [{ max: 2, points: 5 }, { max: 4, points: 4 }, { max: 6, points: 3 }, { max: 8, points: 2 }, { points: 1 }] };

const TABLES: Record<keyof typeof KINDS, { spec: unknown; cases: [number, number][]; invalid: unknown[] }> = {
  bands: {
    spec: SPEED,
    cases: [[0, 100], [1.99, 100], [2, 100], [2.0001, 80], [4, 80], [5, 60], [6, 60], [7.5, 40], [8, 40], [8.01, 20], [100, 20]],
    invalid: [
      { kind: 'bands', bands: [] },
      { kind: 'bands', bands: [{ max: 4, points: 5 }, { max: 2, points: 4 }] },
      { kind: 'bands', bands: [{ points: 5 }, { max: 2, points: 4 }] },
      { kind: 'bands', bands: [{ max: 2, points: 0 }] },
      { kind: 'bands', bands: [{ max: 2, points: 5, extra: 1 }] },
    ],
  },
  linear: {
    spec: { kind: 'linear', worst: 0.8, best: 1 },
    cases: [[0.5, 0], [0.8, 0], [0.9, 50], [1, 100], [1.2, 100]],
    invalid: [{ kind: 'linear', worst: 1, best: 1 }, { kind: 'linear', worst: 1 }],
  },
  target: {
    spec: { kind: 'target', at_least: 8, else: 50 },
    cases: [[7.99, 50], [8, 100], [12, 100], [0, 50]],
    invalid: [{ kind: 'target', else: 50 }, { kind: 'target', at_least: 1, at_most: 2 }, { kind: 'target', at_least: 8, else: 150 }],
  },
  value: {
    spec: { kind: 'value' },
    cases: [[-5, 0], [0, 0], [73.5, 73.5], [100, 100], [130, 100]],
    invalid: [{ kind: 'value', max: 3 }],
  },
};

describe('scoring kinds', () => {
  it('every registered kind has a table', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(KINDS).sort());
  });
  for (const [kind, t] of Object.entries(TABLES)) {
    describe(kind, () => {
      const spec = scoringSchema.parse(t.spec) as Scoring;
      it.each(t.cases)('value %s scores %s', (v, want) => {
        expect(evaluateScoring(v, spec).score).toBeCloseTo(want, 9);
      });
      it.each(t.invalid.map((x) => [JSON.stringify(x), x]))('rejects %s', (_s, spec2) => {
        expect(scoringSchema.safeParse(spec2).success).toBe(false);
      });
    });
  }
  it('linear with worst above best: lower is better (complaint rate)', () => {
    const spec = scoringSchema.parse({ kind: 'linear', worst: 0.15, best: 0.05 });
    expect(evaluateScoring(0.05, spec).score).toBe(100);
    expect(evaluateScoring(0.1, spec).score).toBeCloseTo(50, 9);
    expect(evaluateScoring(0.2, spec).score).toBe(0);
    expect(evaluateScoring(0, spec).score).toBe(100);
  });
  it('target at_most', () => {
    const spec = scoringSchema.parse({ kind: 'target', at_most: 0.05 });
    expect(evaluateScoring(0.05, spec).score).toBe(100);
    expect(evaluateScoring(0.06, spec).score).toBe(0);
  });
  it('bands without a catch-all: a value above every max scores 0', () => {
    const spec = scoringSchema.parse({ kind: 'bands', bands: [{ max: 2, points: 5 }, { max: 4, points: 4 }] });
    expect(evaluateScoring(5, spec)).toMatchObject({ score: 0, detail: { band: 'none' } });
    expect(evaluateScoring(4, spec)).toMatchObject({ score: 80, detail: { band: 2, points: 4 } });
  });
});
