// Report stage: every file of a published month, in memory, as `run` publishes them (and `rerun` re-publishes them):
// scorecards in the chosen formats, payroll, the feedback pack, grade changes, metric states, state and manifest.
import type { Config, Locale } from '../config/schema.js';
import type { PeriodResult } from '../pipeline.js';
import { serializeState } from '../history/state.js';
import { changeRows, payrollCsv, rejectRows, scorecardJson, scorecardRows, toCsv } from './build.js';
import { changeHeaders, rejectHeaders, scorecardHeaders } from './words.js';
import { scorecardXlsx } from './workbook.js';
import { feedbackPack, type PackMonth } from './pack.js';
import { metricStatesJson } from './metric-states.js';
import { manifestText, monthManifest, type FileData, type Manifest } from './manifest.js';

export interface MonthOptions {
  locale: Locale; formats: ReadonlySet<string>; bom: boolean;
  /** the rules file as the manifest names it */
  rules: { path: string; sha256: string; location: string | null };
  /** the months before it, for the feedback pack's history (up to 11) */
  history: () => PackMonth[];
  /** whether the scorecards JSON is wanted even without the json format (--stdout json) */
  json?: boolean;
  /** how to run the month again (rerun): the options recorded in the manifest */
  run: NonNullable<Manifest['run']>;
  /** the corrections file and the ids applied in the month */
  corrections?: Manifest['corrections'];
}

export interface MonthFiles { files: Map<string, FileData>; csv: string; json: Buffer[] }

/** The files of a published month (manifest last). */
export async function monthFiles(result: PeriodResult, config: Config, o: MonthOptions): Promise<MonthFiles> {
  const { locale, formats, bom } = o;
  const files = new Map<string, FileData>();
  files.set('rejects.csv', toCsv(rejectHeaders(locale), rejectRows(result, locale), bom));
  const { labels } = scorecardHeaders(config, locale);
  const csv = toCsv(labels, scorecardRows(result, config, locale), false);
  if (formats.has('csv')) {
    files.set('scorecards.csv', bom ? `\ufeff${csv}` : csv);
    files.set('payroll.csv', payrollCsv(result, locale, bom));
  }
  if (formats.has('xlsx')) files.set('scorecards.xlsx', await scorecardXlsx(result, config, locale));
  const json = formats.has('json') || formats.has('html') || o.json ? scorecardJson(result, config, locale) : [];
  if (formats.has('json')) files.set('scorecards.json', json);
  if (formats.has('html')) {
    // the pack is made from the JSON just built, as `scorecard report` makes it from the published file
    const month = JSON.parse(Buffer.concat(json).toString('utf8')) as PackMonth;
    const pack = await feedbackPack({ locale, month, history: o.history(), inputs: result.inputs });
    for (const [name, html] of pack) files.set(`report/${name}`, html);
  }
  files.set('grade-changes.csv', toCsv(changeHeaders(locale), changeRows(result, config, locale), bom));
  files.set('metrics.json', metricStatesJson(result, config));
  files.set('state.json', serializeState(result.state));
  files.set('manifest.json', manifestText(monthManifest(result, await result.digests, config, o.rules, files, 'published', o.run, o.corrections)));
  return { files, csv, json };
}
