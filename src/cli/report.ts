// `scorecard report`: the feedback pack (report/index.html and a page per engineer) of an already published period,
// written into another folder, in either language; with --pdf each page is also printed by a local Chromium.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { feedbackPack, type PackMonth } from '../report/pack.js';
import { publishedPeriods, PublishedFileError, readPublishedFile } from '../report/publish.js';
import { shiftPeriod } from '../util/time.js';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';

/** Up to eleven published months before `period` that have a scorecards.json, oldest first (for the trend charts). */
export function packHistory(out: string, period: string, published: string[]): PackMonth[] {
  const months: PackMonth[] = [];
  for (let k = 11; k >= 1; k--) {
    const p = shiftPeriod(period, -k);
    if (!published.includes(p) || !existsSync(join(out, p, 'scorecards.json'))) continue;
    months.push(JSON.parse(readPublishedFile(out, p, 'scorecards.json').toString('utf8')) as PackMonth);
  }
  return months;
}

/** A Chromium to print with: --browser, else the first on the PATH. */
export function findBrowser(given: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (given) return existsSync(given) ? given : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

/** The flags of a headless Chromium that fetches nothing and keeps no profile. */
export function headlessFlags(profile: string): string[] {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions', `--user-data-dir=${profile}`];
}

export async function reportCommand(o: { out: string; period: string; to: string; locale?: string; pdf?: boolean; browser?: string; quiet?: boolean }, io: Io): Promise<ExitCode> {
  const log = makeLogger(io, { quiet: o.quiet });
  const out = resolve(io.cwd, o.out);
  const to = resolve(io.cwd, o.to);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period)) {
    log.error(`--period ${o.period}: expected YYYY-MM`);
    return EXIT.USAGE;
  }
  if (o.locale !== undefined && o.locale !== 'en' && o.locale !== 'zh-CN') {
    log.error(`--locale ${o.locale}: use en or zh-CN`);
    return EXIT.USAGE;
  }
  if (to === join(out, o.period) || to.startsWith(`${join(out, o.period)}/`)) {
    log.error(`--to ${o.to}: write the pack outside the published period ${o.period} (it is never changed)`);
    return EXIT.USAGE;
  }
  let month: PackMonth;
  let inputs: { input: string; file: string; rows_read: number; rows_rejected: number }[];
  let history: PackMonth[];
  try {
    const published = publishedPeriods(out);
    if (!published.includes(o.period)) {
      log.error(`${join(out, o.period)}: ${o.period} is not published in ${o.out}${published.length ? ` (published: ${published.join(', ')})` : ''}`);
      return EXIT.DATA;
    }
    month = JSON.parse(readPublishedFile(out, o.period, 'scorecards.json').toString('utf8')) as PackMonth;
    const manifest = JSON.parse(readFileSync(join(out, o.period, 'manifest.json'), 'utf8'));
    inputs = Object.values(manifest.inputs ?? {}) as typeof inputs;
    history = packHistory(out, o.period, published);
  } catch (e) {
    log.error(e instanceof PublishedFileError ? e.message : `${join(out, o.period)}: ${(e as Error).message}`);
    return EXIT.DATA;
  }
  const locale = (o.locale ?? (month as { locale?: string }).locale ?? 'en') as 'en' | 'zh-CN';
  const pack = await feedbackPack({ locale, month, history, inputs });
  try {
    for (const [name, html] of pack) {
      mkdirSync(dirname(join(to, name)), { recursive: true });
      writeFileSync(join(to, name), html);
    }
  } catch (e) {
    log.error(`${to}: cannot write the pack (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return EXIT.DATA;
  }
  log.info(`scorecard: the feedback pack of ${o.period} (${pack.size} pages, ${locale}) written to ${o.to}`);
  if (!o.pdf) return EXIT.OK;
  const browser = findBrowser(o.browser, io.env);
  if (!browser) {
    log.error(`--pdf needs a local Chromium and none was found${o.browser ? ` at ${o.browser}` : ' on the PATH'}: install one (Debian/Ubuntu: apt install chromium; or Google Chrome) and give its path with --browser PATH; the HTML pages are written and print from any browser`);
    return EXIT.DATA;
  }
  const profile = mkdtempSync(join(tmpdir(), 'scorecard-print-'));
  try {
    for (const name of pack.keys()) {
      const html = join(to, name);
      const pdf = html.replace(/\.html$/, '.pdf');
      const r = spawnSync(browser, [...headlessFlags(profile), '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0 || !existsSync(pdf)) {
        log.error(`${browser} could not print ${html} (exit ${r.status}): ${(r.stderr ?? '').split('\n').filter(Boolean).slice(-2).join(' ')}`);
        return EXIT.DATA;
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  log.info(`scorecard: ${pack.size} PDF files printed with ${browser}`);
  return EXIT.OK;
}
