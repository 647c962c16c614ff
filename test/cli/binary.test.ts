// The real binary, spawned: colour off, TZ=UTC and LANG=C on a cron host, and kill -9 at random points of a large run.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../run-cli.js';
import { generate } from '../../bench/generate.js';
import { zipBomb } from '../validate/corpus-cases.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const BIN = join(ROOT, 'bin', 'scorecard.js');
const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC', LANG: 'C', LC_ALL: 'C' };

describe('a big workbook', () => {
  it('is read as a stream in flat memory: 40,000 tickets scored under a 96 MB heap, the same scorecards as from CSV', async () => {
    const dir = tempDir('xlsx-flat-');
    await generate(dir, 40_000, 60, '2026-10', true);
    const { parse } = await import('csv-parse/sync');
    const { default: ExcelJS } = await import('exceljs');
    const rows = parse(readFileSync(join(dir, 'tickets.csv')), { bom: true }) as string[][];
    const xdir = tempDir('xlsx-flat-x-');
    for (const f of readdirSync(dir)) if (f !== 'tickets.csv') copyFileSync(join(dir, f), join(xdir, f));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(xdir, 'tickets.xlsx'), useSharedStrings: true });
    const ws = wb.addWorksheet('工单');
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    const run = (input: string, out: string) => spawnSync(process.execPath, ['--max-old-space-size=96', BIN, 'run', '--period', '2026-10', '--input-dir', input, '--out', out, '--format', 'csv,json', '--quiet', '--max-reject-rate', '1'], { env, encoding: 'utf8' });
    const fromCsv = run(dir, join(dir, 'out'));
    const fromXlsx = run(xdir, join(xdir, 'out'));
    expect(fromCsv.status, fromCsv.stderr).toBe(0);
    expect(fromXlsx.status, fromXlsx.stderr).toBe(0);
    for (const f of ['scorecards.csv', 'scorecards.json', 'state.json']) {
      expect(readFileSync(join(xdir, 'out', '2026-10', f), 'utf8'), f).toBe(readFileSync(join(dir, 'out', '2026-10', f), 'utf8'));
    }
    const m = JSON.parse(readFileSync(join(xdir, 'out', '2026-10', 'manifest.json'), 'utf8'));
    expect(m.inputs.tickets.rows_read).toBe(40_000);
  }, 120_000);
  it('a zip directory claiming a 60 MB sheet packed in 16 bytes is refused as a zip bomb, naming the part', () => {
    const dir = tempDir('xlsx-bomb-');
    writeFileSync(join(dir, 'tickets.xlsx'), zipBomb(600 * 1024 * 1024));
    const r = spawnSync(process.execPath, [BIN, 'validate', '--period', '2025-11', '--config', join(ROOT, 'fixtures/rules.yaml'), '--roster', join(ROOT, 'fixtures/2025-11/roster.csv'), '--tickets', join(dir, 'tickets.xlsx'), '--out', join(dir, 'out')], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/tickets\.xlsx: part xl\/worksheets\/sheet1\.xml would inflate to 600 MB/);
  });
});

