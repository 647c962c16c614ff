// Working time against an independent count, minute by minute in the calendar's own local time (Intl): a make-up
// Saturday (调休), the Spring Festival week, a lunch break, before opening, a holiday Sunday, a night shift across
// midnight, a zone with daylight saving time, overrides, a 24/7 calendar; working time never exceeds the wall clock
// and adds up across any split point; a year without official data is an error, never a guess.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CalendarError, WorkingCalendar, type CalendarSpec, type Hours, type Weekday } from '../../src/calendar/working-time.js';
import { cnHolidays } from '../../src/calendar/cn-holidays.js';

const OFFICE: Hours = [['09:00', '12:00'], ['13:30', '18:00']];
const office: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE }, holidays: 'cn', overrides: [{ date: '2026-12-31', hours: [['09:00', '12:00']] }, { date: '2026-06-01', closed: true }] };
const NIGHT: Hours = [['22:00', '06:00']];
const nights = (timezone: string): CalendarSpec => ({ timezone, weekly: { mon: NIGHT, tue: NIGHT, wed: NIGHT, thu: NIGHT, fri: NIGHT, sat: NIGHT, sun: NIGHT }, holidays: 'none', overrides: [] });
const ALL: Hours = [['00:00', '24:00']];
const always: CalendarSpec = { timezone: 'Asia/Shanghai', weekly: { mon: ALL, tue: ALL, wed: ALL, thu: ALL, fri: ALL, sat: ALL, sun: ALL }, holidays: 'none', overrides: [] };
const data = cnHolidays();

/** The reference: every minute from a to b whose local time (Intl) falls in the day's hours or the day before's night shift. */
function reference(spec: CalendarSpec, a: number, b: number): number {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: spec.timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' });
  const days: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const rules = (date: string, weekday: Weekday): Hours => {
    const o = spec.overrides.find((x) => x.date === date);
    if (o) return o.closed ? [] : o.hours ?? [];
    if (spec.holidays === 'cn' && data.holidays.has(date)) return [];
    if (spec.holidays === 'cn' && data.workdays.has(date)) return spec.weekly.mon ?? [];
    return spec.weekly[weekday] ?? [];
  };
  const mins = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  let n = 0;
  for (let t = a; t < b; t += 60_000) {
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    const date = `${p.year}-${p.month}-${p.day}`;
    const weekday = p.weekday.toLowerCase().slice(0, 3) as Weekday;
    const minute = Number(p.hour) * 60 + Number(p.minute);
    const prev = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) - 86_400_000).toISOString().slice(0, 10);
    const prevDay = days[(days.indexOf(weekday) + 6) % 7];
    const today = rules(date, weekday).some(([s, e]) => (mins(s) < mins(e) ? minute >= mins(s) && minute < mins(e) : minute >= mins(s)));
    const spill = rules(prev, prevDay).some(([s, e]) => mins(e) <= mins(s) && minute < mins(e));
    if (today || spill) n += 1;
  }
  return n;
}

const at = (local: string, tz = 'Asia/Shanghai') => {
  // the instant of a local time in tz, found by search (independent of util/time.ts)
  const want = Date.parse(`${local}:00Z`);
  for (let off = -14 * 60; off <= 14 * 60; off += 15) {
    const t = want - off * 60_000;
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    if (`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` === local) return t;
  }
  throw new Error(`no instant for ${local} in ${tz}`);
};

const CASES: [string, CalendarSpec, string, string, number, string?][] = [
  ['Friday 17:50 to Monday 09:10', office, '2026-01-09T17:50', '2026-01-12T09:10', 20],
  ['a make-up Saturday (调休 2026-02-14)', office, '2026-02-14T10:00', '2026-02-14T11:00', 60],
  ['the Spring Festival week: Friday, the make-up Saturday, nine days off, Tuesday', office, '2026-02-13T17:00', '2026-02-24T10:00', 60 + 450 + 60],
  ['the make-up Saturday 2026-02-28 to Monday', office, '2026-02-28T17:00', '2026-03-02T09:30', 60 + 30],
  ['a lunch break', office, '2026-03-04T11:30', '2026-03-04T14:00', 60],
  ['before opening', office, '2026-03-04T07:00', '2026-03-04T09:30', 30],
  ['a holiday Sunday (National Day)', office, '2026-10-04T00:00', '2026-10-05T00:00', 0],
  ['an override: closed on 2026-06-01 (a Monday)', office, '2026-06-01T08:00', '2026-06-02T10:00', 60],
  ['an override: the morning only on 2026-12-31', office, '2026-12-31T08:00', '2026-12-31T18:00', 180],
  ['a night shift across midnight', nights('Asia/Shanghai'), '2026-03-02T23:00', '2026-03-03T07:00', 420],
  ['a night shift across the spring change (Europe/Berlin: 02:00 -> 03:00)', nights('Europe/Berlin'), '2026-03-28T21:00', '2026-03-29T07:00', 420, 'Europe/Berlin'],
  ['a night shift across the autumn change (Europe/Berlin: 03:00 -> 02:00)', nights('Europe/Berlin'), '2026-10-24T21:00', '2026-10-25T07:00', 540, 'Europe/Berlin'],
  ['24/7 across midnight: not a minute lost', always, '2026-03-02T23:59', '2026-03-03T00:01', 2],
];

describe('working time', () => {
  it.each(CASES)('%s', (_what, spec, from, to, minutes, tz) => {
    const cal = new WorkingCalendar('test', spec, spec.holidays === 'cn' ? data : null);
    const a = at(from, tz);
    const b = at(to, tz);
    expect(cal.between(a, b) / 60_000).toBe(minutes);
    expect(reference(spec, a, b)).toBe(minutes);
  });
  it('any span: the minute-by-minute count; never more than the wall clock; adds up across any split', () => {
    const start = Date.UTC(2026, 0, 1) - 8 * 3_600_000;
    const minute = fc.integer({ min: 0, max: 350 * 24 * 60 }).map((m) => start + m * 60_000);
    for (const spec of [office, nights('Europe/Berlin'), always]) {
      const cal = new WorkingCalendar('test', spec, spec.holidays === 'cn' ? data : null);
      fc.assert(fc.property(minute, fc.integer({ min: 0, max: 9 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), (a, len, cut) => {
        const b = a + len * 60_000;
        const m = Math.min(b, a + cut * 60_000);
        const w = cal.between(a, b);
        expect(w).toBeLessThanOrEqual(b - a);
        expect(cal.between(a, m) + cal.between(m, b)).toBe(w);
        expect(w / 60_000).toBe(reference(spec, a, b));
      }), { numRuns: 25 });
    }
  });
  it('a year holidays: cn has no data for is an error naming the year and the way out; an override of that year states its notice', () => {
    const cal = new WorkingCalendar('office', office, data);
    expect(() => cal.between(at('2027-01-04T10:00'), at('2027-01-04T11:00'))).toThrow(CalendarError);
    expect(() => cal.between(at('2027-01-04T10:00'), at('2027-01-04T11:00'))).toThrow(/holidays: cn has no official data for 2027.*overrides/);
    const noticed = new WorkingCalendar('office', { ...office, overrides: [...office.overrides, { date: '2027-01-01', closed: true }] }, data);
    expect(noticed.between(at('2027-01-04T10:00'), at('2027-01-04T11:00'))).toBe(3_600_000);
    expect(new WorkingCalendar('plain', { ...office, holidays: 'none' }, null).between(at('2027-01-04T10:00'), at('2027-01-04T11:00'))).toBe(3_600_000);
  });
});
