// Report stage: turns a period's result into the bytes of every output file (no file system here; publish.ts writes them).
import { stringify } from 'csv-stringify/sync';
import { labelOf, type Config, type Locale } from '../config/schema.js';
import type { PeriodResult, EngineerResult } from '../pipeline.js';
import { rejectMessage } from '../problems.js';
import { formatFixed, formatNumber, roundHalfUp } from '../util/round.js';
import { cellString, num, safeText, type OutCell } from './cells.js';
import { changeReason, header, levelWords, PAYROLL_COLUMNS, ratingLabel, readable } from './words.js';
import { metricUnit } from '../metrics/registry.js';
import { payrollRows } from './workbook.js';

export interface BuildOptions { config: Config; locale: Locale; bom: boolean; formats: Set<string> }

export function toCsv(header: string[], rows: OutCell[][], bom: boolean): string {
  const text = stringify([header.map(safeText), ...rows.map((r) => r.map(cellString))], { record_delimiter: 'unix', quoted_match: /^\s|\s$|[\r\n]/ });
  return (bom ? '\ufeff' : '') + text;
}

export function scorecardRows(r: PeriodResult, config: Config, locale: Locale): OutCell[][] {
  return r.engineers.map((e) => scorecardRow(r.period.id, e, config, locale));
}

function scorecardRow(period: string, e: EngineerResult, config: Config, locale: Locale): OutCell[] {
  const s = e.score;
  const l = e.ledger;
  const money = (v: number) => num(v, formatNumber(v, 2), '0');
  const row: OutCell[] = [
    period, e.roster.engineer_id, e.roster.name, e.roster.team, num(s.total, formatFixed(s.total, 1), '0.0'), s.rating.id,
    ratingLabel(config, s.rating.id, locale), money(s.rating.bonus), money(l.points_delta), money(l.annual_points), money(l.level),
    money(l.base_salary), money(l.salary_reduction), money(l.next_salary), l.actions.join(';'), s.flags.join(';'),
  ];
  for (const i of s.indicators) {
    row.push(i.value === null ? null : num(roundHalfUp(i.value, 4), formatNumber(i.value, 4), '0.0###'));
    row.push(i.score === null ? null : num(roundHalfUp(i.score, 2), formatNumber(i.score, 2), '0.00'));
  }
  for (const d of s.dimensions) row.push(num(roundHalfUp(d.score, 2), formatNumber(d.score, 2), '0.00'));
  return row;
}

/** payroll.csv: the payroll sheet's columns (ids in en, Chinese headers in zh-CN), one row per scored engineer, no
 * totals row (it is for import). */
export function payrollCsv(r: PeriodResult, locale: Locale, bom: boolean): string {
  const rows = payrollRows(r).map((row) => row.map((v): OutCell => (typeof v === 'number' ? num(v, formatNumber(v, 2)) : v)));
  return toCsv(PAYROLL_COLUMNS.map((c) => (locale === 'zh-CN' ? header(c, locale) : c)), rows, bom);
}

export function rejectRows(r: PeriodResult, locale: Locale): OutCell[][] {
  return r.rejects.map((x) => [x.location.file, x.location.sheet, num(x.location.row, String(x.location.row), '0'), x.location.column, x.code, rejectMessage(x, locale), x.value]);
}

export function changeRows(r: PeriodResult, config: Config, locale: Locale): OutCell[][] {
  return r.changes.map((c) => [r.period.id, c.engineer_id, c.name, c.change, c.from, c.to, changeReason(config, c, locale)]);
}

const r6 = (x: number | null) => (x === null ? null : roundHalfUp(x, 6));

/**
 * scorecards.json: every figure behind each score, in a fixed key order. Made a hundred engineers at a time into parts
 * of UTF-8 (the same bytes as stringifying the whole document with an indent of 2), so that a big month never holds
 * the whole document as objects, as one string and as bytes at once.
 */
