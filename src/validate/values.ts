// Value grammars of SPEC section 3: timestamps, numbers, booleans, enums. Pure: text (or a spreadsheet value) in, value or failure out.

import { daysFromCivil, daysInMonth, fromWall, wallToInstant } from '../util/time.js';

/** A cell as ingest hands it over: text from CSV, or a typed value from XLSX. */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; hint?: string };
const fail = (hint?: string): { ok: false; hint?: string } => ({ ok: false, hint });

/** True for white space (as String.prototype.trim sees it) at char code c. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f;
}

export function isBlank(c: Cell, nullValues?: ReadonlySet<string>): boolean {
  if (c === null) return true;
  if (typeof c === 'string') {
    const n = c.length;
    if (n === 0) return true;
    if (!isSpace(c.charCodeAt(0)) && !isSpace(c.charCodeAt(n - 1))) return nullValues !== undefined && nullValues.size > 0 && nullValues.has(c);
    const t = c.trim();
    return t === '' || (nullValues !== undefined && nullValues.has(t));
  }
  return false;
}

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString();
  return String(c);
}

const MS_PER_DAY = 86_400_000;

/** Excel serial day number to wall-clock parts (1900 system counts the phantom 1900-02-29; 1904 system starts 1904-01-01). */
export function excelSerialToWall(serial: number, date1904: boolean): number[] | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  let days = Math.floor(serial);
  const frac = serial - days;
  let base: number;
  if (date1904) base = Date.UTC(1904, 0, 1);
  else {
    if (days < 1) return null;
    if (days >= 60) days -= 1; // Lotus 1-2-3 leap-year bug: serial 60 is the non-existent 1900-02-29
    base = Date.UTC(1899, 11, 31);
  }
  const ms = base + days * MS_PER_DAY + Math.round(frac * MS_PER_DAY / 1000) * 1000;
  const d = new Date(ms);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), 0];
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 9999) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= dim;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const HANZI = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})[:：时](\d{2})分?(?:[:：](\d{2})秒?)?)?$/;
const SERIAL = /^\d{1,7}(\.\d+)?$/;
/**
 * A number written as text is an Excel serial only in the range of real dates of a service month (1950-2099): `60`
 * or `2026` in a CSV date column is a typing mistake, not 1900-02-28 or 1905-07-18.
 */
const TEXT_SERIAL_MIN = 18_264;
const TEXT_SERIAL_MAX = 73_051;

export interface DateOptions { tz: string; date1904?: boolean; format?: CompiledFormat }

/** Parses a timestamp cell into epoch ms. Text without offset, Excel dates and serials are wall time in tz. */
export function parseTimestamp(c: Cell, opt: DateOptions): Parsed<number> {
  if (c instanceof Date) {
    // exceljs hands date cells over as the wall-clock time encoded in UTC fields
    const t = c.getTime();
    if (Number.isNaN(t)) return fail();
    return { ok: true, value: fromWall(c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate(), c.getUTCHours(), c.getUTCMinutes(), c.getUTCSeconds(), 0, opt.tz) };
  }
  if (typeof c === 'number') return fromSerial(c, opt);
  if (typeof c !== 'string') return fail();
  if (!opt.format) {
    const fast = fastTimestamp(c, opt.tz);
    if (fast !== undefined) return fast === null ? fail() : { ok: true, value: fast };
  }
  const s = c.trim().normalize('NFKC').replace(/\s+/g, ' ');
  if (opt.format) {
    const p = opt.format.parse(s);
    if (p) return wallToMs(p, null, opt.tz);
  }
  let m = ISO.exec(s);
  if (m) return wallToMs(m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x))), m[8] ?? null, opt.tz, m[7]);
  m = SLASH.exec(s) ?? HANZI.exec(s);
  if (m) return wallToMs(m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x))), null, opt.tz, m[7]);
  if (SERIAL.test(s)) {
    const n = Number(s);
    if (n < TEXT_SERIAL_MIN || n >= TEXT_SERIAL_MAX) return fail('a bare number is read as an Excel date serial only from 18264 (1950) to 73050 (2099)');
    return fromSerial(n, opt);
  }
  return fail(opt.format ? `expected ${opt.format.source}` : undefined);
}

const D0 = 48;
let lastIndex = 0;

