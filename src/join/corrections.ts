// Join stage, corrections (申诉更正): the upheld appeals of a month, applied as it is read. A corrections file may hold
// several months; a run takes the rows of its own period (the others are out of period), in the order of their ids
// whatever their order in the file. Each correction is applied (its target found in the month) or not, with the
// reason, and names the engineers it touched.
import type { Config } from '../config/schema.js';
import type { Reject } from '../problems.js';
import type { Period } from '../util/time.js';
import { eachRecord, type InputSummary } from './read-input.js';

export type Action = 'exclude_ticket' | 'exclude_survey' | 'reassign_ticket' | 'set_evaluation' | 'adjust_score' | 'adjust_points';

export interface Correction {
  id: string; period: string; engineer_id: string; action: Action; target: string; value: string; reason: string; approved_by: string;
  /** the value as a number, for set_evaluation and the adjustments */
  number: number;
  decided_at: number | null;
}

export interface Outcome { status: 'applied' | 'not_applied'; reason: string }

/** A month's corrections, by what they act on; what happened to each is filled in as the month is read. */
export class MonthCorrections {
  readonly excludeTickets = new Map<string, Correction>();
  readonly excludeSurveys = new Map<string, Correction>();
  readonly reassign = new Map<string, Correction>();
  /** set_evaluation by engineer and item */
  readonly evaluations = new Map<string, Correction>();
  readonly adjustments: Correction[] = [];
  readonly outcomes = new Map<string, Outcome>();
  /** per engineer, the corrections that touched their figures */
  readonly touched = new Map<string, Set<string>>();

  constructor(readonly list: readonly Correction[]) {
    for (const c of list) {
      if (c.action === 'exclude_ticket') this.excludeTickets.set(c.target, c);
      else if (c.action === 'exclude_survey') this.excludeSurveys.set(c.target, c);
      else if (c.action === 'reassign_ticket') this.reassign.set(c.target, c);
      else if (c.action === 'set_evaluation') this.evaluations.set(`${c.engineer_id}\u0000${c.target}`, c);
      else this.adjustments.push(c);
    }
  }

  applied(c: Correction, ...engineers: string[]): void {
    this.outcomes.set(c.id, { status: 'applied', reason: '' });
    for (const e of engineers) {
      const set = this.touched.get(e) ?? new Set<string>();
      set.add(c.id);
      this.touched.set(e, set);
    }
  }

  notApplied(c: Correction, reason: string): void {
    if (!this.outcomes.has(c.id)) this.outcomes.set(c.id, { status: 'not_applied', reason });
  }

  /** Every correction's outcome: those never met were not applied, for the reason their target was not found. */
  settle(): Map<string, Outcome> {
    const why: Record<Action, (c: Correction) => string> = {
      exclude_ticket: (c) => `ticket ${c.target} is not in this month's cohort`,
      reassign_ticket: (c) => `ticket ${c.target} is not in this month's cohort`,
      exclude_survey: (c) => `survey ${c.target} is not among this month's surveys`,
      set_evaluation: (c) => `engineer ${c.engineer_id} is not scored this month`,
      adjust_score: (c) => `engineer ${c.engineer_id} is not scored this month`,
      adjust_points: (c) => `engineer ${c.engineer_id} is not scored this month`,
    };
    for (const c of this.list) this.notApplied(c, why[c.action](c));
    return this.outcomes;
  }

  ids(): string[] {
    return this.list.filter((c) => this.outcomes.get(c.id)?.status === 'applied').map((c) => c.id);
  }
}

const NUMERIC: ReadonlySet<Action> = new Set(['set_evaluation', 'adjust_score', 'adjust_points']);

/** The corrections file's rows of the period (rows of other periods are out of period), checked, in id order. */
export async function readCorrections(config: Config, period: Period, path: string, shown: string | undefined, stdin?: NodeJS.ReadableStream): Promise<{ corrections: MonthCorrections; summary: InputSummary; rejects: Reject[]; elsewhere: { id: string; period: string }[] }> {
  const rejects: Reject[] = [];
  const list: Correction[] = [];
  /** the rows of other months: their ids and months */
  const elsewhere: { id: string; period: string }[] = [];
  const seen = new Map<string, number>();
  const summary = await eachRecord(path, shown, 'corrections', config, rejects, stdin, (rec, row, run) => {
    const id = rec.correction_id as string;
    const first = seen.get(id);
    if (first !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'correction_id', id, { what: 'correction', first });
    seen.set(id, row);
    const p = String(rec.period).trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return run.reject({ row }, 'BAD_ENUM', 'period', p, { allowed: 'a month YYYY-MM' });
    if (p !== period.id) {
      elsewhere.push({ id, period: p });
      run.summary.rows_out_of_period += 1;
      return;
    }
    const action = rec.action as Action;
    const target = typeof rec.target === 'string' ? rec.target.trim() : '';
    const value = typeof rec.value === 'string' ? rec.value.trim() : '';
    const reason = typeof rec.reason === 'string' ? rec.reason.trim() : '';
    if (action !== 'adjust_score' && action !== 'adjust_points' && target === '') return run.reject({ row }, 'MISSING_VALUE', 'target', '', {});
    if ((action === 'reassign_ticket' || NUMERIC.has(action)) && value === '') return run.reject({ row }, 'MISSING_VALUE', 'value', '', {});
    if ((action === 'adjust_score' || action === 'adjust_points') && reason === '') return run.reject({ row }, 'MISSING_VALUE', 'reason', '', {});
    const number = NUMERIC.has(action) ? Number(value) : 0;
    if (NUMERIC.has(action) && (!/^[-+]?\d+(\.\d+)?$/.test(value) || !Number.isFinite(number))) return run.reject({ row }, 'BAD_NUMBER', 'value', value, {});
    if (action === 'adjust_points' && !Number.isInteger(number)) return run.reject({ row }, 'OUT_OF_RANGE', 'value', value, { range: 'whole points' });
    if (action === 'adjust_score' && Math.abs(number) > 100) return run.reject({ row }, 'OUT_OF_RANGE', 'value', value, { range: 'score points from -100 to 100' });
    if (action === 'set_evaluation' && (number < 0 || number > 1_000_000)) return run.reject({ row }, 'OUT_OF_RANGE', 'value', value, { range: '0-1000000' });
    list.push({
      id, period: p, engineer_id: rec.engineer_id as string, action, target, value, reason, approved_by: typeof rec.approved_by === 'string' ? rec.approved_by : '',
      number, decided_at: rec.decided_at as number | null,
    });
    run.summary.rows_accepted += 1;
  });
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { corrections: new MonthCorrections(list), summary, rejects, elsewhere };
}
