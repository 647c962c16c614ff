// `scorecard init [DIR]`: writes the commented default rules.yaml (never over an existing one unless --force).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_RULES_YAML } from '../config/default-rules.js';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';

export function initCommand(dir: string, o: { force?: boolean }, io: Io): ExitCode {
  const log = makeLogger(io, {});
  const target = join(resolve(io.cwd, dir), 'rules.yaml');
  if (existsSync(target) && !o.force) {
    log.error(`${target} exists already; use --force to overwrite it`);
    return EXIT.USAGE;
  }
  try {
    mkdirSync(resolve(io.cwd, dir), { recursive: true });
    writeFileSync(target, DEFAULT_RULES_YAML);
  } catch (e) {
    log.error(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return EXIT.DATA;
  }
  log.info(`wrote ${target}: the default policy, commented; edit it and pass it with --config`);
  return EXIT.OK;
}
