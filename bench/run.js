#!/usr/bin/env node
// `npm run bench`: generates a large month deterministically (cached in bench/data/), runs `scorecard run` on it and
// prints wall time, rows per second per input and peak memory, next to a plain tokenising pass over the same files
// measured in the same run; then a 100,000-row XLSX tickets workbook (shared strings, as Excel saves) against a bare
// exceljs read of it, and a 1,000,000-row one (--skip-xlsx-million leaves it out); the feedback pack's seconds
// (--skip-pack leaves them out).
// Each measurement is repeated (--repeat N, default 3; the machine's noise is large) and the fastest is reported, with
// the spread; CPU time (user + system) is reported next to wall time.
// Options: --tickets N (default 1000000), --engineers N (default 2000), --repeat N, --skip-xlsx, --skip-calendar, --shuffled (also the
// same month with its tickets in no order: the id table then works as a hash index), --narrow (a 139 MiB month with
// only the columns the rules read, instead of the ~275 MB export month), --one-thread (the
// run with SCORECARD_READ_AHEAD=off, for comparison), --memory (peak memory at 0.5M, 1M and 2M tickets: how it grows
// with rows).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { generate } from './generate.js';

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const TICKETS = arg('tickets', 1_000_000);
const ENGINEERS = arg('engineers', 2000);
const REPEAT = Math.max(1, arg('repeat', 3));
const ROOT = new URL('..', import.meta.url).pathname;
const NARROW = process.argv.includes('--narrow');
const data = join(ROOT, 'bench', 'data', `${TICKETS}-${ENGINEERS}-${NARROW ? 'narrow' : 'export'}`);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

function measureOnce(args, label, env = {}) {
  const rssFile = join(tmpdir(), `rss-${process.pid}-${label}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'bench', 'peak-rss.js'), join(ROOT, 'bin', 'scorecard.js'), ...args], {
    env: { ...process.env, SCORECARD_RSS_FILE: rssFile, NO_COLOR: '1', ...env }, encoding: 'utf8', maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
  // --verbose: "tickets     tickets.csv: 1000000 read, ... (read and joined in 1.62 s, 617000 rows/s)"
  const perInput = [...r.stderr.matchAll(/^(\w+)\s+(\S+): (\d+) read.*read and joined in ([\d.]+) s, (\d+) rows\/s(; in two (?:threads|parts))?/gm)].map((m) => ({ file: m[2], rows: Number(m[3]), s: Number(m[4]), rate: Number(m[5]), ahead: m[6] !== undefined }));
  const [rssKiB, cpuUs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  rmSync(rssFile, { force: true });
  return { ms, rss: rssKiB / 1024, cpu: cpuUs / 1000, perInput };
}

/** The fastest of REPEAT runs (peak RSS: the largest), and the spread of the wall times and of the peaks. */
function measure(args, label, before = () => {}, env = {}) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    before();
    runs.push(measureOnce(args, label, env));
  }
  return summarise(runs);
}

function summarise(runs) {
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const spread = runs.map((r) => (r.ms / 1000).toFixed(2)).join(' ');
  const rssSpread = runs.map((r) => Math.round(r.rss)).join(' ');
  return { ...best, rss: Math.max(...runs.map((r) => r.rss)), spread: `${spread}; peak RSS ${rssSpread} MiB` };
}

if (!existsSync(join(data, 'tickets.csv'))) {
  console.log(`generating ${fmt(TICKETS)} tickets for ${fmt(ENGINEERS)} engineers in ${data} (seeded, once)...`);
  await generate(data, TICKETS, ENGINEERS, '2026-10', NARROW);
}
const files = ['tickets', 'responses', 'surveys', 'roster'].map((f) => join(data, `${f}.csv`));
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);

// the floor: a plain tokenising pass over the same files, in a process of its own, timed from inside (the pass alone)
// and from outside (the whole process, as the run is timed). Floor and run alternate (floor, run, floor, run, ...), so
// that both meet the same moments of the shared machine's noise; the fastest of each is reported, and the median of
// the ratios of each pair as a second figure.
const floorOnce = () => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'floor.js'), ...files], { encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`floor: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), wall };
};
const out = mkdtempSync(join(tmpdir(), 'bench-out-'));
const runArgs = ['run', '--period', '2026-10', '--input-dir', data, '--out', out, '--locale', 'en', '--verbose', '--format', 'csv,json'];
const floorRuns = [];
const runRuns = [];
for (let i = 0; i < REPEAT; i++) {
  floorRuns.push(floorOnce());
  rmSync(out, { recursive: true, force: true });
  runRuns.push(measureOnce(runArgs, 'run'));
}
const floor = floorRuns.reduce((a, b) => (b.ms < a.ms ? b : a));
const floorMs = floor.ms;
const floorWall = Math.min(...floorRuns.map((f) => f.wall));
const counts = Object.fromEntries(floor.files.map((f) => [f.file, f.rows]));
const nodeStart = measure(['--version'], 'start');
const run = summarise(runRuns);
const pairRatios = runRuns.map((r, i) => r.ms / floorRuns[i].wall).sort((a, b) => a - b);
const medianPairRatio = pairRatios[Math.floor((pairRatios.length - 1) / 2)];
const single = process.argv.includes('--one-thread')
  ? measure(runArgs, 'one-thread', () => rmSync(out, { recursive: true, force: true }), { SCORECARD_READ_AHEAD: 'off' })
  : null;
