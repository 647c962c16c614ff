// `scorecard cycle` on the fixture months: a quarter from its published months (never the exports), published whole
// and atomically; a month not published or changed since is exit 1 and nothing is published; a month is `run`'s.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { cli } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FILES = ['cycle-scorecards.csv', 'cycle-scorecards.json', 'cycle-scorecards.xlsx', 'calibration.csv', 'manifest.json'];

describe('scorecard cycle', () => {
  const out = tempDir('cycle-');
  beforeAll(async () => {
    for (const p of MONTHS) {
      const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--format', 'csv,json', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  const cycle = (period: string, extra: string[] = []) => cli(['cycle', '--period', period, '--out', out, '--config', 'fixtures/rules.yaml', '--locale', 'en', ...extra]);

  it('a quarter: every month\'s total, their mean, rating, rank; the manifest names each month used with its sha256', async () => {
    const r = await cycle('2026-Q1');
    expect(r.code, r.stderr).toBe(0);
    for (const f of FILES) expect(existsSync(join(out, '2026-Q1', f)), f).toBe(true);
    const rows = parse(readFileSync(join(out, '2026-Q1', 'cycle-scorecards.csv')), { columns: true }) as Record<string, string>[];
    const month = (m: string) => new Map((JSON.parse(readFileSync(join(out, m, 'scorecards.json'), 'utf8')).engineers as { engineer_id: string; total: number }[]).map((e) => [e.engineer_id, e.total]));
    const q = ['2026-01', '2026-02', '2026-03'].map(month);
    for (const row of rows) {
      const totals = q.map((m) => m.get(row.engineer_id));
      expect(['2026-01', '2026-02', '2026-03'].map((m) => (row[m] === '' ? undefined : Number(row[m]))), row.engineer_id).toEqual(totals);
      const have = totals.filter((t): t is number => t !== undefined);
      expect(Number(row.months_scored)).toBe(have.length);
      const tenths = have.reduce((s, t) => s + Math.round(t * 10), 0);
      expect(Number(row.total)).toBe(Math.floor((2 * tenths + have.length) / (2 * have.length)) / 10);
    }
    expect(rows.find((x) => x.flags.includes('too_few_months'))?.rating).toBe('');
    const m = JSON.parse(readFileSync(join(out, '2026-Q1', 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ period: '2026-Q1', kind: 'quarter', method: 'mean', status: 'published' });
    expect(Object.keys(m.months)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const k of Object.keys(m.months)) {
      expect(m.months[k].manifest).toBe(sha(readFileSync(join(out, k, 'manifest.json'))));
      expect(m.months[k].files['metrics.json']).toBe(sha(readFileSync(join(out, k, 'metrics.json'))));
    }
    for (const f of FILES.filter((x) => x !== 'manifest.json')) expect(m.outputs[f], f).toBe(sha(readFileSync(join(out, '2026-Q1', f))));
    const zip = await JSZip.loadAsync(readFileSync(join(out, '2026-Q1', 'cycle-scorecards.xlsx')));
    const book = await zip.file('xl/workbook.xml')?.async('string');
    expect(book).toContain('name="Summary"');
    expect(book).toContain('name="Calibration"');
  });
  it('the same months give the same files, byte for byte; a month run again later still sees no gap', async () => {
    const before = FILES.map((f) => readFileSync(join(out, '2026-Q1', f)));
    expect((await cycle('2026-Q1')).code).toBe(0);
    FILES.forEach((f, i) => expect(readFileSync(join(out, '2026-Q1', f)).equals(before[i]), f).toBe(true));
    const again = await cli(['run', '--period', '2026-04', '--config', 'fixtures/rules.yaml', '--input-dir', 'fixtures/2026-04', '--out', out, '--format', 'csv,json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('Q1');
  });
  it('a month of the cycle not published: exit 1 naming the missing months, nothing published', async () => {
    const r = await cycle('2025-H2');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2025-07, 2025-08, 2025-09, 2025-10 are not published');
    expect(existsSync(join(out, '2025-H2'))).toBe(false);
  });
  it('a month changed since it was published: exit 1 naming the file, the cycle published before left as it was', async () => {
    const path = join(out, '2026-02', 'scorecards.json');
    const text = readFileSync(path, 'utf8');
    const before = readFileSync(join(out, '2026-Q1', 'cycle-scorecards.csv'));
    writeFileSync(path, text.replace('"total": ', '"total": 1'));
    try {
      const r = await cycle('2026-Q1');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/2026-02.scorecards\.json: changed since 2026-02 was published/);
      expect(readFileSync(join(out, '2026-Q1', 'cycle-scorecards.csv')).equals(before)).toBe(true);
    } finally {
      writeFileSync(path, text);
    }
  });
  it('a month is not a cycle: exit 2', async () => {
    const r = await cycle('2026-03');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a quarter, half-year or year');
  });
  it('zh-CN: Chinese headers and words', async () => {
    const r = await cli(['cycle', '--period', '2026-Q1', '--out', out, '--config', 'fixtures/rules.yaml', '--locale', 'zh-CN']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, '2026-Q1', 'cycle-scorecards.csv'), 'utf8').split('\n')[0]).toBe('\ufeff考核期间,工号,姓名,班组,2026-01,2026-02,2026-03,考核月数,总分,考核等级,考核等级名称,奖惩金额,班组排名,标记');
    expect(readFileSync(join(out, '2026-Q1', 'calibration.csv'), 'utf8')).toContain('全中心');
  });
});
