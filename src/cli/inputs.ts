// Resolves which file each input comes from: --input-dir finds NAME.csv|.xlsx|.tsv (or .csv.gz|.tsv.gz), a per-input option overrides it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INPUT_NAMES } from '../config/schema.js';
import type { InputPaths } from '../pipeline.js';
import { DataError, UsageError } from './io.js';


/** Returns the paths to open and the same paths as the user gave them (recorded in the manifest). */
export function resolveInputs(opts: Record<string, unknown>, cwd: string, deriveRoster = false): { paths: InputPaths; shown: InputPaths } {
  const paths: InputPaths = {};
  const shown: InputPaths = {};
  const dir = opts.inputDir as string | undefined;
  if (dir !== undefined) {
    const abs = resolve(cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new DataError(`--input-dir ${dir}: no such folder`);
    const entries = readdirSync(abs).sort();
    for (const name of INPUT_NAMES) {
      const hits = entries.filter((f) => new RegExp(`^${name}\\.(csv|xlsx|tsv|csv\\.gz|tsv\\.gz)$`, 'i').test(f));
      if (hits.length > 1) throw new UsageError(`--input-dir ${dir}: more than one ${name} file (${hits.join(', ')}); keep one or name it with --${name}`);
      if (hits.length === 1) {
        paths[name] = join(abs, hits[0]);
        shown[name] = join(dir, hits[0]);
      }
    }
  }
  let stdinUsers = 0;
  for (const name of INPUT_NAMES) {
    const given = opts[name] as string | undefined;
    if (given === undefined) continue;
    if (given === '-') stdinUsers += 1;
    paths[name] = given === '-' ? '-' : resolve(cwd, given);
    shown[name] = given;
  }
  if (stdinUsers > 1) throw new UsageError('only one input can read standard input (-)');
  if (!paths.tickets && !paths.events) throw new DataError('no tickets file: give --tickets FILE (or --events FILE with an event_log section in the rules) or put tickets.csv (or .xlsx, .tsv) in --input-dir');
  if (!paths.roster && !deriveRoster) throw new DataError('no roster file: give --roster FILE or put roster.csv (or .xlsx, .tsv) in --input-dir (or, for an event log, set event_log.derive_roster)');
  return { paths, shown };
}
