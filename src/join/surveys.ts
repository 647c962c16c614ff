// Join stage, surveys: counted in the period of submission, for the row's own roster engineer or else its ticket's;
// scores are checked against the configured scale (local.ts, with the period) and normalised to 0-100.
import type { JoinContext } from './context.js';

export async function joinSurveys(ctx: JoinContext, path: string, shown?: string): Promise<void> {
  const seen = ctx.surveyIds;
  const checked = ctx.surveyIdsChecked;
  await ctx.readChecked('surveys', path, shown, (rec, row, run) => {
    const id = rec.survey_id;
    checked?.insert(id, row);
    const dup = seen.get(id);
    if (dup >= 0) return run.reject({ row }, 'DUPLICATE_ID', 'survey_id', id, { what: 'survey', first: dup });
    const slot = ctx.attribute(rec, row, run);
    if (!slot) return;
    seen.add(id, row);
    run.summary.rows_accepted += 1;
    const tally = slot.tally;
    if (!tally || (ctx.joined >= 0 && ctx.tickets.cancelled(ctx.joined))) return;
    const excluded = ctx.corrections?.excludeSurveys.get(id);
    if (excluded) return ctx.corrections?.applied(excluded, slot.entry.engineer_id); // an upheld appeal: a survey meant for someone else
    ctx.countSurvey(tally, rec);
  });
}
