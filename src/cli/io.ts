// The CLI's window on the world, injected so that tests can run main() in-process.
import { Chalk, type ChalkInstance } from 'chalk';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
}

export const EXIT = { OK: 0, DATA: 1, USAGE: 2, REJECTS: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {}
export class DataError extends Error {}

export interface Logger {
  c: ChalkInstance;
  info(msg: string): void;
  verbose(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function makeLogger(io: Io, opts: { quiet?: boolean; verbose?: boolean; color?: boolean }): Logger {
  const colour = opts.color !== false && !('NO_COLOR' in io.env) && io.stderr.isTTY === true;
  const c = new Chalk({ level: colour ? 1 : 0 });
  const write = (s: string) => io.stderr.write(`${s}\n`);
  return {
    c,
    info: (m) => { if (!opts.quiet) write(m); },
    verbose: (m) => { if (opts.verbose) write(c.dim(m)); },
    warn: (m) => write(c.yellow(`warning: ${m}`)),
    error: (m) => write(c.red(`error: ${m}`)),
  };
}
