// Join stage: what the per-input join steps share while a period is read: the roster slots, the ticket index, the
// rejects and the row accounting of every input, and the reading of one input row by row.
import type { Config, InputName } from '../config/schema.js';
import { centreTimezone, wallParts, type Period } from '../util/time.js';
import type { ColumnSpec } from '../validate/columns.js';
import type { AdjustmentRow, CalendarRow, EvaluationRow, OnboardingRow, ResponseRow, RosterRow, SurveyRow, TicketRow } from '../validate/rows.js';
import type { Reject, RejectCode } from '../problems.js';
import type { ResponseCase, SurveyCase, TicketCase } from '../metrics/metric.js';
import { countCase, newColumns, newStates, planOf, type MetricPlan, type States } from '../metrics/plan.js';
import { COLUMNS } from '../validate/columns.js';
import type { Onboarding, RosterEntry } from '../history/ledger.js';
import type { MonthCorrections } from './corrections.js';
import { TicketIndex, type Tickets } from './ticket-index.js';
import { IdTable } from './id-table.js';
import { eachRecord, InputRun, type FilePart, type InputSummary, type RowFn } from './read-input.js';
import { localCheck, type Joiner, type SplitInput } from './local.js';
import { ownMemory, ReadWhole, type Alloc } from '../parallel/parts.js';

export { ConfigNeeded, InputRun, type InputSummary, type RowFn } from './read-input.js';

/** A score or points adjustment of the period (加减分项), as the scorecards list it. */
export interface Adjustment { date: string; target: string; value: number; reason: string; approved_by: string }

/** What the period holds of a scored engineer: a metric state per measure of the rules, and the adjustments. */
export interface EngineerTally { states: States; scoreAdjustment: number; pointsAdjustment: number; adjustments: Adjustment[] }

export function newTally(plan: MetricPlan): EngineerTally {
  return { states: newStates(plan), scoreAdjustment: 0, pointsAdjustment: 0, adjustments: [] };
}

/** An engineer of the roster (index: in roster order) and, when scored (not left), what the period holds of them. */
export interface Slot { row: number; index: number; entry: RosterEntry; tally: EngineerTally | null }

/** The row type of each input's accepted rows (validate/rows.ts). */
export interface RowOf { tickets: TicketRow; responses: ResponseRow; surveys: SurveyRow; roster: RosterRow; adjustments: AdjustmentRow; evaluations: EvaluationRow; onboarding: OnboardingRow; calendar: CalendarRow }
export type TypedRowFn<I extends keyof RowOf> = (rec: RowOf[I], row: number, run: InputRun, text: (id: string) => string) => void;


