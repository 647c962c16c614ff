// Parallel reading, the first part's side: cuts the files at line starts, starts the other part (part-host.ts, in a
// worker thread), runs the steps of both in lockstep and hands the other part's result to the first part's work.
// Nothing here knows what the files hold: the work (a module of the domain) does.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sharedMemory, StopFlag } from './memory.js';
import { ReadWhole, type FirstPartWork, type PartEnv, type Range } from './parts.js';
import { runnable } from './runnable.js';

/**
 * A file that may be cut: its key (as the work names it), its size, the share of it the first part reads, and where it
 * can be cut near a byte offset (a line start at or after it; null: nowhere near).
 */
export interface CutFile { key: string; size: number; share: number; cut: (near: number) => number | null }

/** Where each file was cut (files not cut are absent: the first part reads them whole). */
export type Cuts = Record<string, number>;

export type ToOther =
  | { type: 'begin'; init: unknown; ranges: Record<string, Range>; steps: number; stop: SharedArrayBuffer }
  | { type: 'step'; data: unknown }
  | { type: 'stop' };
export type FromOther =
  | { type: 'step'; data: unknown }
  | { type: 'result'; data: unknown }
  | { type: 'whole'; reason: string }
  | { type: 'failed'; message: string; stack?: string };

/** Whether this machine has a second core to read a part on. */
export const canReadInParts = (): boolean => availableParallelism() >= 2;

/**
 * The other part's reader, started before its work is known (start: its thread's own start-up, 40-140 ms, then runs
 * while the caller gets ready). One reading per runner.
 */
export class PartRunner {
  private readonly worker: Worker;
  private readonly inbox: FromOther[] = [];
  private wake: (() => void) | null = null;
  private failure: string | null = null;
  private readonly stopFlag = new StopFlag();
  private closed = false;
  /** settles when the other part's thread has ended */
  readonly ended: Promise<void>;

  /** module: the work's module (exports openOtherPart), imported by the other part at once. */
  constructor(module: URL) {
    // a young generation of 16 MiB: the work makes many short-lived objects, and a smaller one collects so often that
    // the first part waits for the other's messages; it costs a constant ~15-25 MiB at the peak, not per row
    this.worker = new Worker(runnable(new URL('./part-host.js', import.meta.url)), { workerData: { module: runnable(module).href }, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    this.worker.on('message', (m: FromOther) => {
      this.inbox.push(m);
      this.wake?.();
    });
    this.worker.on('error', (e) => this.fail(`the other part failed: ${e.message}`));
    this.worker.on('exit', (code) => this.fail(`the other part stopped (exit code ${code})`));
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /**
   * Cuts the files (near each one's share of its bytes) and runs the work in two parts: `first` makes the first part's work, the module's openOtherPart the
   * other's (with init). Returns the cuts, or ReadWhole's reason when the parts cannot give what one reading gives (then
   * nothing of the first part's work is to be used). Any other error is thrown.
   */
  async read(files: readonly CutFile[], steps: number, init: unknown, first: (env: PartEnv) => FirstPartWork): Promise<{ cuts: Cuts } | { whole: string }> {
    const firstRanges: Record<string, Range> = {};
    const otherRanges: Record<string, Range> = {};
    const cuts: Cuts = {};
    for (const f of files) {
      const at = f.cut(Math.floor(f.size * f.share));
      if (at === null) continue;
      firstRanges[f.key] = { to: at };
      otherRanges[f.key] = { from: at };
      cuts[f.key] = at;
    }
    if (Object.keys(cuts).length === 0) {
      this.close();
      return { whole: 'no file is big enough to cut' };
    }
    this.send({ type: 'begin', init, ranges: otherRanges, steps, stop: this.stopFlag.buffer });
    try {
      const work = first({ ranges: firstRanges, alloc: sharedMemory, stop: { stopped: false } });
      for (let i = 0; i < steps; i++) {
        const mine = await work.step(i);
        if (i === steps - 1) break;
        this.send({ type: 'step', data: mine?.data ?? null }, mine?.transfer);
        work.take(i, (await this.next('step')).data);
      }
      const { data } = await this.next('result');
      this.close(); // it ends on its own (its memory goes before the results are used)
      work.merge(data);
      return { cuts };
    } catch (e) {
      this.close();
      if (e instanceof ReadWhole) return { whole: e.message };
      throw e;
    }
  }

  private fail(message: string): void {
    this.failure ??= message;
    this.wake?.();
  }

  private async next<T extends 'step' | 'result'>(type: T): Promise<Extract<FromOther, { type: T }>> {
    for (;;) {
      const m = this.inbox.shift();
      if (m !== undefined) {
        if (m.type === type) return m as Extract<FromOther, { type: T }>;
        if (m.type === 'whole') throw new ReadWhole(m.reason);
        if (m.type === 'failed') throw Object.assign(new Error(`the other part failed: ${m.message}`), { stack: m.stack });
        throw new Error(`unreachable: ${m.type} from the other part, ${type} awaited`);
      }
      if (this.failure !== null) throw new Error(this.failure);
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
  }

  private send(m: ToOther, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  /**
   * The other part's work is no longer wanted (or is done): its readings stop within a MiB, a wait for a message ends,
   * and its thread ends on its own once idle. It is never terminated from here: Node 20 can abort the whole process
   * when a worker is terminated while V8 still optimises its code in the background (NodePlatform::ForIsolate). The
   * process waits for it (100 ms idle at most).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopFlag.stop();
    this.send({ type: 'stop' });
  }
}
