// The rules file (SPEC section 4) as zod schemas: the single source of the config's types, checked whole before any input is read.
import { z } from 'zod';
import { scoringSchema } from '../scoring/kinds/index.js';
import { METRICS, isKnownMetric, paramsOf } from '../metrics/registry.js';
import { isValidTimezone } from '../util/time.js';
import { COLUMNS } from '../validate/columns.js';

const label = z.union([z.string(), z.strictObject({ en: z.string().optional(), 'zh-CN': z.string().optional() })]);
export type Label = z.infer<typeof label>;
/** Every number of the policy has a range: a figure past it is a typing error, and would overflow or lose exactness. */
const weight = z.number().positive().max(1_000_000);
const money = z.number().int().min(-10_000_000).max(10_000_000);
const points = z.number().int().min(-100_000).max(100_000);
const measure = z.number().min(-1e9).max(1e9);
const id = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'ids are letters, digits, _ and -');

const INPUT_NAMES = ['tickets', 'responses', 'surveys', 'roster', 'adjustments', 'evaluations', 'events', 'onboarding', 'calendar', 'corrections'] as const;
export type InputName = (typeof INPUT_NAMES)[number];
export { INPUT_NAMES };

const inputOptions = z.strictObject({
  aliases: z.record(z.string(), z.array(z.string())).optional(),
  values: z.record(z.string(), z.record(z.string(), z.array(z.string()))).optional(),
  sheet: z.string().optional(),
  delimiter: z.enum([',', ';', '\t']).optional(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'gbk']).optional(),
  date_format: z.string().optional(),
  null_values: z.array(z.string()).optional(),
  duplicates: z.enum(['reject', 'keep_first', 'keep_last']).optional(),
});
export type InputOptions = z.infer<typeof inputOptions>;

/** Where an event-log fact comes from: the ticket's events with one of these activities, or a column (of its last row). */
const marker = z.strictObject({
  activity: z.array(z.string()).min(1).optional(),
  column: z.string().optional(),
  pick: z.enum(['first', 'last']).default('first'),
}).refine((m) => (m.activity === undefined) !== (m.column === undefined), { message: 'give either activity: [...] or column: NAME' });

const eventLog = z.strictObject({
  columns: z.strictObject({ ticket_id: z.string(), timestamp: z.string(), activity: z.string().optional(), actor: z.string().optional() }),
  created: marker.optional(),
  first_response: marker.optional(),
  resolved: marker.optional(),
  closed: marker.optional(),
  reopened: marker.optional(),
  cancelled: marker.optional(),
  engineer: z.array(z.enum(['resolver', 'first_responder', 'last_actor', 'first_actor'])).min(1).default(['resolver', 'first_responder', 'last_actor']),
  exclude_actors: z.array(z.string()).default([]),
  derive_roster: z.boolean().default(false),
});
export type EventLogConfig = z.infer<typeof eventLog>;
export type EventMarker = z.infer<typeof marker>;

/** "HH:MM", 00:00 to 24:00 */
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM from 00:00 to 24:00');
/** working intervals; an interval whose end is not after its start runs past midnight (a night shift) */
const hours = z.array(z.tuple([hhmm, hhmm]).refine(([a, b]) => a !== b, { message: 'an interval from a time to the same time is empty' }));
/** a date as YAML gives it: the text 2026-12-31 (or a date, read as that day) */
const isoDate = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD'));

/** A working-time calendar for duration metrics (params: { calendar: NAME }). */
const calendar = z.strictObject({
  /** default: the rules' timezone */
  timezone: z.string().refine(isValidTimezone, { message: 'not an IANA timezone (e.g. Asia/Shanghai)' }).optional(),
  weekly: z.strictObject({ mon: hours.optional(), tue: hours.optional(), wed: hours.optional(), thu: hours.optional(), fri: hours.optional(), sat: hours.optional(), sun: hours.optional() }),
  holidays: z.enum(['cn', 'none']).default('none'),
  overrides: z.array(z.strictObject({ date: isoDate, closed: z.literal(true).optional(), hours: hours.min(1).optional() })
    .refine((o) => (o.closed === undefined) !== (o.hours === undefined), { message: 'give either closed: true or hours: [...]' })).default([]),
});
export type CalendarConfig = z.infer<typeof calendar>;

/** A cycle's rating: as a month's, with a bonus of its own and no points (points are the months'). */
const cycleRating = z.strictObject({ id, label: label.optional(), min: z.number().min(0).max(100), bonus: money.default(0) });

