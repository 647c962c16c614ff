// What a run reads back from earlier runs is checked before it is trusted: the previous period's state.json against
// its schema and the sha256 its manifest recorded, the lock, the output folder; failures name the file and the way out.
import { describe, expect, it, afterAll } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cli } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';
import { parseState, StateError } from '../../src/history/state.js';
import { publishFolder } from '../../src/report/publish.js';

afterAll(removeTempDirs);

const FIX = (p: string) => ['--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--locale', 'en'];
const run = (p: string, out: string, ...more: string[]) => cli(['run', '--period', p, ...FIX(p), '--out', out, '--quiet', ...more]);
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** Publishes 2025-11 and 2025-12 into a new output root. */
async function twoMonths(): Promise<string> {
  const out = tempDir('readback-');
  for (const p of ['2025-11', '2025-12']) expect((await run(p, out)).code).toBe(0);
  return out;
}

/** Edits a published state.json and records the edit in its manifest too, as someone covering their tracks would. */
function editState(out: string, period: string, edit: (s: any) => void): void {
  const path = join(out, period, 'state.json');
  const state = JSON.parse(readFileSync(path, 'utf8'));
  edit(state);
  const text = `${JSON.stringify(state, null, 2)}\n`;
  writeFileSync(path, text);
  const mpath = join(out, period, 'manifest.json');
  const m = JSON.parse(readFileSync(mpath, 'utf8'));
  m.outputs['state.json'] = sha(text);
  writeFileSync(mpath, JSON.stringify(m, null, 2));
}

describe('the previous period\'s state', () => {
  it('edited by hand (annual points as the string "295"): refused, naming the file; nothing published', async () => {
    const out = await twoMonths();
    const path = join(out, '2025-12', 'state.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/"annual_points": (\d+)/, '"annual_points": "$1"'));
    const r = await run('2026-01', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}: changed since 2025-12 was published`);
    expect(r.stderr).toContain('--fresh');
    expect(existsSync(join(out, '2026-01'))).toBe(false);
  });
  it('with its manifest edited to match: the schema names the field and the engineer', async () => {
    const out = await twoMonths();
    editState(out, '2025-12', (s) => { s.engineers[1].annual_points = String(s.engineers[1].annual_points); });
    const r = await run('2026-01', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/state\.json: engineers\[1\]\.annual_points \(engineer E002\): .*number/);
    expect(existsSync(join(out, '2026-01'))).toBe(false);
  });
  it('copied from an older month (with its manifest): refused, naming the period it holds', async () => {
    const out = await twoMonths();
    for (const f of ['state.json', 'manifest.json']) copyFileSync(join(out, '2025-11', f), join(out, '2025-12', f));
    const r = await run('2026-01', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it is the manifest of 2025-11, not of 2025-12');
  });
  it('copied from an older month, manifest patched: the state\'s own period is checked', async () => {
    const out = await twoMonths();
    const older = readFileSync(join(out, '2025-11', 'state.json'), 'utf8');
    editState(out, '2025-12', (s) => Object.assign(s, JSON.parse(older)));
    const r = await run('2026-01', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('period: holds 2025-11, not 2025-12');
  });
  it('a broken manifest is named (not taken for a history gap)', async () => {
    const out = await twoMonths();
    writeFileSync(join(out, '2025-12', 'manifest.json'), '{"period": "2025-12", "status": "publ');
    const r = await run('2026-01', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(out, '2025-12', 'manifest.json')}: cannot read the period's manifest`);
  });
  it('an engineer whose ratings are not a list names the field (no "is not iterable")', () => {
    const good = { version: 1, period: '2025-12', engineers: [] };
    expect(parseState(JSON.stringify(good)).engineers).toEqual([]);
    const bad = { ...good, engineers: [{ engineer_id: 'E007', ratings: 3 }] };
    expect(() => parseState(JSON.stringify(bad))).toThrow(StateError);
    expect(() => parseState(JSON.stringify(bad))).toThrow(/engineers\[0\]\.\w+ \(engineer E007\)/);
    expect(() => parseState('{ not json')).toThrow('not JSON');
  });
  it('explain and history refuse a scorecards.json edited after publishing', async () => {
    const out = await twoMonths();
    const path = join(out, '2025-12', 'scorecards.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"total": ', '"total": 1'));
    for (const args of [['explain', '--out', out, '--period', '2025-12', 'E003'], ['history', '--out', out, 'E003']]) {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path}: changed since 2025-12 was published`);
    }
  });
});

describe('the lock and the output folder', () => {
  it.each([['empty', ''], ['garbage', '{"pid":']])('an %s lock (left by a failure) is taken over', async (_what, text) => {
    const out = tempDir('lock-');
    writeFileSync(join(out, '.scorecard.lock'), text);
    const r = await run('2025-11', out);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('.scorecard.lock'))).toEqual([]);
  });
  it('--out naming a file: exit 1 saying so, for run and validate', async () => {
    const dir = tempDir('outfile-');
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const mode of ['run', 'validate']) {
      const r = await cli([mode, '--period', '2025-11', ...FIX('2025-11'), '--out', file]);
      expect(r.code, mode).toBe(1);
      expect(r.stderr).toContain(`${file}: --out must be a folder`);
      expect(r.stderr).not.toContain('unexpected');
    }
  });
  it('a publish that fails while writing removes its temporary folder and names the file', () => {
    const out = tempDir('publish-');
    const files = new Map<string, any>([['a.csv', 'x'], ['b.csv', [Buffer.from('y'), 42]]]);
    expect(() => publishFolder(out, '2025-11', files)).toThrow(/b\.csv: cannot write the file/);
    expect(readdirSync(out)).toEqual([]);
  });
});