rmSync(out, { recursive: true, force: true });

console.log(`\nCSV month (${NARROW ? 'narrow: the rules\' columns only' : 'an export as a ticket system writes it'}): ${(bytes / 1048576).toFixed(0)} MiB (${fmt(bytes / 1e6)} MB); ${Object.entries(counts).map(([f, n]) => `${f.split('/').pop()} ${fmt(n)}`).join(', ')} (fastest of ${REPEAT} runs each)`);
console.log(`  plain tokenising pass (floor):  ${(floorMs / 1000).toFixed(2)} s timed inside, ${(floorWall / 1000).toFixed(2)} s as a whole process   CPU ${(floor.cpu / 1000).toFixed(2)} s   peak RSS ${fmt(floor.rss)} MiB   ${fmt((bytes / 1048576) / (floorMs / 1000))} MiB/s   (all, inside: ${floorRuns.map((f) => (f.ms / 1000).toFixed(2)).join(' ')}; whole: ${floorRuns.map((f) => (f.wall / 1000).toFixed(2)).join(' ')})`);
console.log(`  node start-up + module load:    ${(nodeStart.ms / 1000).toFixed(2)} s`);
console.log(`  scorecard run (whole process):  ${(run.ms / 1000).toFixed(2)} s   CPU ${(run.cpu / 1000).toFixed(2)} s   peak RSS ${fmt(run.rss)} MiB   (all: ${run.spread})`);
if (single) console.log(`  the same, one thread:           ${(single.ms / 1000).toFixed(2)} s   CPU ${(single.cpu / 1000).toFixed(2)} s   peak RSS ${fmt(single.rss)} MiB   (all: ${single.spread})`);
console.log(`  ratio run / floor:              ${(run.ms / floorWall).toFixed(2)}x, both whole processes, fastest against fastest (${medianPairRatio.toFixed(2)}x the median of the ${REPEAT} pairs run one after the other; ${(run.ms / floorMs).toFixed(2)}x against the pass timed inside; ${((run.ms - nodeStart.ms) / floorMs).toFixed(2)}x without the run's start-up)`);
const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`  rows per second (all inputs):   ${fmt(totalRows / (run.ms / 1000))}`);
for (const [f, n] of Object.entries(counts)) {
  const p = run.perInput.find((x) => x.file === f.split('/').pop());
  const fl = floor.files.find((x) => x.file === f);
  console.log(`    ${f.split('/').pop().padEnd(14)} ${fmt(n).padStart(10)} rows   share of bytes ${(100 * statSync(f).size / bytes).toFixed(0).padStart(2)}%   run: ${p ? `${p.s.toFixed(2)} s, ${fmt(p.rate).padStart(9)} rows/s` : '?'}   floor: ${(fl.ms / 1000).toFixed(2)} s, ${fmt(fl.rows / (fl.ms / 1000)).padStart(9)} rows/s`);
}

