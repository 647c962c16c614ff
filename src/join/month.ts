// Join stage, a month as a whole: every input read, validated and joined in the SPEC's order (the roster, then the
// tickets or an event log, responses, surveys, onboarding, adjustments, evaluations: each needs what came before it), in one pass;
// or, for a big month, with tickets, responses and surveys read in two parts in parallel (month-parts.ts, run by
// parallel/runner.ts), then adjustments and evaluations. Both give the same join context, to the byte.
import type { Config, InputName } from '../config/schema.js';
import type { Period } from '../util/time.js';
import { canReadInParts, PartRunner, type CutFile } from '../parallel/runner.js';
import { csvFileSize, splitPoint } from '../ingest/read-table.js';
import { JoinContext } from './context.js';
import { SPLIT_INPUTS, type SplitInput } from './local.js';
import { FirstPart, STEPS, type OtherInit } from './month-parts.js';
import { joinRoster } from './roster.js';
import { joinTickets } from './tickets.js';
import { joinEvents } from './events.js';
import { countUnresponded, joinResponses } from './responses.js';
import { joinSurveys } from './surveys.js';
import { joinAdjustments } from './adjustments.js';
import { applyEvaluationCorrections, joinEvaluations } from './evaluations.js';
import { applyAdjustmentCorrections } from './adjustments.js';
import { MonthCorrections, readCorrections } from './corrections.js';
import { joinOnboarding } from './onboarding.js';
import { readCalendarFile } from './calendar-file.js';
import { checkCalendars } from '../metrics/plan.js';

export type InputPaths = Partial<Record<InputName, string>>;

/** SCORECARD_READ_AHEAD: auto (two parts for a big month on two cores or more), on (any month whose files can be cut: the tests), off. */
export type PartsMode = 'auto' | 'on' | 'off';

/** Where to cut each file, as the share of its bytes the first part reads (tests try cuts anywhere). */
export type Shares = Partial<Record<SplitInput, number>>;

/** Two parts from this many bytes of tickets, responses and surveys together: the other part starts in ~40 ms. */
const TWO_PARTS_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The first part also reads the roster and then makes the reports, so it takes a little less of the tickets and a
 * little more of the rest; with these shares the parts finish at about the same time on the bench month.
 */
const FIRST_SHARES: Record<SplitInput, number> = { tickets: 0.48, responses: 0.52, surveys: 0.52 };

const PARTS_MODULE = new URL('./month-parts.js', import.meta.url);

/**
 * Whether the files alone say the month is read in two parts (the rules are not needed): tickets, responses and
 * surveys as files (not standard input), no events file (its tickets come between); in auto mode at least
 * TWO_PARTS_MIN_BYTES of them that can be cut and a second core.
 */
function partsByFiles(paths: InputPaths, mode: PartsMode): boolean {
  if (mode === 'off' || paths.events || Object.values(paths).includes('-')) return false;
  if (mode === 'on') return true;
  const bytes = SPLIT_INPUTS.reduce((n, i) => n + (paths[i] ? csvFileSize(paths[i] as string) ?? 0 : 0), 0);
  return bytes >= TWO_PARTS_MIN_BYTES && canReadInParts();
}

/**
 * The other part's reader, started at once when the files alone say the month is read in two parts, or null: its
 * start-up then runs on the second core while the rules and the roster are read. Give it to joinMonth, which closes it.
 */
export function startReader(paths: InputPaths, mode: PartsMode): PartRunner | null {
  return partsByFiles(paths, mode) ? new PartRunner(PARTS_MODULE) : null;
}

export interface MonthReading {
  config: Config; period: Period; paths: InputPaths; shown?: InputPaths; stdin?: NodeJS.ReadableStream;
  mode?: PartsMode; shares?: Shares;
  /** a reader started early (startReader), or null/undefined: one is started here if the month is read in two parts */
  reader?: PartRunner | null;
  /** told why a month meant for two parts was read in one pass (--verbose) */
  log?: (line: string) => void;
}

export interface JoinedMonth {
  ctx: JoinContext;
  /** the sha256 of each input read in two parts, by input, computed on another core meanwhile (else none) */
  digests: Promise<ReadonlyMap<string, string>>;
}

const NO_DIGESTS: Promise<ReadonlyMap<string, string>> = Promise.resolve(new Map());

