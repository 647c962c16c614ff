// Join stage, two threads for a big month: each of tickets, responses and surveys is cut in two at a line start; the
// main thread reads and joins the first part of each, a second thread (second-thread.ts) the rest, with the same join
// steps. The tickets come first in both: then each thread hands the other the index of its part, so that responses
// and surveys find their ticket whichever part it was in. At the end the second thread's counts, lists, rejects and
// row accounting are added to the main thread's, its rows numbered on from the first part's. Last, while the main
// thread scores and makes the reports, a small thread hashes each file read in two parts (hashes).
//
// The result is the one thread's, exactly: every list gets its values in row order (the first part's, then the
// second's), and whatever two parts cannot decide alone (an id in both parts of a file, a file's problem, a quoted
// cell across a cut) stops both threads: the month is then read again in one (OneThreadAfterAll).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { RosterEntry } from '../history/ledger.js';
import { mergeStates, type States } from '../metrics/plan.js';
import { sha256InThread } from '../ingest/file-hash.js';
import { csvFileSize, MIN_CUT_BYTES, splitPoint } from '../ingest/read-table.js';
import type { Reject } from '../problems.js';
import type { Period } from '../util/time.js';
import { OneThreadAfterAll, type JoinContext, type Slot } from './context.js';
import { SPLIT_INPUTS, type SplitInput } from './local.js';
import type { InputSummary } from './read-input.js';
import { IdTable, type IdTableData } from './id-table.js';
import { TicketIndex, TwoPartTickets, type TicketIndexData } from './ticket-index.js';

/** The second part of an input, which the second thread reads: from a line start to the end. */
export interface SecondPart { input: SplitInput; path: string; shown?: string; from: number }
export interface SecondInit {
  parts: SecondPart[]; config: Config; period: Period;
  /** one Int32 in a SharedArrayBuffer: set by the main thread when the second thread's work is no longer wanted */
  stop: SharedArrayBuffer;
}

/** What the second thread read of an input: its row accounting and rejects, rows numbered from 1 at its part. */
export interface PartResult { input: SplitInput; summary: InputSummary; rejects: Reject[] }

export interface SecondResult {
  parts: PartResult[];
  /** per engineer (in roster order), the metric states of the second part's cases (null: not scored) */
  states: (States | null)[];
  /** per ticket of each part's index, whether a response row of the second thread's part named it */
  responded: [Uint8Array, Uint8Array];
  /** the tickets named by the second part's responses with their own engineer and found in neither part */
  unjoined: string[];
  /** the survey ids of the second part's rows that were checked for duplicates */
  surveyIds: IdTableData;
}

export type ToSecond =
  | { type: 'init'; init: SecondInit }
  | { type: 'roster'; entries: { row: number; entry: RosterEntry; scored: boolean }[] }
  | { type: 'tickets'; index: TicketIndexData }
  | { type: 'stop' };

export type FromSecond =
  | { type: 'tickets'; index: TicketIndexData }
  | { type: 'done'; result: SecondResult }
  | { type: 'failed'; message: string };

/** SCORECARD_READ_AHEAD: auto (two threads for a big month on two cores or more), on (any month the two threads can read: the tests), off. */
export type ReadAheadMode = 'auto' | 'on' | 'off';

/** Two threads from this many bytes of tickets, responses and surveys together: the second thread starts in ~40 ms. */
const TWO_THREADS_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Where each input is cut: the share of its bytes the main thread reads. The main thread also reads the roster and
 * makes the reports, so it takes a little less of the tickets and a little more of the rest; with these shares the
 * two threads finish their parts at about the same time on the bench month (bench/README.md).
 */
const MAIN_SHARES: Record<SplitInput, number> = { tickets: 0.48, responses: 0.52, surveys: 0.52 };

/** Where to cut (a share of each input's bytes; tests try cuts anywhere). */
export type Cuts = Partial<Record<SplitInput, number>>;

