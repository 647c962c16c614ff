// The rules file: every number has a range and every name must exist; each row edits the default policy once and
// expects the problem at its path (never a config that publishes NaN, a score of 500 or a silent no-op).
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_RULES_YAML } from '../../src/config/default-rules.js';
import { parseConfigText } from '../../src/config/load.js';

type Rules = Record<string, any>;
const base = (): Rules => parse(DEFAULT_RULES_YAML);
const check = (edit: (r: Rules) => void) => {
  const r = base();
  edit(r);
  return parseConfigText(stringify(r), 'rules.yaml');
};

describe('the default policy', () => {
  it('is valid', () => expect(check(() => {}).ok).toBe(true));
});

describe('refused, with the place of the problem', () => {
  const ind = (r: Rules, id: string) => r.indicators.find((i: Rules) => i.id === id);
  it.each<[string, (r: Rules) => void, string]>([
    ['insufficient neutral above 100', (r) => { r.insufficient = 'neutral:500'; }, 'insufficient: neutral:N takes a score from 0 to 100'],
    ['an indicator weight of 1e308', (r) => { r.indicators[0].weight = 1e308; r.indicators[1].weight = 1e308; }, 'indicators[0].weight'],
    ['a dimension weight of 1e308', (r) => { r.dimensions[0].weight = 1e308; }, 'dimensions[0].weight'],
    ['an alias for a column the input does not have', (r) => { r.inputs = { tickets: { aliases: { enginer_id: ['Assignee'] } } }; }, 'inputs.tickets.aliases.enginer_id: tickets has no column enginer_id'],
    ['coded values for a column that is not coded', (r) => { r.inputs = { tickets: { values: { created_at: { x: ['y'] } } } }; }, 'inputs.tickets.values.created_at'],
    ['params: { constructor: 60 }', (r) => { ind(r, 'first_response').params = { constructor: 60 }; }, 'params.constructor: metric first_response_within_rate takes no parameter constructor'],
    ['params: { toString: 1 }', (r) => { ind(r, 'resolved_24h').params = { toString: 1 }; }, 'takes no parameter toString'],
    ['satisfied_at 40 on a 1-5 scale', (r) => { r.surveys.satisfied_at = 40; }, 'surveys.satisfied_at: 40 is outside the survey scale 1-5'],
    ['a satisfaction threshold param outside the scale', (r) => { ind(r, 'csat').metric = 'csat_satisfied_rate'; ind(r, 'csat').params = { at: 9 }; ind(r, 'csat').scoring = { kind: 'linear', worst: 0.5, best: 1 }; }, 'params.at: at 9 is outside the survey scale'],
    ['negative minutes', (r) => { ind(r, 'first_response').params = { minutes: -60 }; }, 'params.minutes'],
    ['zero hours', (r) => { ind(r, 'resolved_24h').params = { hours: 0 }; }, 'params.hours: hours must be above 0'],
    ['a bonus in exponent range', (r) => { r.ratings[0].bonus = 1e25; }, 'ratings[0].bonus'],
    ['rating points past 100,000', (r) => { r.ratings[0].points = 1e6; }, 'ratings[0].points'],
    ['a score cap past 100', (r) => { r.adjustments = { score_cap: { min: -10, max: 1000 } }; }, 'adjustments.score_cap.max'],
    ['a salary per point of 1e9', (r) => { r.ledger.salary_per_point = 1e9; }, 'ledger.salary_per_point'],
    ['a pay floor of 1e12', (r) => { r.ledger.pay_rule.floor = 1e12; }, 'ledger.pay_rule.floor'],
    ['a band bound of 1e300', (r) => { ind(r, 'handling_speed').scoring.bands[0].max = 1e300; }, 'indicators[2].scoring.bands[0].max'],
    ['a linear best of -1e300', (r) => { ind(r, 'csat').scoring.best = -1e300; }, 'scoring.best'],
    ['a streak of 1,000 months', (r) => { r.streaks[0].length = 1000; }, 'streaks[0].length'],
  ])('%s', (_what, edit, where) => {
    const got = check(edit);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.errors.join('\n')).toContain(where);
  });
});
