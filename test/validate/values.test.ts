// Value grammars of SPEC section 3 by table, including the PITFALLS traps (rollover dates, coerce-to-zero, hex).
import { describe, expect, it } from 'vitest';
import { compileDateFormat, excelSerialToWall, parseBoolean, parseId, parseNumber, parseTimestamp } from '../../src/validate/values.js';

const SH = { tz: 'Asia/Shanghai' };
const utc = (s: string) => Date.parse(s);

describe('parseTimestamp', () => {
  it.each([
    ['2026-10-09T12:30:00+08:00', '2026-10-09T04:30:00Z'],
    ['2026-10-09T12:30:00Z', '2026-10-09T12:30:00Z'],
    ['2026-10-09T12:30:00+0530', '2026-10-09T07:00:00Z'],
    ['2026-10-09 12:30', '2026-10-09T04:30:00Z'],
    ['2026-10-09 12:30:15', '2026-10-09T04:30:15Z'],
    ['2026-10-09', '2026-10-08T16:00:00Z'],
    ['2026/10/2 21:10', '2026-10-02T13:10:00Z'],
    ['2026/1/5 9:05:07', '2026-01-05T01:05:07Z'],
    ['2012/10/09 14:50:17.000', '2012-10-09T06:50:17Z'],
    ['2026年10月3日', '2026-10-02T16:00:00Z'],
    ['2026年10月3日 8:30', '2026-10-03T00:30:00Z'],
    ['  2026-10-09 12:30  ', '2026-10-09T04:30:00Z'],
    ['２０２６-１０-０９ １２:３０', '2026-10-09T04:30:00Z'],
    ['46299.5', '2026-10-04T04:00:00Z'],
  ])('%s', (text, want) => {
    expect(parseTimestamp(text, SH)).toEqual({ ok: true, value: utc(want) });
  });
  it.each(['2026-13-45 10:00', '2026-02-30', '2026/2/29 10:00', '2026-10-09 24:00', 'yesterday', '', '2026-10', '10/9/2026', '0x10'])('rejects %s', (text) => {
    expect(parseTimestamp(text, SH).ok).toBe(false);
  });
  it('accepts 29 February in a leap year only', () => {
    expect(parseTimestamp('2024-02-29 10:00', SH).ok).toBe(true);
    expect(parseTimestamp('2025-02-29 10:00', SH).ok).toBe(false);
  });
  it('reads timestamps without offset in the config timezone, not the machine one', () => {
    expect(parseTimestamp('2026-10-01 00:00', { tz: 'UTC' })).toEqual({ ok: true, value: utc('2026-10-01T00:00:00Z') });
    expect(parseTimestamp('2026-10-01 00:00', { tz: 'Europe/Berlin' })).toEqual({ ok: true, value: utc('2026-09-30T22:00:00Z') });
  });
  it('spreadsheet date cells are wall time in the config timezone', () => {
    expect(parseTimestamp(new Date(Date.UTC(2026, 9, 3, 8, 0)), SH)).toEqual({ ok: true, value: utc('2026-10-03T00:00:00Z') });
  });
  it('user date format D/M/YYYY H:mm (day first), time optional', () => {
    const format = compileDateFormat('D/M/YYYY H:mm');
    expect(parseTimestamp('29/2/2016 01:16', { tz: 'UTC', format })).toEqual({ ok: true, value: utc('2016-02-29T01:16:00Z') });
    expect(parseTimestamp('5/3/2016', { tz: 'UTC', format })).toEqual({ ok: true, value: utc('2016-03-05T00:00:00Z') });
    expect(parseTimestamp('31/2/2016 01:16', { tz: 'UTC', format }).ok).toBe(false);
  });
});

describe('Excel serial numbers', () => {
  it.each([
    [1, false, [1900, 1, 1]], [59, false, [1900, 2, 28]], [61, false, [1900, 3, 1]], [45931, false, [2025, 10, 1]],
    [0, true, [1904, 1, 1]], [44469, true, [2025, 10, 1]],
  ])('serial %s (1904: %s)', (serial, is1904, ymd) => {
    expect(excelSerialToWall(serial, is1904)?.slice(0, 3)).toEqual(ymd);
  });
  it('keeps the time of day', () => {
    expect(excelSerialToWall(45931.75, false)?.slice(0, 5)).toEqual([2025, 10, 1, 18, 0]);
  });
  it('1904 workbooks: the same serial is four years and a day later', () => {
    const a = parseTimestamp(45000, { tz: 'UTC' });
    const b = parseTimestamp(45000, { tz: 'UTC', date1904: true });
    expect(a.ok && b.ok && (b.value - a.value) / 86_400_000).toBe(1462);
  });
});

describe('parseNumber', () => {
  it.each([['42', 42], ['-3', -3], ['+4.5', 4.5], ['1,234.5', 1234.5], ['０．５', 0.5], ['.5', 0.5], [' 7 ', 7], ['999999999999999', 999999999999999], ['000000000000000012', 12]])('%s = %s', (t, v) => {
    expect(parseNumber(t)).toEqual({ ok: true, value: v });
  });
  it.each(['', ' ', '0x10', '1e3', 'abc', '1,23', '12,34,567', '--1', '%', 'NaN', 'Infinity', '1.2.3'])('rejects %j (never 0)', (t) => {
    expect(parseNumber(t).ok).toBe(false);
  });
  it.each([['95%', 0.95], ['12.5 %', 0.125]])('in a rate column, %s = %s', (t, v) => {
    expect(parseNumber(t, true)).toEqual({ ok: true, value: v });
  });
  it.each(['95%', '90 %', '１００％'])('elsewhere %j is not a number (95%% of a 0-100 score is not 0.95)', (t) => {
    expect(parseNumber(t)).toEqual({ ok: false, hint: expect.stringContaining('rate column') });
  });
  it.each(['99999999999999999999', '1,000,000,000,000,000', '-1234567890123456'])('%j has more digits than a float holds exactly: not a number', (t) => {
    expect(parseNumber(t)).toEqual({ ok: false, hint: expect.stringContaining('15 digits') });
  });
});

describe('parseBoolean', () => {
  it.each([['1', true], ['0', false], ['true', true], ['FALSE', false], ['yes', true], ['No', false], ['Y', true], ['n', false], ['是', true], ['否', false]])('%s', (t, v) => {
    expect(parseBoolean(t)).toEqual({ ok: true, value: v });
  });
  it.each(['2', 'maybe', '对'])('rejects %s', (t) => expect(parseBoolean(t).ok).toBe(false));
});

describe('parseId', () => {
  it('keeps leading zeros of text ids and prints whole numbers without exponent', () => {
    expect(parseId('007')).toBe('007');
    expect(parseId(1e21)).toBe('1000000000000000000000');
    expect(parseId(' E001 ')).toBe('E001');
  });
});
