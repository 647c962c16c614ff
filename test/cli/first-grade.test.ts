// The probation review and the first grade through `run`: a roster with 试用期结束, an onboarding file with Chinese
// headers (考核总分, 基础经验分, 学历分) in --input-dir; the results in grade-changes.csv and the scorecards' flags.
import { describe, expect, it, afterAll } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

describe('probation and first grade in a month', () => {
  it('graded, ungraded, probation results: in grade-changes.csv and the flags', async () => {
    const dir = tempDir('grade-in-');
    cpSync(join(ROOT, 'fixtures', '2025-11'), dir, { recursive: true });
    const roster = readFileSync(join(dir, 'roster.csv'), 'utf8').trimEnd().split('\n');
    const header = roster[0].split(',');
    const status = header.findIndex((h) => /状态|status/.test(h));
    const rows = roster.slice(1).map((line, i) => {
      const cells = line.split(',');
      if (i === 0 || i === 1) cells[status] = '试用';
      return `${cells.join(',')},${i === 0 ? '2025-11-30' : i === 1 ? '2025-11-15' : ''}`;
    });
    writeFileSync(join(dir, 'roster.csv'), `${roster[0]},试用期结束\n${rows.join('\n')}\n`);
    const ids = rows.map((r) => r.split(',')[0]);
    writeFileSync(join(dir, 'onboarding.csv'), `工号,考核总分,基础经验分,学历分\n${ids[2]},85,150,30\n${ids[3]},70,100,20\n`);
    const out = tempDir('grade-out-');
    const r = await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', dir, '--out', out, '--locale', 'en', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const changes = parse(readFileSync(join(out, '2025-11', 'grade-changes.csv')), { columns: true }) as Record<string, string>[];
    const cards = parse(readFileSync(join(out, '2025-11', 'scorecards.csv')), { columns: true }) as Record<string, string>[];
    const card = (id: string) => cards.find((c) => c.engineer_id === id) as Record<string, string>;
    const graded = changes.find((c) => c.change === 'graded');
    expect(graded).toMatchObject({ engineer_id: ids[2], from: '' });
    expect(graded?.reason).toContain('exam 85 + experience 150 + education 30 = 265 entry points');
    expect(card(ids[2]).annual_points).toBe('265');
    expect(card(ids[3]).flags).toContain('ungraded');
    for (const id of [ids[0], ids[1]]) {
      const p = changes.find((c) => c.change === 'probation' && c.engineer_id === id);
      const total = Number(card(id).total);
      const result = total >= 80 ? 'pass' : total >= 70 ? 'extend' : 'not_passed';
      expect(p, id).toMatchObject({ from: 'probation', to: result });
      expect(card(id).flags).toContain(`probation:${result}`);
    }
    const manifest = JSON.parse(readFileSync(join(out, '2025-11', 'manifest.json'), 'utf8'));
    expect(manifest.inputs.onboarding).toMatchObject({ rows_read: 2, rows_accepted: 2 });
  });
  it('onboarding rows out of range, of unknown engineers or repeated are rejects', async () => {
    const dir = tempDir('grade-bad-');
    cpSync(join(ROOT, 'fixtures', '2025-11'), dir, { recursive: true });
    writeFileSync(join(dir, 'onboarding.csv'), '工号,考核总分,基础经验分,学历分\nE001,120,0,0\nE999,85,0,0\nE002,85,10.5,0\nE003,85,0,0\nE003,90,0,0\n');
    const out = tempDir('grade-bad-out-');
    const r = await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', dir, '--out', out, '--locale', 'en', '--format', 'csv', '--max-reject-rate', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rejects = readFileSync(join(out, '2025-11', 'rejects.csv'), 'utf8').split('\n').filter((l) => l.startsWith('onboarding.csv'));
    expect(rejects.map((l) => l.split(',').slice(2, 5).join(','))).toEqual(['2,考核总分,OUT_OF_RANGE', '3,工号,UNKNOWN_ENGINEER', '4,基础经验分,OUT_OF_RANGE', '6,工号,DUPLICATE_ID']);
  });
});