/**
 * Whether a month may be read in two threads, from its files alone (the rules are not needed): tickets, responses and
 * surveys as CSV files (not a workbook, not standard input), no events file (its tickets come between); in auto mode
 * at least TWO_THREADS_MIN_BYTES of them and a second core.
 */
function mayReadInTwoThreads(paths: Partial<Record<string, string>>, mode: ReadAheadMode): boolean {
  if (mode === 'off' || paths.events || Object.values(paths).includes('-')) return false;
  if (mode === 'on') return true;
  return splitBytes(paths).total >= TWO_THREADS_MIN_BYTES && availableParallelism() >= 2;
}

/** The bytes of the CSV files of tickets, responses and surveys: together, and of the biggest. */
function splitBytes(paths: Partial<Record<string, string>>): { total: number; biggest: number } {
  let total = 0;
  let biggest = 0;
  for (const input of SPLIT_INPUTS) {
    const path = paths[input];
    const size = path ? csvFileSize(path) ?? 0 : 0;
    total += size;
    biggest = Math.max(biggest, size);
  }
  return { total, biggest };
}

/**
 * The second parts, when a month is read in two threads (mayReadInTwoThreads, and no duplicates: keep_*, a file read
 * whole first). An input too small to cut is read whole by the main thread.
 */
export function secondParts(paths: Partial<Record<string, string>>, shown: Partial<Record<string, string>>, config: Config, mode: ReadAheadMode, cuts: Cuts = {}): SecondPart[] {
  if (!mayReadInTwoThreads(paths, mode)) return [];
  const parts: SecondPart[] = [];
  for (const input of SPLIT_INPUTS) {
    const path = paths[input];
    if (!path) continue;
    const opts = config.inputs[input] ?? {};
    if (opts.duplicates === 'keep_first' || opts.duplicates === 'keep_last') return [];
    const size = csvFileSize(path);
    if (size === null) continue;
    const from = splitPoint(path, { sheet: undefined, delimiter: opts.delimiter, encoding: opts.encoding }, Math.floor(size * (cuts[input] ?? MAIN_SHARES[input])));
    if (from !== null) parts.push({ input, path, shown: shown[input], from });
  }
  return parts;
}

/** A second thread started before the rules were read (startSecondThreadEarly), not yet given its work. */
let early: SecondThread | null = null;

/**
 * Starts the second thread at once when the month's files alone say it may be read in two threads: the thread's own
 * start-up (its V8 and modules, 40-140 ms measured on the 1M month) then runs on the second core while this thread
 * reads the rules and the roster, instead of after them. The run takes it (secondThread) or lets it go
 * (dropEarlyThread: the rules keep the month in one thread, or something failed first).
 */
export function startSecondThreadEarly(paths: Partial<Record<string, string>>, mode: ReadAheadMode): SecondThread | null {
  // on (tests): only when a file is big enough to be cut at all
  if (early === null && mayReadInTwoThreads(paths, mode) && (mode === 'auto' || splitBytes(paths).biggest > MIN_CUT_BYTES)) early = new SecondThread();
  return early;
}

/** The second thread started early, or a new one. */
export function secondThread(): SecondThread {
  const t = early ?? new SecondThread();
  early = null;
  return t;
}

/**
 * A second thread started early and not taken ends (on its own; the process waits for it, a few tenths at most).
 * Settles when it has ended (at once when there was none).
 */
export function dropEarlyThread(): Promise<void> {
  const t = early;
  early = null;
  t?.close();
  return t?.ended ?? Promise.resolve();
}

export class SecondThread {
  private readonly worker: Worker;
  private readonly inbox: FromSecond[] = [];
  private wake: (() => void) | null = null;
  private failure: string | null = null;
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  /** the parts it reads (begin) */
  private parts: SecondPart[] = [];
  /** the sha256 of each file read in two parts, from when the second thread is done (hashes) */
  private hashing: Promise<string[]> | null = null;
  /** settles when the thread has ended */
  readonly ended: Promise<void>;

