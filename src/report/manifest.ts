// Report stage: manifest.json, what a published (or refused) period was made from and of: the tool, the rules file,
// every input with its sha256 and row accounting, every output with its sha256. Written last; read back (publish.ts)
// before any other published file is trusted.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { PeriodResult } from '../pipeline.js';
import { VERSION } from '../version.js';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const count = z.number().int().min(0);

export const manifestSchema = z.strictObject({
  tool: z.strictObject({ name: z.literal('scorecard'), version: z.string() }),
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'a period id (2026-04, 2026-Q2, 2026-H1, 2026)'),
  timezone: z.string(),
  config: z.strictObject({ path: z.string(), sha256, location: z.string().nullable().optional() }),
  inputs: z.record(z.string(), z.strictObject({
    input: z.string(), path: z.string(),
    /** where the file was read (absolute): `rerun` reads it there again, and checks its sha256 */
    location: z.string().optional(),
    file: z.string(), sheet: z.string(), sha256,
    rows_read: count, rows_accepted: count, rows_rejected: count, rows_out_of_period: count,
    rows_superseded: count.optional(), tickets_unassigned: count.optional(),
  })),
  outputs: z.record(z.string(), sha256),
  engineers_scored: count,
  rows_rejected: count,
  status: z.enum(['published', 'refused']),
  /** how the month was run: what `rerun` needs to run it again the same way */
  run: z.strictObject({ locale: z.enum(['en', 'zh-CN']), formats: z.array(z.string()), bom: z.boolean(), max_reject_rate: z.number() }).optional(),
  /** the corrections file applied, and the ids of the corrections applied in this month */
  corrections: z.strictObject({ path: z.string(), sha256, applied: z.array(z.string()) }).optional(),
  /** a cycle (quarter, half-year, year): its kind, its method, and each month used with the sha256 of what was read */
  kind: z.enum(['quarter', 'half_year', 'year']).optional(),
  method: z.enum(['mean', 'recompute']).optional(),
  months: z.record(z.string(), z.strictObject({ manifest: sha256, files: z.record(z.string(), sha256) })).optional(),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The bytes of a published file, whole or in parts. */
export type FileData = string | Buffer | (string | Buffer)[];

export function sha256Of(data: FileData): string {
  const h = createHash('sha256');
  for (const part of Array.isArray(data) ? data : [data]) h.update(part);
  return h.digest('hex');
}

/** The manifest of a month (digests: the sha256 of inputs read in two parts, PeriodResult.digests). */
export function monthManifest(r: PeriodResult, digests: ReadonlyMap<string, string>, config: Config, rules: { path: string; sha256: string; location?: string | null },
  files: ReadonlyMap<string, FileData>, status: Manifest['status'], run?: Manifest['run'], corrections?: Manifest['corrections']): Manifest {
  const outputs: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) outputs[name] = sha256Of(files.get(name) as FileData);
  const inputs: Manifest['inputs'] = {};
  for (const s of r.inputs) {
    inputs[s.input] = {
      input: s.input, path: s.path, ...(s.location !== undefined ? { location: s.location } : {}), file: s.file, sheet: s.sheet, sha256: digests.get(s.input) ?? s.sha256, rows_read: s.rows_read,
      rows_accepted: s.rows_accepted, rows_rejected: s.rows_rejected, rows_out_of_period: s.rows_out_of_period,
      ...(s.rows_superseded !== undefined ? { rows_superseded: s.rows_superseded } : {}),
      ...(s.tickets_unassigned !== undefined ? { tickets_unassigned: s.tickets_unassigned } : {}),
    };
  }
  return {
    tool: { name: 'scorecard', version: VERSION }, period: r.period.id, timezone: config.timezone, config: rules, inputs, outputs,
    engineers_scored: status === 'published' ? r.engineers.length : 0, rows_rejected: r.rejects.length, status,
    ...(run ? { run } : {}), ...(corrections ? { corrections } : {}),
  };
}

export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

/** The manifest of a cycle: the months it was computed from (each month's manifest and the files read, by sha256). */
export function cycleManifest(c: { period: string; kind: NonNullable<Manifest['kind']>; method: NonNullable<Manifest['method']>; engineers: number },
  config: Config, rules: { path: string; sha256: string }, months: NonNullable<Manifest['months']>, inputs: Manifest['inputs'], files: ReadonlyMap<string, FileData>): Manifest {
  const outputs: Record<string, string> = {};
  for (const name of [...files.keys()].sort()) outputs[name] = sha256Of(files.get(name) as FileData);
  return {
    tool: { name: 'scorecard', version: VERSION }, period: c.period, timezone: config.timezone, config: rules, inputs, outputs,
    engineers_scored: c.engineers, rows_rejected: 0, status: 'published', kind: c.kind, method: c.method, months,
  };
}
