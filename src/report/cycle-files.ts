// Report stage, a cycle's files: cycle-scorecards.csv / .xlsx / .json, calibration.csv and (a year) candidates.csv,
// in the run's locale; the CSV columns are ids in en and words in zh-CN, as the month's are.
import type { Config, Locale } from '../config/schema.js';
import type { CycleResult } from '../cycles/cycle.js';
import type { CalibrationRow } from '../cycles/calibration.js';
import type { Candidate } from '../cycles/recognition.js';
import { metricUnit } from '../metrics/registry.js';
import { roundHalfUp } from '../util/round.js';
import { toCsv } from './build.js';
import { num, type OutCell } from './cells.js';
import { formatNumber } from '../util/round.js';
import { flagWords, header, readable } from './words.js';
import { addSheet, deterministicZip, MONEY, newWorkbook, SCORE, type Column, type Value } from './workbook.js';

type Cell = string | number | null;

/** Numbers as the month's CSVs write them: plain decimal text, no exponent. */
const out = (rows: Cell[][]): OutCell[][] => rows.map((row) => row.map((v) => (typeof v === 'number' ? num(v, formatNumber(v, 4)) : v)));

export function cycleColumns(r: CycleResult, config: Config): string[] {
  const annual = r.kind === 'year' && config.cycles.year.annual !== undefined;
  return ['period', 'engineer_id', 'name', 'team', ...r.period.months, 'months_scored', ...(annual ? ['annual'] : []), 'total', 'rating', 'rating_label', 'bonus', 'rank_in_team', 'flags'];
}

const columnTitle = (id: string, locale: Locale) => (/^\d{4}-\d{2}$/.test(id) || locale === 'en' ? id : id === 'rating' ? '考核等级' : header(id, locale));

export function cycleRows(r: CycleResult, config: Config, locale: Locale): Cell[][] {
  const annual = r.kind === 'year' && config.cycles.year.annual !== undefined;
  return r.engineers.map((e) => [
    r.period.id, e.engineer_id, e.name, e.team, ...e.monthly, e.months_scored, ...(annual ? [e.annual] : []), e.total, e.rating?.id ?? '',
    e.rating ? readable(e.rating.label, e.rating.id, locale) : '', e.rating?.bonus ?? 0, e.rank_in_team, e.flags.join(';'),
  ]);
}

export function cycleCsv(r: CycleResult, config: Config, locale: Locale, bom: boolean): string {
  return toCsv(cycleColumns(r, config).map((c) => columnTitle(c, locale)), out(cycleRows(r, config, locale)), bom);
}

const CALIBRATION_COLUMNS = ['period', 'scope', 'team', 'engineers', 'rating', 'rating_label', 'count', 'share', 'max_share', 'over', 'mean_total', 'spread'];

function calibrationRows(r: CycleResult, rows: CalibrationRow[], locale: Locale): Cell[][] {
  const label = (id: string) => {
    const rating = r.ratings.find((x) => x.id === id);
    return rating ? readable(rating.label, rating.id, locale) : id;
  };
  return rows.map((c) => [r.period.id, c.scope, c.scope === 'centre' ? header('centre', locale) : c.team, c.engineers, c.rating, label(c.rating), c.count, c.share, c.max_share, c.over ? 'yes' : '', c.mean_total, c.spread]);
}

export function calibrationCsv(r: CycleResult, rows: CalibrationRow[], locale: Locale, bom: boolean): string {
  return toCsv(CALIBRATION_COLUMNS.map((c) => columnTitle(c, locale)), out(calibrationRows(r, rows, locale)), bom);
}

const CANDIDATE_COLUMNS = ['period', 'engineer_id', 'name', 'team', 'candidate', 'kind', 'rule'];

/** A recognition rule in words: "rated Excellent for the year and at least 10 months scored". */
export function ruleWords(r: CycleResult, rule: Candidate['rule'], locale: Locale): string {
  const rating = r.ratings.find((x) => x.id === rule.rating);
  const name = rating ? readable(rating.label, rating.id, locale) : rule.rating;
  return locale === 'zh-CN' ? `年度考核等级为${name}，且考核月数不少于 ${rule.min_months} 个月` : `rated ${name} for the year and at least ${rule.min_months} months scored`;
}

function candidateRows(r: CycleResult, list: Candidate[], locale: Locale): Cell[][] {
  const kind = (k: string) => (locale === 'zh-CN' ? (k === 'promotion' ? '晋级' : '评优') : k);
  return list.map(({ engineer: e, rule }) => [r.period.id, e.engineer_id, e.name, e.team, readable(rule.label, rule.id, locale), kind(rule.kind), ruleWords(r, rule, locale)]);
}

export function candidatesCsv(r: CycleResult, list: Candidate[], locale: Locale, bom: boolean): string {
  return toCsv(CANDIDATE_COLUMNS.map((c) => columnTitle(c, locale)), out(candidateRows(r, list, locale)), bom);
}

