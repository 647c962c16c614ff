// All wording of the outputs in one place: header labels and grade-change reasons, in English and Chinese.
import { labelOf, type Config, type Locale } from '../config/schema.js';
import type { GradeChange } from '../history/ledger.js';
import { formatFixed } from '../util/round.js';

export const SCORECARD_FIXED = [
  'period', 'engineer_id', 'name', 'team', 'total', 'rating', 'rating_label', 'bonus', 'points_delta', 'annual_points',
  'level', 'base_salary', 'salary_reduction', 'next_salary', 'actions', 'flags',
] as const;

const ZH_FIXED: Record<string, string> = {
  period: '考核期间', engineer_id: '工号', name: '姓名', team: '班组', total: '总分', rating: '考核等级', rating_label: '考核等级名称',
  bonus: '奖惩金额', points_delta: '本月积分', annual_points: '年度积分', level: '技能等级', base_salary: '基本工资',
  salary_reduction: '下月扣减', next_salary: '下月工资', actions: '处理措施', flags: '标记',
};

export function scorecardHeaders(config: Config, locale: Locale): { ids: string[]; labels: string[] } {
  const ids: string[] = [...SCORECARD_FIXED];
  const labels: string[] = SCORECARD_FIXED.map((c) => (locale === 'zh-CN' ? ZH_FIXED[c] : c));
  for (const ind of config.indicators) {
    ids.push(`${ind.id}.value`, `${ind.id}.score`);
    if (locale === 'zh-CN') {
      const l = labelOf(ind.label, ind.id, locale);
      labels.push(`${l}(值)`, `${l}(得分)`);
    } else labels.push(`${ind.id}.value`, `${ind.id}.score`);
  }
  for (const d of config.dimensions) {
    ids.push(`dim.${d.id}`);
    labels.push(locale === 'zh-CN' ? labelOf(d.label, d.id, locale) : `dim.${d.id}`);
  }
  return { ids, labels };
}

export const CHANGE_COLUMNS = ['period', 'engineer_id', 'name', 'change', 'from', 'to', 'reason'] as const;
const ZH_CHANGE: Record<string, string> = { period: '考核期间', engineer_id: '工号', name: '姓名', change: '变动', from: '原值', to: '新值', reason: '原因' };
export const REJECT_COLUMNS = ['file', 'sheet', 'row', 'column', 'code', 'message', 'value'] as const;
const ZH_REJECT: Record<string, string> = { file: '文件', sheet: '工作表', row: '行号', column: '列', code: '代码', message: '说明', value: '原值' };

export function changeHeaders(locale: Locale): string[] {
  return CHANGE_COLUMNS.map((c) => (locale === 'zh-CN' ? ZH_CHANGE[c] : c));
}
export function rejectHeaders(locale: Locale): string[] {
  return REJECT_COLUMNS.map((c) => (locale === 'zh-CN' ? ZH_REJECT[c] : c));
}

export function ratingLabel(config: Config, id: string, locale: Locale): string {
  const r = config.ratings.find((x) => x.id === id);
  return r ? labelOf(r.label, r.id, locale) : id;
}

function streakLabel(config: Config, id: string, locale: Locale): string {
  const s = config.streaks.find((x) => x.id === id);
  return s ? labelOf(s.label, s.id, locale) : id;
}

