// Validate stage: what an accepted row of each input holds, as zod schemas (the row types are inferred from them).
// A record reader fills one object per row with every column of its input (null when blank or absent); the schemas
// state that contract, and a test holds every accepted row of the corpus to them. Rows are not parsed with them one by
// one: the record reader has already checked each cell.
import { z } from 'zod';

/** an instant, in milliseconds since 1970 (UTC) */
const instant = z.number().finite();
const id = z.string().min(1);
/** a column no rule reads: matched for its header, never parsed */
const unread = z.null();

export const ticketRow = z.object({
  ticket_id: id,
  engineer_id: id,
  created_at: instant,
  resolved_at: instant.nullable(),
  status: z.enum(['open', 'resolved', 'closed', 'cancelled']).nullable(),
  priority: unread,
  channel: z.enum(['phone', 'email', 'online', 'onsite']).nullable(),
  is_complaint: z.boolean().nullable(),
  reopened: z.boolean().nullable(),
  customer_id: unread,
  callback_done: z.boolean().nullable(),
});

export const responseRow = z.object({
  ticket_id: id,
  engineer_id: id.nullable(),
  received_at: instant,
  first_response_at: instant.nullable(),
  onsite_arrival_at: instant.nullable(),
});

export const surveyRow = z.object({
  survey_id: id,
  ticket_id: id.nullable(),
  engineer_id: id.nullable(),
  score: z.number().finite(),
  submitted_at: instant,
  comment: unread,
});

export const rosterRow = z.object({
  engineer_id: id,
  name: z.string().min(1),
  team: z.string().nullable(),
  level: z.number().finite().nullable(),
  annual_points: z.number().finite().nullable(),
  hire_date: instant.nullable(),
  status: z.enum(['active', 'probation', 'left']).nullable(),
  probation_end: instant.nullable(),
});

export const adjustmentRow = z.object({
  engineer_id: id,
  date: instant,
  target: z.enum(['score', 'points']),
  value: z.number().finite(),
  reason: z.string().min(1),
  approved_by: z.string().nullable(),
});

export const evaluationRow = z.object({
  engineer_id: id,
  item: z.string().min(1),
  value: z.number().finite(),
});

export const onboardingRow = z.object({
  engineer_id: id,
  exam_score: z.number().finite(),
  experience_points: z.number().finite().nullable(),
  education_points: z.number().finite().nullable(),
});

export const calendarRow = z.object({
  date: instant,
  closed: z.boolean().nullable(),
  hours: z.string().nullable(),
  calendar: z.string().nullable(),
});

export const correctionRow = z.object({
  correction_id: id,
  period: z.string().min(1),
  engineer_id: id,
  action: z.enum(['exclude_ticket', 'exclude_survey', 'reassign_ticket', 'set_evaluation', 'adjust_score', 'adjust_points']),
  target: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string().nullable(),
  approved_by: z.string().nullable(),
  decided_at: instant.nullable(),
});

/** The schema of each input's rows (an event log's rows are its own mapping's: validate/event-log.ts). */
export const ROW_SCHEMAS = {
  tickets: ticketRow, responses: responseRow, surveys: surveyRow, roster: rosterRow, adjustments: adjustmentRow, evaluations: evaluationRow, onboarding: onboardingRow, calendar: calendarRow, corrections: correctionRow,
} as const;

export type TicketRow = z.infer<typeof ticketRow>;
export type ResponseRow = z.infer<typeof responseRow>;
export type SurveyRow = z.infer<typeof surveyRow>;
export type RosterRow = z.infer<typeof rosterRow>;
export type AdjustmentRow = z.infer<typeof adjustmentRow>;
export type EvaluationRow = z.infer<typeof evaluationRow>;
export type OnboardingRow = z.infer<typeof onboardingRow>;
export type CalendarRow = z.infer<typeof calendarRow>;
export type CorrectionRow = z.infer<typeof correctionRow>;