export function scorecardJson(r: PeriodResult, config: Config, locale: Locale): Buffer[] {
  // the words of the period's ids in both locales (explain, history and the feedback pack print words, in either
  // language), and the policy's figures that the pack draws against (rating thresholds, each indicator's scoring)
  const words = (l: Locale) => ({
    dimensions: Object.fromEntries(config.dimensions.map((d) => [d.id, readable(d.label, d.id, l)])),
    indicators: Object.fromEntries(config.indicators.map((i) => [i.id, readable(i.label, i.id, l)])),
    ratings: Object.fromEntries(config.ratings.map((x) => [x.id, readable(x.label, x.id, l)])),
    streaks: Object.fromEntries(config.streaks.map((s) => [s.id, readable(s.label, s.id, l)])),
    levels: Object.fromEntries(config.ledger.levels.map((x) => [String(x.level), levelWords(config, x.level, l)])),
  });
  const labels = { en: words('en'), 'zh-CN': words('zh-CN') };
  const policy = {
    ratings: config.ratings.map((x) => ({ id: x.id, min: x.min, bonus: x.bonus })),
    indicators: config.indicators.map((i) => ({ id: i.id, dimension: i.dimension, metric: i.metric, unit: metricUnit(i.metric), weight: i.weight, scoring: i.scoring })),
  };
  const head = JSON.stringify({ period: r.period.id, locale, labels, policy }, null, 2).slice(0, -2); // without the closing "\n}"
  if (r.engineers.length === 0) return [Buffer.from(`${head},\n  "engineers": []\n}\n`, 'utf8')];
  const parts: Buffer[] = [Buffer.from(`${head},\n  "engineers": [\n`, 'utf8')];
  // a hundred engineers at a time, stringified inside the same wrapper as in the whole document (so indented alike)
  const open = '{\n  "engineers": [\n';
  const close = '\n  ]\n}';
  // Each part's UTF-8 is written into one scratch buffer and copied out at its length. Buffer.from would measure the
  // text and then write it, and the separator joined to the text would be flattened first: with Chinese names the
  // text is two-byte, and that took twice as long (measured on the 1M month: 55-67 ms against 27-34 ms).
  let scratch = Buffer.alloc(0);
  for (let i = 0; i < r.engineers.length; i += 100) {
    const text = JSON.stringify({ engineers: r.engineers.slice(i, i + 100).map((e) => engineerJson(e, config, locale)) }, null, 2);
    const body = text.slice(open.length, text.length - close.length);
    if (scratch.length < 2 + 3 * body.length) scratch = Buffer.allocUnsafeSlow(2 + 3 * body.length); // 3 bytes per UTF-16 unit at most
    let n = i === 0 ? 0 : scratch.write(',\n', 0, 'latin1');
    n += scratch.write(body, n, 'utf8');
    parts.push(Buffer.from(scratch.subarray(0, n)));
  }
  parts.push(Buffer.from('\n  ]\n}\n', 'utf8'));
  return parts;
}

function engineerJson(e: PeriodResult['engineers'][number], config: Config, locale: Locale): unknown {
  const s = e.score;
  return {
    engineer_id: e.roster.engineer_id,
    name: e.roster.name,
    team: e.roster.team,
    status: e.roster.status,
    total: s.total,
    rating: s.rating.id,
    rating_label: ratingLabel(config, s.rating.id, locale),
    bonus: s.rating.bonus,
    weighted_total: r6(s.weighted_total),
    score_adjustment: r6(s.score_adjustment),
    score_adjustment_uncapped: r6(s.score_adjustment_raw),
    indicators: s.indicators.map((i) => ({
      id: i.id,
      label: labelOf(config.indicators.find((x) => x.id === i.id)?.label, i.id, locale),
      dimension: i.dimension,
      metric: i.metric,
      params: i.params,
      value: r6(i.value),
      ...(i.wall_value !== undefined ? { calendar: i.params.calendar, wall_value: r6(i.wall_value) } : {}),
      n: i.n,
      min_sample: i.min_sample,
      status: i.status,
      scoring: config.indicators.find((x) => x.id === i.id)?.scoring.kind,
      detail: i.detail,
      kind_score: r6(i.kind_score),
      score: r6(i.score),
      weight: i.weight,
      share: r6(i.share),
      contribution: r6(i.contribution),
    })),
    dimensions: s.dimensions.map((d) => ({ id: d.id, weight: d.weight, status: d.status, score: r6(d.score), contribution: r6(d.contribution) })),
    adjustments: e.tally.adjustments,
    points_adjustment: e.tally.pointsAdjustment,
    ledger: {
      points_delta: e.ledger.points_delta,
      annual_points: e.ledger.annual_points,
      level: e.ledger.level,
      regraded: e.ledger.regraded,
      base_salary: e.ledger.base_salary,
      previous_reduction: e.ledger.pay.previous_reduction,
      salary_reduction: e.ledger.salary_reduction,
      next_salary: e.ledger.next_salary,
      pay_rule_applies: e.ledger.pay.rule_applies,
      bonus_streak: e.ledger.pay.bonus_streak,
      no_bonus_streak: e.ledger.pay.no_bonus_streak,
      floor_applied: e.ledger.pay.floor_applied,
    },
    actions: e.ledger.actions,
    flags: s.flags,
    ...(e.corrections ? { corrections: e.corrections } : {}),
  };
}
