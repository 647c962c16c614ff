// History rules: streaks, the points ledger with its regrade, and the pay rule, including the SPEC's worked example.
import { describe, expect, it } from 'vitest';
import { advanceHistory, type PeriodScore, type RosterEntry } from '../../src/history/ledger.js';
import type { State } from '../../src/history/state.js';
import { shiftPeriod } from '../../src/util/time.js';
import { defaultConfig } from '../helpers.js';

const config = defaultConfig();
const R = (id: string) => config.ratings.find((r) => r.id === id)!;
const person = (over: Partial<RosterEntry> = {}): RosterEntry => ({
  engineer_id: 'E1', name: 'Wang', team: 'A', level: 3, annual_points: 350, hire_date: '2020-03-01', status: 'active', ...over,
});

/** Runs an engineer through consecutive months with the given ratings; returns each month's ledger row and changes. */
function simulate(first: string, ratings: string[], roster = person(), adjustments: number[] = []) {
  let state: State | null = null;
  const out = [];
  let p = first;
  for (let i = 0; i < ratings.length; i++) {
    const score: PeriodScore = { total: R(ratings[i]).min + 1, rating: R(ratings[i]), points_adjustment: adjustments[i] ?? 0 };
    const r = advanceHistory(config, state, p, [roster], new Map([[roster.engineer_id, score]]));
    out.push({ period: p, row: r.rows.get(roster.engineer_id)!, changes: r.changes.map((c) => c.change) });
    state = r.state;
    p = shiftPeriod(p, 1);
  }
  return out;
}

describe('pay rule', () => {
  it('the worked example of SPEC section 4 holds', () => {
    // annual points 350, level 3 (3500 a month). April and May earn no bonus points, so June pays 3300; June earns
    // none, so July pays 3100; July earns bonus points, so August pays 3100; August earns them again, so September 3500.
    const months = simulate('2026-04', ['pass', 'pass', 'pass', 'good', 'excellent']);
    const payNextMonth = Object.fromEntries(months.map((m) => [shiftPeriod(m.period, 1), m.row.next_salary]));
    expect(months[0].row.base_salary).toBe(3500);
    expect(payNextMonth).toEqual({ '2026-05': 3500, '2026-06': 3300, '2026-07': 3100, '2026-08': 3100, '2026-09': 3500 });
    expect(months.map((m) => m.changes.filter((c) => c.startsWith('pay')))).toEqual([[], ['pay_reduced'], ['pay_reduced'], [], ['pay_restored']]);
  });
  it('a fail also earns no bonus points; the reduction keeps growing month after month', () => {
    const m = simulate('2026-04', ['fail', 'pass', 'fail', 'pass', 'pass']);
    expect(m.map((x) => x.row.salary_reduction)).toEqual([0, 200, 400, 600, 800]);
  });
  it('never below the floor', () => {
    const m = simulate('2026-02', Array(12).fill('pass'), person({ annual_points: 300 }));
    expect(m.map((x) => x.row.next_salary)).toEqual([3000, 2800, 2600, 2400, 2200, 2000, 2000, 2000, 2000, 2000, 2000, 2000]);
    expect(m[6].row.pay.floor_applied).toBe(true);
  });
  it('does not apply below min_level', () => {
    const m = simulate('2026-04', ['pass', 'pass', 'pass'], person({ level: 2, annual_points: 260 }));
    expect(m.map((x) => x.row.salary_reduction)).toEqual([0, 0, 0]);
  });
  it('one bonus month between no-bonus months holds the reduction; two restore it', () => {
    const m = simulate('2026-03', ['pass', 'pass', 'good', 'pass', 'pass', 'good', 'good']);
    expect(m.map((x) => x.row.salary_reduction)).toEqual([0, 200, 200, 200, 400, 400, 0]);
  });
});

