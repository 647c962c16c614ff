// Golden files: the CLI run end to end on every fixture month in order, outputs compared byte for byte.
// Refresh with UPDATE_GOLDEN=1 npm test, then review the diff of test/golden/.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const MONTHS = readdirSync(join(ROOT, 'fixtures')).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
const FILES = ['scorecards.csv', 'scorecards.json', 'payroll.csv', 'grade-changes.csv', 'rejects.csv', 'metrics.json', 'state.json', 'manifest.json'];
const GOLDEN = join(ROOT, 'test', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * A file as the golden copy holds it: a manifest names where each input and the rules were read (absolute paths, to
 * run the month again), and the project's folder differs from machine to machine: it is written <root>/.
 */
function normalised(f: string, bytes: Buffer): Buffer {
  if (f !== 'manifest.json') return bytes;
  const root = ROOT.endsWith('/') ? ROOT : `${ROOT}/`;
  return Buffer.from(bytes.toString('utf8').split(JSON.stringify(root).slice(1, -1)).join('<root>/'), 'utf8');
}

function compare(actualDir: string, goldenDir: string, files: string[]): void {
  for (const f of files) {
    const actual = normalised(f, readFileSync(join(actualDir, f)));
    const path = join(goldenDir, f);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(path, actual);
    }
    expect(existsSync(path), `${path} missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
    expect(actual.toString('utf8'), `${f} differs from ${path}`).toBe(readFileSync(path, 'utf8'));
    expect(actual.equals(readFileSync(path))).toBe(true);
  }
}

describe('golden: the fixture months in order', () => {
  const out = tempDir('golden-');
  const runs: Record<string, { code: number; stderr: string }> = {};
  beforeAll(async () => {
    for (const p of MONTHS) {
      runs[p] = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--locale', 'en']);
    }
  });
  it('has at least six consecutive months', () => {
    expect(MONTHS.length).toBeGreaterThanOrEqual(6);
  });
  for (const p of MONTHS) {
    it(`${p}: exit 0 and outputs identical to test/golden/${p}`, () => {
      expect(runs[p].code, runs[p].stderr).toBe(0);
      compare(join(out, p), join(GOLDEN, p), FILES);
    });
  }
  it('every change kind occurs across the months', () => {
    const kinds = new Set<string>();
    for (const p of MONTHS) {
      for (const line of readFileSync(join(out, p, 'grade-changes.csv'), 'utf8').trim().split('\n').slice(1)) kinds.add(line.split(',')[3]);
    }
    for (const k of ['rating_up', 'rating_down', 'level_up', 'level_down', 'action:warning', 'action:job_adjustment', 'pay_reduced', 'pay_restored', 'new_engineer', 'left']) {
      expect(kinds, k).toContain(k);
    }
  });
  it('every manifest reconciles: read = accepted + rejected + out of period', () => {
    for (const p of MONTHS) {
      const m = JSON.parse(readFileSync(join(out, p, 'manifest.json'), 'utf8'));
      for (const s of Object.values(m.inputs) as Record<string, number>[]) {
        expect(s.rows_read).toBe(s.rows_accepted + s.rows_rejected + s.rows_out_of_period);
      }
    }
  });
  it('re-running an earlier month is idempotent, never double-counts, and names the later months as stale', async () => {
    const p = MONTHS[2];
    const again = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', out, '--locale', 'en']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`stale: ${MONTHS.slice(3).join(', ')}`);
    compare(join(out, p), join(GOLDEN, p), FILES);
  });
  it('the same months read in two parts, in parallel (SCORECARD_READ_AHEAD=on cuts even small files): identical outputs', async () => {
    const ahead = tempDir('golden-ahead-');
    const inParts: string[] = [];
    for (const p of MONTHS) {
      const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', ahead, '--locale', 'en', '--verbose'], { env: { SCORECARD_READ_AHEAD: 'on' } });
      expect(r.code, r.stderr).toBe(0);
      compare(join(ahead, p), join(GOLDEN, p), FILES);
      // each month is read in two parts, or read again whole for a reason it names: the CSV tickets months hold a
      // duplicate ticket id far from its first row (so in both parts), the workbook months' tickets are not cut
      const whole = /read in one pass: (.*)/.exec(r.stderr)?.[1];
      if (whole !== undefined) expect(whole, p).toBe('a ticket id in both parts of the tickets');
      else for (const input of ['responses', 'surveys']) if (new RegExp(`\\n${input} [^\\n]*in two parts`).test(r.stderr)) inParts.push(`${p} ${input}`);
    }
    expect(inParts).toEqual(['2025-12 responses', '2025-12 surveys', '2026-04 responses', '2026-04 surveys']);
  });
  it('zh-CN: Chinese headers and labels, same column order', async () => {
    const zh = tempDir('golden-zh-');
    const p = MONTHS[0];
    const r = await cli(['run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', zh, '--locale', 'zh-CN']);
    expect(r.code, r.stderr).toBe(0);
    compare(join(zh, p), join(GOLDEN, `${p}-zh-CN`), ['scorecards.csv', 'payroll.csv', 'grade-changes.csv', 'rejects.csv']);
    expect(readFileSync(join(zh, p, 'scorecards.csv'), 'utf8').split('\n')[0]).toMatch(/^\ufeff考核期间,工号,姓名,班组,总分,考核等级/);
  });
});
