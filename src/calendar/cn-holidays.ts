// China's official public holidays and make-up working days (调休), from the chinese-days package (MIT, data for
// 2004 onwards as the State Council publishes it). Loaded once, when a calendar asks for holidays: cn.
import { createRequire } from 'node:module';
import type { HolidayData } from './working-time.js';

let loaded: HolidayData | null = null;

export function cnHolidays(): HolidayData {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const { version } = require('chinese-days/package.json') as { version: string };
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const years = new Set([...holidays, ...workdays].map((d) => Number(d.slice(0, 4))));
  loaded = { holidays, workdays, years, source: `chinese-days ${version}` };
  return loaded;
}
