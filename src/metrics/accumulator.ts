// Metrics stage: per-engineer running aggregates over the cohort, and the built-in metrics computed from them. Memory
// grows with engineers; with rows only for a list whose every value the rules need (medians, percentiles).
import { medianOf, percentileOf } from '../util/round.js';
import { ExactSum } from '../util/exact-sum.js';
import type { Config } from '../config/schema.js';
import { resolveParams } from './registry.js';

/** How many values a ValueLog holds before it hands them to their lists. */
const LOG_CHUNK = 1 << 16;

/**
 * Values pushed to many lists in no order of list (a month's durations, engineer after engineer as the rows come),
 * kept in arrival order and handed to their lists in runs, a list's values together. Pushing straight to 12,000 lists
 * costs a cache miss or two a value on a big month; this costs one per list per 65,536 values. Each list still gets
 * its values in the order they were pushed (a mean sums them in that order).
 */
export class ValueLog {
  private readonly ids = new Int32Array(LOG_CHUNK);
  private readonly vals = new Float64Array(LOG_CHUNK);
  private readonly sortedVals = new Float64Array(LOG_CHUNK);
  private n = 0;
  private readonly lists: NumberList[] = [];
  private counts = new Int32Array(0);

  register(list: NumberList): number {
    this.lists.push(list);
    return this.lists.length - 1;
  }

  append(id: number, x: number): void {
    this.ids[this.n] = id;
    this.vals[this.n] = x;
    if (++this.n === LOG_CHUNK) this.settle();
  }

  /** Hands every value held to its list (a counting sort by list, stable). */
  settle(): void {
    const n = this.n;
    if (n === 0) return;
    this.n = 0;
    const lists = this.lists.length;
    if (this.counts.length < lists + 1) this.counts = new Int32Array(lists + 1);
    const starts = this.counts;
    starts.fill(0, 0, lists + 1);
    const { ids, vals, sortedVals } = this;
    for (let i = 0; i < n; i++) starts[ids[i] + 1]++;
    for (let l = 0; l < lists; l++) starts[l + 1] += starts[l];
    // starts[l] is where list l's run begins; advancing it while placing leaves it where the run ends
    for (let i = 0; i < n; i++) sortedVals[starts[ids[i]]++] = vals[i];
    let from = 0;
    for (let l = 0; l < lists; l++) {
      const to = starts[l];
      if (to > from) this.lists[l].appendRun(sortedVals, from, to);
      from = to;
    }
  }
}

const NONE: Float64Array = new Float64Array(0);
const ONE = new Float64Array(1);

/** The lists of values an engineer's rows add to (durations and survey scores). */
export const LISTS = ['resolutionHours', 'complaintHours', 'firstResponse', 'onsiteArrival', 'surveyScores', 'surveyRaw'] as const;
export type ListName = (typeof LISTS)[number];

/**
 * What the rules ask of one list: whether every value must be kept (a median or a percentile needs them all), and the
 * thresholds whose counts (values at most, at least) are kept as the values come. Counts and exact sums are kept always.
 */
export interface ListPlan { keep: boolean; atMost: readonly number[]; atLeast: readonly number[] }
export type AccPlan = Readonly<Record<ListName, ListPlan>>;

/** Every value kept, every threshold counted over them when asked: what a hand-built accumulator answers any metric with. */
export const KEEP_ALL: AccPlan = Object.fromEntries(LISTS.map((k) => [k, { keep: true, atMost: [], atLeast: [] }])) as unknown as AccPlan;

/** The plan's thresholds with the margin a comparison allows (1e-9): at most first, then at least (made once per plan). */
const limitsOf = new WeakMap<ListPlan, Float64Array>();
function limits(plan: ListPlan): Float64Array {
  let l = limitsOf.get(plan);
  if (!l) limitsOf.set(plan, (l = Float64Array.from([...plan.atMost.map((x) => x + 1e-9), ...plan.atLeast.map((x) => x - 1e-9)])));
  return l;
}

/** Whole numbers up to this add exactly in a float (2^53 - 1: a sum that reaches 2^53 may have rounded). */
const MAX_WHOLE = 2 ** 53 - 1;

