// scorecards.xlsx as HR and payroll open it: sheets in order, print setup, number formats, words instead of codes,
// the payroll sheet with its totals row, in both locales; payroll.csv; the byte-order mark by locale.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { cli } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const outs: Record<string, string> = {};

beforeAll(async () => {
  for (const locale of ['zh-CN', 'en']) {
    const out = tempDir(`wb-${locale}-`);
    for (const p of MONTHS) {
      const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--locale', locale, '--quiet']);
      expect(r.code, r.stderr).toBe(0);
    }
    outs[locale] = out;
  }
}, 120_000);

async function workbook(locale: string, period: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(outs[locale], period, 'scorecards.xlsx'));
  return wb;
}
const texts = (ws: ExcelJS.Worksheet) => {
  const all: string[] = [];
  ws.eachRow((row, n) => { if (n > 1) row.eachCell((c) => { if (typeof c.value === 'string') all.push(c.value); }); });
  return all.join('\n');
};

describe.each([
  ['zh-CN', ['汇总', '明细', '工资', '等级变动', '拒收行'], ['工号', '姓名', '班组', '奖惩金额', '基本工资', '下月工资'], '合计', /第 &P 页，共 &N 页/],
  ['en', ['Summary', 'Details', 'Payroll', 'Grade changes', 'Rejects'], ['Engineer ID', 'Name', 'Team', 'Bonus', 'Base salary', 'Next salary'], 'Total', /Page &P of &N/],
])('%s workbook', (locale, sheets, payHeads, totalWord, footer) => {
  it('has the sheets in order, each printing landscape, one page wide, the header row on every page, page numbers', async () => {
    const wb = await workbook(locale, '2026-04');
    expect(wb.worksheets.map((w) => w.name)).toEqual(sheets);
    for (const ws of wb.worksheets) {
      const p = ws.pageSetup;
      expect([p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.printTitlesRow], ws.name).toEqual(['landscape', true, 1, 0, '1:1']);
      expect(ws.headerFooter.oddFooter, ws.name).toMatch(footer);
      ws.columns.forEach((c) => expect(c.width ?? 0, `${ws.name} column ${c.number}`).toBeLessThanOrEqual(60));
    }
  });
  it('the payroll sheet: exactly its columns, one row per engineer, then a totals row of numbers', async () => {
    const wb = await workbook(locale, '2026-04');
    const ws = wb.worksheets[2];
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual([payHeads[0], payHeads[1], payHeads[2], payHeads[3], payHeads[4], locale === 'zh-CN' ? '下月扣减' : 'Reduction', payHeads[5]]);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => { if (n > 1) rows.push((r.values as unknown[]).slice(1)); });
    const total = rows.pop() as unknown[];
    expect(total[0]).toBe(totalWord);
    const csv = parse(readFileSync(join(outs[locale], '2026-04', 'payroll.csv')), { bom: true }) as string[][];
    expect(rows.length).toBe(csv.length - 1);
    for (let c = 3; c <= 6; c++) {
      expect(typeof total[c]).toBe('number');
      expect(total[c]).toBe(rows.reduce((s, r) => s + (r[c] as number), 0));
      expect(ws.getRow(2).getCell(c + 1).numFmt).toBe('#,##0');
    }
    rows.forEach((r, i) => expect(r.map((v) => String(v ?? ''))).toEqual(csv[i + 1]));
  });
  it('people read words, not codes: ratings, actions, flags, levels, change kinds, statuses', async () => {
    const wb = await workbook(locale, '2026-04');
    const all = wb.worksheets.slice(0, 4).map(texts).join('\n');
    for (const code of ['excellent', 'good', 'fail', 'warning', 'job_adjustment', 'insufficient:', 'no_data:', 'rating_up', 'rating_down', 'pay_restored', 'pay_reduced', 'new_engineer', 'action:']) {
      expect(all, code).not.toContain(code);
    }
    const summary = wb.worksheets[0];
    const ratings = new Set<string>();
    summary.eachRow((r, n) => { if (n > 1) ratings.add(String(r.getCell(5).value)); });
    expect([...ratings].every((x) => (locale === 'zh-CN' ? ['优秀', '良好', '合格', '不合格'] : ['Excellent', 'Good', 'Pass', 'Fail']).includes(x))).toBe(true);
    const months = await Promise.all(MONTHS.map((p) => workbook(locale, p)));
    const changes = months.map((w) => texts(w.worksheets[3])).join('\n');
    for (const word of locale === 'zh-CN' ? ['等级上升', '等级下降', '绩效警告', '工资扣减', '新员工', '离职', '技能等级晋升'] : ['Rating up', 'Rating down', 'Performance warning', 'Pay reduced', 'New engineer', 'Left', 'Level up']) {
      expect(changes, word).toContain(word);
    }
  });
  it('formats: rates as percentages, durations with their unit in the header, scores one decimal, money with separators', async () => {
    const wb = await workbook(locale, '2026-04');
    const d = wb.worksheets[1];
    const head = (d.getRow(1).values as string[]).slice(1);
    const col = (pred: (h: string) => boolean) => head.findIndex(pred) + 1;
    const rate = col((h) => h.includes(locale === 'zh-CN' ? '1小时首次响应率(值，%)' : 'First response within 1 h (value, %)'));
    const days = col((h) => h.includes(locale === 'zh-CN' ? '故障处理速度(值，天)' : 'Fault handling speed (value, days)'));
    expect(rate).toBeGreaterThan(0);
    expect(days).toBeGreaterThan(0);
    expect(d.getRow(2).getCell(rate).numFmt).toBe('0.0%');
    expect(d.getRow(2).getCell(rate + 1).numFmt).toBe('0.0');
    expect(d.getRow(2).getCell(days).numFmt).toBe('0.00');
    expect(wb.worksheets[0].getRow(2).getCell(4).numFmt).toBe('0.0');
    expect(wb.worksheets[0].getRow(2).getCell(6).numFmt).toBe('#,##0');
  });
});

describe('CSV byte-order mark', () => {
  it('auto: zh-CN CSVs start with one, en CSVs do not; standard output never does', async () => {
    for (const f of ['scorecards.csv', 'payroll.csv', 'grade-changes.csv', 'rejects.csv']) {
      expect(readFileSync(join(outs['zh-CN'], '2026-04', f)).subarray(0, 3).toString('hex'), f).toBe('efbbbf');
      expect(readFileSync(join(outs.en, '2026-04', f)).subarray(0, 3).toString('hex'), f).not.toBe('efbbbf');
    }
    const r = await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', 'fixtures/2025-11', '--out', tempDir('bom-'), '--stdout', 'csv', '--quiet']);
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.stdout.startsWith('考核期间')).toBe(true);
  });
  it('--bom and csv.bom: false decide explicitly', async () => {
    const out = tempDir('bom2-');
    await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', 'fixtures/2025-11', '--out', out, '--locale', 'en', '--bom', '--quiet']);
    expect(readFileSync(join(out, '2025-11', 'payroll.csv')).subarray(0, 3).toString('hex')).toBe('efbbbf');
    const rules = tempDir('bom3-');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(rules, 'rules.yaml'), readFileSync('fixtures/rules.yaml', 'utf8').replace('csv: { bom: auto }', 'csv: { bom: false }'));
    const out2 = tempDir('bom4-');
    await cli(['run', '--period', '2025-11', '--config', join(rules, 'rules.yaml'), '--input-dir', 'fixtures/2025-11', '--out', out2, '--quiet']);
    expect(readFileSync(join(out2, '2025-11', 'scorecards.csv')).subarray(0, 3).toString('hex')).not.toBe('efbbbf');
  });
});
