// Join stage, the second thread of a big month (two-threads.ts is the main thread's side): reads and joins the second
// part of tickets, responses and surveys with the same join steps as the main thread, into a join context of its own
// (the same roster, its own counts and lists), and sends back what they added.
// Protocol: 'init' comes in (the parts, the rules, the period: the thread may be started before they are known), then
// 'roster'; the tickets' index goes out ('tickets') and the main thread's comes in; then 'done' with the results, or
// 'failed' (the main thread then reads the month in one thread). When the main thread no longer wants the work it sets
// the shared stop flag (the reading stops within a MiB) and sends 'stop' (a wait for it ends); either way the thread
// ends on its own once idle.
import { parentPort } from 'node:worker_threads';
import { JoinContext, newTally, type Slot } from './context.js';
import { joinTickets } from './tickets.js';
import { joinResponses } from './responses.js';
import { joinSurveys } from './surveys.js';
import { IdTable } from './id-table.js';
import { TicketIndex, TwoPartTickets } from './ticket-index.js';
import { secondResult, secondResultBuffers, type FromSecond, type PartResult, type ToSecond } from './two-threads.js';

const inbox: ToSecond[] = [];
let wake: (() => void) | null = null;
parentPort?.on('message', (m: ToSecond) => {
  inbox.push(m);
  wake?.();
});

async function next<T extends ToSecond['type']>(type: T): Promise<Extract<ToSecond, { type: T }>> {
  for (;;) {
    const m = inbox.shift();
    if (m !== undefined) {
      if (m.type !== type) throw new Error(`unexpected ${m.type} from the main thread`);
      return m as Extract<ToSecond, { type: T }>;
    }
    await new Promise<void>((resolve) => { wake = resolve; });
    wake = null;
  }
}

const post = (m: FromSecond, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(m, transfer);

async function main(): Promise<void> {
  const { init } = await next('init');
  const stop = new Int32Array(init.stop);
  const ctx = new JoinContext(init.config, init.period);
  for (const { row, entry, scored } of (await next('roster')).entries) ctx.addEngineer(entry.engineer_id, { row, entry, tally: scored ? newTally(ctx.metrics) : null });
  const results: PartResult[] = [];
  const join = async (input: PartResult['input'], fn: (ctx: JoinContext, path: string, shown?: string) => Promise<void>) => {
    const part = init.parts.find((p) => p.input === input);
    if (!part) return;
    ctx.parts[input] = { from: part.from, stop };
    const before = ctx.rejects.length;
    await fn(ctx, part.path, part.shown);
    results.push({ input, summary: ctx.inputs[ctx.inputs.length - 1], rejects: ctx.rejects.slice(before) });
  };
  ctx.tickets = ctx.newTickets(true); // in shared memory: the main thread reads it as it is, no copy
  await join('tickets', joinTickets);
  const mine = ctx.tickets as TicketIndex<Slot>;
  const index = mine.data();
  post({ type: 'tickets', index }, TicketIndex.buffers(index));
  ctx.tickets = new TwoPartTickets(TicketIndex.from((await next('tickets')).index, (n) => ctx.slots[n]), mine);
  await join('responses', joinResponses);
  ctx.surveyIdsChecked = new IdTable();
  await join('surveys', joinSurveys);
  const result = secondResult(ctx, results);
  post({ type: 'done', result }, secondResultBuffers(result));
}

/**
 * How long the thread stays idle before it ends on its own: the code V8 is still optimising in the background is done
 * by then (a thread ended while that runs can abort the process in Node 20: two-threads.ts, close).
 */
const IDLE_BEFORE_END_MS = 100;

main()
  .catch((e: unknown) => post({ type: 'failed', message: (e as Error)?.message ?? String(e) }))
  .finally(() => setTimeout(() => parentPort?.close(), IDLE_BEFORE_END_MS));
