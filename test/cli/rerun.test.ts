// `scorecard rerun` on the fixture months: each correction action, the cascade into later months' streaks and pay,
// what changed and the back-pay; the same corrections again change nothing, in any row order; an input changed since
// publishing is refused naming the file; killed at any point, every month is as it was or as it is after.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';
import { cleanLeftovers, publishAll } from '../../src/report/publish.js';

afterAll(removeTempDirs);

const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const APPEALS = `申诉编号,考核期间,工号,处理,对象,值,原因,审批人
C3,2026-01,E004,剔除工单,T26010049,,客户误报,王经理
C1,2026-01,E001,改派工单,T26010002,E002,派单错误,王经理
C2,2026-02,E001,调整积分,,5,申诉成立,王经理
C4,2026-01,E001,修改评价,knowledge,95,录入错误,王经理
C5,2026-01,E001,剔除评价,S26010001,,评价对象错误,王经理
C6,2025-12,E003,调整得分,,2,补录,王经理
C7,2026-01,E001,剔除工单,T99999999,,不存在的工单,王经理
C8,2026-01,E003,调整得分,,10,复核后加分,王经理
`;

type Card = { engineer_id: string; total: number; bonus: number; rating: string; indicators: { metric: string; value: number; n: number }[]; ledger: { next_salary: number; points_delta: number }; corrections?: string[] };
const cards = (out: string, m: string) => new Map((JSON.parse(readFileSync(join(out, m, 'scorecards.json'), 'utf8')).engineers as Card[]).map((e) => [e.engineer_id, e]));
const csv = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const changeSet = (out: string) => join(out, 'reruns', readdirSync(join(out, 'reruns'))[0]);

