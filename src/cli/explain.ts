// `scorecard explain`: one engineer's computation, step by step, from the published scorecards.json of a period.
import { existsSync } from 'node:fs';
import { PublishedFileError, readPublishedFile } from '../report/publish.js';
import { join, resolve } from 'node:path';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { formatFixed, formatNumber } from '../util/round.js';
import type { Locale } from '../config/schema.js';

interface Detail { [k: string]: unknown }

/** The words of a period's ids in one locale (scorecards.json), by kind and id. */
export interface PeriodLabels {
  dimensions?: Record<string, string>; indicators?: Record<string, string>; ratings?: Record<string, string>;
  streaks?: Record<string, string>; levels?: Record<string, string>;
}

export interface PeriodJson { period?: string; engineers: Detail[]; locale?: string; labels?: Record<string, PeriodLabels>; policy?: Detail }

/** The words of a published period in a locale. */
export function labelsFor(data: PeriodJson, locale: string): PeriodLabels {
  return data.labels?.[locale] ?? {};
}

export function loadPeriodJson(out: string, period: string): PeriodJson | string {
  const path = join(out, period, 'scorecards.json');
  if (!existsSync(path)) return `${path} not found: was ${period} published to this output root with the json format?`;
  try {
    const data = JSON.parse(readPublishedFile(out, period, 'scorecards.json').toString('utf8'));
    if (!Array.isArray(data?.engineers)) return `${path}: engineers: not a list (not a scorecards.json of scorecard?)`;
    return data;
  } catch (e) {
    return e instanceof PublishedFileError ? e.message : `${path}: ${(e as Error).message}`;
  }
}

const n = (x: unknown, d = 4) => (x === null || x === undefined ? '-' : formatNumber(x as number, d));

/** The language of explain and history: --locale, else the locale the period was published in, else English. */
export function textLocale(given: string | undefined, published: string | undefined): Locale | string {
  if (given !== undefined) return given;
  return published === 'zh-CN' ? 'zh-CN' : 'en';
}

const STATUS_ZH: Record<string, string> = { ok: '正常', insufficient: '数据不足', no_data: '无数据' };
const KIND_ZH: Record<string, string> = { linear: '线性', bands: '分档', target: '达标', value: '原值' };
const DETAIL_ZH: Record<string, string> = {
  worst: '最差', best: '最好', band: '档位', points: '得分', best_points: '满分', met: '达标', at_least: '至少', at_most: '至多',
};

export function explainCommand(id: string, o: { out: string; period: string; locale?: string }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const data = loadPeriodJson(resolve(io.cwd, o.out), o.period);
  if (typeof data === 'string') {
    log.error(data);
    return EXIT.DATA;
  }
  const locale = textLocale(o.locale, data.locale);
  if (locale !== 'en' && locale !== 'zh-CN') {
    log.error(`--locale ${locale}: use en or zh-CN`);
    return EXIT.USAGE;
  }
  const e = data.engineers.find((x) => x.engineer_id === id);
  if (!e) {
    log.error(`engineer ${id} was not scored in ${o.period} (scored: ${data.engineers.map((x) => x.engineer_id).join(', ')})`);
    return EXIT.DATA;
  }
  const w = (s: string) => io.stdout.write(`${s}\n`);
  if (locale === 'zh-CN') explainZh(e, o.period, labelsFor(data, locale), w);
  else explainEn(e, o.period, w);
  return EXIT.OK;
}

