// Join stage, a big month read in two parts (parallel/runner.ts runs them): tickets, responses and surveys are each
// cut in two at a line start; the first part reads the roster and the first part of each, the other part the rest,
// with the same join steps. Step 0 is the tickets: then each part takes the other's index, so that responses and
// surveys find their ticket whichever part it was in. Step 1 is responses and surveys. At the end the other part's
// metric states, rejects and row accounting are merged into the first part's, its rows numbered on from the first
// part's; the files read in two parts are then hashed whole on another core while the reports are made (digests).
//
// The result is one reading's, exactly: the metric states merge exactly, and whatever two parts cannot decide alone
// (an id in both parts of a file, a problem in a file, a quoted cell across a cut) is ReadWhole: the month is then read
// again in one pass, which finds and tells it as it always does.
import type { Config } from '../config/schema.js';
import { FileError, type Reject } from '../problems.js';
import type { Period } from '../util/time.js';
import { mergeStates, type States } from '../metrics/plan.js';
import { sha256Elsewhere } from '../ingest/file-hash.js';
import { CalendarError } from '../calendar/working-time.js';
import { ReadWhole, type FirstPartWork, type Message, type OpenOtherPart, type OtherPartWork, type PartEnv } from '../parallel/parts.js';
import { JoinContext, type Slot } from './context.js';
import { IdTable, type IdTableData } from './id-table.js';
import type { FilePart, InputSummary } from './read-input.js';
import type { SplitInput } from './local.js';
import { TicketIndex, TwoPartTickets, type TicketIndexData } from './ticket-index.js';
import { joinRoster } from './roster.js';
import { joinTickets } from './tickets.js';
import { countUnresponded, joinResponses } from './responses.js';
import { joinSurveys } from './surveys.js';

type Paths = Partial<Record<string, string>>;

/** The steps of both parts: 0 the roster and the tickets (then the indexes are exchanged), 1 responses and surveys. */
export const STEPS = 2;

/** What the other part is given to start (its ranges come with it). */
export interface OtherInit { config: Config; period: Period; paths: Paths; shown: Paths }

/** What the other part read of an input: its row accounting and rejects, rows numbered from 1 at its part. */
interface PartResult { input: SplitInput; summary: InputSummary; rejects: Reject[] }

interface OtherResult {
  parts: PartResult[];
  /** per engineer (in roster order), the metric states of the other part's cases (null: not scored) */
  states: (States | null)[];
  /** per ticket of each part's index, whether a response row of the other part named it */
  responded: [Uint8Array, Uint8Array];
  /** the tickets named by the other part's responses with their own engineer and found in neither part */
  unjoined: string[];
  /** the survey ids of the other part's rows that were checked for duplicates */
  surveyIds: IdTableData;
}

/** A problem in a file found by a part is told as one reading tells it: the month is read again whole. */
async function orWhole<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof FileError || e instanceof CalendarError) throw new ReadWhole(`${e.message} (found in a part: the month is read again whole to tell it)`);
    throw e;
  }
}

function indexMessage(tickets: TicketIndex<Slot>): Message {
  const index = tickets.data();
  return { data: index, transfer: TicketIndex.buffers(index) };
}

/** The first part: the caller's join context, filled as one reading would fill it. */
export class FirstPart implements FirstPartWork {
  private env: PartEnv | null = null;
  private hashing: Promise<string[]> | null = null;

  constructor(private readonly ctx: JoinContext, private readonly paths: Paths, private readonly shown: Paths) {}

  open(env: PartEnv): this {
    this.env = env;
    this.ctx.parts = Object.fromEntries(Object.entries(env.ranges).map(([input, r]) => [input, { split: { at: 'to' in r ? r.to : 0, records: null } } as FilePart]));
    return this;
  }

  step(i: number): Promise<Message | null> {
    const { ctx, paths, shown } = this;
    return orWhole(async () => {
      if (i === 0) {
        if (paths.roster) await joinRoster(ctx, paths.roster, shown.roster);
        ctx.tickets = ctx.newTickets((this.env as PartEnv).alloc); // the other part reads it in place
        if (paths.tickets) await joinTickets(ctx, paths.tickets, shown.tickets);
        return indexMessage(ctx.tickets as TicketIndex<Slot>);
      }
      if (paths.responses) await joinResponses(ctx, paths.responses, shown.responses);
      if (paths.surveys) await joinSurveys(ctx, paths.surveys, shown.surveys);
      return null;
    });
  }

  take(_i: number, theirs: unknown): void {
    const mine = this.ctx.tickets as TicketIndex<Slot>;
    const other = TicketIndex.from(theirs as TicketIndexData, (n) => this.ctx.slots[n]);
    if (mine.sharesIdWith(other)) throw new ReadWhole('a ticket id in both parts of the tickets');
    this.ctx.tickets = new TwoPartTickets(mine, other);
  }

