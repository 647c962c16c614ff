// The CLI in-process: exit codes, usage and config errors, --period previous, --quiet, --stdout, --bom, locale, lock, explain, history.
import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const tmp = (p: string) => tempDir(p);
const FIX = (p: string) => ['--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--locale', 'en'];

describe('exit codes and messages', () => {
  it('no arguments: usage, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: scorecard');
  });
  it('unknown option: exit 2', async () => {
    expect((await cli(['run', '--bogus'])).code).toBe(2);
  });
  it.each([['2026-13'], ['26-10'], ['october']])('bad --period %s: exit 2', async (p) => {
    const r = await cli(['run', '--period', p, ...FIX('2025-11'), '--out', tmp('o-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--period');
  });
  it('missing --period: exit 2', async () => {
    expect((await cli(['run', ...FIX('2025-11'), '--out', tmp('o-')])).code).toBe(2);
  });
  it('bad --max-reject-rate and --format: exit 2', async () => {
    expect((await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--max-reject-rate', 'lots'])).code).toBe(2);
    expect((await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--format', 'pdf'])).code).toBe(2);
  });
  it('config errors name their path; exit 2 before any input is read', async () => {
    const dir = tmp('cfg-');
    const cfg = join(dir, 'rules.yaml');
    const text = readFileSync(join(ROOT, 'fixtures/rules.yaml'), 'utf8')
      .replace('{ max: 4, points: 4 }', '{ max: 1, points: 4 }')
      .replace('metric: complaint_rate', 'metric: complaint_ratio')
      .replace('version: 1', 'version: 1\nextra_key: true');
    writeFileSync(cfg, text);
    const r = await cli(['run', '--period', '2025-11', '--config', cfg, '--input-dir', '/nonexistent', '--out', join(dir, 'o')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('indicators[2].scoring.bands[1].max');
    expect(r.stderr).toContain('indicators[4].metric: unknown metric');
    expect(r.stderr).toContain('extra_key');
    expect(r.stderr).not.toContain('nonexistent');
  });
  it.each([
    ['dimension weights', (y: string) => y.replace('weight: 30, neutral', 'weight: 35, neutral'), 'dimension weights must sum to 100'],
    ['ratings out of order', (y: string) => y.replace('min: 80, bonus', 'min: 95, bonus'), 'ratings[1].min'],
    ['unknown dimension', (y: string) => y.replace('dimension: skill', 'dimension: skills'), 'indicators[6].dimension'],
    ['dimension without indicators', (y: string) => y.replace(/dimension: attitude/g, 'dimension: quality'), 'dimension attitude has no indicators'],
    ['unknown scoring kind', (y: string) => y.replace('kind: value }', 'kind: valeu }'), 'indicators[6].scoring'],
    ['bad timezone', (y: string) => y.replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus'), 'timezone'],
    ['param the metric does not take', (y: string) => y.replace('params: { minutes: 60 }', 'params: { hours: 1 }'), 'indicators[0].params.hours'],
    ['streak of an unknown rating', (y: string) => y.replace('ratings: [fail], length: 2', 'ratings: [failed], length: 2'), 'streaks[0].ratings[0]'],
    ['not YAML at all', () => 'key: [unclosed', 'not valid YAML'],
  ])('config: %s', async (_n, patch, message) => {
    const dir = tmp('cfg-');
    writeFileSync(join(dir, 'rules.yaml'), patch(readFileSync(join(ROOT, 'fixtures/rules.yaml'), 'utf8')));
    const r = await cli(['validate', '--period', '2025-11', '--config', join(dir, 'rules.yaml'), '--input-dir', 'fixtures/2025-11']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
  it('JSON config with the same shape is accepted', async () => {
    const { parse } = await import('yaml');
    const dir = tmp('cfg-');
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(parse(readFileSync(join(ROOT, 'fixtures/rules.yaml'), 'utf8'))));
    const r = await cli(['validate', '--period', '2025-11', '--config', join(dir, 'rules.json'), '--input-dir', 'fixtures/2025-11']);
    expect(r.code, r.stderr).toBe(0);
  });
  it('a missing input folder or tickets file: exit 1', async () => {
    expect((await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--input-dir', '/nonexistent'])).code).toBe(1);
    const r = await cli(['run', '--period', '2025-11', '--config', 'fixtures/rules.yaml', '--roster', 'fixtures/2025-11/roster.csv', '--out', tmp('o-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no tickets file');
  });
});

describe('validate', () => {
  it('prints a summary per file with reject codes and rows, the rejects as CSV on stdout, writes nothing', async () => {
    const out = join(tmp('v-'), 'out');
    const r = await cli(['validate', '--period', '2025-11', ...FIX('2025-11'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const o2 = join(tmp('v-'), 'o2');
    expect((await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', o2, '--quiet'])).code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(o2, '2025-11', 'rejects.csv'), 'utf8'));
    expect(r.stdout.split('\n')[0]).toBe('file,sheet,row,column,code,message,value');
    expect(r.stderr).toMatch(/tickets\s+tickets\.csv: \d+ read, \d+ accepted, 4 rejected, 1 out of period/);
    expect(r.stderr).toMatch(/DUPLICATE_ID\s+1\s+rows \d+/);
    expect(r.stderr).toContain('tickets.csv:');
    expect(existsSync(out)).toBe(false);
  });
  it('exit 3 over the reject limit, still writing nothing', async () => {
    const out = join(tmp('v-'), 'out');
    const r = await cli(['validate', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--max-reject-rate', '0']);
    expect(r.code).toBe(3);
    expect(existsSync(out)).toBe(false);
  });
});

describe('run: cron ergonomics', () => {
  it('--period previous is the month before today in the config timezone', async () => {
    // 2025-12-31T17:00Z is already 1 January 01:00 in Shanghai: the previous month is December, not November
    const out = tmp('prev-');
    const r = await cli(['run', '--period', 'previous', ...FIX('2025-12'), '--out', out, '--fresh'], { now: new Date('2025-12-31T17:00:00Z') });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toContain('2025-12');
  });
  it('--quiet prints nothing on success; otherwise one summary line; --verbose adds a line per input', async () => {
    const q = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', tmp('q-'), '--quiet']);
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
    expect(q.stdout).toBe('');
    const v = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', tmp('q-')]);
    expect(v.stderr.trim().split('\n')).toHaveLength(1);
    expect(v.stderr).toMatch(/^scorecard: 2025-11 published to .*: 13 engineers scored, 0 grade changes; \d+ rows read, 7 rejected/);
    const vv = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', tmp('q-'), '--verbose']);
    expect(vv.stderr).toMatch(/tickets\s+tickets\.csv: \d+ read/);
    // each input says how long it took (the manifest, which must be reproducible, does not)
    for (const input of ['roster', 'tickets', 'responses', 'surveys']) expect(vv.stderr).toMatch(new RegExp(`${input}\\s+\\S+: \\d+ read.*\\(read and joined in \\d+\\.\\d\\d s, \\d+ rows/s\\)`));
    expect(v.stderr).not.toMatch(/read and joined/);
  });
  it('config csv.bom writes the byte-order mark like --bom', async () => {
    const dir = tmp('bomcfg-');
    writeFileSync(join(dir, 'rules.yaml'), readFileSync(join(ROOT, 'fixtures/rules.yaml'), 'utf8').replace('csv: { bom: false }', 'csv: { bom: true }'));
    const out = join(dir, 'out');
    expect((await cli(['run', '--period', '2025-11', '--config', join(dir, 'rules.yaml'), '--input-dir', 'fixtures/2025-11', '--out', out, '--quiet'])).code).toBe(0);
    expect(readFileSync(join(out, '2025-11', 'scorecards.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
  it('an input path that does not exist: exit 1 naming the file', async () => {
    const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--tickets', 'fixtures/2025-11/no-such-tickets.csv', '--out', tmp('nx-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-tickets.csv: cannot read the file (ENOENT)');
  });
  it('colour on a terminal, none when piped or with NO_COLOR', async () => {
    const { makeLogger } = await import('../../src/cli/io.js');
    const { PassThrough } = await import('node:stream');
    const capture = (tty: boolean, env: NodeJS.ProcessEnv) => {
      const err = Object.assign(new PassThrough(), { isTTY: tty });
      let text = '';
      err.on('data', (d) => (text += d));
      makeLogger({ stdout: new PassThrough(), stderr: err, env, cwd: '.', now: () => new Date() }, {}).error('x');
      return text;
    };
    expect(capture(true, {})).toMatch(/\u001b\[/);
    expect(capture(false, {})).not.toMatch(/\u001b\[/);
    expect(capture(true, { NO_COLOR: '1' })).not.toMatch(/\u001b\[/);
  });
  it('--stdout json writes the scorecards JSON to standard output only', async () => {
    const out = tmp('s-');
    const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--stdout', 'json', '--quiet']);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(out, '2025-11', 'scorecards.json'), 'utf8')));
  });
  it('--bom writes a byte-order mark into the CSV files, never to standard output', async () => {
    const out = tmp('b-');
    const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--bom', '--stdout', 'csv', '--quiet']);
    for (const f of ['scorecards.csv', 'grade-changes.csv', 'rejects.csv']) expect(readFileSync(join(out, '2025-11', f)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.stdout.startsWith('period,')).toBe(true);
  });
  it('--format limits the scorecard formats', async () => {
    const out = tmp('f-');
    await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--format', 'csv', '--quiet']);
    expect(readdirSync(join(out, '2025-11')).sort()).toEqual(['grade-changes.csv', 'manifest.json', 'metrics.json', 'payroll.csv', 'rejects.csv', 'scorecards.csv', 'state.json']);
  });
  it('a history gap is exit 1 and says which period to run first', async () => {
    const out = tmp('gap-');
    await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--quiet']);
    const r = await cli(['run', '--period', '2026-01', ...FIX('2026-01'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run 2025-12 first');
    expect(existsSync(join(out, '2026-01'))).toBe(false);
    const fresh = await cli(['run', '--period', '2026-01', ...FIX('2026-01'), '--out', out, '--fresh', '--quiet']);
    expect(fresh.code).toBe(0);
  });
  it('a refused re-run of a published period keeps the published one and writes beside it', async () => {
    const out = tmp('ref-');
    await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--quiet']);
    const before = readFileSync(join(out, '2025-11', 'scorecards.csv'));
    const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--max-reject-rate', '0']);
    expect(r.code).toBe(3);
    expect(readFileSync(join(out, '2025-11', 'scorecards.csv')).equals(before)).toBe(true);
    expect(JSON.parse(readFileSync(join(out, '2025-11.refused', 'manifest.json'), 'utf8')).status).toBe('refused');
  });
  it('two runs give byte-identical files, the workbook and the manifest included', async () => {
    const a = tmp('d1-');
    const b = tmp('d2-');
    await cli(['run', '--period', '2025-12', ...FIX('2025-12'), '--out', a, '--quiet']);
    await cli(['run', '--period', '2025-12', ...FIX('2025-12'), '--out', b, '--quiet']);
    const files = (readdirSync(join(a, '2025-12'), { recursive: true }) as string[]).filter((f) => f.includes('.'));
    expect(files).toContain('report/index.html');
    for (const f of files) expect(readFileSync(join(a, '2025-12', f)).equals(readFileSync(join(b, '2025-12', f))), f).toBe(true);
  });
});

describe('formula injection', () => {
  it('names, reasons and reject values that look like formulas are text with a leading apostrophe, in CSV and XLSX', async () => {
    const dir = tmp('inj-');
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'roster.csv'), 'engineer_id,name,team\nE1,=SUM(A1:A9),+team\nE2,@cmd,-5 group\n');
    writeFileSync(join(dir, 'in', 'tickets.csv'), 'ticket_id,engineer_id,created_at\nT1,E1,2026-10-02 09:00\nT2,=E9,2026-10-02 09:00\nT3,E2,2026-10-02 09:00\n');
    writeFileSync(join(dir, 'in', 'adjustments.csv'), 'engineer_id,date,target,value,reason\nE1,2026-10-02,score,-3,=HYPERLINK("x")\n');
    const out = join(dir, 'out');
    const r = await cli(['run', '--period', '2026-10', '--config', 'fixtures/rules.yaml', '--input-dir', join(dir, 'in'), '--out', out, '--max-reject-rate', '1', '--locale', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(out, '2026-10', 'scorecards.csv'), 'utf8');
    expect(csv).toContain(`'=SUM(A1:A9),'+team`);
    expect(csv).toContain(`'@cmd,'-5 group`);
    expect(readFileSync(join(out, '2026-10', 'rejects.csv'), 'utf8')).toContain(`,'=E9`);
    for (const f of ['scorecards.csv', 'grade-changes.csv', 'rejects.csv']) {
      for (const line of readFileSync(join(out, '2026-10', f), 'utf8').split('\n')) {
        for (const cell of line.split(',')) expect(/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell)), `${f}: ${cell}`).toBe(false);
      }
    }
    const zip = await JSZip.loadAsync(readFileSync(join(out, '2026-10', 'scorecards.xlsx')));
    const sheets = Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/sheet'));
    let strings = '';
    for (const s of sheets) {
      const xml = await zip.file(s)!.async('string');
      expect(xml).not.toMatch(/<f[ >]/);
      strings += xml;
    }
    strings += (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
    expect(strings.replace(/&apos;/g, "'")).toContain(`'=SUM(A1:A9)`);
    expect(strings).not.toMatch(/>=SUM/);
  });
});

describe('lock', () => {
  it('a second run while the lock is held by a live process: exit 1 naming the holder', async () => {
    const out = tmp('lock-');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(out, '.scorecard.lock'), JSON.stringify({ pid: sleeper.pid, host: (await import('node:os')).hostname(), started: '2026-11-01T03:30:00.000Z' }));
      const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`locked by another scorecard run (pid ${sleeper.pid}`);
      expect(r.stderr).toContain('2026-11-01T03:30:00.000Z');
      expect(existsSync(join(out, '2025-11'))).toBe(false);
    } finally {
      sleeper.kill();
    }
  });
  it('a stale lock of a dead process is taken over, and released after the run', async () => {
    const out = tmp('lock-');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    writeFileSync(join(out, '.scorecard.lock'), JSON.stringify({ pid: dead.pid, host: (await import('node:os')).hostname(), started: 'x' }));
    const r = await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, '.scorecard.lock'))).toBe(false);
  });
  it('leftovers of an interrupted publish are cleaned up by the next run', async () => {
    const out = tmp('left-');
    await cli(['run', '--period', '2025-11', ...FIX('2025-11'), '--out', out, '--quiet']);
    mkdirSync(join(out, '.2025-12.tmp-999-x'));
    writeFileSync(join(out, '.2025-12.tmp-999-x', 'scorecards.csv'), 'half');
    mkdirSync(join(out, '.2025-11.refused.tmp-999-y'));
    const { renameSync } = await import('node:fs');
    renameSync(join(out, '2025-11'), join(out, '.2025-11.old-999-x')); // killed between the two renames
    const r = await cli(['run', '--period', '2025-12', ...FIX('2025-12'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('restored 2025-11');
    expect(readdirSync(out).filter((d) => d.startsWith('.')).sort()).toEqual([]);
  });
});

describe('explain and history', () => {
  it('explain prints every figure of one engineer, history the periods side by side', async () => {
    const out = tmp('ex-');
    for (const p of ['2025-11', '2025-12', '2026-01']) await cli(['run', '--period', p, ...FIX(p), '--out', out, '--quiet']);
    const e = await cli(['explain', '--out', out, '--period', '2026-01', 'E003']);
    expect(e.code).toBe(0);
    const card = JSON.parse(readFileSync(join(out, '2026-01', 'scorecards.json'), 'utf8')).engineers.find((x: { engineer_id: string }) => x.engineer_id === 'E003');
    expect(e.stdout).toContain(`= ${card.total.toFixed(1)}`);
    for (const s of ['first_response', 'handling_speed', 'Dimensions:', 'Rating:', 'reduction', "next month's salary: "]) expect(e.stdout).toContain(s);
    const h = await cli(['history', '--out', out, 'E003']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/2025-11\s+2025-12\s+2026-01/);
    expect(h.stdout).toMatch(/next_salary\s+3500\s+3300\s+3150/);
    expect((await cli(['explain', '--out', out, '--period', '2026-01', 'E999'])).code).toBe(1);
    expect((await cli(['history', '--out', out, 'E999'])).code).toBe(1);
  });
  it('init writes the commented default policy and refuses to overwrite it', async () => {
    const dir = tmp('init-');
    expect((await cli(['init', dir])).code).toBe(0);
    const text = readFileSync(join(dir, 'rules.yaml'), 'utf8');
    expect(text).toContain('# Scoring kinds:');
    expect((await cli(['init', dir])).code).toBe(2);
  });
});
