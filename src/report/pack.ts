// Report stage, the feedback pack: a one-page 面谈 sheet per scored engineer and the department dashboard, as
// self-contained HTML (styles inline, charts as inline SVG drawn here, no script, nothing fetched), made from a
// published period's scorecards.json and up to eleven months before it. Everything from the roster and the inputs is
// escaped. The same data give the same bytes.
import { createHash } from 'node:crypto';
import { formatNumber } from '../util/round.js';
import { escapeHtml } from './cells.js';
import { dimensionBars, totalTrend, type Threshold } from './charts.js';

type Locale = 'en' | 'zh-CN';
type Any = Record<string, any>;

/** One published month, as scorecards.json holds it. */
export interface PackMonth { period: string; engineers: Any[]; labels?: Record<string, Any>; policy?: Any }
export interface PackInput {
  locale: Locale;
  month: PackMonth;
  /** earlier published months, oldest first (up to eleven) */
  history: PackMonth[];
  /** rows read and rejected per input file (the month's manifest) */
  inputs: { input: string; file: string; rows_read: number; rows_rejected: number }[];
}

export const esc = escapeHtml;

/** The file of an engineer's page: the id when it is a plain file name, else a safe name made unique by a hash. */
export function pageName(id: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/.test(id)) return `${id}.html`;
  return `${id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60)}-${createHash('sha256').update(id).digest('hex').slice(0, 10)}.html`;
}

const T = {
  en: {
    sheet: 'Feedback sheet', name: 'Name', period: 'Period', id: 'Engineer ID', team: 'Team', level: 'Level', total: 'Total', rating: 'Rating', bonus: 'Bonus',
    indicator: 'Indicator', value: 'Value', target: 'Policy', score: 'Score', contribution: 'Points', dims: 'Dimensions against the team average',
    mine: 'This engineer', teamAvg: 'Team average', trend: 'Monthly total and rating thresholds', strengths: 'Strongest', weaknesses: 'To improve',
    actions: 'Warnings and actions', none: 'none', pay: 'Points, level and pay', points: 'points this month', annual: 'annual points',
    next: "next month's salary", base: 'base', reduction: 'reduction', notes: 'Notes of the feedback meeting', signEngineer: 'Engineer',
    signSupervisor: 'Supervisor', date: 'Date', insufficient: 'too little data', noData: 'no data',
    reached: (v: string, t: string, s: string) => `reached ${v} (policy: ${t}), score ${s}`,
    dashboard: 'Department dashboard', engineers: 'engineers scored', centre: 'The centre against the policy', distribution: 'Ratings per team',
    teamMean: 'Mean total per team', monthActions: 'Actions of the month', rejects: 'Rejected rows per input', pages: 'Engineers',
    file: 'File', read: 'Rows read', rejected: 'Rows rejected', change: 'Change', who: 'Engineer', payReduced: 'pay reduced', payRestored: 'pay restored',
    figure: { csat_mean: 'Satisfaction', resolved_within_rate: 'Resolved within 24 h', first_response_within_rate: 'First response within 1 h', first_response_minutes_mean: 'Mean response time (min)', complaint_rate: 'Complaint rate' } as Record<string, string>,
    targetWord: 'target',
  },
  'zh-CN': {
    sheet: '绩效面谈表', name: '姓名', period: '考核期间', id: '工号', team: '班组', level: '技能等级', total: '总分', rating: '考核等级', bonus: '奖惩金额',
    indicator: '考核指标', value: '实际值', target: '考核标准', score: '得分', contribution: '计入总分', dims: '各维度得分与班组平均',
    mine: '本人', teamAvg: '班组平均', trend: '月度总分与等级线', strengths: '优势指标', weaknesses: '待改进指标',
    actions: '警告与处理措施', none: '无', pay: '积分、等级与工资', points: '本月积分', annual: '年度积分',
    next: '下月工资', base: '基本工资', reduction: '扣减', notes: '面谈记录', signEngineer: '工程师签字',
    signSupervisor: '主管签字', date: '日期', insufficient: '数据不足', noData: '无数据',
    reached: (v: string, t: string, s: string) => `实际 ${v}（标准：${t}），得分 ${s}`,
    dashboard: '部门考核看板', engineers: '名工程师参加考核', centre: '中心指标与考核标准', distribution: '各班组考核等级分布',
    teamMean: '各班组平均总分', monthActions: '本月处理措施', rejects: '各输入文件的拒收行', pages: '工程师',
    file: '文件', read: '读取行数', rejected: '拒收行数', change: '变动', who: '工程师', payReduced: '工资扣减', payRestored: '工资恢复',
    figure: { csat_mean: '客户满意度', resolved_within_rate: '24小时解决率', first_response_within_rate: '1小时首次响应率', first_response_minutes_mean: '平均响应时间（分钟）', complaint_rate: '投诉率' } as Record<string, string>,
    targetWord: '标准',
  },
};

