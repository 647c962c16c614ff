// Ingest stage: the sha256 of whole files, here or as a task on another core (hash-task.ts), so that the files a big
// month reads in two parts are hashed while the reports are made.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { runTask } from '../parallel/task.js';

/** The sha256 of a whole file (hex). */
export function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * The sha256 of each file, computed on another core (a task of a few MiB: it loads only hash-task.ts and Node's
 * crypto). If the task fails, or a file cannot be read there, the file is hashed here: an error is then this one's.
 */
export async function sha256Elsewhere(paths: readonly string[]): Promise<string[]> {
  const hashes = await runTask<(string | null)[]>(new URL('./hash-task.js', import.meta.url), [...paths]).catch(() => paths.map(() => null));
  return paths.map((p, i) => hashes[i] ?? sha256OfFile(p));
}
