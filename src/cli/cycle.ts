// `scorecard cycle`: a quarter, a half-year or a year from the months already published in --out (their scorecards
// and metric states, each checked against its manifest), published atomically to OUT/<cycle>/ like a month.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locale } from '../config/schema.js';
import { computeCycle, type MonthCard, type PublishedMonth } from '../cycles/cycle.js';
import { calibrate } from '../cycles/calibration.js';
import { candidates } from '../cycles/recognition.js';
import { eachRecord } from '../join/read-input.js';
import { rejectMessage, type Reject } from '../problems.js';
import { calibrationCsv, candidatesCsv, cycleCsv, cycleJson, cycleXlsx } from '../report/cycle-files.js';
import { cycleManifest, manifestText, sha256Of, type FileData, type Manifest } from '../report/manifest.js';
import { parseMetricStates } from '../report/metric-states.js';
import { acquireLock, cleanLeftovers, publishedPeriods, publishFolder, PublishedFileError, readPublishedFile } from '../report/publish.js';
import { makePeriod, parsePeriodId } from '../util/time.js';
import { exitOnError, loadRules } from './failure.js';
import { DataError, EXIT, makeLogger, UsageError, type ExitCode, type Io } from './io.js';

export interface CycleOptions { period?: string; out: string; config?: string; locale?: string; evaluations?: string; bom?: boolean; quiet?: boolean; verbose?: boolean; color?: boolean }

export async function cycleCommand(o: CycleOptions, io: Io): Promise<ExitCode> {
  const log = makeLogger(io, o);
  try {
    return await execute(o, io, log);
  } catch (e) {
    return exitOnError(e, log, o.verbose);
  }
}

async function execute(o: CycleOptions, io: Io, log: ReturnType<typeof makeLogger>): Promise<ExitCode> {
  const loaded = loadRules(o.config, io.cwd, log);
  const config = loaded.config;
  const locale = (o.locale ?? config.locale) as Locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError(`--locale ${o.locale}: use en or zh-CN`);
  const id = o.period ?? '';
  const parsed = parsePeriodId(id);
  if (!parsed || parsed.kind === 'month') throw new UsageError(`--period ${id || '(none)'}: a quarter, half-year or year, e.g. 2026-Q1, 2026-H1 or 2026 (a month is scored by run)`);
  const period = makePeriod(id, config.timezone);
  const review = parsed.kind === 'year' ? config.cycles.year.annual : undefined;
  if (review && !o.evaluations) throw new UsageError(`the year's annual review (cycles.year.annual) takes its items from --evaluations FILE`);
  const out = resolve(io.cwd, o.out);
  const release = acquireLock(out, io.now());
  try {
    for (const note of cleanLeftovers(out)) log.warn(note);
    const published = new Set(publishedPeriods(out));
    const missing = period.months.filter((m) => !published.has(m));
    if (missing.length > 0) {
      throw new DataError(`${id} is computed from its months as published in ${o.out}, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not published there (run ${missing.length > 1 ? 'them' : 'it'} first)`);
    }
    const months: PublishedMonth[] = [];
    const used: NonNullable<Manifest['months']> = {};
    for (const m of period.months) {
      try {
        const cards = JSON.parse(readPublishedFile(out, m, 'scorecards.json').toString('utf8')) as { engineers: MonthCard[] };
        const states = parseMetricStates(readPublishedFile(out, m, 'metrics.json').toString('utf8'));
        months.push({ period: m, cards: cards.engineers, measures: states.measures, states: new Map(states.engineers.map((e) => [e.engineer_id, e.states])) });
        const manifestBytes = readFileSync(join(out, m, 'manifest.json'));
        const outputs = (JSON.parse(manifestBytes.toString('utf8')) as Manifest).outputs;
        used[m] = { manifest: sha256Of(manifestBytes), files: { 'metrics.json': outputs['metrics.json'], 'scorecards.json': outputs['scorecards.json'] } };
      } catch (e) {
        if (e instanceof PublishedFileError) throw new DataError(e.message);
        throw e;
      }
    }
    const inputs: Manifest['inputs'] = {};
    let annual: Map<string, Map<string, number>> | undefined;
    if (o.evaluations && parsed.kind === 'year') {
      const path = resolve(io.cwd, o.evaluations);
      const rejects: Reject[] = [];
      annual = new Map();
      const found = annual;
      const summary = await eachRecord(path, o.evaluations, 'evaluations', config, rejects, io.stdin, (rec, row, run) => {
        const v = rec.value as number;
        if (v < 0 || v > 100) return run.reject({ row }, 'OUT_OF_RANGE', 'value', String(v), { range: '0-100' });
        const items = found.get(rec.engineer_id as string) ?? new Map<string, number>();
        items.set(rec.item as string, v);
        found.set(rec.engineer_id as string, items);
        run.summary.rows_accepted += 1;
      });
      if (rejects.length > 0) {
        const r = rejects[0];
        throw new DataError(`${r.location.file} row ${r.location.row}: ${rejectMessage(r, locale)} (${rejects.length} row(s) refused: the annual review decides pay, so every row must be right)`);
      }
      inputs.evaluations = { input: 'evaluations', path: summary.path, file: summary.file, sheet: summary.sheet, sha256: summary.sha256, rows_read: summary.rows_read,
        rows_accepted: summary.rows_accepted, rows_rejected: summary.rows_rejected, rows_out_of_period: summary.rows_out_of_period };
    }
    const result = computeCycle(config, period, months, annual);
    const calibration = calibrate(result, config);
    const list = candidates(result, config);
    const bom = o.bom ?? (config.csv.bom === 'auto' ? locale === 'zh-CN' : config.csv.bom);
    const files = new Map<string, FileData>();
    files.set('cycle-scorecards.csv', cycleCsv(result, config, locale, bom));
    files.set('cycle-scorecards.xlsx', await cycleXlsx(result, config, locale, calibration, list));
    files.set('cycle-scorecards.json', cycleJson(result, config, locale, calibration, list));
    files.set('calibration.csv', calibrationCsv(result, calibration, locale, bom));
    if (result.kind === 'year') files.set('candidates.csv', candidatesCsv(result, list, locale, bom));
    const manifest = cycleManifest({ period: id, kind: result.kind, method: result.method, engineers: result.engineers.length }, config, { path: loaded.source, sha256: loaded.sha256 }, used, inputs, files);
    files.set('manifest.json', manifestText(manifest));
    publishFolder(out, id, files);
    const rated = result.engineers.filter((e) => e.rating !== null).length;
    const over = calibration.filter((c) => c.over);
    for (const c of over) log.warn(`calibration: ${c.scope === 'centre' ? 'the centre' : `team ${c.team}`} has ${c.count} of ${c.engineers} rated ${c.rating} (${(100 * c.share).toFixed(1)}%), over the ${(100 * (c.max_share ?? 0)).toFixed(0)}% of calibration.max_share`);
    log.info(log.c.green(`scorecard: ${id} (${result.method} of ${period.months.length} months) published to ${join(o.out, id)}: ${result.engineers.length} engineers, ${rated} rated${list.length ? `, ${list.length} candidate(s) for recognition or promotion` : ''}`));
    return EXIT.OK;
  } finally {
    release();
  }
}