const UNIT = { en: { minutes: ' min', hours: ' h', days: ' days' }, 'zh-CN': { minutes: ' 分钟', hours: ' 小时', days: ' 天' } } as Record<Locale, Record<string, string>>;

/** A metric value in words: shares as percentages, durations with their unit. */
function showValue(v: number | null, unit: string, locale: Locale): string {
  if (v === null || v === undefined) return '-';
  if (unit === 'share') return `${formatNumber(v * 100, 1)}%`;
  return `${formatNumber(v, unit === 'days' ? 2 : 1)}${UNIT[locale][unit] ?? ''}`;
}

/** What the policy asks of an indicator, in words. */
function showTarget(scoring: Any | undefined, unit: string, locale: Locale): string {
  if (!scoring) return '';
  const v = (x: number) => showValue(x, unit, locale);
  const zh = locale === 'zh-CN';
  switch (scoring.kind) {
    case 'linear': {
      const up = scoring.best > scoring.worst;
      return zh ? `${up ? '≥' : '≤'} ${v(scoring.best)} 满分，${up ? '≤' : '≥'} ${v(scoring.worst)} 为 0` : `${up ? '≥' : '≤'} ${v(scoring.best)} full score, ${up ? '≤' : '≥'} ${v(scoring.worst)} zero`;
    }
    case 'target':
      return scoring.at_least !== undefined ? `≥ ${v(scoring.at_least)}` : `≤ ${v(scoring.at_most)}`;
    case 'bands': {
      const best = Math.max(...scoring.bands.map((b: Any) => b.points));
      const top = scoring.bands.find((b: Any) => b.points === best);
      return top?.max !== undefined ? `≤ ${v(top.max)} ${zh ? '满分' : 'full score'}` : '';
    }
    default:
      return '0-100';
  }
}

const STYLE = `<style>
@page { size: A4; margin: 9mm 11mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", Arial, sans-serif; font-size: 9pt; line-height: 1.3; color: #222; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 1mm; } h2 { font-size: 10pt; margin: 2mm 0 1mm; border-bottom: 1px solid #bbb; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: 0.4mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eef2f8; font-weight: 600; } td.num { text-align: right; white-space: nowrap; }
.head { display: flex; justify-content: space-between; align-items: flex-end; }
.boxes { display: flex; gap: 3mm; margin: 1.5mm 0; } .box { border: 1px solid #bbb; padding: 1mm 3mm; min-width: 30mm; }
.box b { display: block; font-size: 13pt; } .charts { display: flex; gap: 3mm; justify-content: space-between; }
.muted { color: #666; } .notes { border: 1px solid #999; height: 24mm; }
.sign { display: flex; gap: 10mm; margin-top: 2mm; } .sign div { flex: 1; border-bottom: 1px solid #333; padding-top: 7mm; }
.sheet { page-break-after: avoid; } ul { margin: 0; padding-left: 5mm; }
.rating-excellent { color: #1e7b34; } .rating-fail { color: #b00020; }
.wrap { flex-wrap: wrap; } .fig h3 { font-size: 10pt; margin: 2mm 0 0; }
</style>`;

function page(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="${locale}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n${STYLE}\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function words(m: PackMonth, locale: Locale): Any {
  return m.labels?.[locale] ?? {};
}