/** How a kind of cycle is computed: from the months' totals (mean) or from their merged metric states (recompute). */
const cycleKind = z.strictObject({
  method: z.enum(['mean', 'recompute']).default('mean'),
  /** the cycle's own ratings (best first, the last at min 0); default: the monthly ratings, no bonus */
  ratings: z.array(cycleRating).min(1).optional(),
});

const annualReview = z.strictObject({
  /** the share of the year's total, in percent, that the annual review's items make (the months make the rest) */
  weight: z.number().min(0).max(100),
  /** the items of the evaluations file given to `scorecard cycle --evaluations` (0-100 each), weighted */
  items: z.array(z.strictObject({ item: z.string().min(1), label: label.optional(), weight })).min(1),
});

export const configSchema = z.strictObject({
  version: z.literal(1),
  locale: z.enum(['en', 'zh-CN']).default('en'),
  timezone: z.string().default('Asia/Shanghai').refine(isValidTimezone, { message: 'not an IANA timezone (e.g. Asia/Shanghai)' }),
  surveys: z.strictObject({
    scale: z.tuple([measure, measure]).refine(([lo, hi]) => lo < hi, { message: 'scale is [lowest, highest]' }).default([1, 5]),
    satisfied_at: measure.default(4),
  }).default({ scale: [1, 5], satisfied_at: 4 }),
  insufficient: z.string().regex(/^(reweight|zero|neutral:\d+(\.\d+)?)$/, 'one of reweight, zero, neutral:N').default('reweight')
    .refine((s) => !s.startsWith('neutral:') || Number(s.slice(8)) <= 100, { message: 'neutral:N takes a score from 0 to 100' }),
  dimensions: z.array(z.strictObject({
    id, label: label.optional(), weight: z.number().positive().max(100), neutral: z.number().min(0).max(100).default(70),
  })).min(1),
  indicators: z.array(z.strictObject({
    id,
    label: label.optional(),
    dimension: z.string(),
    weight,
    metric: z.string().refine(isKnownMetric, { message: `unknown metric (built in: ${Object.keys(METRICS).join(', ')}, eval:ITEM)` }),
    params: z.record(z.string(), z.union([z.number().min(0).max(1e9), z.string()])).optional(),
    min_sample: z.number().int().min(0).max(1_000_000).default(1),
    scoring: scoringSchema,
  })).min(1),
  adjustments: z.strictObject({
    score_cap: z.strictObject({ min: z.number().min(-100).max(0), max: z.number().min(0).max(100) }).default({ min: -10, max: 10 }),
  }).default({ score_cap: { min: -10, max: 10 } }),
  ratings: z.array(z.strictObject({
    id, label: label.optional(), min: z.number().min(0).max(100), bonus: money, points,
  })).min(1),
  streaks: z.array(z.strictObject({ id, label: label.optional(), ratings: z.array(z.string()).min(1), length: z.number().int().min(1).max(120) })).default([]),
  ledger: z.strictObject({
    regrade_month: z.number().int().min(1).max(12).default(1),
    salary_per_point: z.number().int().min(0).max(100_000).default(10),
    seniority_points_per_year: z.number().int().min(0).max(10_000).default(10),
    levels: z.array(z.strictObject({ level: z.number().int().min(0).max(100), label: label.optional(), min_points: z.number().int().min(0).max(1_000_000) })).min(1),
    pay_rule: z.strictObject({
      min_level: z.number().int().min(0).max(100),
      no_bonus_months: z.number().int().min(1).max(120),
      step: money.min(0),
      restore_bonus_months: z.number().int().min(1).max(120),
      floor: money.min(0),
    }),
  }),
  inputs: z.partialRecord(z.enum(INPUT_NAMES), inputOptions).default({}),
  event_log: eventLog.optional(),
  csv: z.strictObject({ bom: z.union([z.boolean(), z.literal('auto')]).default('auto') }).default({ bom: 'auto' }),
  /** working-time calendars, by name */
  calendars: z.record(id, calendar).default({}),
  cycles: z.strictObject({
    /** an engineer scored in fewer of the cycle's months is listed with a flag and no rating */
    min_months: z.number().int().min(1).max(12).default(2),
    quarter: cycleKind.default({ method: 'mean' }),
    half_year: cycleKind.default({ method: 'mean' }),
    year: cycleKind.extend({ annual: annualReview.optional() }).default({ method: 'mean' }),
  }).default({ min_months: 2, quarter: { method: 'mean' }, half_year: { method: 'mean' }, year: { method: 'mean' } }),
  calibration: z.strictObject({
    /** per rating id, the largest share of a team (and of the centre) it should hold, e.g. { excellent: 0.2 } */
    max_share: z.record(z.string(), z.number().min(0).max(1)).default({}),
    /** true: a cycle's ratings are forced under max_share (the lowest totals of a rating over it move down); default off */
    forced_distribution: z.boolean().default(false),
  }).default({ max_share: {}, forced_distribution: false }),
  /**
   * the review at the end of probation (试用期考核), in the month the roster's probation_end falls in: the mean of the
   * engineer's monthly totals so far passes at pass_at (转正), extends the probation at extend_at (延长试用期), else not passed
   */
  probation: z.strictObject({ pass_at: z.number().min(0).max(100).default(80), extend_at: z.number().min(0).max(100).default(70) })
    .refine((p) => p.extend_at <= p.pass_at, { message: 'extend_at is at most pass_at' }).default({ pass_at: 80, extend_at: 70 }),
  /** a new engineer's first grade (入职定级) from the onboarding input: exam + experience + education points */
  onboarding: z.strictObject({ pass_mark: z.number().min(0).max(100).default(80) }).default({ pass_mark: 80 }),
  /** who a year's results name for recognition or promotion (年度评优, 晋级) */
  recognition: z.array(z.strictObject({
    id, label: label.optional(), kind: z.enum(['recognition', 'promotion']),
    /** the year's rating it takes */
    rating: z.string(),
    /** and at least this many months scored in the year */
    min_months: z.number().int().min(1).max(12).default(10),
  })).default([]),
}).superRefine((c, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const dimSum = c.dimensions.reduce((s, d) => s + d.weight, 0);
  if (Math.abs(dimSum - 100) > 1e-9) issue(['dimensions'], `dimension weights must sum to 100 (they sum to ${dimSum})`);
  dupes(c.dimensions.map((d) => d.id), (i, v) => issue(['dimensions', i, 'id'], `duplicate dimension id ${v}`));
  dupes(c.indicators.map((d) => d.id), (i, v) => issue(['indicators', i, 'id'], `duplicate indicator id ${v}`));
  dupes(c.ratings.map((d) => d.id), (i, v) => issue(['ratings', i, 'id'], `duplicate rating id ${v}`));
  dupes(c.streaks.map((d) => d.id), (i, v) => issue(['streaks', i, 'id'], `duplicate streak id ${v}`));
  const dims = new Set(c.dimensions.map((d) => d.id));
  c.indicators.forEach((ind, i) => {
    if (!dims.has(ind.dimension)) issue(['indicators', i, 'dimension'], `unknown dimension ${ind.dimension} (dimensions: ${[...dims].join(', ')})`);
    const allowed = paramsOf(ind.metric);
    for (const [p, v] of Object.entries(ind.params ?? {})) {
      // own keys only: `constructor` or `toString` are on every object's prototype, never a parameter
      if (!Object.hasOwn(allowed, p)) issue(['indicators', i, 'params', p], `metric ${ind.metric} takes no parameter ${p}${Object.keys(allowed).length ? ` (takes: ${Object.keys(allowed).join(', ')})` : ''}`);
      else if (p === 'calendar') {
        if (typeof v !== 'string' || !Object.hasOwn(c.calendars, v)) issue(['indicators', i, 'params', p], `no calendar ${String(v)} in calendars (calendars: ${Object.keys(c.calendars).join(', ') || 'none'})`);
      } else if (typeof v !== 'number') issue(['indicators', i, 'params', p], `${p} is a number`);
      else if (allowed[p] === 'satisfied_at' && (v < c.surveys.scale[0] || v > c.surveys.scale[1])) issue(['indicators', i, 'params', p], `${p} ${v} is outside the survey scale ${c.surveys.scale.join('-')}`);
      else if (allowed[p] !== 'satisfied_at' && v <= 0) issue(['indicators', i, 'params', p], `${p} must be above 0`);
    }
  });
  const [lo, hi] = c.surveys.scale;
  if (c.surveys.satisfied_at < lo || c.surveys.satisfied_at > hi) issue(['surveys', 'satisfied_at'], `${c.surveys.satisfied_at} is outside the survey scale ${lo}-${hi}`);
  c.dimensions.forEach((d, i) => {
    if (!c.indicators.some((ind) => ind.dimension === d.id)) issue(['dimensions', i], `dimension ${d.id} has no indicators`);
  });
  c.ratings.forEach((r, i) => {
    if (i > 0 && r.min >= c.ratings[i - 1].min) issue(['ratings', i, 'min'], `ratings must be ordered best first with decreasing min (${r.min} after ${c.ratings[i - 1].min})`);
  });
  if (c.ratings[c.ratings.length - 1].min !== 0) issue(['ratings', c.ratings.length - 1, 'min'], 'the last rating must have min 0 so that every total gets a rating');
  const ratingIds = new Set(c.ratings.map((r) => r.id));
  c.streaks.forEach((s, i) => s.ratings.forEach((r, j) => {
    if (!ratingIds.has(r)) issue(['streaks', i, 'ratings', j], `unknown rating ${r}`);
  }));
  c.ledger.levels.forEach((l, i) => {
    if (i > 0 && (l.min_points <= c.ledger.levels[i - 1].min_points || l.level <= c.ledger.levels[i - 1].level)) {
      issue(['ledger', 'levels', i], 'levels must be ordered by level and min_points ascending');
    }
  });
  if (c.event_log) {
    const e = c.event_log;
    for (const k of ['first_response', 'resolved', 'closed', 'reopened', 'cancelled', 'created'] as const) {
      if (e[k]?.activity && !e.columns.activity) issue(['event_log', k, 'activity'], 'needs event_log.columns.activity (the column holding the activity or state)');
    }
    if (!e.columns.actor) issue(['event_log', 'columns', 'actor'], 'needs the column naming who did each event');
  }
  for (const kind of ['quarter', 'half_year', 'year'] as const) {
    const rs = c.cycles[kind].ratings;
    if (!rs) continue;
    dupes(rs.map((r) => r.id), (i, v) => issue(['cycles', kind, 'ratings', i, 'id'], `duplicate rating id ${v}`));
    rs.forEach((r, i) => {
      if (i > 0 && r.min >= rs[i - 1].min) issue(['cycles', kind, 'ratings', i, 'min'], `ratings must be ordered best first with decreasing min (${r.min} after ${rs[i - 1].min})`);
    });
    if (rs[rs.length - 1].min !== 0) issue(['cycles', kind, 'ratings', rs.length - 1, 'min'], 'the last rating must have min 0 so that every total gets a rating');
  }
  const anyRating = new Set([...ratingIds, ...(['quarter', 'half_year', 'year'] as const).flatMap((k) => (c.cycles[k].ratings ?? []).map((r) => r.id))]);
  for (const r of Object.keys(c.calibration.max_share)) if (!anyRating.has(r)) issue(['calibration', 'max_share', r], `unknown rating ${r}`);
  const yearRatings = new Set((c.cycles.year.ratings ?? c.ratings).map((r) => r.id));
  dupes(c.recognition.map((r) => r.id), (i, v) => issue(['recognition', i, 'id'], `duplicate recognition id ${v}`));
  c.recognition.forEach((r, i) => {
    if (!yearRatings.has(r.rating)) issue(['recognition', i, 'rating'], `unknown rating of the year ${r.rating} (ratings: ${[...yearRatings].join(', ')})`);
  });
  for (const [name, opt] of Object.entries(c.inputs)) {
    if (opt?.date_format && !/YYYY/.test(opt.date_format)) issue(['inputs', name, 'date_format'], 'a date format needs YYYY, e.g. D/M/YYYY H:mm');
    const columns = COLUMNS[name as InputName];
    if (columns.length === 0) continue; // an event log's columns are named by event_log.columns
    for (const column of Object.keys(opt?.aliases ?? {})) {
      if (!columns.some((col) => col.id === column)) issue(['inputs', name, 'aliases', column], `${name} has no column ${column} (columns: ${columns.map((col) => col.id).join(', ')})`);
    }
    for (const column of Object.keys(opt?.values ?? {})) {
      if (!columns.some((col) => col.id === column && col.type === 'enum')) issue(['inputs', name, 'values', column], `${name} has no coded column ${column} (coded columns: ${columns.filter((col) => col.type === 'enum').map((col) => col.id).join(', ')})`);
    }
  }
});

function dupes(ids: string[], report: (i: number, v: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((v, i) => (seen.has(v) ? report(i, v) : seen.add(v)));
}

export type Config = z.infer<typeof configSchema>;
export type Indicator = Config['indicators'][number];
export type Dimension = Config['dimensions'][number];
export type Rating = Config['ratings'][number];
export type Locale = Config['locale'];
export type CycleRating = z.infer<typeof cycleRating>;

export function labelOf(l: Label | undefined, fallback: string, locale: Locale): string {
  if (l === undefined) return fallback;
  if (typeof l === 'string') return l;
  return l[locale] ?? l.en ?? l['zh-CN'] ?? fallback;
}

/** `indicators[3].scoring.bands[1].max` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(top level)';
}