/** The digits of b from i up to end, at least min and at most max of them; their value (next index in lastIndex), or -1. */
function digits(b: Uint8Array, i: number, end: number, min: number, max: number): number {
  let v = 0;
  let k = i;
  while (k < end && k - i < max) {
    const c = b[k] - D0;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    k++;
  }
  if (k - i < min) return -1;
  lastIndex = k;
  return v;
}

/** Two digits at b[i] as a number, or a negative number. */
function d2(b: Uint8Array, i: number): number {
  const a = b[i] - D0;
  const c = b[i + 1] - D0;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -100;
}

let lastYear = 0;
let lastMonth = 0;
let lastMonthDays = 0;
let lastMonthStart = 0;

const scratch = new Uint8Array(36);

/** fastTimestampBytes over the char codes of a string (ASCII only; else undefined). */
function fastTimestamp(s: string, tz: string): number | null | undefined {
  const n = s.length;
  if (n < 8 || n > 35) return undefined;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return undefined;
    scratch[i] = c;
  }
  return fastTimestampBytes(scratch, 0, n, tz);
}

/**
 * Byte-level fast path for the common ASCII forms: YYYY-MM-DD[( |T)HH:mm[:ss[.fff]]][Z|+hh:mm] and YYYY/M/D H:mm[:ss],
 * in b[start, end). Returns undefined for anything else (the general parser decides), null for an impossible date.
 */
