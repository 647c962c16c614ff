// The byte path (UTF-8 CSV) and the text path (any other encoding) end to end: the same month saved as UTF-8 and as
// UTF-16 gives the same scorecards, grade changes, rejects and state, byte for byte (only the manifest's input hashes
// differ, the bytes read being different).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return new TextDecoder('utf-8').decode(bytes); // (drops a BOM)
}

describe('byte path and text path', () => {
  for (const month of ['2025-11', '2026-03']) {
    it(`${month}: UTF-8 and UTF-16 copies of the inputs publish the same files`, async () => {
      const src = join(ROOT, 'fixtures', month);
      const utf8 = mkdtempSync(join(tmpdir(), 'utf8-'));
      const utf16 = mkdtempSync(join(tmpdir(), 'utf16-'));
      for (const f of readdirSync(src)) {
        const bytes = readFileSync(join(src, f));
        if (f.endsWith('.xlsx')) {
          writeFileSync(join(utf8, f), bytes);
          writeFileSync(join(utf16, f), bytes);
          continue;
        }
        const text = decode(bytes);
        writeFileSync(join(utf8, f), text, 'utf8');
        writeFileSync(join(utf16, f), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      }
      const outs = [mkdtempSync(join(tmpdir(), 'out8-')), mkdtempSync(join(tmpdir(), 'out16-'))];
      for (const [dir, out] of [[utf8, outs[0]], [utf16, outs[1]]]) {
        const r = await cli(['run', '--period', month, '--config', join(ROOT, 'fixtures', 'rules.yaml'), '--input-dir', dir, '--out', out, '--fresh', '--quiet', '--max-reject-rate', '1']);
        expect(r.code, r.stderr).toBe(0);
      }
      const files = ['scorecards.csv', 'scorecards.json', 'grade-changes.csv', 'rejects.csv', 'state.json'];
      for (const f of files) expect(readFileSync(join(outs[1], month, f)), `${month}/${f}`).toEqual(readFileSync(join(outs[0], month, f)));
      // and the month did exercise rows of every kind (so the comparison means something)
      expect(readFileSync(join(outs[0], month, 'rejects.csv'), 'utf8').trim().split('\n').length).toBeGreaterThan(3);
    });
  }
});