/**
 * One list of an engineer's values (first response minutes, resolution hours, survey scores), kept as little as the
 * rules need: how many, their exact sum, the counts at the plan's thresholds, and the values themselves only when the
 * plan keeps them. Without kept values its memory does not grow with the rows.
 *
 * Values come in whole units of the list's measure (milliseconds for hours, unit 3,600,000): a value is raw / unit.
 * Their sum is then a sum of whole numbers, exact in a float up to 2^53 (285 years of milliseconds), so it is the same
 * in any order and however the rows were split between threads; a value that is not whole (or a sum past 2^53) moves
 * it to an ExactSum, exact too. A mean is that exact sum over unit x count, rounded once.
 *
 * Pushes go through a ValueLog when it is given one. Another part's values (another thread's) are added with addState.
 */
export class NumberList {
  private n = 0;
  /** the sum while every value was whole and it stayed within MAX_WHOLE (exact) */
  private whole = 0;
  /** the exact sum once not (null before) */
  private exact: ExactSum | null = null;
  /** how many values fall within each of the plan's limits (its at most, then its at least); no memory before a value */
  private counts = NONE;
  /** the kept values (raw / unit), keep only: no memory until the first value (a big roster makes thousands of lists) */
  private buf = NONE;
  private kept = 0;
  /** the kept values addState added: after those in buf */
  private last = NONE;
  private readonly id: number;
  /** limits(plan) */
  private readonly lim: Float64Array;

  constructor(private readonly log: ValueLog | null = null, private readonly plan: ListPlan = KEEP_ALL.firstResponse, private readonly unit = 1) {
    this.id = log === null ? -1 : log.register(this);
    this.lim = limits(plan);
  }

  /** Adds a value of raw / unit. */
  push(raw: number): void {
    if (this.log !== null) this.log.append(this.id, raw);
    else {
      ONE[0] = raw;
      this.appendRun(ONE, 0, 1);
    }
  }

  /** Adds the raw values src[from, to) (a ValueLog's run for this list). */
  appendRun(src: Float64Array, from: number, to: number): void {
    if (this.last.length > 0) throw new Error('unreachable: a value after the last ones');
    this.n += to - from;
    this.addToSum(src, from, to);
    const unit = this.unit;
    const lim = this.lim;
    if (lim.length > 0) {
      if (this.counts.length === 0) this.counts = new Float64Array(lim.length);
      const most = this.plan.atMost.length;
      // counted without a branch (+(a <= b)): the values fall either side at random, and a mispredicted branch per
      // value costs five times the count (measured)
      for (let t = 0; t < lim.length; t++) {
        const limit = lim[t];
        let c = 0;
        if (t < most) for (let i = from; i < to; i++) c += +(src[i] / unit <= limit);
        else for (let i = from; i < to; i++) c += +(src[i] / unit >= limit);
        this.counts[t] += c;
      }
    }
    if (this.plan.keep) {
      this.reserve(this.kept + to - from);
      const buf = this.buf;
      let k = this.kept;
      for (let i = from; i < to; i++) buf[k++] = src[i] / unit;
      this.kept = k;
    }
  }

  /** Adds src[from, to) to the exact sum. */
  private addToSum(src: Float64Array, from: number, to: number): void {
    if (this.exact === null) {
      let s = this.whole;
      let ok = 1;
      for (let i = from; i < to; i++) {
        const x = src[i];
        s += x;
        ok &= +(x === Math.floor(x)) & +(Math.abs(s) <= MAX_WHOLE);
      }
      if (ok === 1) {
        this.whole = s;
        return;
      }
      this.exact = new ExactSum();
      this.exact.add(this.whole);
    }
    this.exact.addRun(src, from, to);
  }

  get length(): number {
    this.log?.settle();
    return this.n;
  }

  /** The exact sum of the raw values, rounded once. */
  private sum(): number {
    return this.exact === null ? this.whole : this.exact.value();
  }

  /** The mean of the values: their exact sum over unit x count, rounded once (null without values). */
  mean(): number | null {
    this.log?.settle();
    return this.n === 0 ? null : this.sum() / (this.unit * this.n);
  }

  /** The values in no particular order, as one or two arrays, not copied (a plan that keeps them only). */
  parts(): Float64Array[] {
    this.log?.settle();
    if (!this.plan.keep) throw new Error('unreachable: the values of a list the rules do not keep');
    const first = this.buf.subarray(0, this.kept);
    return this.last.length > 0 ? [first, this.last] : [first];
  }

