// The pipeline of SPEC section 5, stage by stage: ingest -> validate -> join (join/month.ts: each input's rows read,
// checked and joined as they come, each case counted by the rules' measures into the engineers' metric states) ->
// scoring -> history. Reports are made from its result by report/; this function reads files only through the join.
import type { Config } from './config/schema.js';
import type { Period } from './util/time.js';
import type { Reject } from './problems.js';
import { scoreEngineer, type ScoreResult } from './scoring/score.js';
import { advanceHistory, type GradeChange, type LedgerRow, type PeriodScore, type RosterEntry } from './history/ledger.js';
import { byId, type State } from './history/state.js';
import type { EngineerTally, InputSummary } from './join/context.js';
import { joinMonth, type InputPaths, type PartsMode, type Shares } from './join/month.js';
import type { PartRunner } from './parallel/runner.js';
import type { MonthCorrections } from './join/corrections.js';

export { ConfigNeeded, type InputSummary } from './join/context.js';
export type { InputPaths, PartsMode, Shares } from './join/month.js';

export interface EngineerResult {
  roster: RosterEntry; tally: EngineerTally; score: ScoreResult; ledger: LedgerRow;
  /** the corrections (upheld appeals) that touched the engineer's figures this month */
  corrections?: string[];
}

export interface PeriodResult {
  period: Period;
  /** every input read, in reading order; the sha256 of one read in two parts is in digests */
  inputs: InputSummary[];
  rejects: Reject[];
  engineers: EngineerResult[];
  changes: GradeChange[];
  state: State;
  /** the month's corrections and what happened to each (none without a corrections file) */
  corrections: MonthCorrections | null;
  /**
   * The sha256 of each input read in two parts, by input: such a file is hashed whole on another core while the
   * reports are made (an empty map when there is none). Fails only if such a file can no longer be read.
   */
  digests: Promise<ReadonlyMap<string, string>>;
}

export interface RunInputs {
  config: Config; period: Period; paths: InputPaths; shown?: InputPaths; prior: State | null; stdin?: NodeJS.ReadableStream;
  /** whether tickets, responses and surveys are read in two parts (default: for a big month) */
  parts?: PartsMode;
  /** where to cut them, as shares of their bytes (tests; default: about half) */
  shares?: Shares;
  /** the other part's reader, started early (join/month.ts, startReader) */
  reader?: PartRunner | null;
  /** told why a month meant for two parts was read in one pass (--verbose) */
  log?: (line: string) => void;
}

export async function runPipeline({ config, period, paths, shown = {}, prior, stdin, parts, shares, reader, log }: RunInputs): Promise<PeriodResult> {
  // ingest -> validate -> join -> metrics
  const { ctx, digests } = await joinMonth({ config, period, paths, shown, stdin, mode: parts, shares, reader, log });

  // scoring, then history, for every scored roster engineer in id order
  const all = [...ctx.roster.values()].sort((a, b) => byId(a.entry.engineer_id, b.entry.engineer_id));
  const periodScores = new Map<string, PeriodScore>();
  const results = all.filter((s) => s.tally !== null).map((s) => {
    const tally = s.tally as EngineerTally;
    const score = scoreEngineer(config, tally);
    periodScores.set(s.entry.engineer_id, { total: score.total, rating: score.rating, points_adjustment: tally.pointsAdjustment });
    return { entry: s.entry, tally, score };
  });
  const history = advanceHistory(config, prior, period.id, all.map((s) => s.entry), periodScores, ctx.onboarding);
  const engineers = results.map(({ entry, tally, score }) => {
    const ledger = history.rows.get(entry.engineer_id) as LedgerRow;
    score.flags.push(...ledger.flags); // probation results and an ungraded first grade show with the scorecard's flags
    const touched = ctx.corrections?.touched.get(entry.engineer_id);
    return { roster: entry, tally, score, ledger, ...(touched ? { corrections: [...touched].sort() } : {}) };
  });

  // rejects by file (in reading order) then row, whatever step found them
  const fileOrder = new Map(ctx.inputs.map((s, i) => [s.file, i]));
  const rejects = ctx.rejects.map((r, i) => ({ r, i })).sort((a, b) =>
    (fileOrder.get(a.r.location.file) ?? 0) - (fileOrder.get(b.r.location.file) ?? 0) || a.r.location.row - b.r.location.row || a.i - b.i).map((x) => x.r);
  return { period, inputs: ctx.inputs, rejects, engineers, changes: history.changes, state: history.state, corrections: ctx.corrections, digests };
}
