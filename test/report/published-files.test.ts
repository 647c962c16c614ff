// metrics.json and manifest.json as their schemas describe them. metrics.json: each fixture month's metric states, read back through its schema, give every indicator's value and n
// of the month's scorecards.json; and the states of two months merge into those of both (what a quarter is made of).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMetricStates } from '../../src/report/metric-states.js';
import { makePlan, measureValue, mergeStates } from '../../src/metrics/plan.js';
import { roundHalfUp } from '../../src/util/round.js';
import { manifestSchema, sha256Of } from '../../src/report/manifest.js';
import { ROOT } from '../run-cli.js';

const GOLDEN = join(ROOT, 'test', 'golden');
const MONTHS = readdirSync(GOLDEN).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
const read = (month: string, file: string) => readFileSync(join(GOLDEN, month, file), 'utf8');

describe('metrics.json', () => {
  it.each(MONTHS)('%s: the states give the scorecards\' values and n', (month) => {
    const file = parseMetricStates(read(month, 'metrics.json'));
    const plan = makePlan(file.measures);
    const cards = JSON.parse(read(month, 'scorecards.json')) as { engineers: { engineer_id: string; indicators: { metric: string; params: Record<string, number>; value: number | null; n: number }[] }[] };
    expect(file.engineers.map((e) => e.engineer_id)).toEqual(cards.engineers.map((e) => e.engineer_id));
    cards.engineers.forEach((card, k) => {
      for (const ind of card.indicators) {
        const i = file.measures.findIndex((m) => m.metric === ind.metric && JSON.stringify(m.params) === JSON.stringify(ind.params));
        const got = measureValue(plan, file.engineers[k].states, i);
        expect({ value: got.value === null ? null : roundHalfUp(got.value, 6), n: got.n }, `${card.engineer_id} ${ind.metric}`).toEqual({ value: ind.value, n: ind.n });
      }
    });
  });
  it('two months merged: the counts of both', () => {
    const [a, b] = MONTHS.slice(0, 2).map((m) => parseMetricStates(read(m, 'metrics.json')));
    const plan = makePlan(a.measures);
    const e = a.engineers[0];
    const f = b.engineers.find((x) => x.engineer_id === e.engineer_id);
    if (!f) throw new Error('the first engineer scored in both months');
    const both = mergeStates(plan, e.states, f.states);
    plan.measures.forEach((_m, i) => expect(measureValue(plan, both, i).n).toBe(measureValue(plan, e.states, i).n + measureValue(plan, f.states, i).n));
  });
  it('refuses a file whose engineer lacks a state', () => {
    const text = read(MONTHS[0], 'metrics.json').replace(/"states":\[\{[^}]*\},/, '"states":[');
    expect(() => parseMetricStates(text)).toThrow(/one state per measure/);
  });
});

describe('manifest.json', () => {
  it.each(MONTHS)('%s: the golden manifest is what the schema describes, every output file with its sha256', (month) => {
    const m = manifestSchema.parse(JSON.parse(read(month, 'manifest.json')));
    expect(m.period).toBe(month);
    for (const [name, sha] of Object.entries(m.outputs)) {
      if (name === 'manifest.json') continue;
      const path = join(GOLDEN, month, name);
      if (existsSync(path)) expect(sha256Of(readFileSync(path)), name).toBe(sha);
    }
  });
  it('refuses a manifest with a field it does not know, or a figure of the wrong type', () => {
    const m = JSON.parse(read(MONTHS[0], 'manifest.json'));
    expect(() => manifestSchema.parse({ ...m, extra: 1 })).toThrow();
    expect(() => manifestSchema.parse({ ...m, rows_rejected: '3' })).toThrow();
    expect(() => manifestSchema.parse({ ...m, inputs: { ...m.inputs, tickets: { ...m.inputs.tickets, sha256: 'abc' } } })).toThrow(/sha256/);
  });
});