/** cycle-scorecards.json: as scorecards.json, each engineer with the cycle's indicators (value, n, score) where the months share their metrics. */
export function cycleJson(r: CycleResult, config: Config, locale: Locale, calibration: CalibrationRow[], list: Candidate[]): string {
  const doc = {
    period: r.period.id, kind: r.kind, method: r.method, locale, months: r.period.months,
    ratings: r.ratings.map((x) => ({ id: x.id, label: readable(x.label, x.id, locale), min: x.min, bonus: x.bonus })),
    engineers: r.engineers.map((e) => ({
      engineer_id: e.engineer_id, name: e.name, team: e.team,
      months: Object.fromEntries(r.period.months.map((m, k) => [m, e.monthly[k]])), months_scored: e.months_scored,
      months_total: e.months_total, annual: e.annual, total: e.total, rating: e.rating?.id ?? null,
      rating_label: e.rating ? readable(e.rating.label, e.rating.id, locale) : null, bonus: e.rating?.bonus ?? 0, rank_in_team: e.rank_in_team, flags: e.flags,
      indicators: (e.score?.indicators ?? []).map((i) => ({
        id: i.id, label: readable(config.indicators.find((x) => x.id === i.id)?.label, i.id, locale), dimension: i.dimension, metric: i.metric,
        unit: metricUnit(i.metric), params: i.params, value: i.value === null ? null : roundHalfUp(i.value, 6), n: i.n, status: i.status,
        score: i.score === null ? null : roundHalfUp(i.score, 6),
      })),
      dimensions: (e.score?.dimensions ?? []).map((d) => ({ id: d.id, score: roundHalfUp(d.score, 6), status: d.status })),
    })),
    calibration,
    candidates: list.map(({ engineer, rule }) => ({ engineer_id: engineer.engineer_id, candidate: rule.id, kind: rule.kind, rule: ruleWords(r, rule, locale) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function cycleXlsx(r: CycleResult, config: Config, locale: Locale, calibration: CalibrationRow[], list: Candidate[]): Promise<Buffer> {
  const { wb, fixed } = await newWorkbook(r.period);
  const zh = locale === 'zh-CN';
  const title = (id: string) => (/^\d{4}-\d{2}$/.test(id) ? id : header(id, locale));
  const ids = cycleColumns(r, config);
  const fmt: Record<string, string> = { total: SCORE, annual: SCORE, bonus: MONEY };
  const columns: Column[] = ids.filter((id) => id !== 'rating' && id !== 'period').map((id) => ({
    title: id === 'rating_label' ? header('rating', locale) : title(id), fmt: /^\d{4}-\d{2}$/.test(id) ? SCORE : fmt[id], long: id === 'flags',
  }));
  const rows: Value[][] = r.engineers.map((e) => [
    e.engineer_id, e.name, e.team, ...e.monthly, e.months_scored, ...(ids.includes('annual') ? [e.annual] : []), e.total,
    e.rating ? readable(e.rating.label, e.rating.id, locale) : '', e.rating?.bonus ?? 0, e.rank_in_team, e.flags.map((f) => flagWords(config, f, locale)).join(zh ? '；' : '; '),
  ]);
  addSheet(wb, zh ? '汇总' : 'Summary', locale, columns, rows, 3);
  const calCols: Column[] = ['scope', 'team', 'engineers', 'rating', 'count', 'share', 'max_share', 'over', 'mean_total', 'spread'].map((id) => ({
    title: header(id === 'rating' ? 'rating' : id, locale), fmt: id === 'share' || id === 'max_share' ? '0.0%' : id === 'mean_total' ? SCORE : id === 'spread' ? '0.00' : undefined,
  }));
  const scope = (s: string) => (s === 'centre' ? header('centre', locale) : zh ? '班组' : 'Team');
  const calRows: Value[][] = calibration.map((c) => {
    const rating = r.ratings.find((x) => x.id === c.rating);
    return [scope(c.scope), c.scope === 'centre' ? header('centre', locale) : c.team, c.engineers, rating ? readable(rating.label, rating.id, locale) : c.rating,
      c.count, c.share, c.max_share, c.over ? (zh ? '是' : 'yes') : '', c.mean_total, c.spread];
  });
  addSheet(wb, zh ? '校准' : 'Calibration', locale, calCols, calRows, 2);
  if (r.kind === 'year') {
    const candCols: Column[] = ['engineer_id', 'name', 'team', 'candidate', 'kind', 'rule'].map((id) => ({ title: header(id, locale), long: id === 'rule' }));
    addSheet(wb, zh ? '评优晋级候选' : 'Candidates', locale, candCols, candidateRows(r, list, locale).map((row) => row.slice(1) as Value[]), 2);
  }
  return deterministicZip(Buffer.from(await wb.xlsx.writeBuffer()), fixed);
}

