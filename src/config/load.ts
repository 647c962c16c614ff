// Reads and validates the rules file (YAML or JSON). Returns every problem with its path; never throws for bad config.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { configSchema, formatPath, type Config } from './schema.js';
import { DEFAULT_RULES_YAML } from './default-rules.js';

export type ConfigResult =
  | { ok: true; config: Config; sha256: string; source: string; location: string | null }
  | { ok: false; errors: string[] };

/** location: where the text was read (absolute), null for the built-in rules or text given in a test. */
export function parseConfigText(text: string, source: string, location: string | null = null): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true, prettyErrors: true }); // JSON is YAML, so both parse here
  } catch (e) {
    return { ok: false, errors: [`${source}: not valid YAML/JSON: ${(e as Error).message.split('\n')[0]}`] };
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${source}: ${formatPath(i.path)}: ${i.message}`) };
  }
  return { ok: true, config: parsed.data, sha256: createHash('sha256').update(text).digest('hex'), source, location };
}

export function loadConfig(path: string | undefined, cwd: string, exists: (p: string) => boolean): ConfigResult {
  if (path === undefined) {
    if (!exists(resolve(cwd, 'rules.yaml'))) return parseConfigText(DEFAULT_RULES_YAML, '(built-in default rules)');
    path = 'rules.yaml';
  }
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8').replace(/^\ufeff/, '');
  } catch (e) {
    return { ok: false, errors: [`${path}: cannot read the rules file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`] };
  }
  return parseConfigText(text, path, resolve(cwd, path));
}
