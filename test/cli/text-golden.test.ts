// explain and history as a supervisor reads them before a feedback meeting: a golden copy of each in both locales
// (refreshed with UPDATE_GOLDEN=1 and reviewed in the diff). The locale follows --locale, else the period's own.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const GOLDEN = join(ROOT, 'test', 'golden', 'text');
let out = '';

beforeAll(async () => {
  out = tempDir('text-');
  for (const p of MONTHS) {
    const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);

function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, text);
  }
  expect(existsSync(path), `${path} missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe.each(['en', 'zh-CN'])('%s', (locale) => {
  it.each([['E003', '2026-04'], ['E013', '2026-02'], ['E004', '2026-01']])('explain %s %s', async (id, period) => {
    const r = await cli(['explain', '--out', out, '--period', period, id, '--locale', locale]);
    expect(r.code, r.stderr).toBe(0);
    golden(`explain-${id}-${period}.${locale}.txt`, r.stdout);
  });
  it.each(['E003', 'E012'])('history %s', async (id) => {
    const r = await cli(['history', '--out', out, id, '--locale', locale]);
    expect(r.code, r.stderr).toBe(0);
    golden(`history-${id}.${locale}.txt`, r.stdout);
  });
});

describe('the default locale', () => {
  it('is the one the period was published in (the fixtures\' rules say zh-CN)', async () => {
    const r = await cli(['explain', '--out', out, '--period', '2026-04', 'E003']);
    expect(r.stdout).toBe(readFileSync(join(GOLDEN, 'explain-E003-2026-04.zh-CN.txt'), 'utf8'));
    const h = await cli(['history', '--out', out, 'E003']);
    expect(h.stdout.startsWith('工号 E003')).toBe(true);
  });
  it('Chinese output has a Chinese label on every line', () => {
    for (const f of ['explain-E003-2026-04.zh-CN.txt', 'history-E003.zh-CN.txt']) {
      const lines = readFileSync(join(GOLDEN, f), 'utf8').split('\n').filter((l) => l.trim() !== '' && !/^\s+\d{4}-\d{2}/.test(l));
      for (const l of lines) expect(l, `${f}: ${l}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