  /**
   * Starts the thread; its work comes with begin. It keeps the process alive until it ends, on its own, soon after its
   * work is done or no longer wanted (close): it is never terminated.
   */
  constructor() {
    // compiled, the thread is the .js beside this module; under the test runner (TypeScript sources) it is the build's
    const here = import.meta.url;
    const url = here.endsWith('.ts') ? new URL('../../dist/join/second-thread.js', here) : new URL('./second-thread.js', here);
    // a young generation of 16 MiB: the thread makes many short-lived objects, and a smaller one collects so often
    // that the main thread waits for the thread's tickets; it costs a constant ~15-25 MiB at the peak, not per row
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    this.worker.on('message', (m: FromSecond) => {
      this.inbox.push(m);
      this.wake?.();
    });
    this.worker.on('error', (e) => this.fail(e.message));
    this.worker.on('exit', (code) => this.fail(`the second thread stopped (exit code ${code})`));
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Gives the thread its parts. */
  begin(parts: SecondPart[], config: Config, period: Period): void {
    this.parts = parts;
    this.send({ type: 'init', init: { parts, config, period, stop: this.stop.buffer as SharedArrayBuffer } });
  }

  private fail(message: string): void {
    this.failure ??= message;
    this.wake?.();
  }

  private async next<T extends FromSecond['type']>(type: T): Promise<Extract<FromSecond, { type: T }>> {
    for (;;) {
      const m = this.inbox.shift();
      if (m !== undefined) {
        if (m.type === type) return m as Extract<FromSecond, { type: T }>;
        throw new OneThreadAfterAll(m.type === 'failed' ? m.message : `unexpected ${m.type} from the second thread`);
      }
      if (this.failure !== null) throw new OneThreadAfterAll(this.failure);
      await new Promise<void>((resolve) => { this.wake = resolve; });
      this.wake = null;
    }
  }

  private send(m: ToSecond, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  /** The main thread's part of each input the second thread reads the rest of. */
  firstParts(): JoinContext['parts'] {
    return Object.fromEntries(this.parts.map((p) => [p.input, { split: { at: p.from, records: null } }]));
  }

  /** After the roster: who the engineers are, in the same order in both threads. */
  sendRoster(ctx: JoinContext): void {
    this.send({ type: 'roster', entries: [...ctx.roster.values()].map((s) => ({ row: s.row, entry: s.entry, scored: s.tally !== null })) });
  }

  /** After the first part of the tickets: each thread takes the other's index (no ticket id may be in both). */
  async exchangeTickets(ctx: JoinContext): Promise<void> {
    const mine = ctx.tickets as TicketIndex<Slot>;
    const theirs = TicketIndex.from((await this.next('tickets')).index, (n) => ctx.slots[n]);
    if (mine.sharesIdWith(theirs)) throw new OneThreadAfterAll('a ticket id in both parts of the tickets');
    const index = mine.data();
    this.send({ type: 'tickets', index }, TicketIndex.buffers(index));
    ctx.tickets = new TwoPartTickets(mine, theirs);
  }

  /**
   * After the first parts of responses and surveys: the second thread's results added to the main thread's, and the
   * cohort tickets without a response counted (the index is let go then: the lists are still to grow).
   */
  async addSecondParts(ctx: JoinContext, countUnresponded: ((ctx: JoinContext) => void) | null): Promise<void> {
    const { result } = await this.next('done');
    this.close(); // it ends on its own (its memory goes before the reports are made)
    this.hashing = sha256InThread(this.parts.map((p) => p.path)); // on the second core from now on (see hashes)
    this.hashing.catch(() => {}); // told where it is awaited, if it is (the month may still be read again in one thread)
    takeResponses(ctx, result);
    if (ctx.surveyIds.sharesIdWith(IdTable.from(result.surveyIds))) throw new OneThreadAfterAll('a survey id in both parts');
    countUnresponded?.(ctx); // counts only: the same added before or after the second part's
    ctx.tickets = ctx.newTickets(); // every join is done: its memory goes before the states are merged
    ctx.slots.forEach((slot, e) => {
      const theirs = result.states[e];
      if (slot.tally && theirs) slot.tally.states = mergeStates(ctx.metrics, slot.tally.states, theirs);
    });
    for (const part of result.parts) {
      const first = ctx.inputs.find((s) => s.input === part.input);
      const split = ctx.parts[part.input];
      if (!first || !split || !('split' in split) || split.split.records === null) throw new Error(`unreachable: no first part of ${part.input}`);
      addPart(ctx, first, part, split.split.records);
    }
  }

  /**
   * After addSecondParts: the sha256 of each file read in two parts, which a small thread computes (reading each
   * whole again), started as soon as the second thread is done, while this one adds its results, scores and makes
   * the reports. Fails only for a file that can no longer be read.
   */
  async hashes(ctx: JoinContext): Promise<void> {
    const hashes = await (this.hashing ?? sha256InThread(this.parts.map((p) => p.path)));
    this.parts.forEach((part, i) => {
      const summary = ctx.inputs.find((s) => s.input === part.input);
      if (summary) summary.sha256 = hashes[i];
    });
  }

  /**
   * The second thread's work is no longer wanted: it stops reading (within a MiB) or waiting for the main thread, then
   * ends on its own once idle.
   * It is never terminated from here: Node 20 can abort the whole process when a worker is terminated while V8 still
   * optimises its code in the background (seen once in a test run: "Assertion failed: (data.first) != nullptr" in
   * NodePlatform::ForIsolate). The process waits for it (100 ms idle at most).
   */
  close(): void {
    Atomics.store(this.stop, 0, 1);
    this.send({ type: 'stop' });
  }
}

/** The tickets the second part's responses named, as if named here: none may be named in both parts. */
function takeResponses(ctx: JoinContext, result: SecondResult): void {
  const tickets = ctx.tickets as TwoPartTickets<Slot>;
  const ROW = 1; // the row a response of the second part is held at (only whether one was is asked from now on)
  if (!tickets.first.takeResponded(result.responded[0], ROW) || !tickets.second.takeResponded(result.responded[1], ROW)
    || result.unjoined.some((id) => ctx.unjoinedResponses.has(id))) {
    throw new OneThreadAfterAll('a ticket named by responses in both parts');
  }
}

/** The rows of a second part numbered on from the first part's records; a duplicate's first row is in the same part. */
function addPart(ctx: JoinContext, s: InputSummary, part: PartResult, offset: number): void {
  const p = part.summary;
  s.rows_read += p.rows_read;
  s.rows_accepted += p.rows_accepted;
  s.rows_rejected += p.rows_rejected;
  s.rows_out_of_period += p.rows_out_of_period;
  for (const [code, rows] of Object.entries(p.reject_codes) as [keyof InputSummary['reject_codes'], number[]][]) {
    (s.reject_codes[code] ??= []).push(...rows.map((r) => r + offset));
  }
  for (const r of part.rejects) {
    r.location.row += offset;
    if (r.code === 'DUPLICATE_ID' && typeof r.args?.first === 'number') r.args.first += offset;
    ctx.rejects.push(r);
  }
  s.read_ms = Math.max(s.read_ms ?? 0, p.read_ms ?? 0); // the two parts are read at the same time
  s.two_threads = true;
}

/** The memory of the second thread's results, moved to the main thread rather than copied. */
export function secondResultBuffers(result: SecondResult): ArrayBuffer[] {
  return [...result.responded.map((r) => r.buffer as ArrayBuffer), ...IdTable.buffers(result.surveyIds)];
}

/** The second thread's side: its results, from its own join context. */
export function secondResult(ctx: JoinContext, parts: PartResult[]): SecondResult {
  const tickets = ctx.tickets as TwoPartTickets<Slot>;
  const responded: [Uint8Array, Uint8Array] = [tickets.first.responded(), tickets.second.responded()];
  ctx.tickets = ctx.newTickets();
  return {
    parts,
    states: ctx.slots.map((s) => s.tally?.states ?? null),
    responded,
    unjoined: [...ctx.unjoinedResponses.keys()],
    surveyIds: (ctx.surveyIdsChecked ?? new IdTable()).data(),
  };
}