if (process.argv.includes('--shuffled')) {
  const sdir = `${data}-shuffled`;
  if (!existsSync(join(sdir, 'tickets.csv'))) {
    mkdirSync(sdir, { recursive: true });
    for (const f of ['roster', 'responses', 'surveys']) copyFileSync(join(data, `${f}.csv`), join(sdir, `${f}.csv`));
    const lines = readFileSync(join(data, 'tickets.csv'), 'utf8').split('\n');
    const head = lines.shift();
    if (lines[lines.length - 1] === '') lines.pop();
    let seed = 42;
    for (let i = lines.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const j = seed % (i + 1);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    writeFileSync(join(sdir, 'tickets.csv'), `${head}\n${lines.join('\n')}\n`);
  }
  const sout = mkdtempSync(join(tmpdir(), 'bench-s-'));
  const sh = measure(['run', '--period', '2026-10', '--input-dir', sdir, '--out', sout, '--locale', 'en', '--verbose', '--format', 'csv,json'], 'shuffled', () => rmSync(sout, { recursive: true, force: true }));
  rmSync(sout, { recursive: true, force: true });
  console.log(`\nThe same month, tickets shuffled (seeded):`);
  console.log(`  scorecard run (whole process):  ${(sh.ms / 1000).toFixed(2)} s   CPU ${(sh.cpu / 1000).toFixed(2)} s   peak RSS ${fmt(sh.rss)} MiB   ratio ${(sh.ms / floorMs).toFixed(2)}x   (all: ${sh.spread})`);
}

if (process.argv.includes('--memory')) {
  // memory against rows: the same kind of month (narrow, seeded) at 0.5M, 1M and 2M tickets, with responses and
  // surveys in proportion; the peak of each (the largest of REPEAT runs), one thread and two, and what a million
  // tickets more adds. What may grow: the tickets' join index (responses and surveys are joined to their ticket).
  console.log(`\nMemory against rows (narrow months, ${fmt(ENGINEERS)} engineers; peak RSS, the largest of ${REPEAT} runs):`);
  const sizes = [500_000, 1_000_000, 2_000_000];
  const peaks = { on: [], off: [] };
  for (const n of sizes) {
    const dir = join(ROOT, 'bench', 'data', `${n}-${ENGINEERS}-narrow`);
    if (!existsSync(join(dir, 'tickets.csv'))) await generate(dir, n, ENGINEERS, '2026-10', true);
    const mout = mkdtempSync(join(tmpdir(), 'bench-m-'));
    const margs = ['run', '--period', '2026-10', '--input-dir', dir, '--out', mout, '--locale', 'en', '--quiet', '--format', 'csv,json'];
    for (const mode of ['on', 'off']) peaks[mode].push(measure(margs, `memory-${mode}`, () => rmSync(mout, { recursive: true, force: true }), { SCORECARD_READ_AHEAD: mode }).rss);
    rmSync(mout, { recursive: true, force: true });
    const i = sizes.indexOf(n);
    console.log(`  ${fmt(n).padStart(9)} tickets:   two threads ${fmt(peaks.on[i]).padStart(4)} MiB   one thread ${fmt(peaks.off[i]).padStart(4)} MiB`);
  }
  const slope = (mode) => (peaks[mode][2] - peaks[mode][0]) / ((sizes[2] - sizes[0]) / 1e6);
  console.log(`  a million tickets more (0.5M to 2M): two threads +${slope('on').toFixed(0)} MiB, one thread +${slope('off').toFixed(0)} MiB (the tickets' join index holds about 33-66 bytes a ticket: 31-63 MiB a million)`);
}

/**
 * A tickets workbook of the export month's first `rows` rows, with shared strings as Excel saves them (cached in
 * bench/data/xlsx-<rows>/ with the roster).
 */
async function workbookOf(rows) {
  const xdir = join(ROOT, 'bench', 'data', `xlsx-${rows}`);
  const xfile = join(xdir, 'tickets.xlsx');
  if (existsSync(xfile)) return { xdir, xfile };
  console.log(`\ngenerating a ${fmt(rows)}-row tickets.xlsx with shared strings (once)...`);
  mkdirSync(xdir, { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xfile, useSharedStrings: true });
  const ws = wb.addWorksheet('tickets');
  // the export month's tickets, row by row (cells with commas are quoted in it)
  const { parse: parseStream } = await import('csv-parse');
  const { createReadStream } = await import('node:fs');
  let n = 0;
  for await (const r of createReadStream(join(data, 'tickets.csv')).pipe(parseStream({ bom: true }))) {
    ws.addRow(r).commit();
    if (++n > rows) break;
  }
  ws.commit();
  await wb.commit();
  copyFileSync(join(data, 'roster.csv'), join(xdir, 'roster.csv'));
  return { xdir, xfile };
}

if (!process.argv.includes('--skip-pack')) {
  // the feedback pack (--format html: the dashboard and 2,000 engineer pages) on the same month: what it adds to a run
  const pout = mkdtempSync(join(tmpdir(), 'bench-pack-'));
  const base = [];
  const withPack = [];
  const args = (formats) => ['run', '--period', '2026-10', '--input-dir', data, '--out', pout, '--locale', 'en', '--quiet', '--fresh', '--format', formats];
  for (let i = 0; i < REPEAT; i++) {
    base.push(measureOnce(args('csv,xlsx,json'), 'pack-base'));
    withPack.push(measureOnce(args('csv,xlsx,json,html'), 'pack'));
  }
  rmSync(pout, { recursive: true, force: true });
  const b = summarise(base);
  const p = summarise(withPack);
  const added = withPack.map((r, i) => r.ms - base[i].ms).sort((x, y) => x - y);
  console.log(`\nFeedback pack (dashboard + ${fmt(ENGINEERS)} engineer pages), the same month with --format csv,xlsx,json and with html added:`);
  console.log(`  without: ${(b.ms / 1000).toFixed(2)} s, peak RSS ${fmt(b.rss)} MiB   with: ${(p.ms / 1000).toFixed(2)} s, peak RSS ${fmt(p.rss)} MiB   the pack adds ${(added[Math.floor((added.length - 1) / 2)] / 1000).toFixed(2)} s (median of the pairs)   target: at most 3 s`);
}

if (!process.argv.includes('--skip-calendar')) {
  // working-time SLAs: every duration indicator of the default rules on a calendar (China's holidays, a lunch break)
  // against the same rules on the wall clock, alternating
  const { DEFAULT_RULES_YAML } = await import(join(ROOT, 'dist', 'config', 'default-rules.js'));
  const cdir = mkdtempSync(join(tmpdir(), 'bench-cal-'));
  const office = '[["09:00","12:00"],["13:30","18:00"]]';
  const rules = DEFAULT_RULES_YAML
    .replace('params: { minutes: 60 }', 'params: { minutes: 60, calendar: office }')
    .replace('params: { hours: 24 }', 'params: { hours: 24, calendar: office }')
    .replace('params: { minutes: 120 }', 'params: { minutes: 120, calendar: office }')
    .replace('metric: resolution_days_mean', 'metric: resolution_days_mean\n    params: { calendar: office }')
    + `\ncalendars:\n  office:\n    weekly: { mon: ${office}, tue: ${office}, wed: ${office}, thu: ${office}, fri: ${office} }\n    holidays: cn\n`;
  writeFileSync(join(cdir, 'calendar.yaml'), rules);
  writeFileSync(join(cdir, 'wall.yaml'), DEFAULT_RULES_YAML);
  const args = (r) => ['run', '--period', '2026-10', '--input-dir', data, '--config', join(cdir, r), '--out', join(cdir, 'out'), '--locale', 'en', '--quiet', '--fresh', '--format', 'csv,json'];
  const wall = [];
  const cal = [];
  for (let i = 0; i < REPEAT; i++) {
    wall.push(measureOnce(args('wall.yaml'), 'wall'));
    cal.push(measureOnce(args('calendar.yaml'), 'calendar'));
  }
  rmSync(cdir, { recursive: true, force: true });
  const w = summarise(wall);
  const c = summarise(cal);
  const pairs = cal.map((r, i) => r.ms / wall[i].ms).sort((x, y) => x - y);
  console.log(`\nWorking-time calendars: every duration indicator (first response, resolution, resolution days, on-site arrival) on a calendar with China's holidays:`);
  console.log(`  wall clock: ${(w.ms / 1000).toFixed(2)} s, peak RSS ${fmt(w.rss)} MiB   calendar: ${(c.ms / 1000).toFixed(2)} s, peak RSS ${fmt(c.rss)} MiB   ratio ${(c.ms / w.ms).toFixed(2)}x fastest against fastest (${pairs[Math.floor((pairs.length - 1) / 2)].toFixed(2)}x the median of the pairs)   target: at most 1.3x`);
}

if (!process.argv.includes('--skip-xlsx')) {
  const small = await workbookOf(100_000);
  // the bare read in a fresh process of its own each time, as the run gets, alternating with the run; timed as a whole
  // process (as the run is) and from inside (up to the end of its eachRow)
  const bareRuns = [];
  const xRuns = [];
  let cells = 0;
  const xout = mkdtempSync(join(tmpdir(), 'bench-x-'));
  const xArgs = (dir) => ['run', '--period', '2026-10', '--input-dir', dir, '--out', xout, '--locale', 'en', '--quiet', '--format', 'csv', '--max-reject-rate', '1'];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'bare-exceljs.js'), small.xfile], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`bare exceljs read: ${r.stderr}`);
    const [ms, n] = r.stdout.trim().split(' ').map(Number);
    bareRuns.push({ ms, wall });
    cells = n;
    rmSync(xout, { recursive: true, force: true });
    xRuns.push(measureOnce(xArgs(small.xdir), 'xlsx'));
  }
  const bare = Math.min(...bareRuns.map((b) => b.ms));
  const bareWall = Math.min(...bareRuns.map((b) => b.wall));
  const x = summarise(xRuns);
  const xPairs = xRuns.map((r, i) => r.ms / bareRuns[i].wall).sort((a, b) => a - b);
  rmSync(xout, { recursive: true, force: true });
  console.log(`\nXLSX tickets with shared strings, 100,000 rows (${(statSync(small.xfile).size / 1048576).toFixed(1)} MiB):`);
  console.log(`  bare exceljs readFile + eachRow, own process: ${(bareWall / 1000).toFixed(2)} s as a whole process, ${(bare / 1000).toFixed(2)} s to the end of its eachRow (${fmt(cells)} cells; all, whole: ${bareRuns.map((b) => (b.wall / 1000).toFixed(2)).join(' ')})`);
  console.log(`  scorecard run (whole process):   ${(x.ms / 1000).toFixed(2)} s   peak RSS ${fmt(x.rss)} MiB   ratio ${(x.ms / bareWall).toFixed(2)}x, both whole processes (${xPairs[Math.floor((xPairs.length - 1) / 2)].toFixed(2)}x the median of the pairs)   (all: ${x.spread})   target: at most 0.5x, under 250 MiB`);
  if (!process.argv.includes('--skip-xlsx-million')) {
    const big = await workbookOf(1_000_000);
    const m = measure(xArgs(big.xdir), 'xlsx-1m', () => rmSync(xout, { recursive: true, force: true }));
    rmSync(xout, { recursive: true, force: true });
    console.log(`\nXLSX tickets with shared strings, 1,000,000 rows (${(statSync(big.xfile).size / 1048576).toFixed(1)} MiB):`);
    console.log(`  scorecard run (whole process):   ${(m.ms / 1000).toFixed(2)} s   peak RSS ${fmt(m.rss)} MiB   ${(m.ms / x.ms).toFixed(1)}x the 100,000-row run   (all: ${m.spread})   target: at most 12x, under 300 MiB`);
  }
}
writeFileSync(join(ROOT, 'bench', 'data', 'last-run.txt'), new Date().toISOString());
