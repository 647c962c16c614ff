// Working-time SLAs through `run` and `explain`: duration indicators on a calendar (China's holidays, a lunch break,
// a calendar file correcting a day), the working and wall-clock figures side by side; a year without official holiday
// data is exit 1 naming the year and the way out; a calendar the rules do not define is exit 2.
import { describe, expect, it, afterAll } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const OFFICE = `
calendars:
  office:
    weekly:
      mon: [["09:00","12:00"],["13:30","18:00"]]
      tue: [["09:00","12:00"],["13:30","18:00"]]
      wed: [["09:00","12:00"],["13:30","18:00"]]
      thu: [["09:00","12:00"],["13:30","18:00"]]
      fri: [["09:00","12:00"],["13:30","18:00"]]
    holidays: cn
    overrides: [ { date: 2026-01-02, hours: [["09:00","12:00"]] } ]
`;

function rules(calendar = 'office'): string {
  const base = readFileSync(join(ROOT, 'fixtures', 'rules.yaml'), 'utf8')
    .replace('params: { minutes: 60 }', `params: { minutes: 60, calendar: ${calendar} }`)
    .replace('params: { hours: 24 }', `params: { hours: 24, calendar: ${calendar} }`)
    .replace('metric: resolution_days_mean', `metric: resolution_days_mean\n    params: { calendar: ${calendar} }`);
  const path = join(tempDir('cal-rules-'), 'rules.yaml');
  writeFileSync(path, `${base}\n${OFFICE}`);
  return path;
}

describe('calendars', () => {
  it('duration indicators in working time; explain shows the calendar and both figures', async () => {
    const out = tempDir('cal-out-');
    const r = await cli(['run', '--period', '2026-01', '--config', rules(), '--input-dir', 'fixtures/2026-01', '--out', out, '--fresh', '--format', 'csv,json', '--locale', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const cards = JSON.parse(readFileSync(join(out, '2026-01', 'scorecards.json'), 'utf8'));
    const ind = cards.engineers[0].indicators.find((i: { metric: string }) => i.metric === 'resolution_days_mean');
    expect(ind).toMatchObject({ calendar: 'office', params: { calendar: 'office' } });
    expect(ind.value).toBeLessThan(ind.wall_value); // nine working hours a day at most
    const plain = await cli(['run', '--period', '2026-01', '--config', 'fixtures/rules.yaml', '--input-dir', 'fixtures/2026-01', '--out', tempDir('plain-'), '--fresh', '--format', 'json', '--locale', 'en']);
    expect(plain.code).toBe(0);
    const e = await cli(['explain', cards.engineers[0].engineer_id, '--out', out, '--period', '2026-01', '--locale', 'en']);
    expect(e.stdout).toContain(`working time on calendar office: `);
    expect(e.stdout).toMatch(/on the wall clock: \d/);
    const zh = await cli(['explain', cards.engineers[0].engineer_id, '--out', out, '--period', '2026-01', '--locale', 'zh-CN']);
    expect(zh.stdout).toContain('按工作日历 office 计（工作时间）');
  });
  it('a calendar file closes a day: the working figures change, the wall clock does not', async () => {
    const dir = tempDir('cal-in-');
    cpSync(join(ROOT, 'fixtures', '2026-01'), dir, { recursive: true });
    const run = async (out: string) => {
      const r = await cli(['run', '--period', '2026-01', '--config', rules(), '--input-dir', dir, '--out', out, '--fresh', '--format', 'json', '--locale', 'en']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(readFileSync(join(out, '2026-01', 'scorecards.json'), 'utf8')).engineers.flatMap((x: { indicators: { calendar?: string; value: number; wall_value: number }[] }) => x.indicators.filter((i) => i.calendar));
    };
    const before = await run(tempDir('cal-a-'));
    const days = Array.from({ length: 31 }, (_, k) => `2026-01-${String(k + 1).padStart(2, '0')},是,,`).join('\n');
    writeFileSync(join(dir, 'calendar.csv'), `日期,休息,工作时间,日历\n${days}\n`);
    const out = tempDir('cal-b-');
    const after = await run(out);
    expect(after.map((i: { wall_value: number }) => i.wall_value)).toEqual(before.map((i: { wall_value: number }) => i.wall_value));
    expect(after.some((i: { value: number }, k: number) => i.value !== before[k].value)).toBe(true);
    const m = JSON.parse(readFileSync(join(out, '2026-01', 'manifest.json'), 'utf8'));
    expect(Object.keys(m.inputs)[0]).toBe('calendar');
    expect(m.inputs.calendar).toMatchObject({ rows_read: 31, rows_accepted: 31 });
  });
  it('a calendar file\'s bad rows are rejects, told as any input\'s', async () => {
    const dir = tempDir('cal-bad-');
    cpSync(join(ROOT, 'fixtures', '2026-01'), dir, { recursive: true });
    writeFileSync(join(dir, 'calendar.csv'), '日期,休息,工作时间,日历\n2026-01-05,,09:00-12:00;13:30-18:00,office\n2026-01-06,是,09:00-12:00,\n2026-01-07,,9点到12点,\n2026-01-08,,09:00-12:00,shop\n2026-01-09,,,\n');
    const out = tempDir('cal-bad-out-');
    const r = await cli(['run', '--period', '2026-01', '--config', rules(), '--input-dir', dir, '--out', out, '--fresh', '--format', 'csv', '--locale', 'en', '--max-reject-rate', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rejects = readFileSync(join(out, '2026-01', 'rejects.csv'), 'utf8').split('\n').filter((l) => l.startsWith('calendar.csv'));
    expect(rejects.map((l) => l.split(',').slice(2, 5).join(','))).toEqual(['3,工作时间,BAD_ENUM', '4,工作时间,BAD_ENUM', '5,日历,BAD_ENUM', '6,工作时间,BAD_ENUM']);
  });
  it('a month in a year holidays: cn has no data for: exit 1 naming the year and the way out, nothing published', async () => {
    const dir = tempDir('cal-2027-');
    cpSync(join(ROOT, 'fixtures', '2026-01'), dir, { recursive: true });
    const out = tempDir('cal-2027-out-');
    const r = await cli(['run', '--period', '2027-01', '--config', rules(), '--input-dir', dir, '--out', out, '--fresh', '--locale', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('holidays: cn has no official data for 2027');
    expect(r.stderr).toContain('overrides');
    expect(r.stderr).toContain('nothing was published');
  });
  it('a calendar the rules do not define, or on a metric that takes none: exit 2', async () => {
    const bad = await cli(['run', '--period', '2026-01', '--config', rules('shop'), '--input-dir', 'fixtures/2026-01', '--out', tempDir('x-')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no calendar shop in calendars (calendars: office)');
    const path = join(tempDir('cal-rules2-'), 'rules.yaml');
    writeFileSync(path, readFileSync(rules(), 'utf8').replace('metric: complaint_rate', 'metric: complaint_rate\n    params: { calendar: office }'));
    const wrong = await cli(['run', '--period', '2026-01', '--config', path, '--input-dir', 'fixtures/2026-01', '--out', tempDir('y-')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('metric complaint_rate takes no parameter calendar');
  });
});
