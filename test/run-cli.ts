// Runs the CLI in-process with captured streams (the spawned-binary test is in test/cli/binary.test.ts).
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main.js';

export const ROOT = new URL('..', import.meta.url).pathname;

export async function cli(args: string[], opts: { cwd?: string; stdin?: string; now?: Date; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const code = await main(args, {
    stdout: out, stderr: err, stdin, env: { NO_COLOR: '1', ...opts.env }, cwd: opts.cwd ?? ROOT, now: () => opts.now ?? new Date('2026-11-23T08:00:00Z'),
  });
  await new Promise((r) => setImmediate(r));
  return { code, stdout, stderr };
}
