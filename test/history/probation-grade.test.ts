// Probation review and first grade: the result in the month the probation ends, by the mean of the months so far
// against pass_at and extend_at; a new engineer's first grade from the onboarding figures (入职总分 placed in the
// level table, base salary from it), and an exam below the pass mark left ungraded with a flag.
import { describe, expect, it } from 'vitest';
import { advanceHistory, type PeriodScore, type RosterEntry } from '../../src/history/ledger.js';
import type { State } from '../../src/history/state.js';
import { shiftPeriod } from '../../src/util/time.js';
import { defaultConfig } from '../helpers.js';

const config = defaultConfig();
const rate = (total: number) => config.ratings.find((r) => total >= r.min) ?? config.ratings[config.ratings.length - 1];
const newcomer = (over: Partial<RosterEntry> = {}): RosterEntry => ({
  engineer_id: 'N1', name: 'Zhou', team: 'A', level: null, annual_points: null, hire_date: '2026-01-05', status: 'probation', probation_end: '2026-03-31', ...over,
});

function months(totals: number[], roster: RosterEntry, first = '2026-01', onboarding = new Map()) {
  let state: State | null = null;
  const out = [];
  let p = first;
  for (const total of totals) {
    const score: PeriodScore = { total, rating: rate(total), points_adjustment: 0 };
    const r = advanceHistory(config, state, p, [roster], new Map([[roster.engineer_id, score]]), onboarding);
    out.push({ period: p, row: r.rows.get(roster.engineer_id)!, changes: r.changes });
    state = r.state;
    p = shiftPeriod(p, 1);
  }
  return out;
}

describe('probation review', () => {
  it.each([
    [[85, 80, 78], 'pass', 81], // mean 81 >= 80
    [[79.9, 80, 80.1], 'pass', 80],
    [[75, 70, 72], 'extend', 72.3], // >= 70
    [[60, 69, 70], 'not_passed', 66.3],
    [[69.9, 70, 70], 'extend', 70], // 69.97 rounds half-up once to 70.0
  ])('totals %j: %s (mean %s), in the month the probation ends only', (totals, result, mean) => {
    const m = months(totals, newcomer());
    expect(m.slice(0, 2).every((x) => x.row.flags.length === 0 && !x.changes.some((c) => c.change === 'probation'))).toBe(true);
    expect(m[2].row.flags).toEqual([`probation:${result}`]);
    expect(m[2].changes.find((c) => c.change === 'probation')).toMatchObject({ from: 'probation', to: result, args: { mean_total: mean, months: 3, pass_at: 80, extend_at: 70 } });
  });
  it('an active engineer, or one whose probation ends later, gets no result', () => {
    expect(months([90, 90, 90], newcomer({ status: 'active' }))[2].row.flags).toEqual([]);
    expect(months([90, 90, 90], newcomer({ probation_end: '2026-04-30' })).flatMap((x) => x.row.flags)).toEqual([]);
  });
});

describe('first grade (入职定级)', () => {
  it('入职总分 = exam + experience + education: starting annual points, level and base salary; a graded change', () => {
    const m = months([85], newcomer(), '2026-01', new Map([['N1', { exam_score: 86, experience_points: 150, education_points: 30 }]]));
    const total = 86 + 150 + 30;
    const level = [...config.ledger.levels].reverse().find((l) => total >= l.min_points)?.level;
    expect(m[0].row).toMatchObject({ annual_points: total, level, base_salary: total * config.ledger.salary_per_point, flags: [] });
    expect(m[0].changes.find((c) => c.change === 'graded')).toMatchObject({ from: '', to: String(level), args: { entry_points: total } });
  });
  it('an exam below the pass mark: ungraded (the roster\'s figures stand), flagged', () => {
    const m = months([85], newcomer({ annual_points: 100 }), '2026-01', new Map([['N1', { exam_score: 79, experience_points: 150, education_points: 30 }]]));
    expect(m[0].row).toMatchObject({ annual_points: 100, flags: ['ungraded'] });
    expect(m[0].changes.some((c) => c.change === 'graded')).toBe(false);
  });
  it('only for a new engineer: later months leave the grade to the ledger', () => {
    const m = months([85, 85], newcomer({ probation_end: null }), '2026-01', new Map([['N1', { exam_score: 90, experience_points: 200, education_points: 50 }]]));
    expect(m[1].changes.some((c) => c.change === 'graded')).toBe(false);
    expect(m[1].row.annual_points).toBe(340);
  });
});
