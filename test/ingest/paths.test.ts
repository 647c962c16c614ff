// The byte path (UTF-8 and GB18030 CSV) and the text path (UTF-16) end to end: the same month saved as UTF-8, as
// GB18030 and as UTF-16 gives the same scorecards, grade changes, rejects and state, byte for byte (only the
// manifest's input hashes differ, the bytes read being different).
import { describe, expect, it, afterAll } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';
import { encodeGb18030 } from '../../scripts/gb18030.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return new TextDecoder('utf-8').decode(bytes); // (drops a BOM)
}

describe('byte path and text path', () => {
  for (const month of ['2025-11', '2026-03']) {
    it(`${month}: UTF-8, GB18030 and UTF-16 copies of the inputs publish the same files`, async () => {
      const src = join(ROOT, 'fixtures', month);
      const encodings: Array<[string, (text: string) => Buffer]> = [
        ['utf8', (t) => Buffer.from(t, 'utf8')],
        ['gb18030', (t) => encodeGb18030(t)],
        ['utf16', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
      ];
      const dirs = encodings.map(([name]) => tempDir(`${name}-`));
      for (const f of readdirSync(src)) {
        const bytes = readFileSync(join(src, f));
        encodings.forEach(([, encode], i) => writeFileSync(join(dirs[i], f), f.endsWith('.xlsx') ? bytes : encode(decode(bytes))));
      }
      const outs = encodings.map(([name]) => tempDir(`out-${name}-`));
      for (let i = 0; i < dirs.length; i++) {
        const r = await cli(['run', '--period', month, '--config', join(ROOT, 'fixtures', 'rules.yaml'), '--input-dir', dirs[i], '--out', outs[i], '--fresh', '--quiet', '--max-reject-rate', '1']);
        expect(r.code, r.stderr).toBe(0);
      }
      const files = ['scorecards.csv', 'scorecards.json', 'grade-changes.csv', 'rejects.csv', 'state.json'];
      for (let i = 1; i < outs.length; i++) {
        for (const f of files) expect(readFileSync(join(outs[i], month, f)), `${encodings[i][0]} ${month}/${f}`).toEqual(readFileSync(join(outs[0], month, f)));
      }
      // and the month did exercise rows of every kind (so the comparison means something)
      expect(readFileSync(join(outs[0], month, 'rejects.csv'), 'utf8').trim().split('\n').length).toBeGreaterThan(3);
    });
  }
});
