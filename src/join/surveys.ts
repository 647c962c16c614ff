// Join stage, surveys: counted in the period of submission, for the row's own roster engineer or else its ticket's;
// scores are checked against the configured scale and normalised to 0-100.
import { ms, type JoinContext } from './context.js';
import { IdTable } from './id-table.js';

export async function joinSurveys(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const [lo, hi] = ctx.config.surveys.scale;
  const seen = new IdTable(); // survey id -> row
  await ctx.read('surveys', path, shown, (rec, row, run) => {
    const score = rec.score as number;
    if (score < lo || score > hi) return run.reject({ row }, 'OUT_OF_RANGE', 'score', String(score), { range: `${lo}-${hi}` });
    if (!ctx.inPeriod(ms(rec.submitted_at))) {
      run.summary.rows_out_of_period += 1;
      return;
    }
    const id = rec.survey_id as string;
    const dup = seen.get(id);
    if (dup >= 0) return run.reject({ row }, 'DUPLICATE_ID', 'survey_id', id, { what: 'survey', first: dup });
    const slot = ctx.attribute(rec, row, run);
    if (!slot) return;
    seen.add(id, row);
    run.summary.rows_accepted += 1;
    const acc = slot.acc;
    if (!acc || (ctx.joined >= 0 && ctx.tickets.cancelled(ctx.joined))) return;
    acc.surveyScores.push(((score - lo) / (hi - lo)) * 100);
    acc.surveyRaw.push(score);
  });
}
