// Runs every case of the bad-input corpus through the real CLI: exit code, message, reject tuples, row accounting.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BASE, CASES } from './corpus-cases.js';
import { cli } from '../run-cli.js';
import { DEFAULT_RULES_YAML } from '../../src/config/default-rules.js';

describe('bad-input corpus', () => {
  it('holds at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  for (const c of CASES) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
      const input = join(dir, 'in');
      const out = join(dir, 'out');
      const files: Record<string, unknown> = { ...BASE };
      for (const name of Object.keys(c.files)) {
        const stem = name.split('.')[0];
        for (const b of Object.keys(files)) if (b.split('.')[0] === stem) delete files[b];
      }
      Object.assign(files, c.files);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(input);
      for (const [name, bytes] of Object.entries(files)) {
        writeFileSync(join(input, name), typeof bytes === 'function' ? await (bytes as () => Promise<Buffer>)() : (bytes as string | Buffer));
      }
      const config = join(dir, 'rules.yaml');
      writeFileSync(config, c.config ? c.config(DEFAULT_RULES_YAML) : DEFAULT_RULES_YAML);
      const r = await cli(['run', '--period', '2026-10', '--config', config, '--input-dir', input, '--out', out, '--max-reject-rate', '1', '--locale', 'en']);
      try {
        expect(r.code, r.stderr).toBe(c.exit ?? 0);
        for (const s of c.stderr ?? []) expect(r.stderr).toContain(s);
        expect(r.stderr).not.toContain('unexpected failure');
        if (r.code === 1) {
          expect(existsSync(join(out, '2026-10'))).toBe(false);
          return;
        }
        const rejects = parse(readFileSync(join(out, '2026-10', 'rejects.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
        if (c.rejects) expect(rejects.map((x) => [x.file, Number(x.row), x.column, x.code])).toEqual(c.rejects);
        const manifest = JSON.parse(readFileSync(join(out, '2026-10', 'manifest.json'), 'utf8'));
        for (const s of Object.values(manifest.inputs) as Record<string, number>[]) expect(s.rows_read).toBe(s.rows_accepted + s.rows_rejected + s.rows_out_of_period);
        if (c.counts) {
          const [input2, read, acc, rej, oop] = c.counts;
          expect(manifest.inputs[input2]).toMatchObject({ rows_read: read, rows_accepted: acc, rows_rejected: rej, rows_out_of_period: oop });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