/** The reason of a grade change, naming the rule and the figures. */
export function changeReason(config: Config, c: GradeChange, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const a = c.args;
  const rl = (id: string) => ratingLabel(config, id, locale);
  const pr = config.ledger.pay_rule;
  switch (c.change) {
    case 'rating_up':
    case 'rating_down':
      return zh
        ? `考核等级由${rl(c.from)}（${a.from_period} ${formatFixed(a.from_total as number, 1)}）变为${rl(c.to)}（${formatFixed(a.to_total as number, 1)}）`
        : `rating went from ${rl(c.from)} (${a.from_period} ${formatFixed(a.from_total as number, 1)}) to ${rl(c.to)} (${formatFixed(a.to_total as number, 1)})`;
    case 'level_up':
    case 'level_down':
      return zh
        ? `年度定级：上年积分 ${a.previous_points} + 近12个月积分 ${a.year_points} + 工龄积分 ${a.seniority} = ${a.annual_points}，技能等级 ${c.from} → ${c.to}`
        : `yearly regrade: previous annual points ${a.previous_points} + ${a.year_points} earned in the last 12 months + ${a.seniority} seniority = ${a.annual_points}, level ${c.from} -> ${c.to}`;
    case 'pay_reduced':
      return zh
        ? `技能等级 ≥ ${pr.min_level}，连续 ${a.no_bonus_streak} 个月无绩效加分：下月起每月工资再减 ${pr.step}，累计扣减 ${a.reduction}（基本工资 ${a.base_salary}，下月实发 ${c.to}${a.floor !== '' ? `，不低于保底 ${a.floor}` : ''}）`
        : `level >= ${pr.min_level} and ${a.no_bonus_streak} consecutive months without bonus points: salary reduced by ${pr.step} more, ${a.reduction} in all (base ${a.base_salary}, next month ${c.to}${a.floor !== '' ? `, held at the floor of ${a.floor}` : ''})`;
    case 'pay_restored':
      if (a.below_min_level !== '') {
        return zh ? `技能等级低于 ${a.below_min_level}，不适用扣减规则：恢复全额工资 ${a.base_salary}` : `level below ${a.below_min_level}: the pay rule no longer applies, full salary ${a.base_salary} restored`;
      }
      return zh
        ? `连续 ${a.bonus_streak} 个月获得绩效加分：下月恢复全额工资 ${a.base_salary}`
        : `${a.bonus_streak} consecutive months with bonus points: full salary ${a.base_salary} restored next month`;
    case 'new_engineer':
      return zh ? `新加入人员名单（${c.to}），年度积分 ${a.annual_points}，技能等级 ${a.level}` : `joined the roster (${c.to}) with ${a.annual_points} annual points, level ${a.level}`;
    case 'graded':
      return zh
        ? `入职定级：考核总分 ${a.exam_score} + 基础经验分 ${a.experience_points} + 学历分 ${a.education_points} = 入职总分 ${a.entry_points}，技能等级 ${levelWords(config, c.to, locale)}，基本工资 ${a.base_salary}`
        : `first grade: exam ${a.exam_score} + experience ${a.experience_points} + education ${a.education_points} = ${a.entry_points} entry points, level ${levelWords(config, c.to, locale)}, base salary ${a.base_salary}`;
    case 'probation': {
      const months = (c.history ?? []).map((h) => `${h.period} ${formatFixed(h.total, 1)}`).join(', ');
      return zh
        ? `试用期至 ${a.probation_end}：${a.months} 个月平均分 ${formatFixed(a.mean_total as number, 1)}（${months}；转正线 ${a.pass_at}，延期线 ${a.extend_at}）：${probationWords(c.to, locale)}`
        : `probation to ${a.probation_end}: mean of ${a.months} month(s) ${formatFixed(a.mean_total as number, 1)} (${months}; passes at ${a.pass_at}, extended at ${a.extend_at}): ${probationWords(c.to, locale)}`;
    }
    case 'left':
      if (a.absent === 'yes') return zh ? `已不在人员名单中（最后考核 ${a.last_scored || '无'}）` : `no longer on the roster (last scored ${a.last_scored || 'never'})`;
      return zh ? `人员名单状态为离职（最后考核 ${a.last_scored || '无'}）` : `marked as left on the roster (last scored ${a.last_scored || 'never'})`;
    default: {
      const id = c.change.slice('action:'.length);
      const s = config.streaks.find((x) => x.id === id);
      const months = (c.history ?? []).map((h) => `${h.period} ${formatFixed(h.total, 1)}`).join(', ');
      const which = (s?.ratings ?? []).map(rl).join('/');
      return zh
        ? `连续 ${a.length} 个月考核为${which}（${months}）：${streakLabel(config, id, locale)}`
        : `${a.length} consecutive months rated ${which} (${months}): ${streakLabel(config, id, locale)}`;
    }
  }
}

// ---- words for people: the workbook and the text commands show these instead of machine ids

