// The feedback pack without a browser: where run publishes it, the report command (another folder, another
// language, the published period untouched), what --pdf says without a Chromium, file names of odd ids, escaping.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';
import { esc, pageName } from '../../src/report/pack.js';

afterAll(removeTempDirs);

const MONTHS = ['2025-11', '2025-12', '2026-01'];
let out = '';

beforeAll(async () => {
  out = tempDir('packcli-');
  for (const p of MONTHS) expect((await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--quiet'])).code).toBe(0);
}, 60_000);

const folderHash = (dir: string) => {
  const h = createHash('sha256');
  for (const f of (readdirSync(dir, { recursive: true }) as string[]).sort()) if (f.includes('.')) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
};

describe('run', () => {
  it('publishes report/index.html and a page per scored engineer, in the run\'s locale, listed in the manifest', () => {
    const dir = join(out, '2026-01', 'report');
    const engineers = JSON.parse(readFileSync(join(out, '2026-01', 'scorecards.json'), 'utf8')).engineers as { engineer_id: string }[];
    expect(readdirSync(join(dir, 'engineers')).sort()).toEqual(engineers.map((e) => `${e.engineer_id}.html`).sort());
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('<html lang="zh-CN">');
    expect(index).toContain('部门考核看板');
    for (const e of engineers) expect(index).toContain(`href="engineers/${e.engineer_id}.html"`);
    expect(index).not.toMatch(/<script|(src|href)="https?:|@import|url\((?!#)/); // nothing fetched, no script
    const manifest = JSON.parse(readFileSync(join(out, '2026-01', 'manifest.json'), 'utf8'));
    expect(manifest.outputs['report/index.html']).toMatch(/^[0-9a-f]{64}$/);
  });
  it('the engineer page holds the sheet\'s parts: figures, both charts, strengths, pay, notes and signatures', () => {
    const page = readFileSync(join(out, '2026-01', 'report', 'engineers', 'E003.html'), 'utf8');
    for (const part of ['绩效面谈表', '考核指标', '各维度得分与班组平均', '月度总分与等级线', '优势指标', '待改进指标', '警告与处理措施', '下月工资', '面谈记录', '工程师签字', '主管签字']) expect(page, part).toContain(part);
    expect(page.match(/<svg/g)?.length).toBe(2);
    expect(page).toContain('2025-11'); // the trend reaches back over the published months
  });
  it('--format without html publishes no pack', async () => {
    const o = tempDir('packcli-nohtml-');
    await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', 'fixtures/2025-11', '--out', o, '--format', 'csv', '--quiet']);
    expect(existsSync(join(o, '2025-11', 'report'))).toBe(false);
  });
});

describe('scorecard report', () => {
  it('writes the pack of a published period into another folder, in the other language, leaving the period untouched', async () => {
    const before = folderHash(join(out, '2026-01'));
    const to = tempDir('packcli-to-');
    const r = await cli(['report', '--out', out, '--period', '2026-01', '--to', to, '--locale', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(to, 'index.html'), 'utf8')).toContain('Department dashboard');
    expect(readFileSync(join(to, 'engineers', 'E003.html'), 'utf8')).toContain('Feedback sheet');
    expect(folderHash(join(out, '2026-01'))).toBe(before);
    // in the period's own language it is the published pack, byte for byte
    const same = tempDir('packcli-same-');
    expect((await cli(['report', '--out', out, '--period', '2026-01', '--to', same])).code).toBe(0);
    expect(folderHash(same)).toBe(folderHash(join(out, '2026-01', 'report')));
  });
  it('refuses a period not published, and a folder inside the published period', async () => {
    const r = await cli(['report', '--out', out, '--period', '2027-01', '--to', tempDir('x-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2027-01 is not published');
    const inside = await cli(['report', '--out', out, '--period', '2026-01', '--to', join(out, '2026-01', 'report')]);
    expect(inside.code).toBe(2);
  });
  it('--pdf without a Chromium says how to get one (the HTML is written)', async () => {
    const to = tempDir('packcli-pdf-');
    const r = await cli(['report', '--out', out, '--period', '2026-01', '--to', to, '--pdf'], { env: { PATH: '' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('apt install chromium');
    expect(r.stderr).toContain('--browser PATH');
    expect(existsSync(join(to, 'index.html'))).toBe(true);
  });
});

describe('names and text', () => {
  it.each([['E003', 'E003.html'], ['工号7', `__7-${createHash('sha256').update('工号7').digest('hex').slice(0, 10)}.html`], ['../x', `.._x-${createHash('sha256').update('../x').digest('hex').slice(0, 10)}.html`]])('page of %j is %j', (id, name) => {
    expect(pageName(id)).toBe(name);
  });
  it('escapes everything a roster can hold', () => {
    expect(esc('<img src=x onerror="a(\'b\')">&')).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });
});
