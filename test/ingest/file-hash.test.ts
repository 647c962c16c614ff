// Whole-file sha256, here or on another core (a big month's files read in two parts are hashed so while the reports are made).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Elsewhere, sha256OfFile } from '../../src/ingest/file-hash.js';
import { removeTempDirs, tempDir } from '../temp.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('sha256 of whole files', () => {
  const dir = tempDir('hash-');
  // empty, small, and over the 1 MiB the files are read in (the last piece shorter)
  const files = { 'empty.csv': Buffer.alloc(0), 'small.csv': Buffer.from('a,b\n1,2\n'), 'big.csv': Buffer.alloc((1 << 20) * 2 + 12345, 'x,y\n') };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const paths = Object.keys(files).map((n) => join(dir, n));
  const want = Object.values(files).map(sha);
  afterAll(removeTempDirs);

  it('in this thread and in a thread of its own: the hash of every byte, in order', async () => {
    expect(paths.map(sha256OfFile)).toEqual(want);
    expect(await sha256Elsewhere(paths)).toEqual(want);
  });

  it('a file that cannot be read: the error of this thread, as reading it here would give', async () => {
    await expect(sha256Elsewhere([paths[1], join(dir, 'gone.csv')])).rejects.toThrow(/ENOENT/);
  });
});