describe('streaks', () => {
  it('warning at 2 fails, job adjustment at 3, each fired once; a pass resets', () => {
    const m = simulate('2026-02', ['fail', 'fail', 'fail', 'fail', 'pass', 'fail', 'fail'], person({ level: 1, annual_points: 100 }));
    expect(m.map((x) => x.row.actions)).toEqual([[], ['warning'], ['job_adjustment'], [], [], [], ['warning']]);
  });
});

describe('points ledger and regrade', () => {
  it('points_delta = rating points + points adjustments', () => {
    const m = simulate('2026-03', ['excellent', 'fail', 'good'], person(), [0, 5, -2]);
    expect(m.map((x) => x.row.points_delta)).toEqual([10, 0, 3]);
  });
  it('January regrade: previous annual points + the twelve previous months + seniority; level and salary fixed between regrades', () => {
    const m = simulate('2025-10', ['excellent', 'excellent', 'good', 'good', 'excellent'], person({ level: 2, annual_points: 270, hire_date: '2019-05-01' }));
    expect(m.map((x) => [x.period, x.row.annual_points, x.row.level, x.row.base_salary])).toEqual([
      ['2025-10', 270, 2, 2700], ['2025-11', 270, 2, 2700], ['2025-12', 270, 2, 2700],
      ['2026-01', 270 + 25 + 10, 3, 3050], ['2026-02', 305, 3, 3050],
    ]);
    expect(m[3].changes).toContain('level_up');
  });
  it('no seniority points within the first year of service; level down when points fall', () => {
    const m = simulate('2025-11', ['fail', 'fail', 'pass'], person({ level: 3, annual_points: 300, hire_date: '2025-06-01' }));
    expect(m[2].row).toMatchObject({ annual_points: 290, level: 2, base_salary: 2900 });
    expect(m[2].changes).toEqual(expect.arrayContaining(['level_down', 'pay_restored']));
  });
  it('annual points never fall below zero at the regrade (no negative base salary)', () => {
    const m = simulate('2025-01', Array(13).fill('fail'), person({ level: 1, annual_points: 20, hire_date: '2025-06-01' }));
    expect(m[12].period).toBe('2026-01');
    expect(m[12].row).toMatchObject({ annual_points: 0, level: 1, base_salary: 0, next_salary: 0 });
  });
  it('the first period starts from the roster: its level, annual points and base salary', () => {
    const m = simulate('2026-01', ['good'], person({ level: null, annual_points: 410 }));
    expect(m[0].row).toMatchObject({ annual_points: 410, level: 4, base_salary: 4100 });
  });
});

describe('roster changes', () => {
  it('new_engineer when someone joins after the first period; left when marked left or gone from the roster', () => {
    const a = person({ engineer_id: 'E1' });
    const b = person({ engineer_id: 'E2', name: 'Li' });
    const c = person({ engineer_id: 'E3', name: 'Zhao' });
    const s = (ids: string[]) => new Map(ids.map((id) => [id, { total: 85, rating: R('good'), points_adjustment: 0 }]));
    const m1 = advanceHistory(config, null, '2026-01', [a, b], s(['E1', 'E2']));
    expect(m1.changes).toEqual([]);
    const m2 = advanceHistory(config, m1.state, '2026-02', [a, { ...b, status: 'left' }, c], s(['E1', 'E3']));
    expect(m2.changes.map((x) => [x.engineer_id, x.change])).toEqual([['E2', 'left'], ['E3', 'new_engineer']]);
    const m3 = advanceHistory(config, m2.state, '2026-03', [c], s(['E3']));
    expect(m3.changes.map((x) => [x.engineer_id, x.change])).toEqual([['E1', 'left']]);
    expect(m3.state.engineers.map((e) => [e.engineer_id, e.status])).toEqual([['E1', 'left'], ['E2', 'left'], ['E3', 'active']]);
  });
  it('rating_up and rating_down compare with the previous month', () => {
    const m = simulate('2026-02', ['good', 'excellent', 'excellent', 'fail']);
    expect(m.map((x) => x.changes)).toEqual([[], ['rating_up'], [], expect.arrayContaining(['rating_down'])]);
  });
});
