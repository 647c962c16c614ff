// History stage: streak rules, the points ledger with its yearly regrade, and the pay rule. A pure function of the
// prior period's state, the roster and this period's ratings; it never reads files or the clock.
import type { Config, Rating } from '../config/schema.js';
import { shiftPeriod } from '../util/time.js';
import { byId, type EngineerState, type State } from './state.js';

export interface RosterEntry {
  engineer_id: string;
  name: string;
  team: string;
  level: number | null;
  annual_points: number | null;
  hire_date: string | null;
  status: 'active' | 'probation' | 'left';
  /** the last day of probation (YYYY-MM-DD), for an engineer on probation */
  probation_end?: string | null;
}

/** A new engineer's entry figures (the onboarding input): 入职总分 = exam + experience + education. */
export interface Onboarding { exam_score: number; experience_points: number; education_points: number }

export interface PeriodScore { total: number; rating: Rating; points_adjustment: number }

export type ChangeKind = 'rating_up' | 'rating_down' | 'level_up' | 'level_down' | `action:${string}` | 'pay_reduced' | 'pay_restored' | 'new_engineer' | 'left' | 'graded' | 'probation';

export interface GradeChange {
  engineer_id: string;
  name: string;
  change: ChangeKind;
  from: string;
  to: string;
  /** figures for the reason; words are made in report/ */
  args: Record<string, string | number>;
  /** for action and rating changes: the ratings behind it */
  history?: { period: string; rating: string; total: number }[];
}

export interface LedgerRow {
  points_delta: number;
  annual_points: number;
  level: number;
  base_salary: number;
  salary_reduction: number;
  next_salary: number;
  actions: string[];
  regraded: boolean;
  /** what the month's history adds to the scorecard's flags: probation:pass|extend|not_passed, ungraded */
  flags: string[];
  pay: { rule_applies: boolean; bonus_streak: number; no_bonus_streak: number; previous_reduction: number; floor_applied: boolean };
}

export interface HistoryResult { state: State; rows: Map<string, LedgerRow>; changes: GradeChange[] }

export function levelFor(config: Config, points: number): number {
  let level = config.ledger.levels[0].level;
  for (const l of config.ledger.levels) if (points >= l.min_points) level = l.level;
  return level;
}

function yearsOfService(hire: string | null, period: string): number {
  if (!hire) return 0;
  const [y, m, d] = hire.split('-').map(Number);
  const py = Number(period.slice(0, 4));
  const pm = Number(period.slice(5, 7));
  let years = py - y;
  if (pm < m || (pm === m && d > 1)) years -= 1;
  return Math.max(0, years);
}

function initial(config: Config, r: RosterEntry, period: string): EngineerState {
  const annual = r.annual_points ?? 0;
  return {
    engineer_id: r.engineer_id, name: r.name, status: r.status, hire_date: r.hire_date, first_period: period, last_scored: null,
    ratings: [], streaks: {}, bonus_streak: 0, no_bonus_streak: 0, deltas: [], points_balance: 0,
    annual_points: annual, level: r.level ?? levelFor(config, annual), base_salary: annual * config.ledger.salary_per_point, reduction: 0,
  };
}

/**
 * Advances every engineer from the prior state (null: first period, start from the roster) through period `period`;
 * onboarding: new engineers' entry figures (their first grade).
 */