const STATUS: Record<string, [string, string]> = { active: ['Active', '在职'], probation: ['Probation', '试用'], left: ['Left', '离职'] };

export function statusWords(status: string, locale: Locale): string {
  const w = STATUS[status];
  return w ? w[locale === 'zh-CN' ? 1 : 0] : status;
}

/** A level with its label: `3 Senior`, `3 高级`. */
export function levelWords(config: Config, level: number | string, locale: Locale): string {
  const l = config.ledger.levels.find((x) => String(x.level) === String(level));
  const label = l?.label === undefined ? '' : labelOf(l.label, '', locale);
  return label ? `${level} ${label}` : String(level);
}

export function actionWords(config: Config, id: string, locale: Locale): string {
  return streakLabel(config, id, locale);
}

/** A flag in words: `insufficient:csat` is "Too little data: Customer satisfaction". */
export function flagWords(config: Config, flag: string, locale: Locale): string {
  const zh = locale === 'zh-CN';
  const [kind, id] = flag.split(':');
  if (kind === 'insufficient') return `${zh ? '数据不足：' : 'Too little data: '}${labelOf(config.indicators.find((i) => i.id === id)?.label, id, locale)}`;
  if (kind === 'no_data') return `${zh ? '无数据（按中性分）：' : 'No data (neutral score): '}${labelOf(config.dimensions.find((d) => d.id === id)?.label, id, locale)}`;
  if (kind === 'adjustment_capped') return zh ? '加减分已封顶' : 'Adjustments capped';
  if (kind === 'probation') return `${zh ? '试用期考核：' : 'Probation review: '}${probationWords(id, locale)}`;
  const cycle = CYCLE_FLAGS[flag];
  if (cycle) return cycle[zh ? 1 : 0];
  return flag;
}

const PROBATION: Record<string, [string, string]> = { pass: ['passed', '转正'], extend: ['probation extended', '延长试用期'], not_passed: ['not passed', '不予转正'] };

export function probationWords(result: string, locale: Locale): string {
  const w = PROBATION[result];
  return w ? w[locale === 'zh-CN' ? 1 : 0] : result;
}

const CYCLE_FLAGS: Record<string, [string, string]> = {
  ungraded: ['Ungraded: entry exam below the pass mark (probation extended, at most 3 months)', '未定级：入职考核低于合格线（试用期延长，最长3个月）'],
  too_few_months: ['Too few months scored: no rating', '考核月数不足，不评等级'], joined_in_cycle: ['Joined during the cycle', '周期内入职'],
  left_in_cycle: ['Not scored in the cycle\'s last month', '周期末月未参加考核'], no_annual_review: ['No annual review items: months only', '无年度评议项，仅按月度'],
  forced_down: ['Moved down by the forced distribution', '按强制分布下调'],
};

const CHANGE: Record<string, [string, string]> = {
  rating_up: ['Rating up', '等级上升'], rating_down: ['Rating down', '等级下降'], level_up: ['Level up', '技能等级晋升'],
  level_down: ['Level down', '技能等级下调'], pay_reduced: ['Pay reduced', '工资扣减'], pay_restored: ['Pay restored', '工资恢复'],
  new_engineer: ['New engineer', '新员工'], left: ['Left', '离职'], graded: ['First grade', '入职定级'], probation: ['Probation review', '试用期考核'],
};

export function changeWords(config: Config, change: string, locale: Locale): string {
  if (change.startsWith('action:')) return actionWords(config, change.slice('action:'.length), locale);
  const w = CHANGE[change];
  return w ? w[locale === 'zh-CN' ? 1 : 0] : change;
}

/** The from and to of a grade change in words (ratings, levels and statuses by their labels; money stays a number). */
export function changeValueWords(config: Config, change: string, value: string, locale: Locale): string {
  if (value === '') return '';
  if (change === 'rating_up' || change === 'rating_down') return ratingLabel(config, value, locale);
  if (change === 'level_up' || change === 'level_down') return levelWords(config, value, locale);
  if (change === 'new_engineer' || change === 'left') return statusWords(value, locale);
  if (change.startsWith('action:')) return actionWords(config, value, locale);
  if (change === 'graded') return levelWords(config, value, locale);
  if (change === 'probation') return value === 'probation' ? statusWords(value, locale) : probationWords(value, locale);
  return value;
}

