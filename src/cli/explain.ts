// `scorecard explain`: one engineer's computation, step by step, from the published scorecards.json of a period.
import { existsSync } from 'node:fs';
import { PublishedFileError, readPublishedFile } from '../report/publish.js';
import { join, resolve } from 'node:path';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { formatFixed, formatNumber } from '../util/round.js';

interface Detail { [k: string]: unknown }

export function loadPeriodJson(out: string, period: string): { engineers: Detail[] } | string {
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

export function explainCommand(id: string, o: { out: string; period: string }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const data = loadPeriodJson(resolve(io.cwd, o.out), o.period);
  if (typeof data === 'string') {
    log.error(data);
    return EXIT.DATA;
  }
  const e = data.engineers.find((x) => x.engineer_id === id);
  if (!e) {
    log.error(`engineer ${id} was not scored in ${o.period} (scored: ${data.engineers.map((x) => x.engineer_id).join(', ')})`);
    return EXIT.DATA;
  }
  const w = (s: string) => io.stdout.write(`${s}\n`);
  w(`${e.engineer_id} ${e.name}${e.team ? ` (${e.team})` : ''}, period ${o.period}`);
  w('');
  w('Indicators (metric value -> indicator score -> share of its dimension -> points of the total):');
  for (const i of e.indicators as Detail[]) {
    const params = Object.entries(i.params as Record<string, number>).map(([k, v]) => `${k}=${v}`).join(', ');
    w(`  ${i.id} [${i.label}] in ${i.dimension}, weight ${i.weight}`);
    w(`    metric ${i.metric}${params ? `(${params})` : ''} = ${n(i.value)} from ${i.n} case(s); min_sample ${i.min_sample}; ${i.status}`);
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
  w('');
  w(`Points: ${l.points_delta} this period (rating points${e.points_adjustment ? ` + ${e.points_adjustment} from adjustments` : ''}); annual points ${l.annual_points}${l.regraded ? ' (regraded this period)' : ''}; level ${l.level}`);
  w(`Pay: base salary ${l.base_salary} = annual points x salary per point; pay rule ${l.pay_rule_applies ? 'applies' : 'does not apply (level below its minimum)'}`);
  w(`  months in a row with bonus points ${l.bonus_streak}, without ${l.no_bonus_streak}; reduction ${l.previous_reduction} -> ${l.salary_reduction}${l.floor_applied ? ' (held at the floor)' : ''}`);
  w(`  next month's salary: ${l.base_salary} - ${l.salary_reduction} = ${l.next_salary}`);
  return EXIT.OK;
}
