// How a command that publishes ends on an error: a usage or rules problem is exit 2, a problem with the data, the
// files or the output folder exit 1, each told in one line ending "nothing was published"; anything else is a bug,
// told as an unexpected failure (its stack with --verbose).
import { ConfigNeeded } from '../join/read-input.js';
import { FileError } from '../problems.js';
import { CalendarError } from '../calendar/working-time.js';
import { CycleError } from '../cycles/cycle.js';
import { OutputError } from '../report/publish.js';
import { DataError, EXIT, UsageError, type ExitCode, type Logger } from './io.js';

export function exitOnError(e: unknown, log: Logger, verbose: boolean | undefined): ExitCode {
  if (e instanceof UsageError || e instanceof ConfigNeeded) {
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
