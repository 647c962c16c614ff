// History stage data: what a published period carries to the next one (state.json), kept plain and stable-ordered.
import { z } from 'zod';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const period = z.string().regex(PERIOD, 'a month YYYY-MM');
/** Points and counts are whole numbers a float holds exactly; money is a whole or decimal amount within 10^12. */
const wholeNumber = z.number().int().min(-1e12).max(1e12);
const count = z.number().int().min(0).max(1e6);
const money = z.number().finite().min(0).max(1e12);

const ratingEntry = z.object({ period, rating: z.string().min(1), total: z.number().min(0).max(100) }).strict();

/** One engineer's carried state; every field is checked when a state file is read back. */
export const engineerStateSchema = z.object({
  engineer_id: z.string().min(1),
  name: z.string(),
  status: z.enum(['active', 'probation', 'left']),
  hire_date: z.string().nullable(),
  first_period: period,
  last_scored: period.nullable(),
  /** recent ratings, oldest first, as many as the longest streak and reasons need */
  ratings: z.array(ratingEntry),
  /** current run length per streak rule id */
  streaks: z.record(z.string(), count),
  bonus_streak: count,
  no_bonus_streak: count,
  /** points deltas of the last twelve scored periods, oldest first */
  deltas: z.array(z.object({ period, delta: wholeNumber }).strict()),
  /** points earned since the last regrade */
  points_balance: wholeNumber,
  annual_points: wholeNumber.min(0),
  level: z.number().int().min(0).max(1000),
  base_salary: money,
  /** the reduction payable in the month after the state's period */
  reduction: money,
}).strict();

export const stateSchema = z.object({ version: z.literal(1), period, engineers: z.array(engineerStateSchema) }).strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.engineers.forEach((e, i) => {
      if (seen.has(e.engineer_id)) ctx.addIssue({ code: 'custom', path: ['engineers', i, 'engineer_id'], message: `engineer ${e.engineer_id} appears twice` });
      seen.add(e.engineer_id);
    });
  });

export type RatingEntry = z.infer<typeof ratingEntry>;
export type EngineerState = z.infer<typeof engineerStateSchema>;
export type State = z.infer<typeof stateSchema>;

const ORDER: (keyof EngineerState)[] = [
  'engineer_id', 'name', 'status', 'hire_date', 'first_period', 'last_scored', 'ratings', 'streaks', 'bonus_streak',
  'no_bonus_streak', 'deltas', 'points_balance', 'annual_points', 'level', 'base_salary', 'reduction',
];

export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable JSON: fixed key order, engineers by id, streak ids sorted. */
export function serializeState(s: State): string {
  const engineers = [...s.engineers].sort((a, b) => byId(a.engineer_id, b.engineer_id)).map((e) => {
    const o: Record<string, unknown> = {};
    for (const k of ORDER) {
      o[k] = k === 'streaks' ? Object.fromEntries(Object.entries(e.streaks).sort(([a], [b]) => byId(a, b))) : e[k];
    }
    return o;
  });
  return `${JSON.stringify({ version: 1, period: s.period, engineers }, null, 2)}\n`;
}

/** A problem with a state file read back: the field's path and what is wrong with it. */
export class StateError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`${field}: ${problem}`);
  }
}

/** Reads a state file back, checking every field (a state edited by hand or copied from elsewhere is refused). */
export function parseState(text: string): State {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StateError('(file)', `not JSON (${(e as Error).message})`);
  }
  const got = stateSchema.safeParse(raw);
  if (got.success) return got.data;
  const issue = got.error.issues[0];
  const field = issue.path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(file)';
  const engineer = issue.path[0] === 'engineers' && typeof issue.path[1] === 'number'
    ? (raw as { engineers: { engineer_id?: unknown }[] }).engineers[issue.path[1]]?.engineer_id : undefined;
  throw new StateError(typeof engineer === 'string' ? `${field} (engineer ${engineer})` : field, issue.message);
}
