// Metrics stage: per-engineer running aggregates over the cohort (memory grows with engineers, plus one number per duration),
// and the built-in metrics computed from them.
import { meanOf, medianOf, percentileOf } from '../util/round.js';

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

/**
 * A growable list of numbers without per-item objects; pushes go through a ValueLog when it is given one. Another
 * part's values (another thread's) can be added after all the others as they came, without copying (appendLast).
 */
export class NumberList {
  /** no memory until the first value (a big roster makes thousands of lists, many of which stay empty or small) */
  private buf = NONE;
  private n = 0;
  /** the values appendLast added: after the n in buf, in their order */
  private last = NONE;
  private readonly id: number;

  constructor(private readonly log: ValueLog | null = null) {
    this.id = log === null ? -1 : log.register(this);
  }

  push(x: number): void {
    if (this.log !== null) this.log.append(this.id, x);
    else {
      this.reserve(this.n + 1);
      this.buf[this.n++] = x;
    }
  }

  /** Appends src[from, to) (a ValueLog's run for this list). */
  appendRun(src: Float64Array, from: number, to: number): void {
    if (this.last.length > 0) throw new Error('unreachable: a value after the last ones');
    this.reserve(this.n + to - from);
    this.buf.set(src.subarray(from, to), this.n);
    this.n += to - from;
  }

  /** Adds values as the last ones this list will get (once), kept as they are: not copied. */
  appendLast(values: Float64Array): void {
    this.log?.settle();
    if (this.last.length > 0) throw new Error('unreachable: last values added twice');
    this.last = values;
  }

  get length(): number {
    this.log?.settle();
    return this.n + this.last.length;
  }

  /** The values in order, as one or two arrays (the second: what appendLast added), not copied. */
  parts(): Float64Array[] {
    this.log?.settle();
    const first = this.buf.subarray(0, this.n);
    return this.last.length > 0 ? [first, this.last] : [first];
  }

  // counted without a branch (+(a <= b)): the values fall either side at random, and a mispredicted branch per value
  // costs five times the count (measured)
  // (over buf and last as they are: no views made)
  countAtMost(x: number): number {
    this.log?.settle();
    const limit = x + 1e-9;
    const { buf, n, last } = this;
    let c = 0;
    for (let i = 0; i < n; i++) c += +(buf[i] <= limit);
    for (let i = 0; i < last.length; i++) c += +(last[i] <= limit);
    return c;
  }
  countAtLeast(x: number): number {
    this.log?.settle();
    const limit = x - 1e-9;
    const { buf, n, last } = this;
    let c = 0;
    for (let i = 0; i < n; i++) c += +(buf[i] >= limit);
    for (let i = 0; i < last.length; i++) c += +(last[i] >= limit);
    return c;
  }
  /** The values in order, as one array (made once, if appendLast added some). */
  values(): Float64Array {
    const n = this.length; // first: settling the log may give the list a bigger buffer
    if (this.last.length > 0) {
      const all = new Float64Array(n);
      all.set(this.buf.subarray(0, this.n));
      all.set(this.last, this.n);
      this.buf = all;
      this.n = n;
      this.last = NONE;
    }
    return this.buf.subarray(0, n);
  }
  /** the values, in the order pushed (what a test or a debugger compares) */
  toJSON(): number[] {
    return Array.from(this.values());
  }

  private reserve(size: number): void {
    if (size <= this.buf.length) return;
    let cap = Math.max(16, this.buf.length * 2);
    while (cap < size) cap *= 2;
    const next = new Float64Array(cap);
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }
}

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

/** log: where the lists' pushes wait to be handed over in runs (a run's join context has one). */
export function newAcc(log: ValueLog | null = null): EngineerAcc {
  return {
    tickets: 0, resolved: 0, resolutionHours: new NumberList(log), complaints: 0, complaintHours: new NumberList(log),
    reopened: 0, callbacks: 0, firstResponse: new NumberList(log), responseMissing: 0, onsiteCases: 0,
    onsiteArrival: new NumberList(log), surveyScores: new NumberList(log), surveyRaw: new NumberList(log), evals: new Map(),
    scoreAdjustment: 0, pointsAdjustment: 0, adjustments: [],
  };
}

