// Parallel work, one-off tasks: a module's `run(input)` on another core (a worker thread that loads only that module
// and what it imports), its result moved back. The process does not wait for a task nobody awaits any more.
import { Worker } from 'node:worker_threads';
import { runnable } from './runnable.js';

/** What a task module exports: its work, and the buffers of its result to move rather than copy. */
export type TaskRun<I, O> = (input: I) => Promise<{ result: O; transfer?: ArrayBuffer[] }>;

/** A task that failed: its error's message, and the fields it carried (code, args), as plain data. */
export class TaskError extends Error {
  constructor(message: string, readonly data: Record<string, unknown>) {
    super(message);
  }
}

/** Runs the module's `run` on another core; rejects with TaskError when it throws, or when its thread stops. */
export function runTask<O>(module: URL, input: unknown): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    const worker = new Worker(runnable(new URL('./task-host.js', import.meta.url)), { workerData: { module: runnable(module).href, input } });
    worker.unref();
    worker.once('message', (m: { ok: true; result: O } | { ok: false; message: string; data: Record<string, unknown> }) => {
      if (m.ok) resolve(m.result);
      else reject(new TaskError(m.message, m.data));
    });
    worker.once('error', (e) => reject(new TaskError(e.message, {})));
    worker.once('exit', (code) => reject(new TaskError(`the task stopped (exit code ${code})`, {})));
  });
}
