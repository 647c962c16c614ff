// `scorecard run` and `scorecard validate`: options -> pipeline -> reports -> atomic publish, with the exit codes of SPEC section 2.
import { join, resolve } from 'node:path';
import type { Locale } from '../config/schema.js';
import { runPipeline, type InputPaths, type PeriodResult } from '../pipeline.js';
import { startReader, type PartsMode } from '../join/month.js';
import type { PartRunner } from '../parallel/runner.js';
import { isMonthId, makePeriod, previousPeriod, shiftPeriod } from '../util/time.js';
import { parseState, StateError, type State } from '../history/state.js';
import { rejectHeaders } from '../report/words.js';
import { rejectRows, toCsv } from '../report/build.js';
import { monthFiles } from '../report/month-files.js';
import { manifestText, monthManifest, type Manifest } from '../report/manifest.js';
import { packHistory } from './report.js';
import { acquireLock, cleanLeftovers, publishedPeriods, publishFolder, PublishedFileError, readPublishedFile, type FileData } from '../report/publish.js';
import { resolveInputs } from './inputs.js';
import { exitOnError, loadRules } from './failure.js';
import { DataError, EXIT, makeLogger, UsageError, type ExitCode, type Io, type Logger } from './io.js';
import { printSummary } from './summary.js';

export interface RunOptions {
  period?: string; config?: string; inputDir?: string; out: string; format: string; stdout?: string; fresh?: boolean;
  maxRejectRate: string; locale?: string; bom?: boolean; quiet?: boolean; verbose?: boolean; color?: boolean;
  [input: string]: unknown;
}

export async function runCommand(mode: 'run' | 'validate', o: RunOptions, io: Io): Promise<ExitCode> {
  const log = makeLogger(io, { quiet: o.quiet, verbose: o.verbose, color: o.color });
  const reader = startEarly(o, io);
  try {
    return await execute(mode, o, io, log, reader);
  } catch (e) {
    return exitOnError(e, log, o.verbose);
  } finally {
    reader?.close(); // a reader started early and not used (the month was read in one pass, or not at all)
  }
}

async function execute(mode: 'run' | 'validate', o: RunOptions, io: Io, log: Logger, reader: PartRunner | null): Promise<ExitCode> {
  // Config first, whole, before any input is read.
  const loaded = loadRules(o.config, io.cwd, log);
  const config = loaded.config;
  if (o.config === undefined) log.verbose(`rules: ${loaded.source}`);
  const locale = (o.locale ?? config.locale) as Locale;
  if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError(`--locale ${o.locale}: use en or zh-CN`);
  if (!o.period) throw new UsageError('--period YYYY-MM (or --period previous) is required');
  const periodId = o.period === 'previous' ? previousPeriod(io.now(), config.timezone) : o.period;
  if (!isMonthId(periodId)) throw new UsageError(`--period ${o.period}: expected YYYY-MM (e.g. 2026-10) or previous`);
  const maxRate = Number(o.maxRejectRate);
  if (!/^\d*\.?\d+$/.test(o.maxRejectRate) || maxRate > 1) throw new UsageError(`--max-reject-rate ${o.maxRejectRate}: a share from 0 to 1, e.g. 0.02`);
  const formats = new Set(o.format.split(',').map((f) => f.trim()).filter(Boolean));
  for (const f of formats) if (!['csv', 'xlsx', 'json', 'html'].includes(f)) throw new UsageError(`--format ${o.format}: choose from csv, xlsx, json, html`);
  if (o.stdout !== undefined && o.stdout !== 'csv' && o.stdout !== 'json') throw new UsageError(`--stdout ${o.stdout}: use csv or json`);
  const { paths, shown } = resolveInputs(o, io.cwd, config.event_log?.derive_roster === true);
  const period = makePeriod(periodId, config.timezone);
  const out = resolve(io.cwd, o.out);

  const release = mode === 'run' ? acquireLock(out, io.now()) : () => {};
  try {
    if (mode === 'run') for (const note of cleanLeftovers(out)) log.warn(note);
    const published = publishedPeriods(out);
    const prior = o.fresh ? null : priorState(out, periodId, published);
    const later = published.filter((p) => p > periodId);
    if (later.length > 0) log.warn(`later periods already published in ${o.out} may now be stale: ${later.join(', ')} (run them again in order)`);
    log.verbose(prior ? `history: continuing from ${prior.period}` : 'history: starting from the roster');

    const result = await runPipeline({ config, period, paths, shown, prior, stdin: io.stdin, parts: partsMode(io.env.SCORECARD_READ_AHEAD), reader, log: (line) => log.verbose(line) });
    const over = result.inputs.filter((s) => s.rows_read > 0 && s.rows_rejected / s.rows_read > maxRate);
    const refused = over.length > 0;
    if (mode === 'validate') {
      // the rejects are data: standard output, as rejects.csv would hold them; the summary goes to standard error
      if (result.rejects.length > 0) io.stdout.write(toCsv(rejectHeaders(locale), rejectRows(result, locale), false));
      printSummary(result, log, io);
      if (refused) log.error(rateMessage(over, maxRate));
      return refused ? EXIT.REJECTS : EXIT.OK;
    }
    // a byte-order mark by default in zh-CN: Excel on a Chinese Windows reads a CSV without one as GBK
    const bom = o.bom ?? (config.csv.bom === 'auto' ? locale === 'zh-CN' : config.csv.bom);
    const rules = { path: loaded.source, sha256: loaded.sha256, location: loaded.location };
    const runOptions = { locale, formats: [...formats], bom, max_reject_rate: maxRate };
    const corrections = correctionsOf(result);
    if (refused) {
      const files = new Map<string, FileData>([['rejects.csv', toCsv(rejectHeaders(locale), rejectRows(result, locale), bom)]]);
      const folder = published.includes(periodId) ? `${periodId}.refused` : periodId;
      files.set('manifest.json', manifestText(monthManifest(result, await result.digests, config, rules, files, 'refused', runOptions, corrections)));
      publishFolder(out, folder, files);
      printSummary(result, log, io, true);
      log.error(`${rateMessage(over, maxRate)}; scorecards not published, see ${join(o.out, folder, 'rejects.csv')}`);
      return EXIT.REJECTS;
    }
    const { files, csv, json } = await monthFiles(result, config, {
      locale, formats, bom, rules, history: () => packHistory(out, periodId, published), json: o.stdout === 'json', run: runOptions, corrections,
    });
    publishFolder(out, periodId, files);
    if (o.stdout === 'csv') io.stdout.write(csv);
    if (o.stdout === 'json') for (const part of json) io.stdout.write(part);
    if (o.verbose) printSummary(result, log, io, false, true);
    const read = result.inputs.reduce((n, s) => n + s.rows_read, 0);
    log.info(log.c.green(`scorecard: ${periodId} published to ${join(o.out, periodId)}: ${result.engineers.length} engineers scored, ${result.changes.length} grade changes; ${read} rows read, ${result.rejects.length} rejected (--verbose or validate for details)`));
    return EXIT.OK;
  } finally {
    release();
  }
}

