// The pipeline in one place: ingest -> validate -> join (one step per input, in this order) -> metrics -> scoring ->
// history. Reports are written by report/; this function reads files only through the join steps.
import type { Config, InputName } from './config/schema.js';
import type { Period } from './util/time.js';
import type { Reject } from './problems.js';
import { scoreEngineer, type ScoreResult } from './scoring/score.js';
import { advanceHistory, type GradeChange, type LedgerRow, type PeriodScore, type RosterEntry } from './history/ledger.js';
import { byId, type State } from './history/state.js';
import { JoinContext, type EngineerTally, type InputSummary } from './join/context.js';
import { dropEarlyThread, secondParts, secondThread, type Cuts, type ReadAheadMode } from './join/two-threads.js';
import { joinRoster } from './join/roster.js';
import { joinTickets } from './join/tickets.js';
import { joinEvents } from './join/events.js';
import { countUnresponded, joinResponses } from './join/responses.js';
import { joinSurveys } from './join/surveys.js';
import { joinAdjustments } from './join/adjustments.js';
import { joinEvaluations } from './join/evaluations.js';

export { ConfigNeeded, type InputSummary } from './join/context.js';

export interface EngineerResult { roster: RosterEntry; tally: EngineerTally; score: ScoreResult; ledger: LedgerRow }

export interface PeriodResult {
  period: Period;
  inputs: InputSummary[];
  rejects: Reject[];
  engineers: EngineerResult[];
  changes: GradeChange[];
  state: State;
  /**
   * Settles once every input's sha256 is in `inputs` (a big month's files read in two parts are hashed whole by a
   * small thread of their own while the reports are made); fails only if such a file can no longer be read. Absent:
   * they are there already.
   */
  hashed?: Promise<void>;
}

export type InputPaths = Partial<Record<InputName, string>>;

export interface RunInputs {
  config: Config; period: Period; paths: InputPaths; shown?: InputPaths; prior: State | null; stdin?: NodeJS.ReadableStream;
  /** whether tickets, responses and surveys are read in two threads, half each (default: for a big month) */
  readAhead?: ReadAheadMode;
  /** where to cut them between the threads, as shares of their bytes (tests; default: about half) */
  cuts?: Cuts;
}

export async function runPipeline({ config, period, paths, shown = {}, prior, stdin, readAhead = 'auto', cuts }: RunInputs): Promise<PeriodResult> {
  // a big month is read by two threads, half of tickets, responses and surveys each; when that cannot give exactly
  // what one thread gives (an id in both halves of a file, a problem in a file), it is read again in one
  const parts = secondParts(paths, shown, config, readAhead, cuts);
  if (parts.length === 0) dropEarlyThread();
  const two = parts.length > 0 ? await joinInTwoThreads(new JoinContext(config, period, stdin), paths, shown, parts) : null;
  const ctx = two?.ctx ?? new JoinContext(config, period, stdin);
  if (two === null) await joinAll(ctx, paths, shown);
  else await joinRest(ctx, paths, shown);
  ctx.tickets = ctx.newTickets(); // every join is done: let the index of a big month go before the reports are made

  // Scoring, then history, for every scored roster engineer in id order.
  const all = [...ctx.roster.values()].sort((a, b) => byId(a.entry.engineer_id, b.entry.engineer_id));
  const periodScores = new Map<string, PeriodScore>();
  const results = all.filter((s) => s.tally !== null).map((s) => {
    const tally = s.tally as EngineerTally;
    const score = scoreEngineer(config, tally);
    periodScores.set(s.entry.engineer_id, { total: score.total, rating: score.rating, points_adjustment: tally.pointsAdjustment });
    return { entry: s.entry, tally, score };
  });
  const history = advanceHistory(config, prior, period.id, all.map((s) => s.entry), periodScores);
  const engineers = results.map(({ entry, tally, score }) => ({ roster: entry, tally, score, ledger: history.rows.get(entry.engineer_id) as LedgerRow }));

  // rejects by file (in reading order) then row, whatever step found them
  const fileOrder = new Map(ctx.inputs.map((s, i) => [s.file, i]));
  const rejects = ctx.rejects.map((r, i) => ({ r, i })).sort((a, b) =>
    (fileOrder.get(a.r.location.file) ?? 0) - (fileOrder.get(b.r.location.file) ?? 0) || a.r.location.row - b.r.location.row || a.i - b.i).map((x) => x.r);
  return { period, inputs: ctx.inputs, rejects, engineers, changes: history.changes, state: history.state, hashed: two?.hashed };
}

/** Joins need what came before them: the roster for every engineer, the tickets for responses and surveys. */
async function joinAll(ctx: JoinContext, paths: InputPaths, shown: InputPaths): Promise<void> {
  if (paths.roster) await joinRoster(ctx, paths.roster, shown.roster);
  if (paths.tickets) await joinTickets(ctx, paths.tickets, shown.tickets);
  if (paths.events) await joinEvents(ctx, paths.events, shown.events);
  if (paths.responses) await joinResponses(ctx, paths.responses, shown.responses);
  if (paths.responses || ctx.responsesFromEvents) countUnresponded(ctx);
  if (paths.surveys) await joinSurveys(ctx, paths.surveys, shown.surveys);
  await joinRest(ctx, paths, shown);
}

async function joinRest(ctx: JoinContext, paths: InputPaths, shown: InputPaths): Promise<void> {
  if (paths.adjustments) await joinAdjustments(ctx, paths.adjustments, shown.adjustments);
  if (paths.evaluations) await joinEvaluations(ctx, paths.evaluations, shown.evaluations);
}

/**
 * joinAll up to the surveys in two threads (no events file: secondParts), or null when one thread must read the month
 * after all: then any problem, in a file or between the parts, is found (and told) as one thread finds it. hashed:
 * see PeriodResult.
 */
async function joinInTwoThreads(ctx: JoinContext, paths: InputPaths, shown: InputPaths, parts: ReturnType<typeof secondParts>): Promise<{ ctx: JoinContext; hashed: Promise<void> } | null> {
  const second = secondThread(); // started early by the command, or now
  second.begin(parts, ctx.config, ctx.period);
  try {
    ctx.parts = second.firstParts();
    if (paths.roster) await joinRoster(ctx, paths.roster, shown.roster);
    second.sendRoster(ctx);
    ctx.tickets = ctx.newTickets(true); // in shared memory: the second thread reads it as it is, no copy
    if (paths.tickets) await joinTickets(ctx, paths.tickets, shown.tickets);
    await second.exchangeTickets(ctx);
    if (paths.responses) await joinResponses(ctx, paths.responses, shown.responses);
    if (paths.surveys) await joinSurveys(ctx, paths.surveys, shown.surveys);
    await second.addSecondParts(ctx, paths.responses ? countUnresponded : null);
    const hashed = second.hashes(ctx);
    hashed.catch(() => {}); // its failure is told where it is awaited (validate, or a later file's error, never does)
    return { ctx, hashed };
  } catch {
    second.close();
    return null; // OneThreadAfterAll, or a problem in a file: one thread finds it as it would have
  }
}
