// Join stage, the main thread's side of the reading thread (read-worker.ts): starts it on the inputs it can read ahead,
// and hands each input's header, batches and counts to the join step that takes the input, in the order read.
// A big month only: the thread costs a few tens of milliseconds to start, which a small month would notice.
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import { csvFileSize, estimateRows, splitPoint, type TableHeader } from '../ingest/read-table.js';
import { FileError, type FileErrorCode } from '../problems.js';
import { COLUMNS } from '../validate/columns.js';
import type { Batch } from './batches.js';
import { SPLIT_INPUTS, type SplitInput, type Span } from './local.js';
import { ConfigNeeded } from './read-input.js';

/** An input the thread reads: a whole file, or (from) the second part of the tickets, which the main thread reads up to there. */
export interface ReadingTask { input: SplitInput; path: string; shown?: string; from?: number }
export interface ReadingInit { tasks: ReadingTask[]; config: Config; period: Span; control: SharedArrayBuffer; budgetKiB: number }

/** What the reading thread counted of an input (the rejects come as entries of the batches). */
export interface ReadCounts { sha256: string; rows_read: number; rows_accepted: number; rows_out_of_period: number; rows_superseded?: number }

export type ThreadError =
  | { kind: 'file'; code: FileErrorCode; file: string; args: Record<string, string | number>; message: string }
  | { kind: 'config'; message: string }
  | { kind: 'other'; message: string; stack?: string };

export type ThreadMessage =
  | { task: number; type: 'header'; header: TableHeader }
  | { task: number; type: 'batch'; batch: Batch }
  | { task: number; type: 'done'; counts: ReadCounts; ms: number }
  | { task: number; type: 'error'; error: ThreadError };

/** The columns of an input's records that a join step reads (informational columns are never parsed). */
export function recordColumns(input: SplitInput): string[] {
  return COLUMNS[input].filter((c) => !c.informational).map((c) => c.id);
}

/** At most this much of batches read ahead and not yet joined (the rest of the input waits in its file): measured on
 * the bench months, 8 MiB costs no time within the noise against 16, 32 or 48 and keeps the peak memory lower (the
 * 1M month with its tickets shuffled peaks at about 300 MiB with two threads). */
const BUDGET_KIB = 8 * 1024;

export interface TaskHandlers {
  header(h: TableHeader): void;
  batch(b: Batch): void;
}

export class ReadingThread {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly queues: ThreadMessage[][];
  private readonly wake: (() => void)[] = [];
  private failure: Error | null = null;

  private constructor(private readonly tasks: ReadingTask[], config: Config, period: Span) {
    const shared = new SharedArrayBuffer(4);
    this.control = new Int32Array(shared);
    this.queues = tasks.map(() => []);
    const init: ReadingInit = { tasks, config, period: { start: period.start, end: period.end }, control: shared, budgetKiB: BUDGET_KIB };
    // compiled, the thread is the .js beside this module; under the test runner (TypeScript sources) it is the build's
    const here = import.meta.url;
    const url = here.endsWith('.ts') ? new URL('../../dist/join/read-worker.js', here) : new URL('./read-worker.js', here);
    this.worker = new Worker(url, { workerData: init });
    this.worker.unref();
    this.worker.on('message', (m: ThreadMessage) => {
      this.queues[m.task].push(m);
      this.wake[m.task]?.();
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const w of this.wake) w?.();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => { if (code !== 0) fail(new Error(`the reading thread stopped (exit code ${code})`)); });
  }

  static start(tasks: ReadingTask[], config: Config, period: Span): ReadingThread | null {
    return tasks.length === 0 ? null : new ReadingThread(tasks, config, period);
  }

  /** The task of an input, if the thread reads it (or its second part). */
  task(input: SplitInput, path: string): ReadingTask | undefined {
    return this.tasks.find((t) => t.input === input && t.path === path);
  }

  /** Drops what the thread reads of an input (the main thread read it all after all). */
  discard(input: SplitInput): void {
    this.take(input, { header() {}, batch() {} }).catch(() => {});
  }