export async function joinMonth(reading: MonthReading): Promise<JoinedMonth> {
  const { paths, shown = {}, stdin, period } = reading;
  // the calendar file first: its days correct the calendars every duration is counted on
  const calendar = paths.calendar ? await readCalendarFile(reading.config, paths.calendar, shown.calendar, stdin) : null;
  const config = calendar?.config ?? reading.config;
  checkCalendars(config, period);
  // then the month's corrections (upheld appeals): applied as the rows are joined, so the month is read in one pass
  const corrections = paths.corrections ? await readCorrections(config, period, paths.corrections, shown.corrections, stdin) : null;
  const some = corrections !== null && corrections.corrections.list.length > 0;
  const joined = await joinInputs({ ...reading, config, mode: some ? 'off' : reading.mode }, corrections?.corrections ?? null);
  if (corrections) {
    joined.ctx.inputs.unshift(corrections.summary);
    joined.ctx.rejects.unshift(...corrections.rejects);
  }
  if (calendar) {
    joined.ctx.inputs.unshift(calendar.summary);
    joined.ctx.rejects.unshift(...calendar.rejects);
  }
  return joined;
}

async function joinInputs({ config, period, paths, shown = {}, stdin, mode = 'auto', shares = {}, reader, log }: MonthReading, corrections: MonthCorrections | null): Promise<JoinedMonth> {
  // a file whose duplicates are resolved by a pre-pass (keep_first, keep_last) is read whole
  const dedup = SPLIT_INPUTS.some((i) => paths[i] && ['keep_first', 'keep_last'].includes(config.inputs[i]?.duplicates ?? ''));
  if (partsByFiles(paths, mode) && !dedup) {
    const runner = reader ?? new PartRunner(PARTS_MODULE);
    const ctx = new JoinContext(config, period, stdin);
    const first = new FirstPart(ctx, paths, shown);
    // a CSV file is cut at a line start near its share (on: small files too, past their header lines)
    const files = SPLIT_INPUTS.flatMap((input): CutFile[] => {
      const path = paths[input];
      const size = path ? csvFileSize(path) : null;
      if (!path || size === null) return [];
      const opts = { delimiter: config.inputs[input]?.delimiter, encoding: config.inputs[input]?.encoding };
      return [{ key: input, size, share: shares[input] ?? FIRST_SHARES[input], cut: (near) => splitPoint(path, opts, near, mode === 'on') }];
    });
    const init: OtherInit = { config, period, paths, shown };
    const read = await runner.read(files, STEPS, init, (env) => first.open(env));
    if ('cuts' in read) {
      await joinRest(ctx, paths, shown);
      return { ctx, digests: first.digests() };
    }
    log?.(`read in one pass: ${read.whole}`);
  } else reader?.close();
  const ctx = new JoinContext(config, period, stdin);
  ctx.corrections = corrections;
  await joinWhole(ctx, paths, shown);
  return { ctx, digests: NO_DIGESTS };
}

/** Joins need what came before them: the roster for every engineer, the tickets for responses and surveys. */
async function joinWhole(ctx: JoinContext, paths: InputPaths, shown: InputPaths): Promise<void> {
  if (paths.roster) await joinRoster(ctx, paths.roster, shown.roster);
  if (paths.tickets) await joinTickets(ctx, paths.tickets, shown.tickets);
  if (paths.events) await joinEvents(ctx, paths.events, shown.events);
  if (paths.responses) await joinResponses(ctx, paths.responses, shown.responses);
  if (paths.responses || ctx.responsesFromEvents) countUnresponded(ctx);
  if (paths.surveys) await joinSurveys(ctx, paths.surveys, shown.surveys);
  ctx.tickets = ctx.newTickets(); // let the index of a big month go before the reports are made
  await joinRest(ctx, paths, shown);
}

async function joinRest(ctx: JoinContext, paths: InputPaths, shown: InputPaths): Promise<void> {
  if (paths.onboarding) await joinOnboarding(ctx, paths.onboarding, shown.onboarding);
  if (paths.adjustments) await joinAdjustments(ctx, paths.adjustments, shown.adjustments);
  if (paths.evaluations) await joinEvaluations(ctx, paths.evaluations, shown.evaluations);
  if (ctx.corrections) {
    applyEvaluationCorrections(ctx);
    applyAdjustmentCorrections(ctx);
    ctx.corrections.settle();
  }
}
