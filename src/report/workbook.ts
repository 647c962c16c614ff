// Report stage: scorecards.xlsx, the workbook people open, discuss and print. Sheets in order: 汇总 / 明细 / 工资 /
// 等级变动 / 拒收行 (Summary / Details / Payroll / Grade changes / Rejects); words instead of codes, formats by unit,
// and a print setup that fits each sheet to one page wide with the header row on every page.
import type ExcelJS from 'exceljs';
import type { Config, Locale } from '../config/schema.js';
import { metricUnit } from '../metrics/registry.js';
import type { PeriodResult } from '../pipeline.js';
import { rejectMessage } from '../problems.js';
import { roundHalfUp } from '../util/round.js';
import { safeText } from './cells.js';
import { writeZip, type ZipEntry } from './zip.js';
import {
  actionWords, changeReason, changeValueWords, changeWords, flagWords, header, levelWords, PAYROLL_COLUMNS, ratingLabel, readable,
  rejectTitle, unitWords,
} from './words.js';

export type Value = string | number | null;
/** A column: its header, the cells' number format, and whether it holds long text (wrapped, wider). */
export interface Column { title: string; fmt?: string; long?: boolean }

export const MONEY = '#,##0';
export const SCORE = '0.0';
const RATING_FILLS = ['FFC6EFCE', 'FFDDEBF7', 'FFFFF2CC', 'FFFFC7CE'];
const UNIT_FORMAT: Record<string, string> = { share: '0.0%', minutes: '0.0', hours: '0.0', days: '0.00', count: '0', score: '0.0', value: '0.##' };

/** An empty workbook dated the first day of a period (never the clock: the same inputs give the same bytes). */
export async function newWorkbook(period: { year: number; month: number }): Promise<{ wb: ExcelJS.Workbook; fixed: Date }> {
  const { default: Excel } = await import('exceljs'); // loaded only when a workbook is written
  const wb = new Excel.Workbook();
  const fixed = new Date(Date.UTC(period.year, period.month - 1, 1));
  wb.creator = 'scorecard';
  wb.created = fixed;
  wb.modified = fixed;
  return { wb, fixed };
}

export async function scorecardXlsx(r: PeriodResult, config: Config, locale: Locale): Promise<Buffer> {
  const { wb, fixed } = await newWorkbook(r.period);
  const zh = locale === 'zh-CN';
  const h = (id: string) => header(id, locale);
  const words = (ids: string[], f: (id: string) => string) => ids.map(f).join(zh ? '；' : '; ');

  const summary = addSheet(wb, zh ? '汇总' : 'Summary', locale, [
    { title: h('engineer_id') }, { title: h('name') }, { title: h('team') }, { title: h('total'), fmt: SCORE }, { title: h('rating') },
    { title: h('bonus'), fmt: MONEY }, { title: h('actions'), long: true }, { title: h('flags'), long: true }, { title: h('level') },
    { title: h('next_salary'), fmt: MONEY },
  ], r.engineers.map((e) => [
    e.roster.engineer_id, e.roster.name, e.roster.team, e.score.total, ratingLabel(config, e.score.rating.id, locale), e.score.rating.bonus,
    words(e.ledger.actions, (a) => actionWords(config, a, locale)), words(e.score.flags, (f) => flagWords(config, f, locale)),
    levelWords(config, e.ledger.level, locale), e.ledger.next_salary,
  ]), 2);
  const rank = new Map(config.ratings.map((x, i) => [x.id, i]));
  r.engineers.forEach((e, k) => {
    const i = rank.get(e.score.rating.id) ?? 0;
    const cell = summary.getRow(k + 2).getCell(5);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: i === config.ratings.length - 1 ? RATING_FILLS[3] : RATING_FILLS[Math.min(i, 2)] } };
    cell.font = { bold: true };
  });

  const detailColumns: Column[] = [{ title: h('engineer_id') }, { title: h('name') }];
  for (const ind of config.indicators) {
    const label = readable(ind.label, ind.id, locale);
    const unit = metricUnit(ind.metric);
    const u = unitWords(unit, locale);
    detailColumns.push(
      { title: zh ? `${label}(${h('value_suffix')}${u ? `，${u}` : ''})` : `${label} (${h('value_suffix')}${u ? `, ${u}` : ''})`, fmt: UNIT_FORMAT[unit] },
      { title: zh ? `${label}(${h('score_suffix')})` : `${label} (${h('score_suffix')})`, fmt: SCORE },
    );
  }
  for (const d of config.dimensions) detailColumns.push({ title: zh ? `${readable(d.label, d.id, locale)}(${h('score_suffix')})` : `${readable(d.label, d.id, locale)} (${h('score_suffix')})`, fmt: SCORE });
  detailColumns.push({ title: h('total'), fmt: SCORE });
  addSheet(wb, zh ? '明细' : 'Details', locale, detailColumns, r.engineers.map((e) => {
    const row: Value[] = [e.roster.engineer_id, e.roster.name];
    // the figures of scorecards.csv (values to 4 decimals, scores to 2), shown in the column's format
    for (const i of e.score.indicators) row.push(i.value === null ? null : roundHalfUp(i.value, 4), i.score === null ? null : roundHalfUp(i.score, 2));
    for (const d of e.score.dimensions) row.push(roundHalfUp(d.score, 2));
    row.push(e.score.total);
    return row;
  }), 2);

  const pay = payrollRows(r);
  const sums = [3, 4, 5, 6].map((c) => pay.reduce((s, row) => s + (row[c] as number), 0));
  addSheet(wb, zh ? '工资' : 'Payroll', locale, PAYROLL_COLUMNS.map((c, i) => ({ title: h(c), fmt: i >= 3 ? MONEY : undefined })),
    [...pay, [h('total_row'), null, null, ...sums]], 2, true);

  addSheet(wb, zh ? '等级变动' : 'Grade changes', locale, [
    { title: h('period') }, { title: h('engineer_id') }, { title: h('name') }, { title: h('change') }, { title: h('from'), fmt: MONEY }, { title: h('to'), fmt: MONEY },
    { title: h('reason'), long: true },
  ], r.changes.map((c) => {
    const money = c.change === 'pay_reduced' || c.change === 'pay_restored';
    const value = (v: string) => (money && v !== '' ? Number(v) : changeValueWords(config, c.change, v, locale));
    return [r.period.id, c.engineer_id, c.name, changeWords(config, c.change, locale), value(c.from), value(c.to), changeReason(config, c, locale)];
  }), 3);

  addSheet(wb, zh ? '拒收行' : 'Rejects', locale, [
    { title: h('file') }, { title: h('sheet') }, { title: h('row'), fmt: '0' }, { title: h('column') }, { title: h('problem') }, { title: h('message'), long: true },
    { title: h('value'), long: true },
  ], r.rejects.map((x) => [x.location.file, x.location.sheet, x.location.row, x.location.column, rejectTitle(x.code, locale), rejectMessage(x, locale), x.value]), 0);

  // stored, not deflated, by exceljs: deterministicZip compresses every entry once, with its fixed date
  return deterministicZip(Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as ExcelJS.XlsxWriteOptions)), fixed);
}

