// `scorecard rerun`: corrections (upheld appeals) applied to closed months. Re-scores the month --from and every later
// published month, in order, each from the inputs and rules its manifest records (each checked against its sha256)
// with the month's corrections, and publishes all of them and a change set (what changed, the back-pay, which
// corrections applied) together or none (report/publish.ts, publishAll).
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { loadConfig, parseConfigText } from '../config/load.js';
import { DEFAULT_RULES_YAML } from '../config/default-rules.js';
import type { InputName } from '../config/schema.js';
import { runPipeline, type InputPaths } from '../pipeline.js';
import { sha256OfFile } from '../ingest/file-hash.js';
import { parseState, StateError, type State } from '../history/state.js';
import { toCsv } from '../report/build.js';
import { manifestSchema, sha256Of, type FileData, type Manifest } from '../report/manifest.js';
import { monthFiles } from '../report/month-files.js';
import type { PackMonth } from '../report/pack.js';
import { acquireLock, cleanLeftovers, publishAll, publishedPeriods, PublishedFileError, readPublishedFile } from '../report/publish.js';
import { isMonthId, makePeriod, shiftPeriod } from '../util/time.js';
import { packHistory } from './report.js';
import { readCorrections } from '../join/corrections.js';
import { correctionsOf } from './run.js';
import { exitOnError } from './failure.js';
import { DataError, EXIT, makeLogger, UsageError, type ExitCode, type Io } from './io.js';

export interface RerunOptions { from?: string; out: string; corrections?: string; quiet?: boolean; verbose?: boolean; color?: boolean }

interface Card {
  engineer_id: string; name: string; total: number; rating: string; bonus: number; actions: string[];
  ledger: { points_delta: number; level: number; salary_reduction: number; next_salary: number };
}

export async function rerunCommand(o: RerunOptions, io: Io): Promise<ExitCode> {
  const log = makeLogger(io, o);
  try {
    return await execute(o, io, log);
  } catch (e) {
    return exitOnError(e, log, o.verbose);
  }
}