  /** How many values are at most x (1e-9 allowed): counted as they came when x is one of the plan's thresholds. */
  countAtMost(x: number): number {
    this.log?.settle();
    const t = this.plan.atMost.indexOf(x);
    if (t >= 0) return this.counts.length === 0 ? 0 : this.counts[t];
    const limit = x + 1e-9;
    let c = 0;
    for (const part of this.parts()) for (let i = 0; i < part.length; i++) c += +(part[i] <= limit);
    return c;
  }
  /** How many values are at least x (1e-9 allowed): counted as they came when x is one of the plan's thresholds. */
  countAtLeast(x: number): number {
    this.log?.settle();
    const t = this.plan.atLeast.indexOf(x);
    if (t >= 0) return this.counts.length === 0 ? 0 : this.counts[this.plan.atMost.length + t];
    const limit = x - 1e-9;
    let c = 0;
    for (const part of this.parts()) for (let i = 0; i < part.length; i++) c += +(part[i] >= limit);
    return c;
  }

  /** What this list holds as numbers, to send to another thread: [n, threshold counts, partials of the sum] and the kept values. */
  state(): Float64Array[] {
    this.log?.settle();
    if (this.n === 0) return [];
    const partials = this.exact === null ? Float64Array.of(this.whole) : this.exact.partials();
    const lim = this.lim.length;
    const head = new Float64Array(2 + lim + partials.length);
    head[0] = this.n;
    head.set(this.counts, 1); // (none when no threshold)
    head[1 + lim] = partials.length;
    head.set(partials, 2 + lim);
    return this.plan.keep ? [head, ...this.parts()] : [head];
  }

  /**
   * Adds another list's state (its state() end to end, in data[from, to), from a list with the same plan and unit),
   * once and after every value of this list's own: counts added, the sum kept exact, the kept values kept as they are
   * (not copied).
   */
  addState(data: Float64Array, from = 0, to = data.length): void {
    this.log?.settle();
    if (to === from) return;
    if (this.last.length > 0) throw new Error('unreachable: another part added twice');
    const lim = this.lim.length;
    this.n += data[from];
    if (lim > 0 && this.counts.length === 0) this.counts = new Float64Array(lim);
    for (let t = 0; t < lim; t++) this.counts[t] += data[from + 1 + t];
    const p = data[from + 1 + lim];
    const sum = from + 2 + lim;
    this.addToSum(data, sum, sum + p);
    if (this.plan.keep && to > sum + p) this.last = data.subarray(sum + p, to);
  }

  /** what the list holds (what a test or a debugger compares): the kept values in the order they came, if kept */
  toJSON(): { n: number; sum: number; atMost: number[]; atLeast: number[]; values?: number[] } {
    const most = this.plan.atMost.length;
    const count = (t: number) => (this.counts.length === 0 ? 0 : this.counts[t]);
    const held = { n: this.length, sum: this.sum(), atMost: this.plan.atMost.map((_, t) => count(t)), atLeast: this.plan.atLeast.map((_, t) => count(most + t)) };
    return this.plan.keep ? { ...held, values: this.parts().flatMap((p) => Array.from(p)) } : held;
  }

  private reserve(size: number): void {
    if (size <= this.buf.length) return;
    let cap = Math.max(16, this.buf.length * 2);
    while (cap < size) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.buf.subarray(0, this.kept));
    this.buf = next;
  }
}

/** The unit of each list's raw values: milliseconds for hours and minutes (whole numbers: exact sums), scores as they are. */
export const UNITS: Readonly<Record<ListName, number>> = {
  resolutionHours: 3_600_000, complaintHours: 3_600_000, firstResponse: 60_000, onsiteArrival: 60_000, surveyScores: 1, surveyRaw: 1,
};

export interface EngineerAcc {
  tickets: number;
  resolved: number;
  resolutionHours: NumberList;
  complaints: number;
  complaintHours: NumberList;
  reopened: number;
  callbacks: number;
  /** minutes from receipt to first response, per in-period response row */
  firstResponse: NumberList;
  /** responses without a first response time, plus cohort tickets without any response row */
  responseMissing: number;
  onsiteCases: number;
  onsiteArrival: NumberList;
  surveyScores: NumberList;
  surveyRaw: NumberList;
  evals: Map<string, number>;
  scoreAdjustment: number;
  pointsAdjustment: number;
  adjustments: { date: string; target: string; value: number; reason: string; approved_by: string }[];
}