/** The corrections file of a month and the ids applied, for the manifest (none without a corrections file). */
export function correctionsOf(r: PeriodResult): Manifest['corrections'] {
  const s = r.inputs.find((x) => x.input === 'corrections');
  return s && r.corrections ? { path: s.path, sha256: s.sha256, applied: r.corrections.ids() } : undefined;
}

function rateMessage(over: PeriodResult['inputs'], max: number): string {
  return `reject rate above --max-reject-rate ${max}: ${over.map((s) => `${s.file} ${s.rows_rejected} of ${s.rows_read} rows (${(100 * s.rows_rejected / s.rows_read).toFixed(1)}%)`).join(', ')}`;
}

function priorState(out: string, period: string, published: string[]): State | null {
  const earlier = published.filter((p) => p < period);
  if (earlier.length === 0) return null;
  const prev = shiftPeriod(period, -1);
  if (!earlier.includes(prev)) {
    const last = earlier[earlier.length - 1];
    throw new DataError(`history gap: ${out} holds ${last} but not ${prev}; run ${shiftPeriod(last, 1)} first (or --fresh to start the ledger again from the roster)`);
  }
  const path = join(out, prev, 'state.json');
  let state: State;
  try {
    state = parseState(readPublishedFile(out, prev, 'state.json').toString('utf8'));
  } catch (e) {
    if (e instanceof PublishedFileError) throw new DataError(e.message);
    if (e instanceof StateError) throw new DataError(`${path}: ${e.message}; run ${prev} again to publish it anew, or start the ledger from the roster with --fresh`);
    throw e;
  }
  if (state.period !== prev) {
    throw new DataError(`${path}: period: holds ${state.period}, not ${prev} (copied from another month?); run ${prev} again to publish it anew, or start the ledger from the roster with --fresh`);
  }
  return state;
}

/**
 * A big month's other part starts reading before the rules are read (join/month.ts, startReader), from the input files
 * alone; any problem in finding them is told later, where they are resolved for the run.
 */
function startEarly(o: RunOptions, io: Io): PartRunner | null {
  let paths: InputPaths;
  try {
    paths = resolveInputs(o, io.cwd, true).paths;
  } catch {
    return null;
  }
  return startReader(paths, partsMode(io.env.SCORECARD_READ_AHEAD));
}

/** SCORECARD_READ_AHEAD=off reads every input in one pass; on reads tickets, responses and surveys in two parts in any month whose files can be cut. */
function partsMode(v: string | undefined): PartsMode {
  return v === 'off' || v === 'on' ? v : 'auto';
}