const REJECT_TITLE: Record<string, [string, string]> = {
  MALFORMED_ROW: ['Malformed row', '行格式错误'], MISSING_VALUE: ['Missing value', '缺少数据'], BAD_DATE: ['Bad date', '日期错误'],
  BAD_NUMBER: ['Bad number', '数字错误'], BAD_ENUM: ['Unknown value', '取值无效'], OUT_OF_RANGE: ['Out of range', '超出范围'],
  NEGATIVE_DURATION: ['Negative duration', '时间倒置'], DUPLICATE_ID: ['Duplicate', '重复'], UNKNOWN_ENGINEER: ['Unknown engineer', '未知工程师'],
  UNKNOWN_TICKET: ['Unknown ticket', '未知工单'],
};

export function rejectTitle(code: string, locale: Locale): string {
  const w = REJECT_TITLE[code];
  return w ? w[locale === 'zh-CN' ? 1 : 0] : code;
}

const UNIT: Record<string, [string, string]> = { share: ['%', '%'], minutes: ['min', '分钟'], hours: ['h', '小时'], days: ['days', '天'], count: ['', ''], score: ['', ''], value: ['', ''] };

/** A unit for a header: `(min)`, `(分钟)`, or nothing. */
export function unitWords(unit: string, locale: Locale): string {
  const w = UNIT[unit]?.[locale === 'zh-CN' ? 1 : 0] ?? '';
  return w;
}

/** Column headers of the workbook and of payroll.csv, by id. */
const HEADERS: Record<string, [string, string]> = {
  period: ['Period', '考核期间'], engineer_id: ['Engineer ID', '工号'], name: ['Name', '姓名'], team: ['Team', '班组'], total: ['Total', '总分'],
  rating: ['Rating', '考核等级'], bonus: ['Bonus', '奖惩金额'], actions: ['Actions', '处理措施'], flags: ['Flags', '标记'], level: ['Level', '技能等级'],
  points_delta: ['Points this month', '本月积分'], annual_points: ['Annual points', '年度积分'],
  base_salary: ['Base salary', '基本工资'], salary_reduction: ['Reduction', '下月扣减'], next_salary: ['Next salary', '下月工资'],
  change: ['Change', '变动'], from: ['From', '原值'], to: ['To', '新值'], reason: ['Reason', '原因'],
  file: ['File', '文件'], sheet: ['Sheet', '工作表'], row: ['Row', '行号'], column: ['Column', '列'], problem: ['Problem', '问题'], message: ['What is wrong', '说明'], value: ['Value', '原值'],
  value_suffix: ['value', '值'], score_suffix: ['score', '得分'], total_row: ['Total', '合计'],
  months_scored: ['Months scored', '考核月数'], annual: ['Annual review', '年度评议'], rank_in_team: ['Rank in team', '班组排名'],
  rating_label: ['Rating', '考核等级名称'], scope: ['Scope', '范围'], engineers: ['Engineers rated', '评定人数'], count: ['Count', '该等级人数'], share: ['Share', '占比'],
  max_share: ['At most', '比例上限'], over: ['Over', '超出'], mean_total: ['Mean total', '平均分'], spread: ['Spread', '离散度（标准差）'],
  candidate: ['Candidate for', '候选'], kind: ['Kind', '类别'], rule: ['Rule', '规则'], centre: ['Centre', '全中心'],
};

export function header(id: string, locale: Locale): string {
  const w = HEADERS[id];
  return w ? w[locale === 'zh-CN' ? 1 : 0] : id;
}

/** The columns of the payroll sheet and of payroll.csv, in order. */
export const PAYROLL_COLUMNS = ['engineer_id', 'name', 'team', 'bonus', 'base_salary', 'salary_reduction', 'next_salary'] as const;

/** A label, or the id made readable (`resolved_24h` -> `Resolved 24h`) when the rules give none. */
export function readable(label: Parameters<typeof labelOf>[0], id: string, locale: Locale): string {
  const l = labelOf(label, '', locale);
  if (l) return l;
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