async function execute(o: RerunOptions, io: Io, log: ReturnType<typeof makeLogger>): Promise<ExitCode> {
  const from = o.from ?? '';
  if (!isMonthId(from)) throw new UsageError(`--from ${from || '(none)'}: the first month to score again, YYYY-MM`);
  if (!o.corrections) throw new UsageError('--corrections FILE: the corrections (upheld appeals) to apply');
  const correctionsPath = resolve(io.cwd, o.corrections);
  if (!existsSync(correctionsPath)) throw new DataError(`${o.corrections}: no such file`);
  const out = resolve(io.cwd, o.out);
  const release = acquireLock(out, io.now());
  try {
    for (const note of cleanLeftovers(out)) log.warn(note);
    const published = publishedPeriods(out);
    const months = published.filter((p) => p >= from);
    if (months[0] !== from) throw new DataError(`${from} is not published in ${o.out} (published: ${published.join(', ') || 'none'})`);
    months.forEach((m, k) => {
      if (k > 0 && shiftPeriod(months[k - 1], 1) !== m) throw new DataError(`history gap: ${o.out} holds ${months[k - 1]} and then ${m}; run ${shiftPeriod(months[k - 1], 1)} first`);
    });
    let prior = priorOf(out, from, published);
    const folders: { name: string; files: Map<string, FileData> }[] = [];
    const newJson = new Map<string, PackMonth>();
    const changes: (string | number)[][] = [];
    const pay = new Map<string, { name: string; periods: string[]; bonus: number; salary: number }>();
    const applied: (string | number)[][] = [];
    for (const month of months) {
      const manifest = readManifest(out, month);
      const run = manifest.run;
      if (!run) throw new DataError(`${join(o.out, month, 'manifest.json')} does not record how ${month} was run (published by an earlier version): run ${month} again with \`scorecard run\` first`);
      // the rules and every input as they were: found where they were read, unchanged since
      const loaded = manifest.config.location ? loadConfig(manifest.config.location, io.cwd, existsSync) : parseConfigText(DEFAULT_RULES_YAML, manifest.config.path);
      if (!loaded.ok) throw new DataError(`${manifest.config.location}: ${loaded.errors[0]}`);
      if (loaded.sha256 !== manifest.config.sha256) throw new DataError(`${manifest.config.location ?? manifest.config.path}: the rules file changed since ${month} was published (sha256 ${loaded.sha256.slice(0, 12)}…, the manifest records ${manifest.config.sha256.slice(0, 12)}…)`);
      const paths: InputPaths = {};
      const shown: InputPaths = {};
      for (const [name, input] of Object.entries(manifest.inputs)) {
        if (name === 'corrections') continue; // the new corrections file stands for the one applied before
        const where = input.location;
        if (!where) throw new DataError(`${join(o.out, month, 'manifest.json')}: ${name} was read from standard input or by an earlier version: it cannot be read again`);
        if (!existsSync(where)) throw new DataError(`${where}: the ${name} file of ${month} is no longer there`);
        const sha = sha256OfFile(where);
        if (sha !== input.sha256) throw new DataError(`${where}: the ${name} file of ${month} changed since it was published (sha256 ${sha.slice(0, 12)}…, the manifest records ${input.sha256.slice(0, 12)}…)`);
        paths[name as InputName] = where;
        shown[name as InputName] = input.path;
      }
      paths.corrections = correctionsPath;
      shown.corrections = o.corrections;
      const config = loaded.config;
      const result = await runPipeline({ config, period: makePeriod(month, config.timezone), paths, shown, prior, parts: 'off' });
      const over = result.inputs.filter((s) => s.rows_read > 0 && s.rows_rejected / s.rows_read > run.max_reject_rate);
      if (over.length > 0) throw new DataError(`${month}: more than ${run.max_reject_rate} of ${over.map((s) => s.file).join(', ')} rejected (see scorecard validate)`);
      const { files, json } = await monthFiles(result, config, {
        locale: run.locale, formats: new Set(run.formats), bom: run.bom, rules: { path: manifest.config.path, sha256: manifest.config.sha256, location: manifest.config.location ?? null },
        history: () => history(out, month, published, newJson), json: true, run, corrections: correctionsOf(result),
      });
      newJson.set(month, JSON.parse(Buffer.concat(json).toString('utf8')) as PackMonth);
      folders.push({ name: month, files });
      compare(month, oldCards(out, month), (newJson.get(month) as unknown as { engineers: Card[] }).engineers, changes, pay);
      for (const [id, outcome] of result.corrections?.settle() ?? []) applied.push([id, month, outcome.status, outcome.reason]);
      prior = result.state;
    }
    // corrections of months not scored again are reported, never silently dropped
    const first = readManifest(out, months[0]);
    const rules = first.config.location ? loadConfig(first.config.location, io.cwd, existsSync) : parseConfigText(DEFAULT_RULES_YAML, first.config.path);
    if (rules.ok) {
      const { elsewhere } = await readCorrections(rules.config, makePeriod(months[0], rules.config.timezone), correctionsPath, o.corrections);
      for (const c of elsewhere) if (!months.includes(c.period)) applied.push([c.id, c.period, 'not_applied', `${c.period} is not among the months scored again (${months[0]}..${months[months.length - 1]})`]);
    }
    const name = `${months[0]}_${months[months.length - 1]}_${basename(o.corrections, extname(o.corrections))}-${sha256Of(readFileSync(correctionsPath)).slice(0, 8)}`;
    const set = new Map<string, FileData>();
    set.set('changes.csv', toCsv(['period', 'engineer_id', 'name', 'field', 'from', 'to'], changes.map((r) => r.map(String)), false));
    set.set('back-pay.csv', toCsv(['engineer_id', 'name', 'periods', 'bonus_difference', 'salary_difference', 'total_difference'],
      [...pay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, p]) => [id, p.name, p.periods.join(';'), String(p.bonus), String(p.salary), String(p.bonus + p.salary)]), false));
    set.set('applied.csv', toCsv(['correction_id', 'period', 'status', 'reason'], applied.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((r) => r.map(String)), false));
    folders.push({ name: `reruns/${name}`, files: set });
    publishAll(out, folders);
    const n = applied.filter((a) => a[2] === 'applied').length;
    log.info(log.c.green(`scorecard: ${months.join(', ')} scored again with ${n} correction(s) applied; ${changes.length} figure(s) changed, ${pay.size} engineer(s) with back-pay; see ${join(o.out, 'reruns', name)}`));
    return EXIT.OK;
  } finally {
    release();
  }
}