describe('scorecard rerun', () => {
  const pristine = tempDir('rerun-base-');
  const inputs = tempDir('rerun-in-');
  beforeAll(async () => {
    for (const p of MONTHS) {
      cpSync(join(ROOT, 'fixtures', p), join(inputs, p), { recursive: true });
      const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', join(inputs, p), '--out', pristine, '--locale', 'en', '--format', 'csv,json', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  const copy = () => {
    const out = tempDir('rerun-out-');
    cpSync(pristine, out, { recursive: true });
    return out;
  };
  const appeals = (text = APPEALS) => {
    const path = join(tempDir('appeals-'), 'appeals.csv');
    writeFileSync(path, text);
    return path;
  };

  it('each action applied to its month; the cascade into later months; changes and back-pay as the figures moved', async () => {
    const out = copy();
    const r = await cli(['rerun', '--from', '2026-01', '--out', out, '--corrections', appeals()]);
    expect(r.code, r.stderr).toBe(0);
    const set = changeSet(out);
    expect(csv(join(set, 'applied.csv')).map((a) => [a.correction_id, a.status])).toEqual([
      ['C1', 'applied'], ['C2', 'applied'], ['C3', 'applied'], ['C4', 'applied'], ['C5', 'applied'], ['C6', 'not_applied'], ['C7', 'not_applied'], ['C8', 'applied'],
    ]);
    const [before, after] = [cards(pristine, '2026-01'), cards(out, '2026-01')];
    const n = (c: Card | undefined, metric: string) => c?.indicators.find((i) => i.metric === metric)?.n;
    expect(n(after.get('E004'), 'resolved_within_rate')).toBe((n(before.get('E004'), 'resolved_within_rate') as number) - 1); // excluded
    expect(n(after.get('E002'), 'resolved_within_rate')).toBe((n(before.get('E002'), 'resolved_within_rate') as number) + 1); // reassigned to
    expect(n(after.get('E001'), 'resolved_within_rate')).toBe((n(before.get('E001'), 'resolved_within_rate') as number) - 1); // reassigned from
    expect(after.get('E001')?.indicators.find((i) => i.metric === 'eval:knowledge')?.value).toBe(95);
    expect(n(after.get('E001'), 'csat_mean')).toBe((n(before.get('E001'), 'csat_mean') as number) - 2); // one excluded, one follows its reassigned ticket
    expect(after.get('E001')?.corrections).toEqual(['C1', 'C4', 'C5']);
    expect(cards(out, '2026-02').get('E001')?.ledger.points_delta).toBe((cards(pristine, '2026-02').get('E001')?.ledger.points_delta as number) + 5);
    // E003: +10 in January lifts the month to bonus points; the pay rule's reductions of the following months change
    const pay = csv(join(set, 'back-pay.csv'));
    for (const row of pay) {
      let bonus = 0;
      let salary = 0;
      for (const m of ['2026-01', '2026-02', '2026-03', '2026-04']) {
        bonus += (cards(out, m).get(row.engineer_id)?.bonus ?? 0) - (cards(pristine, m).get(row.engineer_id)?.bonus ?? 0);
        salary += (cards(out, m).get(row.engineer_id)?.ledger.next_salary ?? 0) - (cards(pristine, m).get(row.engineer_id)?.ledger.next_salary ?? 0);
      }
      expect([Number(row.bonus_difference), Number(row.salary_difference), Number(row.total_difference)], row.engineer_id).toEqual([bonus, salary, bonus + salary]);
    }
    const e003 = pay.find((p) => p.engineer_id === 'E003');
    expect(Number(e003?.salary_difference)).toBeGreaterThan(0);
    const changes = csv(join(set, 'changes.csv'));
    expect(changes.filter((c) => c.engineer_id === 'E003').map((c) => `${c.period} ${c.field}`)).toEqual(expect.arrayContaining(['2026-01 total', '2026-01 rating', '2026-01 next_salary', '2026-02 salary_reduction']));
    const manifest = JSON.parse(readFileSync(join(out, '2026-01', 'manifest.json'), 'utf8'));
    expect(manifest.corrections.applied).toEqual(['C1', 'C3', 'C4', 'C5', 'C8']);
    const e = await cli(['explain', 'E001', '--out', out, '--period', '2026-01', '--locale', 'en']);
    expect(e.stdout).toContain('corrections: C1, C4, C5');
  });
  it('run takes the corrections of its own month at once (--corrections, or corrections.csv in --input-dir)', async () => {
    const out = tempDir('run-corr-');
    const dir = tempDir('run-corr-in-');
    cpSync(join(inputs, '2026-01'), dir, { recursive: true });
    writeFileSync(join(dir, 'corrections.csv'), APPEALS);
    const r = await cli(['run', '--period', '2026-01', '--config', 'fixtures/rules.yaml', '--input-dir', dir, '--out', out, '--locale', 'en', '--format', 'json', '--fresh']);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, '2026-01', 'manifest.json'), 'utf8'));
    expect(m.corrections.applied).toEqual(['C1', 'C3', 'C4', 'C5', 'C8']);
    expect(m.inputs.corrections).toMatchObject({ rows_read: 8, rows_accepted: 6, rows_out_of_period: 2 });
  });
  it('the same corrections again, in another order: nothing changes, month files byte for byte', async () => {
    const out = copy();
    expect((await cli(['rerun', '--from', '2026-01', '--out', out, '--corrections', appeals()])).code).toBe(0);
    const once = MONTHS.slice(2).map((m) => readFileSync(join(out, m, 'scorecards.csv')));
    const lines = APPEALS.trim().split('\n');
    const shuffled = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const r = await cli(['rerun', '--from', '2026-01', '--out', out, '--corrections', appeals(shuffled)]);
    expect(r.code, r.stderr).toBe(0);
    expect(MONTHS.slice(2).map((m) => readFileSync(join(out, m, 'scorecards.csv')).equals(once[MONTHS.indexOf(m) - 2]))).toEqual([true, true, true, true]);
    const sets = readdirSync(join(out, 'reruns')).map((d) => join(out, 'reruns', d));
    const latest = sets.find((s) => csv(join(s, 'applied.csv')).length > 0 && readFileSync(join(s, 'changes.csv'), 'utf8').trim().split('\n').length === 1);
    expect(latest, 'a change set with no change').toBeDefined();
  });
  it('an input changed since its month was published: exit 1 naming the file; nothing published', async () => {
    const out = copy();
    const before = readFileSync(join(out, '2026-02', 'scorecards.csv'));
    const path = join(inputs, '2026-03', 'surveys.tsv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `${text}\n`);
    try {
      const r = await cli(['rerun', '--from', '2026-02', '--out', out, '--corrections', appeals()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path}: the surveys file of 2026-03 changed since it was published`);
      expect(readFileSync(join(out, '2026-02', 'scorecards.csv')).equals(before)).toBe(true);
    } finally {
      writeFileSync(path, text);
    }
  });
  it('killed at any point: every month as it was, or every month as it is after', async () => {
    const done = copy();
    expect((await cli(['rerun', '--from', '2026-01', '--out', done, '--corrections', appeals()])).code).toBe(0);
    const state = (out: string) => MONTHS.slice(2).map((m) => readFileSync(join(out, m, 'manifest.json'), 'utf8')).join('\n');
    const [old, updated] = [state(pristine), state(done)];
    const file = appeals();
    const outcomes = new Set<string>();
    for (const delay of [5, 60, 120, 180, 240, 300, 400, 600]) {
      const out = copy();
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'scorecard.js'), 'rerun', '--from', '2026-01', '--out', out, '--corrections', file, '--quiet'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      cleanLeftovers(out); // what the next command does first
      const now = state(out);
      expect([old, updated], `killed after ${delay} ms`).toContain(now);
      outcomes.add(now === old ? 'before' : 'after');
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});

describe('publishAll: several folders all or none', () => {
  const folder = (text: string) => new Map([['a.txt', text], ['b.txt', `${text}!`]]);
  const NAMES = ['2026-01', '2026-02', '2026-03', 'reruns/set'];
  const read = (out: string) => NAMES.map((n) => { try { return readFileSync(join(out, n, 'a.txt'), 'utf8'); } catch { return '-'; } }).join(' ');
  it.each(['drafts', 'journal', 0, 1, 2, 3, 4, 5, 6, 7] as const)('stopped at %s as by a kill: the next run finds every folder before or every folder after', async (at) => {
    const out = tempDir('publish-all-');
    publishAll(out, NAMES.slice(0, 3).map((name) => ({ name, files: folder('old') })));
    publishAll(out, NAMES.map((name) => ({ name, files: folder('new') })), at);
    cleanLeftovers(out);
    expect(['old old old -', 'new new new new']).toContain(read(out));
    expect(read(out)).toBe(at === 'drafts' ? 'old old old -' : 'new new new new');
    expect(readdirSync(out).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(out, 'reruns')).filter((d) => d.startsWith('.'))).toEqual([]);
  });
});
