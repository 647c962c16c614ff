// The pipeline in one place: ingest -> validate -> join (one step per input, in this order) -> metrics -> scoring ->
// history. Reports are written by report/; this function reads files only through the join steps.
import type { Config, InputName } from './config/schema.js';
import type { Period } from './util/time.js';
import type { Reject } from './problems.js';
import type { EngineerAcc } from './metrics/accumulator.js';
import { scoreEngineer, type ScoreResult } from './scoring/score.js';
import { advanceHistory, type GradeChange, type LedgerRow, type PeriodScore, type RosterEntry } from './history/ledger.js';
import { byId, type State } from './history/state.js';
import { JoinContext, type InputSummary, type Slot } from './join/context.js';
import { TicketIndex } from './join/ticket-index.js';
import { ReadingThread, readAheadTasks, type ReadAheadMode } from './join/reading-thread.js';
import { joinRoster } from './join/roster.js';
import { joinTickets } from './join/tickets.js';
import { joinEvents } from './join/events.js';
import { countUnresponded, joinResponses } from './join/responses.js';
import { joinSurveys } from './join/surveys.js';
import { joinAdjustments } from './join/adjustments.js';
import { joinEvaluations } from './join/evaluations.js';

export { ConfigNeeded, type InputSummary } from './join/context.js';

export interface EngineerResult { roster: RosterEntry; acc: EngineerAcc; score: ScoreResult; ledger: LedgerRow }

export interface PeriodResult {
  period: Period;
  inputs: InputSummary[];
  rejects: Reject[];
  engineers: EngineerResult[];
  changes: GradeChange[];
  state: State;
}

export type InputPaths = Partial<Record<InputName, string>>;

export interface RunInputs {
  config: Config; period: Period; paths: InputPaths; shown?: InputPaths; prior: State | null; stdin?: NodeJS.ReadableStream;
  /** whether responses and surveys are read in a second thread while the tickets are read (default: for a big month) */
  readAhead?: ReadAheadMode;
  /** where to try to cut the tickets between the threads, in bytes (tests; default: where both threads finish together) */
  ticketsNear?: number;
}

export async function runPipeline({ config, period, paths, shown = {}, prior, stdin, readAhead = 'auto', ticketsNear }: RunInputs): Promise<PeriodResult> {
  const ctx = new JoinContext(config, period, stdin);
  // a big month is read by two threads: the second reads (and checks) the tickets' second part, responses and surveys;
  // the main thread reads the tickets' first part and joins everything, in row order
  ctx.reading = ReadingThread.start(readAheadTasks(paths, shown, config, readAhead, ticketsNear), config, period);
  try {
    await joinAll(ctx, paths, shown);
  } finally {
    await ctx.reading?.close();
    ctx.reading = null;
  }
  ctx.tickets = new TicketIndex<Slot>(); // every join is done: let the index of a big month go before the reports are made

  // Scoring, then history, for every scored roster engineer in id order.
  const all = [...ctx.roster.values()].sort((a, b) => byId(a.entry.engineer_id, b.entry.engineer_id));
  const periodScores = new Map<string, PeriodScore>();
  const results = all.filter((s) => s.acc !== null).map((s) => {
    const acc = s.acc as EngineerAcc;
    const score = scoreEngineer(config, acc);
    periodScores.set(s.entry.engineer_id, { total: score.total, rating: score.rating, points_adjustment: acc.pointsAdjustment });
    return { entry: s.entry, acc, score };
  });
  const history = advanceHistory(config, prior, period.id, all.map((s) => s.entry), periodScores);
  const engineers = results.map(({ entry, acc, score }) => ({ roster: entry, acc, score, ledger: history.rows.get(entry.engineer_id) as LedgerRow }));

  // rejects by file (in reading order) then row, whatever step found them
  const fileOrder = new Map(ctx.inputs.map((s, i) => [s.file, i]));
  const rejects = ctx.rejects.map((r, i) => ({ r, i })).sort((a, b) =>
    (fileOrder.get(a.r.location.file) ?? 0) - (fileOrder.get(b.r.location.file) ?? 0) || a.r.location.row - b.r.location.row || a.i - b.i).map((x) => x.r);
  return { period, inputs: ctx.inputs, rejects, engineers, changes: history.changes, state: history.state };
}

/** Joins need what came before them: the roster for every engineer, the tickets for responses and surveys. */
async function joinAll(ctx: JoinContext, paths: InputPaths, shown: InputPaths): Promise<void> {
  if (paths.roster) await joinRoster(ctx, paths.roster, shown.roster);
  if (paths.tickets) await joinTickets(ctx, paths.tickets, shown.tickets);
  if (paths.events) await joinEvents(ctx, paths.events, shown.events);
  if (paths.responses) await joinResponses(ctx, paths.responses, shown.responses);
  if (paths.responses || ctx.responsesFromEvents) countUnresponded(ctx);
  if (paths.surveys) await joinSurveys(ctx, paths.surveys, shown.surveys);
  if (paths.adjustments) await joinAdjustments(ctx, paths.adjustments, shown.adjustments);
  if (paths.evaluations) await joinEvaluations(ctx, paths.evaluations, shown.evaluations);
}
