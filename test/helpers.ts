// Shared test helpers: the default config, cases of a period, an engineer's metric states built from them.
import { parseConfigText } from '../src/config/load.js';
import { DEFAULT_RULES_YAML } from '../src/config/default-rules.js';
import type { Config } from '../src/config/schema.js';
import type { EvaluationCase, ResponseCase, SurveyCase, TicketCase } from '../src/metrics/metric.js';
import { countCase, newStates, planOf, type MetricPlan, type States } from '../src/metrics/plan.js';
import { HOUR, MINUTE } from '../src/metrics/state.js';
import type { Scored } from '../src/scoring/score.js';

export function defaultConfig(patch?: (raw: string) => string): Config {
  const r = parseConfigText(patch ? patch(DEFAULT_RULES_YAML) : DEFAULT_RULES_YAML, 'test');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.config;
}

/** What a period holds of an engineer, described by counts and lists (the metric tables' terms). */
export interface Fill {
  tickets: number; resolved: number; hours: number[]; complaints: number; complaintHours: number[]; reopened: number; callbacks: number;
  firstResponse: number[]; missing: number; onsiteCases: number; arrival: number[]; raw: number[]; evals: Record<string, number>;
  scoreAdjustment: number;
}

export interface PeriodCases { ticket: TicketCase[]; response: ResponseCase[]; survey: SurveyCase[]; evaluation: EvaluationCase[] }

/**
 * The cases a fill describes. Tickets: the complaints first (complaintHours their resolution times, the others open),
 * then the resolved ones (hours their resolution times, then resolved without a time), then open ones; reopened and
 * callbacks are the first tickets. Responses: firstResponse, then `missing` without one; the first onsiteCases of them
 * onsite, arrival their arrival times. Surveys on the scale 1-5.
 */
export function casesOf(fill: Partial<Fill>, scale: [number, number] = [1, 5]): PeriodCases {
  const f = { tickets: 0, resolved: 0, hours: [], complaints: 0, complaintHours: [], reopened: 0, callbacks: 0, firstResponse: [], missing: 0, onsiteCases: 0, arrival: [], raw: [], evals: {}, ...fill };
  const ticket: TicketCase[] = [];
  const durations = [...f.complaintHours, ...Array(f.complaints - f.complaintHours.length).fill(null), ...f.hours, ...Array(Math.max(0, f.resolved - f.hours.length)).fill('closed')];
  for (let i = 0; i < f.tickets; i++) {
    const d = durations[i] as number | null | 'closed' | undefined;
    const resolution = typeof d === 'number' ? d * HOUR : null;
    const status = d === 'closed' ? 'closed' : resolution !== null ? 'resolved' : 'open';
    ticket.push({
      row: { ticket_id: `T${i}`, engineer_id: 'E1', created_at: 0, resolved_at: resolution, status, priority: null, channel: null,
        is_complaint: i < f.complaints, reopened: i < f.reopened, customer_id: null, callback_done: i < f.callbacks },
    });
  }
  const firsts = [...f.firstResponse.map((m) => m * MINUTE), ...Array(f.missing).fill(null)] as (number | null)[];
  const response = firsts.map((first, j): ResponseCase => ({
    row: null, onsite: j < f.onsiteCases, received_at: 0, first_at: first, arrival_at: j < f.onsiteCases && j < f.arrival.length ? f.arrival[j] * MINUTE : null,
  }));
  const [lo, hi] = scale;
  const survey = f.raw.map((score, i): SurveyCase => ({ row: { survey_id: `S${i}`, ticket_id: null, engineer_id: 'E1', score, submitted_at: 0, comment: null }, score_100: ((score - lo) / (hi - lo)) * 100 }));
  const evaluation = Object.entries(f.evals).map(([item, value]): EvaluationCase => ({ row: { engineer_id: 'E1', item, value } }));
  return { ticket, response, survey, evaluation };
}

/** The states of a plan after the cases. */
export function statesOf(plan: MetricPlan, cases: PeriodCases): States {
  const states = newStates(plan);
  for (const c of cases.ticket) countCase(plan, states, 'ticket', c);
  for (const c of cases.response) countCase(plan, states, 'response', c);
  for (const c of cases.survey) countCase(plan, states, 'survey', c);
  for (const c of cases.evaluation) countCase(plan, states, 'evaluation', c);
  return states;
}

/** What scoring takes of an engineer whose period holds fill, under config. */
export function scored(fill: Partial<Fill>, config: Config = defaultConfig()): Scored {
  return { states: statesOf(planOf(config), casesOf(fill, config.surveys.scale)), scoreAdjustment: fill.scoreAdjustment ?? 0 };
}

/** Each indicator's metric value and n in a scored engineer's result, by metric id. */
export function metricValues(e: { score: { indicators: { metric: string; value: number | null; n: number }[] } }): Record<string, { value: number | null; n: number }> {
  return Object.fromEntries(e.score.indicators.map((i) => [i.metric, { value: i.value, n: i.n }]));
}