  merge(data: unknown): void {
    const { ctx } = this;
    const result = data as OtherResult;
    // hashed on another core from now on, while this one merges, scores and makes the reports (digests)
    this.hashing = sha256Elsewhere(Object.keys(ctx.parts).map((input) => this.paths[input] as string));
    this.hashing.catch(() => {}); // told where it is awaited
    const tickets = ctx.tickets as TwoPartTickets<Slot>;
    const ROW = 1; // the row a response of the other part is held at (only whether one was is asked from now on)
    if (!tickets.first.takeResponded(result.responded[0], ROW) || !tickets.second.takeResponded(result.responded[1], ROW)
      || result.unjoined.some((id) => ctx.unjoinedResponses.has(id))) {
      throw new ReadWhole('a ticket named by responses in both parts');
    }
    if (ctx.surveyIds.sharesIdWith(IdTable.from(result.surveyIds))) throw new ReadWhole('a survey id in both parts');
    if (this.paths.responses) countUnresponded(ctx); // counts only: the same before or after the other part's
    ctx.tickets = ctx.newTickets(); // every join that needs it is done: its memory goes before the states are merged
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

  /** The sha256 of each file read in two parts, by input (after merge; fails only for a file that can no longer be read). */
  async digests(): Promise<ReadonlyMap<string, string>> {
    const inputs = Object.keys(this.ctx.parts);
    const hashes = await (this.hashing ?? sha256Elsewhere(inputs.map((input) => this.paths[input] as string)));
    return new Map(inputs.map((input, i) => [input, hashes[i]]));
  }
}

/** The rows of an other part numbered on from the first part's records; a duplicate's first row is in the same part. */
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
  s.in_parts = true;
}

/** The other part: a join context of its own over the same roster (read again: it is small), its own states. */
class OtherPart implements OtherPartWork {
  private readonly ctx: JoinContext;
  private readonly results: PartResult[] = [];

  constructor(private readonly init: OtherInit, private readonly env: PartEnv) {
    this.ctx = new JoinContext(init.config, init.period);
    this.ctx.parts = Object.fromEntries(Object.entries(env.ranges).map(([input, r]) => [input, { from: 'from' in r ? r.from : 0, stop: env.stop } as FilePart]));
  }

  private async join(input: SplitInput, fn: (ctx: JoinContext, path: string, shown?: string) => Promise<void>): Promise<void> {
    const path = this.init.paths[input];
    if (!path || !this.ctx.parts[input]) return; // not cut: the first part reads it whole
    const before = this.ctx.rejects.length;
    await fn(this.ctx, path, this.init.shown[input]);
    this.results.push({ input, summary: this.ctx.inputs[this.ctx.inputs.length - 1], rejects: this.ctx.rejects.slice(before) });
  }

  step(i: number): Promise<Message | null> {
    const { ctx, init } = this;
    return orWhole(async () => {
      if (i === 0) {
        // the same engineers in the same order as the first part's (its rejects are the first part's to tell)
        if (init.paths.roster) await joinRoster(ctx, init.paths.roster, init.shown.roster);
        ctx.tickets = ctx.newTickets(this.env.alloc); // the first part reads it in place
        await this.join('tickets', joinTickets);
        return indexMessage(ctx.tickets as TicketIndex<Slot>);
      }
      await this.join('responses', joinResponses);
      ctx.surveyIdsChecked = new IdTable();
      await this.join('surveys', joinSurveys);
      return null;
    });
  }

  take(_i: number, theirs: unknown): void {
    const mine = this.ctx.tickets as TicketIndex<Slot>;
    this.ctx.tickets = new TwoPartTickets(TicketIndex.from(theirs as TicketIndexData, (n) => this.ctx.slots[n]), mine);
  }

  result(): Message {
    const { ctx } = this;
    const tickets = ctx.tickets as TwoPartTickets<Slot>;
    const result: OtherResult = {
      parts: this.results,
      states: ctx.slots.map((s) => s.tally?.states ?? null),
      responded: [tickets.first.responded(), tickets.second.responded()],
      unjoined: [...ctx.unjoinedResponses.keys()],
      surveyIds: (ctx.surveyIdsChecked ?? new IdTable()).data(),
    };
    return { data: result, transfer: [...result.responded.map((r) => r.buffer as ArrayBuffer), ...IdTable.buffers(result.surveyIds)] };
  }
}

export const openOtherPart: OpenOtherPart = (init, env) => new OtherPart(init as OtherInit, env);