/** The engineer pages: file name -> HTML. */
export function engineerPages(input: PackInput): Map<string, string> {
  const { locale, month } = input;
  const t = T[locale];
  const w = words(month, locale);
  const policy = new Map<string, Any>((month.policy?.indicators ?? []).map((i: Any) => [i.id, i]));
  const thresholds: Threshold[] = (month.policy?.ratings ?? []).filter((r: Any) => r.min > 0).map((r: Any) => ({ label: w.ratings?.[r.id] ?? r.id, min: r.min }));
  // the team's average of each dimension score, this month
  const teamDims = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const e of month.engineers) {
    const team = teamDims.get(e.team) ?? new Map();
    for (const d of e.dimensions) {
      const a = team.get(d.id) ?? { sum: 0, n: 0 };
      a.sum += d.score;
      a.n += 1;
      team.set(d.id, a);
    }
    teamDims.set(e.team, team);
  }
  const months = [...input.history, month];
  const totals = months.map((m) => new Map<string, number>(m.engineers.map((e) => [e.engineer_id as string, e.total as number])));
  const out = new Map<string, string>();
  for (const e of month.engineers) {
    const rows = e.indicators.map((i: Any) => {
      const p = policy.get(i.id);
      const unit = p?.unit ?? 'value';
      const status = i.status === 'ok' ? '' : ` <span class="muted">(${i.status === 'insufficient' ? t.insufficient : t.noData})</span>`;
      return `<tr><td>${esc(w.indicators?.[i.id] ?? i.label)}</td><td class="num">${esc(showValue(i.value, unit, locale))} <span class="muted">n=${i.n}</span></td><td>${esc(showTarget(p?.scoring, unit, locale))}</td><td class="num">${i.score === null ? '-' : esc(formatNumber(i.score, 1))}${status}</td><td class="num">${i.contribution === null ? '-' : esc(formatNumber(i.contribution, 2))}</td></tr>`;
    }).join('');
    const scored = e.indicators.filter((i: Any) => i.status === 'ok' && i.score !== null);
    const byScore = [...scored].sort((a: Any, b: Any) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const say = (i: Any) => {
      const p = policy.get(i.id);
      const unit = p?.unit ?? 'value';
      return `<li><b>${esc(w.indicators?.[i.id] ?? i.label)}</b>: ${esc(t.reached(showValue(i.value, unit, locale), showTarget(p?.scoring, unit, locale), formatNumber(i.score, 1)))}</li>`;
    };
    const strong = byScore.slice(0, 2);
    const weak = byScore.slice(-2).reverse().filter((i: Any) => !strong.includes(i));
    const team = teamDims.get(e.team);
    const bars = dimensionBars(e.dimensions.map((d: Any) => {
      const a = team?.get(d.id);
      return { label: w.dimensions?.[d.id] ?? d.id, value: d.score, reference: a && a.n > 0 ? a.sum / a.n : null };
    }), { mine: t.mine, team: t.teamAvg });
    const trend = totalTrend(months.map((m, k) => ({ period: m.period, total: totals[k].get(e.engineer_id) ?? null })), thresholds);
    const actions = (e.actions as string[]).map((a) => w.streaks?.[a] ?? a);
    const l = e.ledger;
    if (l.salary_reduction > l.previous_reduction) actions.push(`${t.payReduced}: ${l.base_salary - l.previous_reduction} → ${l.next_salary}`);
    else if (l.salary_reduction === 0 && l.previous_reduction > 0) actions.push(`${t.payRestored}: ${l.next_salary}`);
    const ratingName = w.ratings?.[e.rating] ?? e.rating_label;
    const body = `<div class="sheet">
<div class="head"><h1>${esc(t.sheet)} · ${esc(e.name)}</h1><div>${esc(t.period)} ${esc(month.period)}</div></div>
<div>${esc(t.id)} ${esc(e.engineer_id)} · ${esc(t.team)} ${esc(e.team)} · ${esc(t.level)} ${esc(w.levels?.[String(l.level)] ?? l.level)}</div>
<div class="boxes"><div class="box">${esc(t.total)}<b>${esc(formatNumber(e.total, 1))}</b></div><div class="box">${esc(t.rating)}<b class="rating-${esc(e.rating)}">${esc(ratingName)}</b></div><div class="box">${esc(t.bonus)}<b>${esc(e.bonus)}</b></div><div class="box">${esc(t.next)}<b>${esc(l.next_salary)}</b></div></div>
<table><tr><th>${esc(t.indicator)}</th><th>${esc(t.value)}</th><th>${esc(t.target)}</th><th>${esc(t.score)}</th><th>${esc(t.contribution)}</th></tr>${rows}</table>
<div class="charts"><div><h2>${esc(t.dims)}</h2>${bars}</div><div><h2>${esc(t.trend)}</h2>${trend}</div></div>
<h2>${esc(t.strengths)}</h2><ul>${strong.map(say).join('')}</ul>
<h2>${esc(t.weaknesses)}</h2><ul>${weak.map(say).join('')}</ul>
<h2>${esc(t.actions)}</h2><div>${actions.length ? actions.map(esc).join('；') : esc(t.none)}</div>
<h2>${esc(t.pay)}</h2><div>${esc(t.points)} ${esc(l.points_delta)} · ${esc(t.annual)} ${esc(l.annual_points)} · ${esc(t.level)} ${esc(w.levels?.[String(l.level)] ?? l.level)} · ${esc(t.base)} ${esc(l.base_salary)} − ${esc(t.reduction)} ${esc(l.salary_reduction)} = ${esc(t.next)} ${esc(l.next_salary)}</div>
<h2>${esc(t.notes)}</h2><div class="notes"></div>
<div class="sign"><div>${esc(t.signEngineer)}</div><div>${esc(t.signSupervisor)}</div><div>${esc(t.date)}</div></div>
</div>`;
    out.set(pageName(e.engineer_id), page(locale, `${t.sheet} ${e.engineer_id} ${month.period}`, body));
  }
  return out;
}