  /** Hands over an input's header and batches as they come; resolves with its counts and the thread's reading time. */
  take(input: SplitInput, on: TaskHandlers): Promise<{ counts: ReadCounts; ms: number }> {
    const task = this.tasks.findIndex((t) => t.input === input);
    const queue = this.queues[task];
    return new Promise((resolve, reject) => {
      const pump = (): void => {
        try {
          for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
            switch (m.type) {
              case 'header': on.header(m.header); break;
              case 'batch':
                on.batch(m.batch);
                Atomics.sub(this.control, 0, Math.ceil(m.batch.bytes / 1024));
                Atomics.notify(this.control, 0);
                break;
              case 'done': this.wake[task] = () => {}; resolve({ counts: m.counts, ms: m.ms }); return;
              case 'error': this.wake[task] = () => {}; reject(revive(m.error)); return;
            }
          }
          if (this.failure) reject(this.failure);
        } catch (e) {
          this.wake[task] = () => {};
          reject(e);
        }
      };
      this.wake[task] = pump;
      pump();
    });
  }

  /** Stops the thread (at the end of the joins, or when the run stops early). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function revive(e: ThreadError): Error {
  if (e.kind === 'file') return new FileError(e.code, e.file, e.args);
  if (e.kind === 'config') return new ConfigNeeded(e.message);
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** SCORECARD_READ_AHEAD: auto (a big month), on (any month: the tests), off (everything in the main thread). */
export type ReadAheadMode = 'auto' | 'on' | 'off';

/** Inputs read ahead from this many bytes together: a month this big reads in seconds, the thread starts in ~30 ms. */
const READ_AHEAD_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Relative costs per row (about microseconds on the development machine, both threads busy): a ticket read and joined
 * in the main thread; a ticket, a response, a survey read in the reading thread; a row of the thread's joined in the
 * main thread. Fitted on the bench months: the main thread then reads two thirds of the tickets, where both months ran
 * fastest (measured shares 0.5-0.92: 0.6-0.7 best on the export month, no difference on the narrow one).
 */
const COST_US = { mainTicket: 1.25, threadTicket: 1.25, threadResponse: 0.55, threadSurvey: 0.65, join: 0.2 };

/**
 * What the reading thread takes: the second part of the tickets, then responses and surveys, each a CSV file (not
 * standard input, not a workbook). The tickets are cut where both threads should finish together by COST_US: the
 * main thread reads a share f of the tickets and joins everything, the thread reads the rest.
 */
export function readAheadTasks(paths: Partial<Record<SplitInput, string>>, shown: Partial<Record<SplitInput, string>>, config: Config, mode: ReadAheadMode, near?: number): ReadingTask[] {
  if (mode === 'off') return [];
  const tasks: ReadingTask[] = [];
  let bytes = 0;
  const rows: Record<SplitInput, number> = { tickets: 0, responses: 0, surveys: 0 };
  const sizes: Record<SplitInput, number> = { tickets: 0, responses: 0, surveys: 0 };
  for (const input of SPLIT_INPUTS) {
    const path = paths[input];
    if (!path || path === '-') continue;
    const size = csvFileSize(path);
    if (size === null) continue;
    bytes += size;
    sizes[input] = size;
    rows[input] = estimateRows(path, size);
    if (input !== 'tickets') tasks.push({ input, path, shown: shown[input] });
  }
  if (mode === 'auto' && bytes < READ_AHEAD_MIN_BYTES) return [];
  const tickets = paths.tickets;
  const dup = config.inputs.tickets?.duplicates;
  if (tickets && rows.tickets > 0 && dup !== 'keep_first' && dup !== 'keep_last') {
    const { mainTicket, threadTicket, threadResponse, threadSurvey, join } = COST_US;
    const share = Math.min(0.95, Math.max(0.5, ((threadTicket - join) * rows.tickets + (threadResponse - join) * rows.responses + (threadSurvey - join) * rows.surveys)
      / ((mainTicket - join + threadTicket) * rows.tickets)));
    const from = splitPoint(tickets, { sheet: undefined, delimiter: config.inputs.tickets?.delimiter, encoding: config.inputs.tickets?.encoding }, near ?? Math.floor(sizes.tickets * share));
    if (from !== null) tasks.unshift({ input: 'tickets', path: tickets, shown: shown.tickets, from });
  }
  return tasks;
}
