// How a command that publishes starts and ends: its rules, loaded and checked whole; and on an error, a usage or rules problem is exit 2, a problem with the data, the
// files or the output folder exit 1, each told in one line ending "nothing was published"; anything else is a bug,
// told as an unexpected failure (its stack with --verbose).
import { ConfigNeeded } from '../join/read-input.js';
import { FileError } from '../problems.js';
import { CalendarError } from '../calendar/working-time.js';
import { CycleError } from '../cycles/cycle.js';
import { OutputError } from '../report/publish.js';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import { DataError, EXIT, UsageError, type ExitCode, type Logger } from './io.js';

/** A rules file that fails its checks: each problem told, then the count (exit 2: nothing is read or published). */
export class RulesRefused extends Error {}

/** The rules file (--config, else ./rules.yaml, else the built-in policy), or RulesRefused with every problem told. */
export function loadRules(given: string | undefined, cwd: string, log: Logger): Extract<ReturnType<typeof loadConfig>, { ok: true }> {
  const loaded = loadConfig(given, cwd, existsSync);
  if (loaded.ok) return loaded;
  for (const e of loaded.errors) log.error(e);
  throw new RulesRefused(`the rules file has ${loaded.errors.length} problem(s); nothing was read or published`);
}

export function exitOnError(e: unknown, log: Logger, verbose: boolean | undefined): ExitCode {
  if (e instanceof UsageError || e instanceof ConfigNeeded || e instanceof RulesRefused) {
    log.error(e.message);
    return EXIT.USAGE;
  }
  if (e instanceof FileError || e instanceof DataError || e instanceof OutputError || e instanceof CalendarError || e instanceof CycleError) {
    log.error(`${e.message}; nothing was published`);
    return EXIT.DATA;
  }
  log.error(`unexpected failure: ${(e as Error).message}${verbose ? `\n${(e as Error).stack}` : ' (run with --verbose for details)'}; nothing was published`);
  return EXIT.DATA;
}