function explainEn(e: Detail, period: string, w: (s: string) => void): void {
  w(`${e.engineer_id} ${e.name}${e.team ? ` (${e.team})` : ''}, period ${period}`);
  w('');
  w('Indicators (metric value -> indicator score -> share of its dimension -> points of the total):');
  for (const i of e.indicators as Detail[]) {
    const params = Object.entries(i.params as Record<string, number>).map(([k, v]) => `${k}=${v}`).join(', ');
    w(`  ${i.id} [${i.label}] in ${i.dimension}, weight ${i.weight}`);
    w(`    metric ${i.metric}${params ? `(${params})` : ''} = ${n(i.value)} from ${i.n} case(s); min_sample ${i.min_sample}; ${i.status}`);
    if (i.calendar !== undefined) w(`    working time on calendar ${i.calendar}: ${n(i.value)}; on the wall clock: ${n(i.wall_value)}`);
    const detail = Object.entries(i.detail as Record<string, unknown>).map(([k, v]) => `${k} ${v}`).join(', ');
    if (i.kind_score !== null) w(`    ${i.scoring}${detail ? ` (${detail})` : ''} -> score ${n(i.kind_score, 2)}`);
    if (i.status !== 'ok') w(`    ${i.score === null ? 'left out: its dimension reweights over the indicators with data' : `counted as ${n(i.score, 2)} (insufficient data rule)`}`);
    else w(`    share ${n((i.share as number) * 100, 2)}% of ${i.dimension} -> ${n(i.contribution, 4)} points of the total`);
  }
  w('');
  w('Dimensions:');
  for (const d of e.dimensions as Detail[]) {
    w(`  ${d.id}: score ${n(d.score, 2)} x weight ${d.weight}% = ${n(d.contribution, 4)}${d.status === 'no_data' ? ' (no data: neutral score)' : ''}`);
  }
  w('');
  w(`Weighted total: ${n(e.weighted_total, 4)}`);
  const adj = e.adjustments as { date: string; target: string; value: number; reason: string }[];
  for (const a of adj) w(`  adjustment ${a.date} ${a.target} ${a.value > 0 ? '+' : ''}${a.value}: ${a.reason}`);
  w(`Score adjustments: ${n(e.score_adjustment, 2)}${e.score_adjustment !== e.score_adjustment_uncapped ? ` (capped from ${n(e.score_adjustment_uncapped, 2)})` : ''}`);
  w(`Total: ${n(e.weighted_total, 4)} + ${n(e.score_adjustment, 2)}, clamped to 0-100, rounded half-up to one decimal = ${formatFixed(e.total as number, 1)}`);
  w(`Rating: ${e.rating} (${e.rating_label}), bonus ${e.bonus}`);
  const l = e.ledger as Detail;
  const actions = e.actions as string[];
  w(`Rules fired: ${actions.length ? actions.join(', ') : 'none'}${(e.flags as string[]).length ? `; flags: ${(e.flags as string[]).join(', ')}` : ''}`);
  if (Array.isArray(e.corrections)) w(`Upheld appeals applied (corrections: ${(e.corrections as string[]).join(', ')}): see the month's manifest and the change set under reruns/`);
  w('');
  w(`Points: ${l.points_delta} this period (rating points${e.points_adjustment ? ` + ${e.points_adjustment} from adjustments` : ''}); annual points ${l.annual_points}${l.regraded ? ' (regraded this period)' : ''}; level ${l.level}`);
  w(`Pay: base salary ${l.base_salary} = annual points x salary per point; pay rule ${l.pay_rule_applies ? 'applies' : 'does not apply (level below its minimum)'}`);
  w(`  months in a row with bonus points ${l.bonus_streak}, without ${l.no_bonus_streak}; reduction ${l.previous_reduction} -> ${l.salary_reduction}${l.floor_applied ? ' (held at the floor)' : ''}`);
  w(`  next month's salary: ${l.base_salary} - ${l.salary_reduction} = ${l.next_salary}`);
}

/** A flag in words, from the labels the period was published with. */
export function flagZh(flag: string, e: Detail, labels: PeriodLabels): string {
  const [kind, id] = flag.split(':');
  if (kind === 'insufficient') return `数据不足：${labels.indicators?.[id] ?? (e.indicators as Detail[]).find((i) => i.id === id)?.label ?? id}`;
  if (kind === 'no_data') return `无数据（按中性分）：${labels.dimensions?.[id] ?? id}`;
  if (kind === 'adjustment_capped') return '加减分已封顶';
  return flag;
}

