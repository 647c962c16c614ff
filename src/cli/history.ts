// `scorecard history`: an engineer's published periods side by side (total, rating, streaks, points, level, salary).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { publishedPeriods, readPublishedFile } from '../report/publish.js';
import { labelsFor, loadPeriodJson, textLocale, type PeriodJson } from './explain.js';
import { formatFixed } from '../util/round.js';
import { parseState, StateError, type EngineerState } from '../history/state.js';

const ZH_ROWS: Record<string, string> = {
  total: '总分', rating_label: '考核等级', bonus: '奖惩金额', streaks: '连续记录', actions: '处理措施', points_delta: '本月积分',
  annual_points: '年度积分', level: '技能等级', base_salary: '基本工资', salary_reduction: '下月扣减', next_salary: '下月工资',
};

export function historyCommand(id: string, o: { out: string; locale?: string }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const out = resolve(io.cwd, o.out);
  const periods = publishedPeriods(out);
  const cols: { period: string; cells: Record<string, string> }[] = [];
  let published: string | undefined;
  let labelSource: PeriodJson = { engineers: [] };
  for (const p of periods) {
    if (!existsSync(join(out, p, 'scorecards.json'))) continue; // published without the json format
    const data = loadPeriodJson(out, p);
    if (typeof data === 'string') {
      log.error(data);
      return EXIT.DATA;
    }
    const e = data.engineers.find((x) => x.engineer_id === id) as Record<string, any> | undefined;
    if (!e) continue;
    published = data.locale;
    labelSource = data;
    let st: EngineerState | undefined;
    try {
      st = parseState(readPublishedFile(out, p, 'state.json').toString('utf8')).engineers.find((x) => x.engineer_id === id);
    } catch (err) {
      log.error(err instanceof StateError ? `${join(out, p, 'state.json')}: ${err.message}` : (err as Error).message);
      return EXIT.DATA;
    }
    cols.push({
      period: p,
      cells: {
        total: formatFixed(e.total, 1), rating: e.rating, rating_label: labelsFor(data, 'zh-CN').ratings?.[e.rating] ?? e.rating_label, bonus: String(e.bonus),
        streaks: st ? Object.entries(st.streaks).map(([k, v]) => `${k}:${v}`).join(' ') : '',
        actions: (e.actions as string[]).join(';') || '-', points_delta: String(e.ledger.points_delta),
        annual_points: String(e.ledger.annual_points), level: String(e.ledger.level), base_salary: String(e.ledger.base_salary),
        salary_reduction: String(e.ledger.salary_reduction), next_salary: String(e.ledger.next_salary),
      },
    });
  }
  if (cols.length === 0) {
    log.error(`no published period in ${o.out} scores engineer ${id}`);
    return EXIT.DATA;
  }
  const locale = textLocale(o.locale, published);
  if (locale !== 'en' && locale !== 'zh-CN') {
    log.error(`--locale ${locale}: use en or zh-CN`);
    return EXIT.USAGE;
  }
  const zh = locale === 'zh-CN';
  const labels = labelsFor(labelSource, locale);
  if (zh) {
    // words for the ids: streak and action names, levels with their labels
    for (const c of cols) {
      c.cells.streaks = c.cells.streaks.split(' ').filter(Boolean).map((x) => { const [k, v] = x.split(':'); return `${labels.streaks?.[k] ?? k}:${v}`; }).join(' ');
      c.cells.actions = c.cells.actions === '-' ? '-' : c.cells.actions.split(';').map((a) => labels.streaks?.[a] ?? a).join('；');
      c.cells.level = labels.levels?.[c.cells.level] ?? c.cells.level;
    }
  }
  const rows = ['total', zh ? 'rating_label' : 'rating', 'bonus', 'streaks', 'actions', 'points_delta', 'annual_points', 'level', 'base_salary', 'salary_reduction', 'next_salary'];
  const title = (r: string) => (zh ? ZH_ROWS[r] : r);
  const width = (s: string) => [...s].reduce((k, ch) => k + (ch.charCodeAt(0) >= 0x1100 ? 2 : 1), 0);
  const pad = (s: string, to: number) => s + ' '.repeat(Math.max(0, to - width(s)));
  const cw = Math.max(...cols.map((c) => Math.max(width(c.period), ...Object.values(c.cells).map(width)))) + 2;
  const lw = Math.max(18, ...rows.map((r) => width(title(r)) + 2));
  const w = (s: string) => io.stdout.write(`${s.trimEnd()}\n`);
  w(zh ? `工号 ${id}` : `engineer ${id}`);
  w(`${pad('', lw)}${cols.map((c) => pad(c.period, cw)).join('')}`);
  for (const r of rows) w(`${pad(title(r), lw)}${cols.map((c) => pad(c.cells[r] ?? '', cw)).join('')}`);
  return EXIT.OK;
}