export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The calendar day (YYYY-MM-DD) of an instant in the config timezone. */
export function isoDay(t: number, tz: string): string {
  const w = wallParts(t, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export class JoinContext {
  readonly rejects: Reject[] = [];
  readonly inputs: InputSummary[] = [];
  readonly roster = new Map<string, Slot>();
  /** the roster's slots by index (in roster order) */
  readonly slots: Slot[] = [];
  /** the accepted tickets, while responses and surveys are joined (released after the joins: it is the biggest thing held) */
  tickets: Tickets<Slot> = this.newTickets();
  /** response rows naming their own engineer and a ticket not in the files: ticket id -> row */
  readonly unjoinedResponses = new Map<string, number>();
  /** the month's corrections (upheld appeals), applied as the month is read; null: none */
  corrections: MonthCorrections | null = null;
  /** new engineers' entry figures (the onboarding input), by engineer id; and the row each came from */
  readonly onboarding = new Map<string, Onboarding>();
  readonly onboardingRows = new Map<string, number>();
  /** the surveys accepted: survey id -> row */
  readonly surveyIds = new IdTable();
  /** in the other part of a month read in two: the survey ids checked against surveyIds (the first part's must not hold one) */
  surveyIdsChecked: IdTable | null = null;
  /** the ticket slot the last attribute() call found, or -1 */
  joined = -1;
  /** whether first responses came from an event log (then cohort tickets without one count as not responded) */
  responsesFromEvents = false;

  /** the measures of the rules: what each case of the period is counted by */
  readonly metrics: MetricPlan;
  /** the case objects handed to the measures, filled anew for each case (a measure keeps numbers, never the object) */
  private readonly ticketCase: TicketCase = { row: null as unknown as TicketRow };
  private readonly responseCase: ResponseCase = { row: null, onsite: false, received_at: 0, first_at: null, arrival_at: null };
  private readonly surveyCase: SurveyCase = { row: null as unknown as SurveyRow, score_100: 0 };

  /** metrics: the rules' measures (tests give others) */
  constructor(readonly config: Config, readonly period: Period, readonly stdin?: NodeJS.ReadableStream, metrics?: MetricPlan) {
    this.metrics = metrics ?? planOf(config);
    centreTimezone(period.start, config.timezone);
  }

  /** An engineer of the roster, numbered on (index: the number of engineers before). */
  addEngineer(id: string, slot: Omit<Slot, 'index'>): Slot {
    const s = { ...slot, index: this.slots.length };
    this.roster.set(id, s);
    this.slots.push(s);
    return s;
  }

  /** An empty ticket index over this roster (alloc: its memory, see TicketIndex). */
  newTickets(alloc: Alloc = ownMemory): TicketIndex<Slot> {
    return new TicketIndex<Slot>((n) => this.slots[n], alloc);
  }

  inPeriod(t: number): boolean {
    return t >= this.period.start && t < this.period.end;
  }

  /** Reads one input row by row; its summary joins the run's inputs (in reading order). */
  async read(input: InputName, path: string, shown: string | undefined, fn: RowFn, columns?: ColumnSpec[], part?: FilePart): Promise<InputSummary> {
    const t0 = performance.now();
    const added = columns === undefined ? newColumns(this.metrics, input) : [];
    const read = added.length > 0 ? [...COLUMNS[input], ...added] : columns; // columns a metric of the rules adds
    const summary = await eachRecord(path, shown, input, this.config, this.rejects, this.stdin, fn, read, undefined, part);
    summary.read_ms = performance.now() - t0;
    this.inputs.push(summary);
    return summary;
  }

  /** Reads an input whose accepted rows have a schema of their own (validate/rows.ts), row by row. */
  readRows<I extends keyof RowOf>(input: I, path: string, shown: string | undefined, fn: TypedRowFn<I>): Promise<InputSummary> {
    return this.read(input, path, shown, fn as unknown as RowFn);
  }

  /**
   * A month read in two parts: the part of an input this reading takes: in the first part up to a line start, in the
   * other the rest (from there; its rows numbered from 1 there).
   */
  parts: Partial<Record<SplitInput, FilePart>> = {};

  /**
   * Reads an input whose rows are checked on their own first (local.ts), then joined; in a month read in two parts,
   * this part of it (a first part that does not end with a record: ReadWhole).
   */
  async readChecked<I extends SplitInput>(input: I, path: string, shown: string | undefined, join: Joiner<RowOf[I]>): Promise<InputSummary> {
    const check = localCheck(input, this.config, this.period);
    const part = this.parts[input];
    const summary = await this.read(input, path, shown, (rec, row, run, text) => {
      if (check(rec, row, run, text)) join(rec as unknown as RowOf[I], row, run);
    }, undefined, part);
    if (part && 'split' in part && part.split.records === null) throw new ReadWhole(`a quoted cell of ${summary.file} runs across the cut`);
    return summary;
  }

  /** Rejects several rows at once (the rows of one event-log ticket). */
  rejectRows(s: InputSummary, rows: number[], code: RejectCode, column: string, value: string, args: Record<string, string | number>): void {
    for (const row of rows) {
      this.rejects.push({ code, location: { file: s.file, sheet: s.sheet, row, column }, value, args });
      s.rows_rejected += 1;
      (s.reject_codes[code] ??= []).push(row);
    }
  }

  /** A cohort ticket, counted by the measures of tickets. */
  countTicket(tally: EngineerTally, row: TicketRow): void {
    const c = this.ticketCase;
    c.row = row;
    countCase(this.metrics, tally.states, 'ticket', c);
  }

  /**
   * A response counted in the period: a row (received then, first response and arrival when there are), or with row
   * null a cohort ticket no row responded to. t: its ticket in the index, or -1; onsite: by the ticket's channel.
   */
  countResponse(tally: EngineerTally, t: number, row: ResponseRow | null, received: number, first: number | null, arrival: number | null, onsite = t >= 0 && this.tickets.onsite(t)): void {
    const c = this.responseCase;
    c.row = row;
    c.onsite = onsite;
    c.received_at = received;
    c.first_at = first;
    c.arrival_at = arrival;
    countCase(this.metrics, tally.states, 'response', c);
  }

  /** A survey of the period, its score also put on 0-100 from the configured scale. */
  countSurvey(tally: EngineerTally, row: SurveyRow): void {
    const [lo, hi] = this.config.surveys.scale;
    const c = this.surveyCase;
    c.row = row;
    c.score_100 = ((row.score - lo) / (hi - lo)) * 100;
    countCase(this.metrics, tally.states, 'survey', c);
  }

  /** An evaluation of the period. */
  countEvaluation(tally: EngineerTally, row: EvaluationRow): void {
    countCase(this.metrics, tally.states, 'evaluation', { row });
  }

  /** The engineer of a response or survey: the row's own roster engineer, else its ticket's (sets joined). */
  attribute(rec: { engineer_id: string | null; ticket_id: string | null }, row: number, run: InputRun): Slot | null {
    const own = rec.engineer_id;
    this.joined = rec.ticket_id === null ? -1 : this.tickets.find(rec.ticket_id);
    // a reassigned ticket's responses and surveys follow the ticket, whoever the row names
    if (own && !(this.joined >= 0 && this.corrections?.reassign.has(rec.ticket_id as string))) {
      const slot = this.roster.get(own);
      if (!slot || !slot.tally) {
        run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', own, slot ? { id: own, status: 'left' } : { id: own });
        return null;
      }
      return slot;
    }
    if (this.joined < 0) {
      run.reject({ row }, 'UNKNOWN_TICKET', 'ticket_id', str(rec.ticket_id), { id: str(rec.ticket_id) });
      return null;
    }
    return this.tickets.engineer(this.joined);
  }
}