/**
 * log: where the lists' pushes wait to be handed over in runs (a run's join context has one); plan: what the rules ask
 * of each list (accPlan), by default everything (any metric can be asked of it).
 */
export function newAcc(log: ValueLog | null = null, plan: AccPlan = KEEP_ALL): EngineerAcc {
  const list = (k: ListName) => new NumberList(log, plan[k], UNITS[k]);
  return {
    tickets: 0, resolved: 0, resolutionHours: list('resolutionHours'), complaints: 0, complaintHours: list('complaintHours'),
    reopened: 0, callbacks: 0, firstResponse: list('firstResponse'), responseMissing: 0, onsiteCases: 0,
    onsiteArrival: list('onsiteArrival'), surveyScores: list('surveyScores'), surveyRaw: list('surveyRaw'), evals: new Map(),
    scoreAdjustment: 0, pointsAdjustment: 0, adjustments: [],
  };
}

/** The counts the rows of tickets, responses and surveys add to (what one thread's part of them adds, with the lists). */
const COUNTS = ['tickets', 'resolved', 'complaints', 'reopened', 'callbacks', 'responseMissing', 'onsiteCases'] as const;

/**
 * What a part of the rows added to each engineer's counts and lists, as typed arrays (to send to another thread): the
 * lists' states end to end in one array, so that it moves as one buffer (measured: 12,000 lists moved as buffers of
 * their own took ~50 ms to arrive, one array under a millisecond, after a copy of ~10 ms).
 */
export interface AccsData {
  /** per engineer, COUNTS in order */
  counts: Float64Array;
  /** every list's state (NumberList.state): per list of LISTS, per engineer (none for an engineer not scored) */
  values: Float64Array;
  /** where each of those lists ends in values (it starts where the one before it ends) */
  ends: Int32Array;
}

/** The counts and lists of accs (null: an engineer not scored) as AccsData. */
export function accsData(accs: readonly (EngineerAcc | null)[]): AccsData {
  const n = accs.length;
  const counts = new Float64Array(n * COUNTS.length);
  const pieces: Float64Array[] = [];
  const ends = new Int32Array(LISTS.length * n);
  let total = 0;
  for (let l = 0; l < LISTS.length; l++) {
    const k = LISTS[l];
    for (let e = 0; e < n; e++) {
      const a = accs[e];
      if (a !== null) for (const piece of a[k].state()) if (piece.length > 0) {
        pieces.push(piece);
        total += piece.length;
      }
      ends[l * n + e] = total;
    }
  }
  for (let e = 0; e < n; e++) {
    const a = accs[e];
    if (a !== null) for (let c = 0; c < COUNTS.length; c++) counts[e * COUNTS.length + c] = a[COUNTS[c]];
  }
  const values = new Float64Array(total);
  let at = 0;
  for (const piece of pieces) {
    values.set(piece, at);
    at += piece.length;
  }
  return { counts, values, ends };
}

/** The memory of data, to transfer to another thread rather than copy. */
export function accsDataBuffers(data: AccsData): ArrayBuffer[] {
  return [data.counts.buffer as ArrayBuffer, data.values.buffer as ArrayBuffer, data.ends.buffer as ArrayBuffer];
}

/**
 * Adds what another part of the rows added (data, from accsData over the same engineers, with the same plan) to accs:
 * counts summed, lists' states added (NumberList.addState; kept values are views of data.values, not copies).
 */
export function addAccsData(accs: readonly (EngineerAcc | null)[], data: AccsData): void {
  const n = accs.length;
  for (let e = 0; e < n; e++) {
    const a = accs[e];
    if (a !== null) for (let c = 0; c < COUNTS.length; c++) a[COUNTS[c]] += data.counts[e * COUNTS.length + c];
  }
  let from = 0;
  for (let l = 0; l < LISTS.length; l++) {
    const k = LISTS[l];
    for (let e = 0; e < n; e++) {
      const a = accs[e];
      const to = data.ends[l * n + e];
      if (a !== null && to > from) a[k].addState(data.values, from, to);
      from = to;
    }
  }
}

/**
 * What each list must hold for the metrics (with their params resolved) the rules ask: which lists keep every value
 * (medians, percentiles) and which thresholds are counted as the values come. Means, counts and rates need nothing
 * more than a list always holds, so the default policy keeps no value: memory grows with engineers, not rows.
 */