/** One row per scored engineer, in payroll's columns (PAYROLL_COLUMNS): ids, then the money as numbers. */
export function payrollRows(r: PeriodResult): Value[][] {
  return r.engineers.map((e) => [e.roster.engineer_id, e.roster.name, e.roster.team, e.score.rating.bonus, e.ledger.base_salary, e.ledger.salary_reduction, e.ledger.next_salary]);
}

/** exceljs stamps every zip entry with the current time; its entries, rewritten with a fixed date (zip.ts), make the
 * workbook byte-identical run to run. */
export async function deterministicZip(buf: Buffer, date: Date): Promise<Buffer> {
  const { default: JSZip } = await import('jszip'); // loaded only when a workbook is written, as exceljs is
  const zip = await JSZip.loadAsync(buf);
  const entries: ZipEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    const f = zip.files[name];
    if (!f.dir) entries.push({ name, data: await f.async('nodebuffer') });
  }
  return writeZip(entries, date);
}

/**
 * A sheet that prints: landscape A4, fit to one page wide (as many pages down as it takes), the header row repeated
 * on every page and frozen on screen with the first `freeze` columns, page numbers in the footer; widths from the
 * content, capped so that one long name or reason does not stretch its column across the page (long text wraps).
 */
export function addSheet(wb: ExcelJS.Workbook, name: string, locale: Locale, columns: Column[], rows: Value[][], freeze: number, totalRow = false): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: freeze }],
    pageSetup: {
      orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: locale === 'zh-CN' ? '&C第 &P 页，共 &N 页' : '&CPage &P of &N', oddHeader: `&L${name}` },
  });
  // formats and wrapping are set on the columns, once: every cell added below takes its column's style (a style per
  // cell would make one style record per cell for a big month)
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.fmt) col.numFmt = c.fmt;
    if (c.long) col.alignment = { wrapText: true, vertical: 'top' };
  });
  const head = ws.addRow(columns.map((c) => safeText(c.title)));
  head.eachCell((cell) => {
    cell.style = { font: { bold: true }, alignment: { wrapText: true, vertical: 'middle' }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } };
  });
  const widths = columns.map((c) => Math.min(c.long ? 40 : 16, Math.max(6, visualWidth(c.title) + 2)));
  const decimals = columns.map((c) => /\.(0+)/.exec(c.fmt ?? '')?.[1].length ?? 0);
  for (const row of rows) {
    const values: Value[] = new Array(row.length);
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      const col = columns[i];
      values[i] = typeof v === 'string' ? safeText(v) : v;
      const shown = typeof v === 'number' ? shownWidth(v, col.fmt, decimals[i]) : visualWidth(v ?? '');
      if (shown + 2 > widths[i]) widths[i] = Math.min(col.long ? 60 : 24, shown + 2);
    }
    ws.addRow(values);
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (totalRow && rows.length > 0) ws.getRow(rows.length + 1).font = { bold: true };
  if (rows.length > 0 && !totalRow) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** About how many characters a number takes in its format (thousands separators, a percent sign, decimals). */
function shownWidth(v: number, fmt = 'General', decimals = 0): number {
  const digits = String(Math.round(Math.abs(fmt.endsWith('%') ? v * 100 : v))).length;
  return digits + (fmt.includes(',') ? Math.floor((digits - 1) / 3) : 0) + (decimals ? decimals + 1 : 0) + (v < 0 ? 1 : 0) + (fmt.endsWith('%') ? 1 : 0);
}

function visualWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) >= 0x1100 ? 2 : 1;
  return w;
}

