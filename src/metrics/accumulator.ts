// Metrics stage: per-engineer running aggregates over the cohort (memory grows with engineers, plus one number per duration),
// and the built-in metrics computed from them.
import { mean, median, percentile } from '../util/round.js';

/** A growable list of numbers without per-item objects. */
export class NumberList {
  private buf = new Float64Array(16);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  /** the values sorted, kept while no value is added (median and p90 of the same list sort it once) */
  private sortedCopy: Float64Array | null = null;
  sorted(): Float64Array {
    if (this.sortedCopy === null || this.sortedCopy.length !== this.length) this.sortedCopy = this.buf.slice(0, this.length).sort();
    return this.sortedCopy;
  }
  countAtMost(x: number): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.buf[i] <= x + 1e-9) n++;
    return n;
  }
  countAtLeast(x: number): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.buf[i] >= x - 1e-9) n++;
    return n;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
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

export function newAcc(): EngineerAcc {
  return {
    tickets: 0, resolved: 0, resolutionHours: new NumberList(), complaints: 0, complaintHours: new NumberList(),
    reopened: 0, callbacks: 0, firstResponse: new NumberList(), responseMissing: 0, onsiteCases: 0,
    onsiteArrival: new NumberList(), surveyScores: new NumberList(), surveyRaw: new NumberList(), evals: new Map(),
    scoreAdjustment: 0, pointsAdjustment: 0, adjustments: [],
  };
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
    case 'first_response_minutes_mean': return { value: mean(fr.values()), n: fr.length };
    case 'first_response_minutes_median': return { value: median(fr.sorted()), n: fr.length };
    case 'first_response_minutes_p90': return { value: percentile(fr.sorted(), 90), n: fr.length };
    case 'first_response_within_rate': return rate(fr.countAtMost(params.minutes), fr.length + acc.responseMissing);
    case 'first_response_missing': return { value: acc.responseMissing, n: fr.length + acc.responseMissing };
    case 'onsite_arrival_within_rate': return rate(acc.onsiteArrival.countAtMost(params.minutes), acc.onsiteCases);
    case 'resolution_hours_mean': return { value: mean(rh.values()), n: rh.length };
    case 'resolution_hours_median': return { value: median(rh.sorted()), n: rh.length };
    case 'resolution_hours_p90': return { value: percentile(rh.sorted(), 90), n: rh.length };
    case 'resolution_days_mean': {
      const m = mean(rh.values());
      return { value: m === null ? null : m / 24, n: rh.length };
    }
    case 'resolved_within_rate': return rate(rh.countAtMost(params.hours), acc.tickets);
    case 'complaint_rate': return rate(acc.complaints, acc.tickets);
    case 'complaint_resolved_within_rate': return rate(acc.complaintHours.countAtMost(params.hours), acc.complaints);
    case 'reopen_rate': return rate(acc.reopened, acc.tickets);
    case 'callback_rate': return rate(acc.callbacks, acc.tickets);
    case 'csat_mean': return { value: mean(acc.surveyScores.values()), n: acc.surveyScores.length };
    case 'csat_satisfied_rate': return rate(acc.surveyRaw.countAtLeast(params.at), acc.surveyRaw.length);
    case 'surveys': return { value: acc.surveyScores.length, n: acc.surveyScores.length };
    default: throw new Error(`unknown metric ${metric}`); // the config schema rules this out
  }
}