export function accPlan(config: Config): AccPlan {
  return planFor(config.indicators.map((ind) => ({ metric: ind.metric, params: resolveParams(config, ind.metric, ind.params) })));
}

/** accPlan for metrics with their params resolved. */
export function planFor(metrics: readonly { metric: string; params: Record<string, number> }[]): AccPlan {
  const plan = Object.fromEntries(LISTS.map((k) => [k, { keep: false, atMost: [] as number[], atLeast: [] as number[] }]));
  const keep = (k: ListName) => void (plan[k].keep = true);
  const atMost = (k: ListName, x: number) => void (plan[k].atMost.includes(x) || plan[k].atMost.push(x));
  for (const { metric, params } of metrics) {
    switch (metric) {
      case 'first_response_minutes_median': case 'first_response_minutes_p90': keep('firstResponse'); break;
      case 'first_response_within_rate': atMost('firstResponse', params.minutes); break;
      case 'onsite_arrival_within_rate': atMost('onsiteArrival', params.minutes); break;
      case 'resolution_hours_median': case 'resolution_hours_p90': keep('resolutionHours'); break;
      case 'resolved_within_rate': atMost('resolutionHours', params.hours); break;
      case 'complaint_resolved_within_rate': atMost('complaintHours', params.hours); break;
      case 'csat_satisfied_rate': if (!plan.surveyRaw.atLeast.includes(params.at)) plan.surveyRaw.atLeast.push(params.at); break;
      default: // counts, means, eval: and adjustments need nothing kept
    }
  }
  return plan as unknown as AccPlan;
}

/** A metric's value and the number of cases behind it (for min_sample); value null = no data. */
export interface MetricValue { value: number | null; n: number }

const rate = (num: number, den: number): MetricValue => ({ value: den > 0 ? num / den : null, n: den });

export function computeMetric(acc: EngineerAcc, metric: string, params: Record<string, number>): MetricValue {
  if (metric.startsWith('eval:')) {
    const v = acc.evals.get(metric.slice(5));
    return v === undefined ? { value: null, n: 0 } : { value: v, n: 1 };
  }
  const fr = acc.firstResponse;
  const rh = acc.resolutionHours;
  switch (metric) {
    case 'tickets': return { value: acc.tickets, n: acc.tickets };
    case 'resolved': return { value: acc.resolved, n: acc.tickets };
    case 'resolution_rate': return rate(acc.resolved, acc.tickets);
    case 'first_response_minutes_mean': return { value: fr.mean(), n: fr.length };
    case 'first_response_minutes_median': return { value: medianOf(fr.parts()), n: fr.length };
    case 'first_response_minutes_p90': return { value: percentileOf(fr.parts(), 90), n: fr.length };
    case 'first_response_within_rate': return rate(fr.countAtMost(params.minutes), fr.length + acc.responseMissing);
    case 'first_response_missing': return { value: acc.responseMissing, n: fr.length + acc.responseMissing };
    case 'onsite_arrival_within_rate': return rate(acc.onsiteArrival.countAtMost(params.minutes), acc.onsiteCases);
    case 'resolution_hours_mean': return { value: rh.mean(), n: rh.length };
    case 'resolution_hours_median': return { value: medianOf(rh.parts()), n: rh.length };
    case 'resolution_hours_p90': return { value: percentileOf(rh.parts(), 90), n: rh.length };
    case 'resolution_days_mean': {
      const m = rh.mean();
      return { value: m === null ? null : m / 24, n: rh.length };
    }
    case 'resolved_within_rate': return rate(rh.countAtMost(params.hours), acc.tickets);
    case 'complaint_rate': return rate(acc.complaints, acc.tickets);
    case 'complaint_resolved_within_rate': return rate(acc.complaintHours.countAtMost(params.hours), acc.complaints);
    case 'reopen_rate': return rate(acc.reopened, acc.tickets);
    case 'callback_rate': return rate(acc.callbacks, acc.tickets);
    case 'csat_mean': return { value: acc.surveyScores.mean(), n: acc.surveyScores.length };
    case 'csat_satisfied_rate': return rate(acc.surveyRaw.countAtLeast(params.at), acc.surveyRaw.length);
    case 'surveys': return { value: acc.surveyScores.length, n: acc.surveyScores.length };
    default: throw new Error(`unknown metric ${metric}`); // the config schema rules this out
  }
}
