// Parallel reading, the other part's side (runner.ts starts it): imports the work's module at once, waits for its
// ranges and init ('begin'), then runs the steps in lockstep with the first part and sends its result. A ReadWhole
// of the work is sent as 'whole', any other error as 'failed'; after 'stop' (or the stop flag) nothing more is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { StopFlag, sharedMemory } from './memory.js';
import { ReadWhole, type OpenOtherPart } from './parts.js';
import type { FromOther, ToOther } from './runner.js';

const work = import((workerData as { module: string }).module) as Promise<{ openOtherPart: OpenOtherPart }>;
work.catch(() => {}); // told when awaited

const inbox: ToOther[] = [];
let wake: (() => void) | null = null;
let stopped = false;
parentPort?.on('message', (m: ToOther) => {
  if (m.type === 'stop') stopped = true;
  inbox.push(m);
  wake?.();
});

class Stopped extends Error {}

async function next<T extends ToOther['type']>(type: T): Promise<Extract<ToOther, { type: T }>> {
  for (;;) {
    const m = inbox.shift();
    if (m !== undefined) {
      if (m.type === 'stop') throw new Stopped();
      if (m.type !== type) throw new Error(`unexpected ${m.type} from the first part`);
      return m as Extract<ToOther, { type: T }>;
    }
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = null;
  }
}

const post = (m: FromOther, transfer: ArrayBuffer[] = []) => {
  if (!stopped) parentPort?.postMessage(m, transfer);
};

async function main(): Promise<void> {
  const begin = await next('begin');
  const stop = new StopFlag(begin.stop);
  const part = (await work).openOtherPart(begin.init, { ranges: begin.ranges, alloc: sharedMemory, stop });
  for (let i = 0; i < begin.steps; i++) {
    const mine = await part.step(i);
    if (i === begin.steps - 1) break;
    post({ type: 'step', data: mine?.data ?? null }, mine?.transfer);
    part.take(i, (await next('step')).data);
  }
  const { data, transfer } = part.result();
  post({ type: 'result', data }, transfer);
}

/**
 * How long the thread stays idle before it ends on its own: the code V8 is still optimising in the background is done
 * by then (a thread ended while that runs can abort the process in Node 20: runner.ts, close).
 */
const IDLE_BEFORE_END_MS = 100;

main()
  .catch((e: unknown) => {
    if (e instanceof Stopped || stopped) return;
    if (e instanceof ReadWhole) post({ type: 'whole', reason: e.message });
    else post({ type: 'failed', message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack });
  })
  .finally(() => setTimeout(() => parentPort?.close(), IDLE_BEFORE_END_MS));
