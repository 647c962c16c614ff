// Join stage, the calendar input (optional): dated corrections to the rules' working-time calendars, as the rules'
// overrides are: a company's own days, or next year's official notice before the holiday data has it. One row a date:
// `closed` (a day off) or `hours` ("09:00-12:00;13:30-18:00"), for the calendar named in `calendar` (blank: every
// calendar). Read before anything else of the month: the calendars count every duration.
import type { CalendarConfig, Config } from '../config/schema.js';
import type { Reject } from '../problems.js';
import { eachRecord, type InputSummary } from './read-input.js';
import { isoDay } from './context.js';

const INTERVAL = /^(([01]\d|2[0-3]):[0-5]\d|24:00)\s*[-~至到]\s*(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const HOURS_WORDS = 'HH:MM-HH:MM, several separated by ;';

/** The rules with the file's days added to their calendars' overrides (a date the rules also give: the file's wins). */
export async function readCalendarFile(config: Config, path: string, shown: string | undefined, stdin?: NodeJS.ReadableStream): Promise<{ config: Config; summary: InputSummary; rejects: Reject[] }> {
  const rejects: Reject[] = [];
  const names = Object.keys(config.calendars);
  const added = new Map<string, CalendarConfig['overrides']>(names.map((n) => [n, []]));
  const summary = await eachRecord(path, shown, 'calendar', config, rejects, stdin, (rec, row, run) => {
    const which = typeof rec.calendar === 'string' && rec.calendar.trim() !== '' ? rec.calendar.trim() : null;
    if (which !== null && !added.has(which)) return run.reject({ row }, 'BAD_ENUM', 'calendar', which, { allowed: names.join(', ') || '(no calendars in the rules)' });
    const closed = rec.closed === true;
    const text = typeof rec.hours === 'string' ? rec.hours.trim() : '';
    if (closed === (text !== '')) return run.reject({ row }, 'BAD_ENUM', 'hours', text, { allowed: `closed, or hours (${HOURS_WORDS})` });
    const hours: [string, string][] = [];
    for (const part of text === '' ? [] : text.split(/[;；,，、]/).map((x) => x.trim()).filter(Boolean)) {
      const m = INTERVAL.exec(part);
      if (!m || m[1] === m[3]) return run.reject({ row }, 'BAD_ENUM', 'hours', text, { allowed: HOURS_WORDS });
      hours.push([m[1], m[3]]);
    }
    const date = isoDay(rec.date as number, config.timezone);
    for (const n of which === null ? names : [which]) added.get(n)?.push(closed ? { date, closed: true } : { date, hours });
    run.summary.rows_accepted += 1;
  });
  const calendars = Object.fromEntries(names.map((n) => [n, { ...config.calendars[n], overrides: [...config.calendars[n].overrides, ...(added.get(n) ?? [])] }]));
  return { config: { ...config, calendars }, summary, rejects };
}
