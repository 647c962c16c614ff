// Compressed inputs: `tickets.csv.gz` (any input, .csv.gz or .tsv.gz) is found by --input-dir and read like the
// plain file, with the same rows and rejects; the manifest's sha256 is of the compressed file as given.
import { describe, expect, it, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const RULES = join(ROOT, 'fixtures', 'rules.yaml');

describe('gzip-compressed inputs', () => {
  it.each(['2025-11', '2026-03'])('%s: every text input compressed publishes the same scorecards, rejects and row counts', async (month) => {
    const src = join(ROOT, 'fixtures', month);
    const plain = tempDir('gz-plain-');
    const packed = tempDir('gz-packed-');
    for (const f of readdirSync(src)) {
      copyFileSync(join(src, f), join(plain, f));
      if (f.endsWith('.xlsx')) copyFileSync(join(src, f), join(packed, f));
      else writeFileSync(join(packed, `${f}.gz`), gzipSync(readFileSync(join(src, f))));
    }
    const outs = [tempDir('gz-out-'), tempDir('gz-out-')];
    for (const [i, dir] of [plain, packed].entries()) {
      const r = await cli(['run', '--period', month, '--config', RULES, '--input-dir', dir, '--out', outs[i], '--fresh', '--quiet', '--max-reject-rate', '1']);
      expect(r.code, r.stderr).toBe(0);
    }
    for (const f of ['scorecards.csv', 'scorecards.json', 'grade-changes.csv', 'state.json']) {
      expect(readFileSync(join(outs[1], month, f), 'utf8'), f).toBe(readFileSync(join(outs[0], month, f), 'utf8'));
    }
    const rejects = (out: string) => readFileSync(join(out, month, 'rejects.csv'), 'utf8').replace(/\.gz,/g, ',');
    expect(rejects(outs[1])).toBe(rejects(outs[0]));
    expect(rejects(outs[0]).split('\n').length).toBeGreaterThan(3);
    const manifests = outs.map((o) => JSON.parse(readFileSync(join(o, month, 'manifest.json'), 'utf8')));
    for (const [name, input] of Object.entries(manifests[1].inputs) as [string, { path: string; sha256: string; rows_read: number; rows_accepted: number; rows_rejected: number; rows_out_of_period: number }][]) {
      const before = manifests[0].inputs[name];
      expect([input.rows_read, input.rows_accepted, input.rows_rejected, input.rows_out_of_period], name)
        .toEqual([before.rows_read, before.rows_accepted, before.rows_rejected, before.rows_out_of_period]);
      if (input.path.endsWith('.gz')) expect(input.sha256).toBe(createHash('sha256').update(readFileSync(input.path)).digest('hex'));
    }
    expect(Object.values(manifests[1].inputs).filter((i) => (i as { path: string }).path.endsWith('.gz')).length).toBeGreaterThan(2);
  });

  it('a truncated compressed file is a file error naming it (exit 1, nothing published)', async () => {
    const dir = tempDir('gz-cut-');
    const src = join(ROOT, 'fixtures', '2025-11');
    const packed = gzipSync(readFileSync(join(src, 'tickets.csv')));
    writeFileSync(join(dir, 'cut.csv.gz'), packed.subarray(0, packed.length - 200));
    const out = tempDir('gz-cut-out-');
    const r = await cli(['run', '--period', '2025-11', '--config', RULES, '--input-dir', src, '--tickets', join(dir, 'cut.csv.gz'), '--out', out, '--fresh']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cut.csv.gz: the compressed file is broken');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a compressed workbook is refused with what to give instead', async () => {
    const dir = tempDir('gz-xlsx-');
    writeFileSync(join(dir, 'tickets.csv.gz'), gzipSync(readFileSync(join(ROOT, 'fixtures', '2025-12', 'tickets.xlsx'))));
    const r = await cli(['validate', '--period', '2025-12', '--config', RULES, '--tickets', join(dir, 'tickets.csv.gz'), '--roster', join(ROOT, 'fixtures', '2025-11', 'roster.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('compressed workbook');
  });
});