/** The centre's figure of one metric in a month: the indicator's values pooled over the engineers by their cases. */
function centreFigure(m: PackMonth, metric: string): number | null {
  let sum = 0;
  let n = 0;
  for (const e of m.engineers) {
    for (const i of e.indicators) {
      if (i.metric !== metric || i.value === null || !i.n) continue;
      sum += i.value * i.n;
      n += i.n;
    }
  }
  return n > 0 ? sum / n : null;
}

/** The department dashboard (index.html), with its charts drawn by ECharts on the server (SVG, no script). */
export async function dashboardPage(input: PackInput): Promise<string> {
  const { locale, month } = input;
  const t = T[locale];
  const w = words(month, locale);
  const echarts = await import('echarts');
  const months = [...input.history, month];
  let charts = 0;
  const render = (option: Any, width: number, height: number): string => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    const svg = chart.renderToSVGString();
    chart.dispose();
    // zrender numbers its instances for the whole process (zr7-c0): numbered by the page instead, the same data give
    // the same bytes whatever was drawn before
    charts += 1;
    const seen = new Map<string, string>();
    return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token, kind: string) => {
      let name = seen.get(token);
      if (name === undefined) {
        name = `chart${charts}-${kind}${seen.size}`;
        seen.set(token, name);
      }
      return name;
    });
  };
  const figures = ['csat_mean', 'resolved_within_rate', 'first_response_within_rate', 'first_response_minutes_mean', 'complaint_rate'];
  const policy: Any[] = month.policy?.indicators ?? [];
  const centre: string[] = [];
  for (const metric of figures) {
    const ind = policy.find((i) => i.metric === metric);
    if (!ind) continue;
    const share = ind.unit === 'share';
    const values = months.map((m) => {
      const v = centreFigure(m, metric);
      return v === null ? null : Number(formatNumber(share ? v * 100 : v, 2));
    });
    const s = ind.scoring;
    const target = s?.kind === 'linear' ? s.best : s?.kind === 'target' ? (s.at_least ?? s.at_most) : null;
    const series: Any[] = [{ type: 'line', name: t.figure[metric], data: values, symbolSize: 6, label: { show: true, fontSize: 9 } }];
    if (typeof target === 'number') {
      const tv = Number(formatNumber(share ? target * 100 : target, 2));
      series.push({ type: 'line', name: `${t.targetWord} ${tv}${share ? '%' : ''}`, data: months.map(() => tv), symbol: 'none', lineStyle: { type: 'dashed', color: '#c00000' } });
    }
    centre.push(`<div class="fig"><h3>${esc(t.figure[metric])}</h3>${render({
      legend: { top: 0, textStyle: { fontSize: 10 } }, grid: { left: 40, right: 16, top: 28, bottom: 24 },
      xAxis: { type: 'category', data: months.map((m) => m.period), axisLabel: { fontSize: 9 } }, yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 9 } }, series,
    }, 360, 200)}</div>`);
  }
  // ratings per team (stacked) and each team's mean total
  const teams = [...new Set(month.engineers.map((e) => e.team as string))].sort();
  const ratingIds: string[] = (month.policy?.ratings ?? []).map((r: Any) => r.id);
  const dist = render({
    legend: { top: 0 }, grid: { left: 40, right: 16, top: 30, bottom: 40 }, tooltip: {},
    xAxis: { type: 'category', data: teams.map((x) => x || '-'), axisLabel: { fontSize: 9, interval: 0, rotate: teams.length > 6 ? 30 : 0 } }, yAxis: { type: 'value', minInterval: 1 },
    series: ratingIds.map((id) => ({ type: 'bar', stack: 'r', name: w.ratings?.[id] ?? id, data: teams.map((tm) => month.engineers.filter((e) => e.team === tm && e.rating === id).length), label: { show: true, fontSize: 9, formatter: (p: Any) => (p.value ? String(p.value) : '') } })),
  }, 520, 260);
  const means = teams.map((tm) => {
    const es = month.engineers.filter((e) => e.team === tm);
    return Number(formatNumber(es.reduce((s, e) => s + e.total, 0) / es.length, 1));
  });
  const meanChart = render({
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: teams.map((x) => x || '-'), axisLabel: { fontSize: 9, interval: 0, rotate: teams.length > 6 ? 30 : 0 } }, yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ type: 'bar', data: means, label: { show: true, position: 'top', fontSize: 9 }, itemStyle: { color: '#4472c4' } }],
  }, 520, 260);
  const actionRows: string[] = [];
  for (const e of month.engineers) {
    const l = e.ledger;
    const list = (e.actions as string[]).map((a) => w.streaks?.[a] ?? a);
    if (l.salary_reduction > l.previous_reduction) list.push(`${t.payReduced} (${l.next_salary})`);
    else if (l.salary_reduction === 0 && l.previous_reduction > 0) list.push(`${t.payRestored} (${l.next_salary})`);
    if (list.length) actionRows.push(`<tr><td><a href="engineers/${esc(pageName(e.engineer_id))}">${esc(e.engineer_id)} ${esc(e.name)}</a></td><td>${esc(e.team)}</td><td>${list.map(esc).join('；')}</td></tr>`);
  }
  const rejectRows = input.inputs.map((s) => `<tr><td>${esc(s.file)}</td><td class="num">${s.rows_read}</td><td class="num">${s.rows_rejected}</td></tr>`).join('');
  const links = month.engineers.map((e) => `<tr><td><a href="engineers/${esc(pageName(e.engineer_id))}">${esc(e.engineer_id)}</a></td><td>${esc(e.name)}</td><td>${esc(e.team)}</td><td class="num">${esc(formatNumber(e.total, 1))}</td><td>${esc(w.ratings?.[e.rating] ?? e.rating_label)}</td></tr>`).join('');
  const body = `<h1>${esc(t.dashboard)} · ${esc(month.period)}</h1>
<div class="muted">${month.engineers.length} ${esc(t.engineers)}</div>
<h2>${esc(t.centre)}</h2><div class="charts wrap">${centre.join('')}</div>
<div class="charts"><div><h2>${esc(t.distribution)}</h2>${dist}</div><div><h2>${esc(t.teamMean)}</h2>${meanChart}</div></div>
<h2>${esc(t.monthActions)}</h2><table><tr><th>${esc(t.who)}</th><th>${esc(t.team)}</th><th>${esc(t.change)}</th></tr>${actionRows.join('') || `<tr><td colspan="3">${esc(t.none)}</td></tr>`}</table>
<h2>${esc(t.rejects)}</h2><table><tr><th>${esc(t.file)}</th><th>${esc(t.read)}</th><th>${esc(t.rejected)}</th></tr>${rejectRows}</table>
<h2>${esc(t.pages)}</h2><table><tr><th>${esc(t.id)}</th><th>${esc(t.name)}</th><th>${esc(t.team)}</th><th>${esc(t.total)}</th><th>${esc(t.rating)}</th></tr>${links}</table>`;
  return page(locale, `${t.dashboard} ${month.period}`, body);
}

/** The whole pack: index.html and engineers/<page>.html. */
export async function feedbackPack(input: PackInput): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('index.html', await dashboardPage(input));
  for (const [name, html] of engineerPages(input)) files.set(`engineers/${name}`, html);
  return files;
}
