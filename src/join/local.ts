// Join stage: the checks of a row that need nothing but the row and the period (a negative duration, the period, the
// survey scale). They come first, before a row is joined, in whichever part of a month read in two parts read the row
// (month-parts.ts), so that what the join steps get is only what they join.
import { formatNumber } from '../util/round.js';
import type { Config } from '../config/schema.js';
import type { Rec } from '../validate/record.js';
import type { InputRun } from './read-input.js';

/** The inputs whose rows are checked before they are joined (and whose files can be read in two parts). */
export type SplitInput = 'tickets' | 'responses' | 'surveys';
export const SPLIT_INPUTS: readonly SplitInput[] = ['tickets', 'responses', 'surveys'];

/** true: the row goes on to the join; false: it was rejected or counted out of period here. */
export type LocalCheck = (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => boolean;
/** What the join step does with a checked row. */
export type Joiner<R> = (rec: R, row: number, run: InputRun) => void;

export interface Span { start: number; end: number }

export function localCheck(input: SplitInput, config: Config, period: Span): LocalCheck {
  const inPeriod = (t: number) => t >= period.start && t < period.end;
  /** a later time before an earlier one of the same row: rejected at the later one's column */
  const negative = (run: InputRun, row: number, text: (id: string) => string, later: string, earlier: string): false => {
    run.reject({ row }, 'NEGATIVE_DURATION', later, text(later), { later: run.reader.headerOf(later), earlier: run.reader.headerOf(earlier) });
    return false;
  };
  const outOfPeriod = (run: InputRun): false => {
    run.summary.rows_out_of_period += 1;
    return false;
  };
  switch (input) {
    case 'tickets':
      // the period's cohort: tickets created in it
      return (rec, row, run, text) => {
        const created = rec.created_at as number;
        const resolved = rec.resolved_at as number | null;
        if (resolved !== null && resolved < created) return negative(run, row, text, 'resolved_at', 'created_at');
        return inPeriod(created) || outOfPeriod(run);
      };
    case 'responses':
      // counted in the period of the ticket's receipt
      return (rec, row, run, text) => {
        const received = rec.received_at as number;
        const first = rec.first_response_at as number | null;
        const arrival = rec.onsite_arrival_at as number | null;
        if (first !== null && first < received) return negative(run, row, text, 'first_response_at', 'received_at');
        if (arrival !== null && arrival < received) return negative(run, row, text, 'onsite_arrival_at', 'received_at');
        return inPeriod(received) || outOfPeriod(run);
      };
    case 'surveys': {
      // scores on the configured scale, counted in the period of submission
      const [lo, hi] = config.surveys.scale;
      return (rec, row, run) => {
        const score = rec.score as number;
        if (score < lo || score > hi) {
          run.reject({ row }, 'OUT_OF_RANGE', 'score', formatNumber(score, 10), { range: `${lo}-${hi}` });
          return false;
        }
        return inPeriod(rec.submitted_at as number) || outOfPeriod(run);
      };
    }
  }
}