describe('the binary', () => {
  it('--version and --help on stdout, exit 0', () => {
    const v = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('on a UTC cron host, months follow the config timezone; stdout carries only data; no colour codes', () => {
    const dir = tempDir('bin-');
    writeFileSync(join(dir, 'roster.csv'), 'engineer_id,name\nE1,A\n');
    // 00:30 on 1 October in Shanghai is 16:30 on 30 September in UTC
    writeFileSync(join(dir, 'tickets.csv'), 'ticket_id,engineer_id,created_at\nT1,E1,2026-10-01 00:30\nT2,E1,2026-09-30 23:30\nT3,E1,2026-10-31 23:59\n');
    const r = spawnSync(process.execPath, [BIN, 'run', '--period', '2026-10', '--config', join(ROOT, 'fixtures/rules.yaml'), '--roster', join(dir, 'roster.csv'), '--tickets', join(dir, 'tickets.csv'), '--out', join(dir, 'out'), '--stdout', 'csv', '--locale', 'en'], { env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^period,engineer_id,name/);
    expect(r.stderr).not.toMatch(/\u001b\[/);
    const m = JSON.parse(readFileSync(join(dir, 'out', '2026-10', 'manifest.json'), 'utf8'));
    expect(m.inputs.tickets).toMatchObject({ rows_read: 3, rows_accepted: 2, rows_out_of_period: 1 });
  });
  it('reads a CSV from standard input with -', () => {
    const r = spawnSync(process.execPath, [BIN, 'validate', '--period', '2025-11', '--config', join(ROOT, 'fixtures/rules.yaml'), '--roster', join(ROOT, 'fixtures/2025-11/roster.csv'), '--tickets', '-', '--max-reject-rate', '1'],
      { env, encoding: 'utf8', input: readFileSync(join(ROOT, 'fixtures/2025-11/tickets.csv')) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/tickets\s+stdin: \d+ read/);
  });
});

describe('crash safety: kill -9 at random points', () => {
  const dir = tempDir('kill-');
  const small = join(dir, 'small');
  const big = join(dir, 'big');
  const out = join(dir, 'out');
  beforeAll(async () => {
    await generate(small, 500, 50);
    await generate(big, 60_000, 50);
    copyFileSync(join(small, 'roster.csv'), join(big, 'roster.csv'));
  });
  const run = (input: string) => {
    const child = spawn(process.execPath, [BIN, 'run', '--period', '2026-10', '--config', join(ROOT, 'fixtures/rules.yaml'), '--input-dir', input, '--out', out, '--quiet', '--max-reject-rate', '1'], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    return { child, exited };
  };
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

  function assertComplete(): string {
    return assertCompleteIn(out);
  }
  function assertCompleteIn(root: string): string {
    const p = join(root, '2026-10');
    const manifest = JSON.parse(readFileSync(join(p, 'manifest.json'), 'utf8'));
    for (const [file, hash] of Object.entries(manifest.outputs)) expect(sha(join(p, file)), file).toBe(hash);
    const files = (readdirSync(p, { recursive: true }) as string[]).filter((f) => statSync(join(p, f)).isFile());
    expect(files.sort()).toEqual([...Object.keys(manifest.outputs), 'manifest.json'].sort());
    return manifest.inputs.tickets.sha256;
  }

  it('two runs started together on one output root: one publishes, the other exits 1 naming the lock holder', async () => {
    const root = tempDir('twin-');
    const large = join(dir, 'large');
    await generate(large, 150_000, 50);
    const start = () => {
      const child = spawn(process.execPath, [BIN, 'run', '--period', '2026-10', '--config', join(ROOT, 'fixtures/rules.yaml'), '--input-dir', large, '--out', root, '--quiet', '--max-reject-rate', '1'], { env });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      return new Promise<{ code: number | null; stderr: string }>((r) => child.on('exit', (code) => r({ code, stderr })));
    };
    // the second run starts once the first holds the lock, while it still has seconds of reading ahead of it
    const first = start();
    const lock = join(root, '.scorecard.lock');
    for (let i = 0; i < 500 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(lock)).toBe(true);
    const results = await Promise.all([first, start()]);
    const codes = results.map((r) => r.code).sort();
    expect(codes).toEqual([0, 1]);
    expect(results.find((r) => r.code === 1)?.stderr).toMatch(/locked by another scorecard run \(pid \d+/);
    expect(existsSync(join(root, '.scorecard.lock'))).toBe(false);
    assertCompleteIn(root);
  });

  it('leaves either the previous complete period or the new complete one, never a mix', async () => {
    expect(await run(small).exited).toBe(0);
    const smallSha = assertComplete();
    const t0 = Date.now();
    expect(await run(big).exited).toBe(0);
    const duration = Date.now() - t0;
    const bigSha = assertComplete();
    // alternate inputs so that each killed run would replace a different period
    for (let i = 0; i < 6; i++) {
      const { child, exited } = run(i % 2 ? small : big);
      const delay = 30 + Math.floor(Math.random() * duration);
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const got = assertComplete();
      expect([smallSha, bigSha]).toContain(got);
    }
    // the next run takes over the dead run's lock and cleans its leftovers
    expect(await run(small).exited).toBe(0);
    expect(assertComplete()).toBe(smallSha);
    expect(readdirSync(out).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(existsSync(join(out, '.scorecard.lock'))).toBe(false);
  });
});
