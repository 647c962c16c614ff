// The feedback pack in a real browser (headless Chromium, over the DevTools protocol): every page of the fixture
// months loads without console errors, every chart has drawn its marks, every engineer page prints to one A4 page,
// and text from the roster shows as text.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';
import { Browser, pdfPages } from './cdp.js';

const MONTHS = readdirSync(join(ROOT, 'fixtures')).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
let out = '';
let english = '';
let hostile = '';
let browser: Browser;

beforeAll(async () => {
  out = tempDir('pack-');
  for (const p of MONTHS) {
    const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }
  english = tempDir('pack-en-');
  expect((await cli(['report', '--out', out, '--period', MONTHS[MONTHS.length - 1], '--to', english, '--locale', 'en', '--quiet'])).code).toBe(0);
  // a roster name that would run a script if it were not escaped
  const dir = tempDir('pack-xss-');
  for (const f of readdirSync(join(ROOT, 'fixtures', '2025-11'))) copyFileSync(join(ROOT, 'fixtures', '2025-11', f), join(dir, f));
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, readFileSync(roster, 'utf8').replace('张伟', '"<img src=x onerror=""document.title=\'pwned\'"">"'));
  hostile = tempDir('pack-xss-out-');
  expect((await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', dir, '--out', hostile, '--quiet'])).code).toBe(0);
  browser = await Browser.launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

const pagesOf = (dir: string) => ['index.html', ...readdirSync(join(dir, 'engineers')).sort().map((f) => `engineers/${f}`)];
const MARKS = 'JSON.stringify([...document.querySelectorAll("svg")].map((s) => s.querySelectorAll("path, rect, circle, polyline, line").length))';

describe('every page of the fixture months', () => {
  it.each(MONTHS)('%s: loads without console errors; every chart has drawn its marks', async (p) => {
    const dir = join(out, p, 'report');
    for (const page of pagesOf(dir)) {
      const { tab, errors } = await browser.open(`file://${join(dir, page)}`);
      expect(errors, `${p}/${page}`).toEqual([]);
      const marks = JSON.parse(await browser.evaluate(tab, MARKS)) as number[];
      expect(marks.length, `${p}/${page}: charts`).toBeGreaterThanOrEqual(2);
      for (const m of marks) expect(m, `${p}/${page}: marks of a chart`).toBeGreaterThan(3);
      expect(await browser.evaluate(tab, 'document.scripts.length'), `${p}/${page}: no script`).toBe(0);
      await browser.closeTab(tab);
    }
  }, 120_000);
});

describe('printing', () => {
  it.each([['zh-CN', () => join(out, MONTHS[MONTHS.length - 1], 'report')], ['en', () => english]])('%s: each engineer page prints to exactly one A4 page', async (_locale, where) => {
    const dir = where();
    for (const page of pagesOf(dir).slice(1)) {
      const { tab } = await browser.open(`file://${join(dir, page)}`);
      const pdf = await browser.pdf(tab);
      await browser.closeTab(tab);
      expect(pdfPages(pdf), page).toBe(1);
      const box = /\/MediaBox\s*\[\s*([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      expect(box?.slice(3, 5).map((v) => Math.round(Number(v))), `${page}: A4 in points`).toEqual([595, 842]);
    }
  }, 120_000);
});

describe('scorecard report --pdf', () => {
  it('prints every page to PDF with the local Chromium, each engineer sheet on one page', async () => {
    const to = tempDir('pack-pdf-');
    const r = await cli(['report', '--out', out, '--period', MONTHS[0], '--to', to, '--pdf', '--browser', Browser.path(), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const pdfs = readdirSync(join(to, 'engineers')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBe(readdirSync(join(to, 'engineers')).filter((f) => f.endsWith('.html')).length);
    for (const f of pdfs) expect(pdfPages(readFileSync(join(to, 'engineers', f))), f).toBe(1);
  });
});

describe('escaping', () => {
  it('a name made of HTML shows as text and runs nothing', async () => {
    const dir = join(hostile, '2025-11', 'report');
    for (const page of ['index.html', 'engineers/E001.html']) {
      const { tab, errors } = await browser.open(`file://${join(dir, page)}`);
      expect(errors).toEqual([]);
      expect(await browser.evaluate(tab, 'document.querySelectorAll("img").length')).toBe(0);
      expect(await browser.evaluate(tab, 'document.title')).not.toBe('pwned');
      expect(await browser.evaluate(tab, 'document.body.innerText')).toContain('<img src=x onerror=');
    }
  });
});
