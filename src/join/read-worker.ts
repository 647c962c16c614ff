// Join stage, the reading thread: reads and checks the big inputs of a big month (responses, surveys) while the main
// thread reads the tickets they join to. The same reading as the main thread's (read-input.ts, local.ts); what it sends
// back, in row order, is only what the join steps take: records in compact batches (batches.ts) and rejects.
// Protocol (reading-thread.ts is the other side): per task, 'header' once, then 'batch'es, then 'done' or 'error'.
import { parentPort, workerData } from 'node:worker_threads';
import { FileError } from '../problems.js';
import { BatchWriter, transferList, type Batch } from './batches.js';
import { localCheck } from './local.js';
import { ConfigNeeded, eachRecord } from './read-input.js';
import { recordColumns, type ReadingInit, type ThreadError, type ThreadMessage } from './reading-thread.js';

const init = workerData as ReadingInit;
const control = new Int32Array(init.control);
const post = (m: ThreadMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);

/** Holds the reading while the batches not yet joined exceed the budget (the main thread counts them down). */
function send(task: number, batch: Batch): void {
  const kib = Math.ceil(batch.bytes / 1024);
  Atomics.add(control, 0, kib);
  post({ task, type: 'batch', batch }, transferList(batch));
  for (let held = Atomics.load(control, 0); held > init.budgetKiB; held = Atomics.load(control, 0)) Atomics.wait(control, 0, held, 50);
}

function describe(e: unknown): ThreadError {
  if (e instanceof FileError) return { kind: 'file', code: e.code, file: e.file, args: e.args, message: e.message };
  if (e instanceof ConfigNeeded) return { kind: 'config', message: e.message };
  return { kind: 'other', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack };
}

for (let task = 0; task < init.tasks.length; task++) {
  const { input, path, shown, from } = init.tasks[task];
  const t0 = performance.now();
  try {
    const writer = new BatchWriter(recordColumns(input), (b) => send(task, b));
    const check = localCheck(input, init.config, init.period);
    const s = await eachRecord(path, shown, input, init.config, { push: (r) => writer.reject(r) }, undefined, (rec, row, run, text) => {
      if (check(rec, row, run, text)) writer.record(rec, row);
    }, undefined, (header) => post({ task, type: 'header', header }), from === undefined ? undefined : { from });
    writer.flush();
    post({
      task, type: 'done', ms: performance.now() - t0,
      counts: { sha256: s.sha256, rows_read: s.rows_read, rows_accepted: s.rows_accepted, rows_out_of_period: s.rows_out_of_period, rows_superseded: s.rows_superseded },
    });
  } catch (e) {
    post({ task, type: 'error', error: describe(e) });
    break; // the main thread stops at this input: nothing after it is read
  }
}