export function fastTimestampBytes(b: Uint8Array, start: number, end: number, tz: string): number | null | undefined {
  const n = end;
  const len = n - start;
  if ((len === 16 || len === 19) && b[start + 4] === 45 && b[start + 7] === 45 && (b[start + 10] === 32 || b[start + 10] === 84) && b[start + 13] === 58) {
    // the usual export form, YYYY-MM-DD HH:mm[:ss], by fixed positions
    const century = d2(b, start);
    const y2 = d2(b, start + 2);
    const y = century * 100 + y2;
    const mo = d2(b, start + 5);
    const d = d2(b, start + 8);
    const h = d2(b, start + 11);
    const mi = d2(b, start + 14);
    const sec = len === 19 ? (b[start + 16] === 58 ? d2(b, start + 17) : -1) : 0;
    if ((century | y2 | mo | d | h | mi | sec) >= 0) {
      if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return null;
      if (y !== lastYear || mo !== lastMonth) {
        // a file's timestamps mostly fall in a month or two: the month's first day and length, once per change
        lastYear = y;
        lastMonth = mo;
        lastMonthDays = daysInMonth(y, mo);
        lastMonthStart = daysFromCivil(y, mo, 1);
      }
      if (d > lastMonthDays) return null;
      return wallToInstant((lastMonthStart + d - 1) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000, tz);
    }
  }
  if (len < 8 || len > 35) return undefined;
  const y = digits(b, start, n, 4, 4);
  if (y < 0 || lastIndex >= n) return undefined;
  const sep = b[start + 4];
  if (sep !== 45 && sep !== 47) return undefined; // - or /
  const mo = digits(b, start + 5, n, 1, 2);
  if (mo < 0 || lastIndex >= n || b[lastIndex] !== sep) return undefined;
  const d = digits(b, lastIndex + 1, n, 1, 2);
  if (d < 0) return undefined;
  let i = lastIndex;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let offset: number | null = null;
  if (i < n) {
    const t = b[i];
    if (t !== 32 && !(t === 84 && sep === 45)) return undefined; // space, or T in ISO
    h = digits(b, i + 1, n, 1, 2);
    if (h < 0 || lastIndex >= n || b[lastIndex] !== 58) return undefined;
    mi = digits(b, lastIndex + 1, n, 2, 2);
    if (mi < 0) return undefined;
    i = lastIndex;
    if (i < n && b[i] === 58) {
      sec = digits(b, i + 1, n, 2, 2);
      if (sec < 0) return undefined;
      i = lastIndex;
      if (i < n && b[i] === 46) {
        const from = i + 1;
        const f = digits(b, from, n, 1, 9);
        if (f < 0) return undefined;
        const len = lastIndex - from;
        ms = len >= 3 ? Math.floor(f / 10 ** (len - 3)) : f * 10 ** (3 - len);
        i = lastIndex;
      }
    }
    if (i < n && sep === 45) {
      const z = b[i];
      if (z === 90 && i + 1 === n) offset = 0;
      else if ((z === 43 || z === 45) && (n - i === 6 || n - i === 5)) {
        const oh = digits(b, i + 1, n, 2, 2);
        let k = lastIndex;
        if (oh < 0) return undefined;
        if (b[k] === 58) k++;
        const om = digits(b, k, n, 2, 2);
        if (om < 0 || lastIndex !== n) return undefined;
        offset = (z === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
      } else return undefined;
    } else if (i !== n) return undefined;
  }
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return null;
  const wall = daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + ms;
  return offset === null ? wallToInstant(wall, tz) : wall - offset;
}

/**
 * Byte-level fast path of numberOrNaN for -?D{1,15}(.D{1,15})? with at most 15 digits in all: the integer of all
 * digits divided by a power of ten is exact on both sides, so the one rounding is the same as Number(text)'s.
 * Returns undefined for anything else.
 */
export function fastNumberBytes(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  const neg = i < end && b[i] === 45;
  if (neg) i++;
  let v = 0;
  let n = 0;
  let scale = 1;
  let point = false;
  let intDigits = 0;
  for (; i < end; i++) {
    const c = b[i];
    if (c === 46 && !point) {
      if (intDigits === 0) return undefined;
      point = true;
      continue;
    }
    const x = c - D0;
    if (x < 0 || x > 9) return undefined;
    v = v * 10 + x;
    n++;
    if (point) scale *= 10;
    else intDigits++;
  }
  if (intDigits === 0 || n > 15 || (point && scale === 1)) return undefined;
  const r = v / scale;
  return neg ? -r : r;
}

/** Hot-path form of parseTimestamp: epoch ms, or NaN when the cell is not a timestamp (no object per call). */
export function timestampOrNaN(c: Cell, opt: DateOptions): number {
  if (typeof c === 'string' && !opt.format) {
    const fast = fastTimestamp(c, opt.tz);
    if (fast !== undefined) return fast === null ? NaN : fast;
  }
  const p = parseTimestamp(c, opt);
  return p.ok ? p.value : NaN;
}

const SIMPLE_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;

/** Hot-path form of parseNumber: the number, or NaN. */
export function numberOrNaN(c: Cell, percent = false): number {
  if (typeof c === 'string' && SIMPLE_NUMBER.test(c)) return Number(c);
  const p = parseNumber(c, percent);
  return p.ok ? p.value : NaN;
}

function fromSerial(n: number, opt: DateOptions): Parsed<number> {
  const w = excelSerialToWall(n, !!opt.date1904);
  if (!w || w[0] < 1900) return fail('serial number out of range');
  return { ok: true, value: fromWall(w[0], w[1], w[2], w[3], w[4], w[5], 0, opt.tz) };
}

function wallToMs(p: number[], offset: string | null, tz: string, fraction?: string): Parsed<number> {
  const [y, mo, d, h = 0, mi = 0, s = 0] = p;
  if (!validParts(y, mo, d, h, mi, s)) return fail();
  const millis = fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
  if (offset === null) return { ok: true, value: fromWall(y, mo, d, h, mi, s, millis, tz) };
  let offMs = 0;
  if (offset.toUpperCase() !== 'Z') {
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    offMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return { ok: true, value: Date.UTC(y, mo - 1, d, h, mi, s, millis) - offMs };
}

/** A user date format such as `D/M/YYYY H:mm` compiled to a parser of wall-clock parts. */
export interface CompiledFormat { source: string; parse(s: string): number[] | null }

const TOKENS: Record<string, [string, number]> = {
  YYYY: ['(\\d{4})', 0], MM: ['(\\d{2})', 1], M: ['(\\d{1,2})', 1], DD: ['(\\d{2})', 2], D: ['(\\d{1,2})', 2],
  HH: ['(\\d{2})', 3], H: ['(\\d{1,2})', 3], mm: ['(\\d{2})', 4], ss: ['(\\d{2})', 5], SSS: ['(\\d{1,3})', 6],
};

export function compileDateFormat(source: string): CompiledFormat {
  let re = '';
  const slots: number[] = [];
  let optionalFrom = -1;
  for (let i = 0; i < source.length;) {
    const tok = ['YYYY', 'SSS', 'MM', 'DD', 'HH', 'mm', 'ss', 'M', 'D', 'H'].find((t) => source.startsWith(t, i));
    if (tok) {
      re += TOKENS[tok][0];
      slots.push(TOKENS[tok][1]);
      i += tok.length;
    } else {
      const ch = source[i];
      if (ch === ' ' && optionalFrom < 0 && slots.length > 0 && /[Hm]/.test(source.slice(i))) {
        optionalFrom = re.length; // the time part may be absent
      }
      re += ch === ' ' ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      i += 1;
    }
  }
  if (optionalFrom >= 0) re = `${re.slice(0, optionalFrom)}(?:${re.slice(optionalFrom)})?`;
  const rx = new RegExp(`^${re}$`);
  return {
    source,
    parse(s: string) {
      const m = rx.exec(s);
      if (!m) return null;
      const parts = [0, 1, 1, 0, 0, 0, 0];
      slots.forEach((slot, k) => { if (m[k + 1] !== undefined) parts[slot] = Number(m[k + 1]); });
      return parts;
    },
  };
}

/**
 * What a spreadsheet shows instead of a value: its error codes (also what Excel writes into a CSV for an error cell)
 * and the placeholder of a formula saved without its result (ingest/cells.ts). Such a cell is never data.
 */
const CELL_ERRORS = new Set(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#BUSY!', '#CONNECT!', '#UNKNOWN!', '#GETTING_DATA', '#NO_CACHED_RESULT']);

export function isCellError(c: Cell): boolean {
  return typeof c === 'string' && CELL_ERRORS.has(c.trim().toUpperCase());
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;

/**
 * Strict decimal grammar: thousands separators allowed, and a trailing % only in a rate column (`percent`: 95% is
 * 0.95 there; elsewhere, on a 0-100 scale, "95%" would silently become 0.95, so it is not a number). Empty, hex and
 * exponents are not numbers, nor a whole part of more than 15 digits (a float would not hold it exactly).
 */
export function parseNumber(c: Cell, percent = false): Parsed<number> {
  if (typeof c === 'number') return Number.isFinite(c) ? { ok: true, value: c } : fail();
  if (typeof c === 'boolean' || c instanceof Date || c === null) return fail();
  let s = c.normalize('NFKC').trim().replace(/\s/g, '');
  let scale = 1;
  if (s.endsWith('%')) {
    if (!percent) return fail('a % sign is read only in a rate column: write the number itself, e.g. 95');
    scale = 100;
    s = s.slice(0, -1);
  }
  if (s === '' || s === '+' || s === '-' || !NUMBER.test(s) || !/\d/.test(s)) return fail();
  const whole = s.replace(/^[+-]/, '').split('.')[0].replace(/,/g, '').replace(/^0+/, '');
  if (whole.length > 15) return fail('more than 15 digits: too large to hold exactly');
  const v = Number(s.replace(/,/g, '')) / scale;
  return Number.isFinite(v) ? { ok: true, value: v } : fail();
}

const TRUE = new Set(['1', 'true', 'yes', 'y', '是', 't']);
const FALSE = new Set(['0', 'false', 'no', 'n', '否', 'f']);

export function parseBoolean(c: Cell): Parsed<boolean> {
  if (typeof c === 'boolean') return { ok: true, value: c };
  if (typeof c === 'number') return c === 1 ? { ok: true, value: true } : c === 0 ? { ok: true, value: false } : fail();
  if (typeof c !== 'string') return fail();
  const s = c.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(s)) return { ok: true, value: true };
  if (FALSE.has(s)) return { ok: true, value: false };
  return fail();
}

/** Enum values: canonical id -> accepted words (matched case-, space- and width-insensitively). */
export type EnumSpec = Record<string, readonly string[]>;

export function normalizeWord(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function enumMatcher(spec: EnumSpec): (c: Cell) => Parsed<string> {
  const table = new Map<string, string>();
  for (const [id, words] of Object.entries(spec)) {
    table.set(normalizeWord(id), id);
    for (const w of words) table.set(normalizeWord(w), id);
  }
  return (c) => {
    const hit = typeof c === 'string' ? table.get(normalizeWord(c)) : undefined;
    return hit === undefined ? fail() : { ok: true, value: hit };
  };
}

/** Identifiers: text as is (trimmed); whole numbers from spreadsheets without exponent or `.0`. */
const PLAIN_ID = /^[\x21-\x7e]+$/;

export function parseId(c: Cell): string {
  if (typeof c === 'number') return Number.isInteger(c) ? BigInt(c).toString() : String(c);
  if (typeof c === 'string' && PLAIN_ID.test(c)) return c; // ASCII without spaces: NFKC and trim change nothing
  return cellText(c).normalize('NFKC').trim();
}