function readManifest(out: string, month: string): Manifest {
  try {
    return manifestSchema.parse(JSON.parse(readFileSync(join(out, month, 'manifest.json'), 'utf8')));
  } catch (e) {
    throw new DataError(`${join(out, month, 'manifest.json')}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function oldCards(out: string, month: string): Card[] {
  try {
    return (JSON.parse(readPublishedFile(out, month, 'scorecards.json').toString('utf8')) as { engineers: Card[] }).engineers;
  } catch (e) {
    if (e instanceof PublishedFileError) throw new DataError(`${e.message} (rerun compares the month's figures before and after)`);
    throw e;
  }
}

function priorOf(out: string, from: string, published: string[]): State | null {
  const prev = shiftPeriod(from, -1);
  if (!published.includes(prev)) return null;
  try {
    return parseState(readPublishedFile(out, prev, 'state.json').toString('utf8'));
  } catch (e) {
    if (e instanceof PublishedFileError || e instanceof StateError) throw new DataError(`${join(out, prev, 'state.json')}: ${e.message}`);
    throw e;
  }
}

/** The feedback pack's history of a month scored again: the months scored again before it as they now are. */
function history(out: string, month: string, published: string[], fresh: ReadonlyMap<string, PackMonth>): PackMonth[] {
  const before = packHistory(out, month, published.filter((p) => !fresh.has(p)));
  const all = [...before, ...[...fresh.entries()].filter(([p]) => p < month && p >= shiftPeriod(month, -11)).map(([, m]) => m)];
  return all.sort((a, b) => ((a as { period: string }).period < (b as { period: string }).period ? -1 : 1));
}

const FIELDS: [string, (c: Card) => string | number][] = [
  ['total', (c) => c.total], ['rating', (c) => c.rating], ['bonus', (c) => c.bonus], ['actions', (c) => c.actions.join(';')],
  ['points', (c) => c.ledger.points_delta], ['level', (c) => c.ledger.level], ['salary_reduction', (c) => c.ledger.salary_reduction],
  ['next_salary', (c) => c.ledger.next_salary],
];

/** The figures that changed, and what payroll pays (+) or recovers (-): bonus and next month's salary, engineer by engineer. */
function compare(month: string, before: Card[], after: Card[], changes: (string | number)[][], pay: Map<string, { name: string; periods: string[]; bonus: number; salary: number }>): void {
  const old = new Map(before.map((c) => [c.engineer_id, c]));
  const ids = [...new Set([...before.map((c) => c.engineer_id), ...after.map((c) => c.engineer_id)])].sort();
  const now = new Map(after.map((c) => [c.engineer_id, c]));
  for (const id of ids) {
    const a = old.get(id);
    const b = now.get(id);
    for (const [field, get] of FIELDS) {
      const x = a ? get(a) : '';
      const y = b ? get(b) : '';
      if (String(x) !== String(y)) changes.push([month, id, (b ?? a)?.name ?? '', field, x, y]);
    }
    const bonus = (b?.bonus ?? 0) - (a?.bonus ?? 0);
    const salary = (b?.ledger.next_salary ?? 0) - (a?.ledger.next_salary ?? 0);
    if (bonus !== 0 || salary !== 0) {
      const p = pay.get(id) ?? { name: (b ?? a)?.name ?? '', periods: [], bonus: 0, salary: 0 };
      p.periods.push(month);
      p.bonus += bonus;
      p.salary += salary;
      pay.set(id, p);
    }
  }
}
