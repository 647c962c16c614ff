// Parallel work, the other side of task.ts: imports the task's module, runs it, posts its result or its error.
import { parentPort, workerData } from 'node:worker_threads';
import type { TaskRun } from './task.js';

const { module, input } = workerData as { module: string; input: unknown };
try {
  const { run } = (await import(module)) as { run: TaskRun<unknown, unknown> };
  const { result, transfer } = await run(input);
  parentPort?.postMessage({ ok: true, result }, transfer ?? []);
} catch (e) {
  const err = e as Error & { code?: unknown; args?: unknown };
  parentPort?.postMessage({ ok: false, message: err?.message ?? String(e), data: { name: err?.name, code: err?.code, args: err?.args } });
}
// idle a moment before ending: a thread that ends while V8 still optimises its code in the background can abort the
// process on Node 20 ("Assertion failed: (data.first) != nullptr" in NodePlatform::ForIsolate)
setTimeout(() => {}, 100);