export function advanceHistory(config: Config, prior: State | null, period: string, roster: RosterEntry[], scores: Map<string, PeriodScore>,
  onboarding: ReadonlyMap<string, Onboarding> = new Map()): HistoryResult {
  const prev = new Map((prior?.engineers ?? []).map((e) => [e.engineer_id, e]));
  const rankOf = new Map(config.ratings.map((r, i) => [r.id, i]));
  const lastPeriod = shiftPeriod(period, -1);
  const keep = Math.max(12, ...config.streaks.map((s) => s.length));
  const month = Number(period.slice(5, 7));
  const out: EngineerState[] = [];
  const rows = new Map<string, LedgerRow>();
  const changes: GradeChange[] = [];
  const inRoster = new Set<string>();
  const pr = config.ledger.pay_rule;

  for (const r of roster) {
    inRoster.add(r.engineer_id);
    const before = prev.get(r.engineer_id);
    const score = scores.get(r.engineer_id);
    if (r.status === 'left' || !score) {
      if (before && before.status !== 'left') {
        changes.push({ engineer_id: r.engineer_id, name: r.name, change: 'left', from: before.status, to: 'left', args: { last_scored: before.last_scored ?? '' } });
      }
      if (before) out.push({ ...before, status: 'left' });
      continue;
    }
    const isNew = !before || before.status === 'left';
    const e: EngineerState = before && before.status !== 'left'
      ? { ...before, name: r.name, status: r.status, hire_date: r.hire_date ?? before.hire_date, ratings: [...before.ratings], streaks: { ...before.streaks }, deltas: [...before.deltas] }
      : initial(config, r, period);
    const flags: string[] = [];
    // first grade (入职定级): 入职总分 = exam + experience + education, placed in the level table
    const entry = isNew ? onboarding.get(r.engineer_id) : undefined;
    if (entry) {
      const total = entry.exam_score + entry.experience_points + entry.education_points;
      const pass = config.onboarding.pass_mark;
      if (entry.exam_score >= pass) {
        e.annual_points = total;
        e.level = levelFor(config, total);
        e.base_salary = total * config.ledger.salary_per_point;
        changes.push({
          engineer_id: r.engineer_id, name: r.name, change: 'graded', from: '', to: String(e.level),
          args: { exam_score: entry.exam_score, experience_points: entry.experience_points, education_points: entry.education_points, entry_points: total, base_salary: e.base_salary },
        });
      } else flags.push('ungraded');
    }
    if (isNew && prior) changes.push({ engineer_id: r.engineer_id, name: r.name, change: 'new_engineer', from: '', to: r.status, args: { annual_points: e.annual_points, level: e.level } });
    // what the engineer is paid this month (decided last month, before any regrade): the "from" of a pay change
    const paidNow = e.base_salary - e.reduction;
    const continuous = e.last_scored === lastPeriod;
    if (!continuous) {
      e.streaks = {};
      e.bonus_streak = 0;
      e.no_bonus_streak = 0;
    }

    // Yearly regrade: the twelve periods before this one, plus seniority.
    let regraded = false;
    if (before && !isNew && month === config.ledger.regrade_month) {
      const from = shiftPeriod(period, -12);
      const yearPoints = e.deltas.filter((d) => d.period >= from && d.period < period).reduce((s, d) => s + d.delta, 0);
      const seniority = yearsOfService(e.hire_date, period) >= 1 ? config.ledger.seniority_points_per_year : 0;
      // points can fall, but not below zero: a negative annual total would mean a negative base salary
      const annual = Math.max(0, e.annual_points + yearPoints + seniority);
      const level = levelFor(config, annual);
      if (level !== e.level) {
        changes.push({
          engineer_id: r.engineer_id, name: r.name, change: level > e.level ? 'level_up' : 'level_down', from: String(e.level), to: String(level),
          args: { previous_points: e.annual_points, year_points: yearPoints, seniority, annual_points: annual },
        });
      }
      e.annual_points = annual;
      e.level = level;
      e.base_salary = annual * config.ledger.salary_per_point;
      e.points_balance = 0;
      regraded = true;
    }

    // Rating change against the previous month.
    const last = e.ratings[e.ratings.length - 1];
    if (continuous && last && last.rating !== score.rating.id) {
      const up = (rankOf.get(score.rating.id) ?? 0) < (rankOf.get(last.rating) ?? 0);
      changes.push({
        engineer_id: r.engineer_id, name: r.name, change: up ? 'rating_up' : 'rating_down', from: last.rating, to: score.rating.id,
        args: { from_total: last.total, to_total: score.total, from_period: last.period },
      });
    }
    e.ratings.push({ period, rating: score.rating.id, total: score.total });
    if (e.ratings.length > keep) e.ratings.splice(0, e.ratings.length - keep);

    // Probation review (试用期考核), in the month the probation ends: the mean of the totals since the engineer's first
    // scored month (at most the ratings kept), against the policy's pass_at and extend_at.
    if (r.status === 'probation' && r.probation_end && r.probation_end.slice(0, 7) === period) {
      const since = e.ratings.filter((x) => x.period >= e.first_period);
      const tenths = since.reduce((sum, x) => sum + Math.round(x.total * 10), 0);
      const mean = Math.floor((2 * tenths + since.length) / (2 * since.length)) / 10;
      const { pass_at: passAt, extend_at: extendAt } = config.probation;
      const result = mean >= passAt ? 'pass' : mean >= extendAt ? 'extend' : 'not_passed';
      flags.push(`probation:${result}`);
      changes.push({
        engineer_id: r.engineer_id, name: r.name, change: 'probation', from: 'probation', to: result,
        args: { mean_total: mean, months: since.length, pass_at: passAt, extend_at: extendAt, probation_end: r.probation_end },
        history: since.map((x) => ({ period: x.period, rating: x.rating, total: x.total })),
      });
    }

    // Streak rules: an action fires once, in the period the run reaches its length.
    const actions: string[] = [];
    for (const s of config.streaks) {
      const run = s.ratings.includes(score.rating.id) ? (e.streaks[s.id] ?? 0) + 1 : 0;
      e.streaks[s.id] = run;
      if (run === s.length) {
        actions.push(s.id);
        changes.push({
          engineer_id: r.engineer_id, name: r.name, change: `action:${s.id}`, from: '', to: s.id,
          args: { length: s.length, streak: s.id }, history: e.ratings.slice(-s.length),
        });
      }
    }

    // Points ledger.
    const delta = score.rating.points + score.points_adjustment;
    e.deltas.push({ period, delta });
    if (e.deltas.length > 12) e.deltas.splice(0, e.deltas.length - 12);
    e.points_balance += delta;

    // Pay rule: the reduction payable next month, decided by the streak ending this month.
    const earned = score.rating.points > 0;
    e.bonus_streak = earned ? e.bonus_streak + 1 : 0;
    e.no_bonus_streak = earned ? 0 : e.no_bonus_streak + 1;
    const previous = e.reduction;
    const applies = e.level >= pr.min_level;
    let reduction = previous;
    if (!applies) reduction = 0;
    else if (e.no_bonus_streak >= pr.no_bonus_months) reduction = previous + pr.step;
    else if (e.bonus_streak >= pr.restore_bonus_months) reduction = 0;
    const ceiling = Math.max(0, e.base_salary - pr.floor);
    const floorApplied = reduction > ceiling;
    if (floorApplied) reduction = ceiling;
    e.reduction = reduction;
    if (reduction > previous) {
      changes.push({
        engineer_id: r.engineer_id, name: r.name, change: 'pay_reduced', from: String(paidNow), to: String(e.base_salary - reduction),
        args: { no_bonus_streak: e.no_bonus_streak, step: pr.step, reduction, base_salary: e.base_salary, floor: floorApplied ? pr.floor : '' },
      });
    } else if (reduction === 0 && previous > 0) {
      changes.push({
        engineer_id: r.engineer_id, name: r.name, change: 'pay_restored', from: String(paidNow), to: String(e.base_salary),
        args: { bonus_streak: e.bonus_streak, base_salary: e.base_salary, below_min_level: applies ? '' : pr.min_level },
      });
    }
    e.last_scored = period;
    out.push(e);
    rows.set(r.engineer_id, {
      points_delta: delta, annual_points: e.annual_points, level: e.level, base_salary: e.base_salary, salary_reduction: reduction,
      next_salary: e.base_salary - reduction, actions, regraded, flags,
      pay: { rule_applies: applies, bonus_streak: e.bonus_streak, no_bonus_streak: e.no_bonus_streak, previous_reduction: previous, floor_applied: floorApplied },
    });
  }
  // Engineers of the prior state who are no longer on the roster have left.
  for (const before of prev.values()) {
    if (inRoster.has(before.engineer_id)) continue;
    if (before.status !== 'left') {
      changes.push({ engineer_id: before.engineer_id, name: before.name, change: 'left', from: before.status, to: 'left', args: { last_scored: before.last_scored ?? '', absent: 'yes' } });
    }
    out.push({ ...before, status: 'left' });
  }
  out.sort((a, b) => byId(a.engineer_id, b.engineer_id));
  changes.sort((a, b) => byId(a.engineer_id, b.engineer_id) || byId(a.change, b.change));
  return { state: { version: 1, period, engineers: out }, rows, changes };
}
