// Ingest stage: the sha256 of whole files, in this thread or in a small thread of its own (hash-thread.ts), so that
// the files a big month reads in two parts are hashed on the second core while the main thread makes the reports.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

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
 * The sha256 of each file, computed in a thread of its own (a few MiB: it loads only this module and Node's crypto).
 * If that thread fails, or a file cannot be read there, the file is hashed here: an error is then this thread's.
 */
export async function sha256InThread(paths: readonly string[]): Promise<string[]> {
  // compiled, the thread is the .js beside this module; under the test runner (TypeScript sources) it is the build's
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/ingest/hash-thread.js', here) : new URL('./hash-thread.js', here);
  const hashes = await new Promise<(string | null)[]>((resolve) => {
    const worker = new Worker(url, { workerData: paths });
    worker.unref();
    worker.once('message', (m: (string | null)[]) => resolve(m));
    worker.once('error', () => resolve(paths.map(() => null)));
    worker.once('exit', () => resolve(paths.map(() => null)));
  });
  return paths.map((p, i) => hashes[i] ?? sha256OfFile(p));
}
