// Metrics stage: what a metric is. Each built-in metric is one file of this folder holding one plain object (as the
// scoring kinds are): its id, its params (a zod schema with the defaults), the cases it counts and the columns it reads,
// and init / add / merge / value over a small state of its own. A state is plain data (numbers and arrays of numbers):
// it is published with each period (metrics.json) and merged, so that a quarter or a year is computed from the
// months' states, and a month read in parts from its parts'. Merging is exact: counts add, sums are exact (state.ts),
// kept values are kept only where an order statistic needs them.
import type { z } from 'zod';
import type { EvaluationRow, ResponseRow, SurveyRow, TicketRow } from '../validate/rows.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { InputName } from '../config/schema.js';

/** What a metric's value is measured in: shares are 0-1 (shown as percentages), durations in their unit. */
export type MetricUnit = 'share' | 'minutes' | 'hours' | 'days' | 'count' | 'score' | 'value';

/** A cohort ticket of the period: its row (from a tickets file, or made from an event log's events). */
export interface TicketCase { row: TicketRow }

/** A response counted in the period: a response row, or a cohort ticket that no response row names (row null). */
export interface ResponseCase {
  row: ResponseRow | null;
  /** whether its ticket is an onsite one */
  onsite: boolean;
  /** the instants of receipt, first response and arrival on site (null: none) */
  received_at: number;
  first_at: number | null;
  arrival_at: number | null;
}

/**
 * The duration between two instants, in milliseconds, as a measure counts it: on the wall clock, or the working time
 * of a calendar (a duration metric's `calendar` param).
 */
export type Span = (from: number, to: number) => number;
export const WALL: Span = (from, to) => to - from;

/** A duration as a measure counts it: on the wall clock a subtraction (no call per case), else its span. */
export function duration(span: Span, from: number, to: number): number {
  return span === WALL ? to - from : span(from, to);
}

/** A survey counted in the period, its score also on 0-100 (the configured scale normalised). */
export interface SurveyCase { row: SurveyRow; score_100: number }

/** An evaluation of the period (one per engineer and item). */
export interface EvaluationCase { row: EvaluationRow }

export interface Cases { ticket: TicketCase; response: ResponseCase; survey: SurveyCase; evaluation: EvaluationCase }
export type CaseKind = keyof Cases;
/** The kinds in the order their cases come in a period. */
export const CASE_KINDS: readonly CaseKind[] = ['ticket', 'response', 'survey', 'evaluation'];

/** A metric's value and the number of cases behind it (for min_sample); value null = no data. */
export interface MetricValue { value: number | null; n: number }

/** A metric's params as the rules resolve them: numbers, each given or at its default; a calendar by its name. */
export type Params = Record<string, number | string>;
/** The schema of a metric's params: numbers, each with a default (or from_policy); `calendar`, optional, a name. */
export type ParamsSchema = z.ZodObject<Record<string, z.ZodType<number | string | undefined>>>;

export interface Metric<K extends CaseKind = CaseKind, Z extends ParamsSchema = ParamsSchema, S = unknown, P = z.output<Z>> {
  id: string;
  unit: MetricUnit;
  about: string;
  /** its params, each with its default (none: no params) */
  params: Z;
  /** params whose default is a setting of the policy rather than a number (csat_satisfied_rate's at: surveys.satisfied_at) */
  from_policy?: Partial<Record<keyof P & string, 'satisfied_at'>>;
  /** the cases it counts */
  counts: K;
  /** the input columns it reads (input.column), beyond those that make a case */
  columns: readonly string[];
  /**
   * columns of its own that no input has yet (validated as any column is: aliases, types, rejects), read when the rules
   * ask for the metric; their values are in the case's row under the column id
   */
  new_columns?: readonly { input: InputName; spec: ColumnSpec }[];
  init(params: P): S;
  /** span: how the measure counts a duration between two instants (WALL, or a calendar's working time) */
  add(state: S, c: Cases[K], params: P, span: Span): void;
  /** a new state holding both (neither is changed) */
  merge(a: S, b: S): S;
  value(state: S, params: P): MetricValue;
}

/** A metric file's object, checked against Metric with its own case, params and state types. */
export function defineMetric<K extends CaseKind, Z extends ParamsSchema, S>(m: Metric<K, Z, S>): Metric<K, Z, S> {
  return m;
}

/** Any metric, as the registry and the plan hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMetric = Metric<CaseKind, ParamsSchema, any, any>;