function explainZh(e: Detail, period: string, labels: PeriodLabels, w: (s: string) => void): void {
  const dims = new Map((e.dimensions as Detail[]).map((d) => [d.id as string, d]));
  const dim = (id: unknown) => labels.dimensions?.[id as string] ?? String(id);
  w(`${e.engineer_id} ${e.name}${e.team ? `（${e.team}）` : ''}，考核期间 ${period}`);
  w('');
  w('考核指标（指标值 -> 指标得分 -> 在维度中的占比 -> 计入总分）：');
  for (const i of e.indicators as Detail[]) {
    const params = Object.entries(i.params as Record<string, number>).map(([k, v]) => `${k}=${v}`).join('，');
    w(`  ${labels.indicators?.[i.id as string] ?? i.label}（${i.id}），所属维度 ${dim(i.dimension)}，权重 ${i.weight}`);
    w(`    指标 ${i.metric}${params ? `（${params}）` : ''} = ${n(i.value)}，样本 ${i.n} 个；最少样本 ${i.min_sample}；${STATUS_ZH[i.status as string] ?? i.status}`);
    if (i.calendar !== undefined) w(`    按工作日历 ${i.calendar} 计（工作时间）：${n(i.value)}；按自然时间：${n(i.wall_value)}`);
    const detail = Object.entries(i.detail as Record<string, unknown>).map(([k, v]) => `${DETAIL_ZH[k] ?? k} ${v === 'yes' ? '是' : v === 'no' ? '否' : v}`).join('，');
    if (i.kind_score !== null) w(`    ${KIND_ZH[i.scoring as string] ?? i.scoring}评分${detail ? `（${detail}）` : ''} -> 得分 ${n(i.kind_score, 2)}`);
    if (i.status !== 'ok') w(`    ${i.score === null ? '不计入：所属维度按有数据的指标重新分配权重' : `按 ${n(i.score, 2)} 分计（数据不足规则）`}`);
    else w(`    占${dim(i.dimension)}的 ${n((i.share as number) * 100, 2)}% -> 计入总分 ${n(i.contribution, 4)} 分`);
  }
  w('');
  w('考核维度：');
  for (const [id, d] of dims) {
    w(`  ${dim(id)}：得分 ${n(d.score, 2)} x 权重 ${d.weight}% = ${n(d.contribution, 4)}${d.status === 'no_data' ? '（无数据：按中性分）' : ''}`);
  }
  w('');
  w(`加权总分：${n(e.weighted_total, 4)}`);
  const adj = e.adjustments as { date: string; target: string; value: number; reason: string }[];
  for (const a of adj) w(`  加减分 ${a.date} ${a.target === 'score' ? '分数' : '积分'} ${a.value > 0 ? '+' : ''}${a.value}：${a.reason}`);
  w(`加减分合计：${n(e.score_adjustment, 2)}${e.score_adjustment !== e.score_adjustment_uncapped ? `（由 ${n(e.score_adjustment_uncapped, 2)} 封顶）` : ''}`);
  w(`总分：${n(e.weighted_total, 4)} + ${n(e.score_adjustment, 2)}，限定在 0-100，四舍五入保留一位小数 = ${formatFixed(e.total as number, 1)}`);
  w(`考核等级：${labels.ratings?.[e.rating as string] ?? e.rating_label}（${e.rating}），奖惩金额 ${e.bonus}`);
  const l = e.ledger as Detail;
  const actions = e.actions as string[];
  w(`触发规则：${actions.length ? actions.map((a) => labels.streaks?.[a] ?? a).join('，') : '无'}${(e.flags as string[]).length ? `；标记：${(e.flags as string[]).map((f) => flagZh(f, e, labels)).join('，')}` : ''}`);
  if (Array.isArray(e.corrections)) w(`已按申诉更正（更正编号：${(e.corrections as string[]).join('，')}），详见当月清单与 reruns/ 下的变更记录`);
  w('');
  w(`积分：本月 ${l.points_delta}（等级积分${e.points_adjustment ? ` + 加减积分 ${e.points_adjustment}` : ''}）；年度积分 ${l.annual_points}${l.regraded ? '（本月年度定级）' : ''}；技能等级 ${labels.levels?.[String(l.level)] ?? l.level}`);
  w(`工资：基本工资 ${l.base_salary} = 年度积分 x 每分工资；扣减规则${l.pay_rule_applies ? '适用' : '不适用（技能等级低于适用等级）'}`);
  w(`  连续有绩效加分 ${l.bonus_streak} 个月，连续无加分 ${l.no_bonus_streak} 个月；扣减 ${l.previous_reduction} -> ${l.salary_reduction}${l.floor_applied ? '（已到保底工资）' : ''}`);
  w(`  下月工资：${l.base_salary} - ${l.salary_reduction} = ${l.next_salary}`);
}