/** The counts and lists the rows of tickets, responses and surveys add to (what one thread's part of them adds). */
const COUNTS = ['tickets', 'resolved', 'complaints', 'reopened', 'callbacks', 'responseMissing', 'onsiteCases'] as const;
const LISTS = ['resolutionHours', 'complaintHours', 'firstResponse', 'onsiteArrival', 'surveyScores', 'surveyRaw'] as const;

/**
 * What a part of the rows added to each engineer's counts and lists, as typed arrays (to send to another thread): the
 * lists' values end to end in one array, so that it moves as one buffer (measured: 12,000 lists moved as buffers of
 * their own took ~50 ms to arrive, one array of their values under a millisecond, after a copy of ~10 ms).
 */
export interface AccsData {
  /** per engineer, COUNTS in order */
  counts: Float64Array;
  /** every list's values: per list of LISTS, per engineer (none for an engineer not scored) */
  values: Float64Array;
  /** where each of those lists ends in values (it starts where the one before it ends) */
  ends: Int32Array;
}

/** The counts and lists of accs (null: an engineer not scored) as AccsData. */
export function accsData(accs: readonly (EngineerAcc | null)[]): AccsData {
  const n = accs.length;
  const counts = new Float64Array(n * COUNTS.length);
  const lists: Float64Array[] = [];
  const ends = new Int32Array(LISTS.length * n);
  let total = 0;
  for (let l = 0; l < LISTS.length; l++) {
    const k = LISTS[l];
    for (let e = 0; e < n; e++) {
      const a = accs[e];
      if (a !== null) for (const part of a[k].parts()) if (part.length > 0) {
        lists.push(part);
        total += part.length;
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
  for (const part of lists) {
    values.set(part, at);
    at += part.length;
  }
  return { counts, values, ends };
}

/** The memory of data, to transfer to another thread rather than copy. */
export function accsDataBuffers(data: AccsData): ArrayBuffer[] {
  return [data.counts.buffer as ArrayBuffer, data.values.buffer as ArrayBuffer, data.ends.buffer as ArrayBuffer];
}

/**
 * Adds what a later part of the rows added (data, from accsData over the same engineers) to accs: counts summed, list
 * values appended after those already there (views of data.values, not copies), so that every list holds its values in
 * row order. A ValueLog behind the lists must be settled first.
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
      if (a !== null && to > from) a[k].appendLast(data.values.subarray(from, to));
      from = to;
    }
  }
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
    case 'first_response_minutes_mean': return { value: meanOf(fr.parts()), n: fr.length };
    case 'first_response_minutes_median': return { value: medianOf(fr.parts()), n: fr.length };
    case 'first_response_minutes_p90': return { value: percentileOf(fr.parts(), 90), n: fr.length };
    case 'first_response_within_rate': return rate(fr.countAtMost(params.minutes), fr.length + acc.responseMissing);
    case 'first_response_missing': return { value: acc.responseMissing, n: fr.length + acc.responseMissing };
    case 'onsite_arrival_within_rate': return rate(acc.onsiteArrival.countAtMost(params.minutes), acc.onsiteCases);
    case 'resolution_hours_mean': return { value: meanOf(rh.parts()), n: rh.length };
    case 'resolution_hours_median': return { value: medianOf(rh.parts()), n: rh.length };
    case 'resolution_hours_p90': return { value: percentileOf(rh.parts(), 90), n: rh.length };
    case 'resolution_days_mean': {
      const m = meanOf(rh.parts());
      return { value: m === null ? null : m / 24, n: rh.length };
    }
    case 'resolved_within_rate': return rate(rh.countAtMost(params.hours), acc.tickets);
    case 'complaint_rate': return rate(acc.complaints, acc.tickets);
    case 'complaint_resolved_within_rate': return rate(acc.complaintHours.countAtMost(params.hours), acc.complaints);
    case 'reopen_rate': return rate(acc.reopened, acc.tickets);
    case 'callback_rate': return rate(acc.callbacks, acc.tickets);
    case 'csat_mean': return { value: meanOf(acc.surveyScores.parts()), n: acc.surveyScores.length };
    case 'csat_satisfied_rate': return rate(acc.surveyRaw.countAtLeast(params.at), acc.surveyRaw.length);
    case 'surveys': return { value: acc.surveyScores.length, n: acc.surveyScores.length };
    default: throw new Error(`unknown metric ${metric}`); // the config schema rules this out
  }
}
