// The bad-input corpus: each case is one small input file and what must come of it, an exit code or reject tuples
// [file, row, column, code]. Files not named by a case are the valid BASE files below.
import ExcelJS from 'exceljs';

export type Bytes = string | Buffer | (() => Promise<Buffer>);
export interface Case {
  name: string;
  files: Record<string, Bytes>;
  exit?: number;
  /** stderr must contain every one of these */
  stderr?: string[];
  rejects?: [string, number, string, string][];
  /** expected manifest counts for one input: [input, read, accepted, rejected, out_of_period] */
  counts?: [string, number, number, number, number];
  config?: (yaml: string) => string;
}

export const BASE: Record<string, string> = {
  'roster.csv': '工号,姓名,班组,等级,年度积分,入职日期,状态\nE001,张伟,一组,1,220,2018-03-01,在职\nE002,李娜,一组,3,350,2019-03-02,active\n',
  'tickets.csv': 'ticket_id,engineer_id,created_at,resolved_at,status,channel\nT1,E001,2026-10-02 09:00,2026-10-02 12:00,resolved,phone\nT2,E002,2026-10-03 09:00,,open,onsite\n',
  'responses.csv': 'ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at\nT1,E001,2026-10-02 09:00,2026-10-02 09:20,\nT2,E002,2026-10-03 09:00,2026-10-03 09:30,2026-10-03 10:30\n',
  'surveys.csv': 'survey_id,ticket_id,engineer_id,score,submitted_at\nS1,T1,E001,5,2026-10-04 10:00\n',
  'adjustments.csv': 'engineer_id,date,target,value,reason\nE001,2026-10-05,score,2,表扬\n',
  'evaluations.csv': 'engineer_id,item,value\nE001,knowledge,80\n',
};

const T_HEAD = 'ticket_id,engineer_id,created_at,resolved_at,status,channel,is_complaint';
const t = (...rows: string[]) => `${T_HEAD}\n${rows.join('\n')}\n`;
const OK = 'T1,E001,2026-10-02 09:00,2026-10-02 12:00,resolved,phone,0';

async function xlsx(header: unknown[], rows: unknown[][], setup?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  setup?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function gb18030(text: string): Buffer {
  // enough of an encoder for the test: ASCII, plus the few two-byte characters used below
  const table: Record<string, number[]> = { 工: [0xb9, 0xa4], 号: [0xba, 0xc5], 姓: [0xd0, 0xd5], 名: [0xc3, 0xfb], 张: [0xd5, 0xc5], 伟: [0xce, 0xb0], 李: [0xc0, 0xee], 娜: [0xc4, 0xc8] };
  const out: number[] = [];
  for (const ch of text) {
    if (ch === '\u{20000}') out.push(0x95, 0x32, 0x82, 0x36); // a four-byte GB18030 sequence (the label gbk mangles these)
    else if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...table[ch]);
  }
  return Buffer.from(out);
}

/** A zip whose central directory declares a 4 GB entry: refused from the directory alone, before any inflation. */
/** A zip whose directory declares an entry of `declared` bytes unpacked (16 bytes packed). */
export function zipBomb(declared = 4_000_000_000): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.alloc(16);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const dirOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

export const CASES: Case[] = [
  // ---- file-level problems: exit 1, the file named, nothing published
  { name: 'empty file', files: { 'tickets.csv': '' }, exit: 1, stderr: ['tickets.csv', 'empty'] },
  { name: 'only blank lines', files: { 'tickets.csv': '\n\n\r\n' }, exit: 1, stderr: ['tickets.csv', 'empty'] },
  { name: 'missing required column, with headers found and aliases accepted', files: { 'tickets.csv': 'ticket_id,engineer_id,resolved_at\nT1,E001,\n' }, exit: 1, stderr: ['tickets.csv', 'created_at', '创建时间', 'headers found: ticket_id, engineer_id, resolved_at'] },
  { name: 'duplicate header', files: { 'tickets.csv': 'ticket_id,engineer_id,created_at,ticket_id\nT1,E001,2026-10-02 09:00,T1\n' }, exit: 1, stderr: ['tickets.csv', 'ticket_id appears twice'] },
  { name: 'two headers meaning the same column', files: { 'tickets.csv': 'ticket_id,engineer_id,工号,created_at\nT1,E001,E001,2026-10-02 09:00\n' }, exit: 1, stderr: ['tickets.csv', 'both mean engineer_id'] },
  { name: 'unclosed quote', files: { 'tickets.csv': t(OK, 'T2,E001,"2026-10-02 09:00,,open,phone,0', 'T3,E001,2026-10-02 09:00,,open,phone,0') }, exit: 1, stderr: ['tickets.csv', 'never closed', 'row 3'] },
  { name: 'binary data', files: { 'tickets.csv': Buffer.from([0x00, 0x01, 0x02, 0x41, 0x00, 0x42, 0x0a, 0x00]) }, exit: 1, stderr: ['tickets.csv'] },
  { name: 'a PDF named .csv', files: { 'tickets.csv': Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n') }, exit: 1, stderr: ['tickets.csv', 'PDF'] },
  { name: 'legacy .xls', files: { 'tickets.xlsx': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]) }, exit: 1, stderr: ['tickets.xlsx', '.xls'] },
  { name: 'password-protected workbook', files: { 'tickets.xlsx': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0', 'latin1')]) }, exit: 1, stderr: ['tickets.xlsx', 'password-protected'] },
  { name: 'corrupt workbook', files: { 'tickets.xlsx': Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 7)]) }, exit: 1, stderr: ['tickets.xlsx', 'cannot be read'] },
  { name: 'text in no known encoding', files: { 'tickets.csv': Buffer.concat([Buffer.from(`${T_HEAD}\nT1,E001,`), Buffer.from([0xff, 0xfe, 0xff, 0x80]), Buffer.from(',,,,\n')]) }, exit: 1, stderr: ['tickets.csv', 'neither UTF-8'] },
  { name: 'workbook without the configured sheet', files: { 'tickets.xlsx': () => xlsx(T_HEAD.split(','), []) }, config: (y) => y.replace('tickets: { aliases: { engineer_id: [Assignee, 负责人] } }', 'tickets: { sheet: Tickets }'), exit: 1, stderr: ['tickets.xlsx', 'no sheet named Tickets', '工单'] },
  { name: 'a workbook that would inflate to 4 GB is refused before loading', files: { 'tickets.xlsx': zipBomb() }, exit: 1, stderr: ['tickets.xlsx', 'would inflate to'] },
  { name: 'header only: nothing to read, not an error', files: { 'tickets.csv': `${T_HEAD}\n` }, exit: 0, counts: ['tickets', 0, 0, 0, 0] },

  // ---- row-level problems: the row a spreadsheet shows, the column as the file names it
  { name: 'impossible month', files: { 'tickets.csv': t(OK, 'T2,E001,2026-13-45 10:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'day that does not exist (no rollover to March)', files: { 'tickets.csv': t(OK, 'T2,E001,2026-02-30 10:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'words instead of a date', files: { 'tickets.csv': t(OK, 'T2,E001,yesterday,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'day-first date without a date_format', files: { 'tickets.csv': t(OK, 'T2,E001,29/10/2026 10:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'empty ticket id', files: { 'tickets.csv': t(OK, ',E001,2026-10-02 09:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'ticket_id', 'MISSING_VALUE']] },
  { name: 'blank engineer (spaces only)', files: { 'tickets.csv': t(OK, 'T2,   ,2026-10-02 09:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'engineer_id', 'MISSING_VALUE']] },
  { name: 'empty required timestamp', files: { 'tickets.csv': t(OK, 'T2,E001,,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'MISSING_VALUE']] },
  { name: 'extra cell; the valid row after it is kept', files: { 'tickets.csv': t('T0,E001,2026-10-02 09:00,,open,phone,0,surplus', OK) }, rejects: [['tickets.csv', 2, '', 'MALFORMED_ROW']], counts: ['tickets', 2, 1, 1, 0] },
  { name: 'too few cells', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-02 09:00') }, rejects: [['tickets.csv', 3, '', 'MALFORMED_ROW']] },
  { name: 'unknown status word', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-02 09:00,,完成了,phone,0') }, rejects: [['tickets.csv', 3, 'status', 'BAD_ENUM']] },
  { name: 'unknown channel', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-02 09:00,,open,pigeon,0') }, rejects: [['tickets.csv', 3, 'channel', 'BAD_ENUM']] },
  { name: 'not a yes/no', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-02 09:00,,open,phone,maybe') }, rejects: [['tickets.csv', 3, 'is_complaint', 'BAD_ENUM']] },
  { name: 'resolved before created', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-02 09:00,2026-10-01 09:00,resolved,phone,0') }, rejects: [['tickets.csv', 3, 'resolved_at', 'NEGATIVE_DURATION']] },
  { name: 'the same ticket twice', files: { 'tickets.csv': t(OK, OK) }, rejects: [['tickets.csv', 3, 'ticket_id', 'DUPLICATE_ID']] },
  { name: 'engineer not on the roster', files: { 'tickets.csv': t(OK, 'T2,E999,2026-10-02 09:00,,open,phone,0') }, rejects: [['tickets.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER']] },
  { name: 'out of period is counted, not rejected, even when its engineer is unknown', files: { 'tickets.csv': t(OK, 'T2,E999,2026-09-30 23:59,,open,phone,0') }, rejects: [], counts: ['tickets', 2, 1, 0, 1] },
  { name: 'survey score off the scale', files: { 'surveys.csv': 'survey_id,ticket_id,score,submitted_at\nS1,T1,9,2026-10-04 10:00\n' }, rejects: [['surveys.csv', 2, 'score', 'OUT_OF_RANGE']] },
  { name: 'hex is not a number', files: { 'surveys.csv': 'survey_id,ticket_id,score,submitted_at\nS1,T1,0x10,2026-10-04 10:00\n' }, rejects: [['surveys.csv', 2, 'score', 'BAD_NUMBER']] },
  { name: 'empty score is missing, never 0', files: { 'surveys.csv': 'survey_id,ticket_id,score,submitted_at\nS1,T1,,2026-10-04 10:00\n' }, rejects: [['surveys.csv', 2, 'score', 'MISSING_VALUE']] },
  { name: 'survey of an unknown engineer', files: { 'surveys.csv': 'survey_id,ticket_id,engineer_id,score,submitted_at\nS1,,E777,4,2026-10-04 10:00\n' }, rejects: [['surveys.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER']] },
  { name: 'first response before the request', files: { 'responses.csv': 'ticket_id,received_at,first_response_at\nT1,2026-10-02 09:00,2026-10-02 08:00\n' }, rejects: [['responses.csv', 2, 'first_response_at', 'NEGATIVE_DURATION']] },
  { name: 'arrival before the request', files: { 'responses.csv': 'ticket_id,received_at,onsite_arrival_at\nT2,2026-10-03 09:00,2026-10-03 08:59\n' }, rejects: [['responses.csv', 2, 'onsite_arrival_at', 'NEGATIVE_DURATION']] },
  { name: 'response to an unknown ticket', files: { 'responses.csv': 'ticket_id,received_at,first_response_at\nT404,2026-10-02 09:00,2026-10-02 09:10\n' }, rejects: [['responses.csv', 2, 'ticket_id', 'UNKNOWN_TICKET']] },
  { name: 'two responses for one ticket', files: { 'responses.csv': 'ticket_id,received_at,first_response_at\nT1,2026-10-02 09:00,2026-10-02 09:10\nT1,2026-10-02 09:00,2026-10-02 09:15\n' }, rejects: [['responses.csv', 3, 'ticket_id', 'DUPLICATE_ID']] },
  { name: 'roster: the same engineer twice', files: { 'roster.csv': `${BASE['roster.csv']}E002,李娜,二组,3,350,2019-03-02,active\n` }, rejects: [['roster.csv', 4, '工号', 'DUPLICATE_ID']] },
  { name: 'roster: level is not a number', files: { 'roster.csv': '工号,姓名,等级\nE001,张伟,1\nE002,李娜,3\nE003,王强,高级\n' }, rejects: [['roster.csv', 4, '等级', 'BAD_NUMBER']] },
  { name: 'roster: negative annual points', files: { 'roster.csv': '工号,姓名,年度积分\nE001,张伟,5\nE002,李娜,300\nE003,王强,-5\n' }, rejects: [['roster.csv', 4, '年度积分', 'OUT_OF_RANGE']] },
  { name: 'a rejected roster row leaves its engineer unknown everywhere', files: { 'roster.csv': '工号,姓名,年度积分\nE001,张伟,-5\nE002,李娜,300\n' }, rejects: [['roster.csv', 2, '年度积分', 'OUT_OF_RANGE'], ['tickets.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER'], ['responses.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER'], ['surveys.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER'], ['adjustments.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER'], ['evaluations.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER']] },
  { name: 'adjustment target neither score nor points', files: { 'adjustments.csv': 'engineer_id,date,target,value,reason\nE001,2026-10-05,money,2,x\n' }, rejects: [['adjustments.csv', 2, 'target', 'BAD_ENUM']] },
  { name: 'fractional ledger points', files: { 'adjustments.csv': 'engineer_id,date,target,value,reason\nE001,2026-10-05,points,2.5,x\n' }, rejects: [['adjustments.csv', 2, 'value', 'OUT_OF_RANGE']] },
  { name: 'evaluation given twice', files: { 'evaluations.csv': 'engineer_id,item,value\nE001,knowledge,80\nE001,knowledge,85\n' }, rejects: [['evaluations.csv', 3, 'item', 'DUPLICATE_ID']] },
  { name: 'evaluation of an unknown engineer', files: { 'evaluations.csv': 'engineer_id,item,value\nE404,knowledge,80\n' }, rejects: [['evaluations.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER']] },

  // ---- structure that must be read correctly (PITFALLS)
  { name: 'quoted cell spanning lines (CRLF): rows are records, not lines', files: { 'tickets.csv': `ticket_id,engineer_id,created_at,customer_id\r\n"T1",E001,2026-10-02 09:00,"line one\r\nline two\r\nline three"\r\nT2,E001,2026-13-01 09:00,C1\r\n` }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'quoted cell spanning lines (LF)', files: { 'tickets.csv': `ticket_id,engineer_id,created_at,customer_id\n"T1",E001,2026-10-02 09:00,"a\nb"\nT2,E001,2026-13-01 09:00,C1\n` }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'trailing delimiter on every row', files: { 'tickets.csv': `${T_HEAD},\n${OK},\nT2,E002,2026-10-03 09:00,,open,onsite,1,\n` }, rejects: [], counts: ['tickets', 2, 2, 0, 0] },
  { name: 'Excel ,,,, rows and trailing blank lines are not rows', files: { 'tickets.csv': `${T_HEAD}\n${OK}\n,,,,,,\n\nT2,E001,2026-13-01 09:00,,open,phone,0\n\n\n` }, rejects: [['tickets.csv', 5, 'created_at', 'BAD_DATE']], counts: ['tickets', 2, 1, 1, 0] },
  { name: 'UTF-8 with BOM: the first header is still found', files: { 'roster.csv': `\ufeff${BASE['roster.csv']}` }, rejects: [], counts: ['roster', 2, 2, 0, 0] },
  { name: 'GB18030 with a four-byte character', files: { 'roster.csv': gb18030('工号,姓名\nE001,张伟\u{20000}\nE002,李娜\n') }, rejects: [], counts: ['roster', 2, 2, 0, 0] },
  { name: 'UTF-16 LE with BOM, tab-separated', files: { 'roster.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('工号\t姓名\r\nE001\t张伟\r\nE002\t李娜\r\n', 'utf16le')]) }, rejects: [], counts: ['roster', 2, 2, 0, 0] },
  { name: 'UTF-16 BE with BOM', files: { 'roster.csv': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('工号,姓名\nE001,张伟\nE002,李娜\n', 'utf16le').swap16()]) }, rejects: [], counts: ['roster', 2, 2, 0, 0] },
  { name: 'semicolon-separated with a quoted semicolon', files: { 'tickets.csv': `${T_HEAD.replace(/,/g, ';')}\n${OK.replace(/,/g, ';')}\n"T;2";E001;2026-13-01 09:00;;open;phone;0\n` }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE']] },
  { name: 'a __proto__ header is just an unknown column', files: { 'tickets.csv': `__proto__,${T_HEAD}\nx,${OK}\n` }, rejects: [], counts: ['tickets', 1, 1, 0, 0] },
  { name: '"007" and "7" are different ids', files: { 'tickets.csv': t('007,E001,2026-10-02 09:00,,open,phone,0', '7,E001,2026-10-02 09:00,,open,phone,0') }, rejects: [], counts: ['tickets', 2, 2, 0, 0] },
  { name: 'full-width and spaced headers match', files: { 'tickets.csv': 'Ticket ID,ＥＮＧＩＮＥＥＲ_ＩＤ, Created At \nT1,E001,2026-10-02 09:00\n' }, rejects: [], counts: ['tickets', 1, 1, 0, 0] },
  { name: 'xlsx: formula without a cached result is a reject, not 0', files: { 'tickets.xlsx': () => xlsx(T_HEAD.split(','), [['T1', 'E001', null, null, 'open', 'phone', 0]], (ws) => { ws.getCell('C2').value = { formula: 'NOW()' } as ExcelJS.CellFormulaValue; }) }, rejects: [['tickets.xlsx', 2, 'created_at', 'MISSING_VALUE']] },
  { name: 'xlsx: #N/A error cell', files: { 'tickets.xlsx': () => xlsx(T_HEAD.split(','), [['T1', 'E001', { error: '#N/A' }, null, 'open', 'phone', 0]]) }, rejects: [['tickets.xlsx', 2, 'created_at', 'MISSING_VALUE']] },
  { name: 'xlsx: error cells and uncached formulas in id and text columns are rejects, never ids or names', files: {
    'tickets.xlsx': () => xlsx(T_HEAD.split(','), [['T1', 'E001', '2026-10-02 09:00', null, 'open', 'phone', 0], [null, 'E001', '2026-10-02 10:00', null, 'open', 'phone', 0], ['T3', { error: '#REF!' }, '2026-10-02 11:00', null, 'open', 'phone', 0]], (ws) => { ws.getCell('A3').value = { formula: 'A2&"x"' } as ExcelJS.CellFormulaValue; }),
    'roster.xlsx': () => xlsx(['engineer_id', 'name', 'team'], [['E001', '张伟', '一组'], ['E002', { error: '#N/A' }, '一组']]),
  }, rejects: [['roster.xlsx', 3, 'name', 'MISSING_VALUE'], ['tickets.xlsx', 3, 'ticket_id', 'MISSING_VALUE'], ['tickets.xlsx', 4, 'engineer_id', 'MISSING_VALUE'], ['responses.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER']], counts: ['tickets', 3, 1, 2, 0] },
  { name: 'CSV: an error value Excel wrote into a CSV (#N/A, #REF!) is a reject in any column, on the byte path too', files: { 'tickets.csv': t(OK, '#N/A,E001,2026-10-02 10:00,,open,phone,0', 'T3,#REF!,2026-10-02 11:00,,open,phone,0', 'T4,E001,2026-10-02 12:00,,#VALUE!,phone,0') }, rejects: [['tickets.csv', 3, 'ticket_id', 'MISSING_VALUE'], ['tickets.csv', 4, 'engineer_id', 'MISSING_VALUE'], ['tickets.csv', 5, 'status', 'MISSING_VALUE']], counts: ['tickets', 4, 1, 3, 0] },
  { name: 'a survey score of 95% on a 0-100 scale is not 0.95', config: (y) => y.replace('scale: [1, 5], satisfied_at: 4', 'scale: [0, 100], satisfied_at: 80'), files: { 'surveys.csv': 'survey_id,ticket_id,engineer_id,score,submitted_at\nS1,T1,E001,95%,2026-10-04 10:00\nS2,T1,E001,95,2026-10-04 11:00\n' }, rejects: [['surveys.csv', 2, 'score', 'BAD_NUMBER']], counts: ['surveys', 2, 1, 1, 0] },
  { name: 'an evaluation of 90% is not 0.9, and out-of-scale evaluations are rejects, never clamped', files: { 'evaluations.csv': 'engineer_id,item,value\nE001,knowledge,90%\nE002,knowledge,900\nE002,attitude,-95\nE002,training_hours,12\n' }, rejects: [['evaluations.csv', 2, 'value', 'BAD_NUMBER'], ['evaluations.csv', 3, 'value', 'OUT_OF_RANGE'], ['evaluations.csv', 4, 'value', 'OUT_OF_RANGE']], counts: ['evaluations', 4, 1, 3, 0] },
  { name: 'a points adjustment of 99999999999999999999 and annual points of 1e25 are rejects', files: {
    'adjustments.csv': 'engineer_id,date,target,value,reason\nE001,2026-10-05,points,99999999999999999999,x\nE001,2026-10-06,points,200000,y\nE001,2026-10-07,score,500,z\nE001,2026-10-08,points,5,ok\n',
    'roster.xlsx': () => xlsx(['engineer_id', 'name', 'annual_points'], [['E001', '张伟', 220], ['E002', '李娜', 1e25]]),
  }, rejects: [['roster.xlsx', 3, 'annual_points', 'OUT_OF_RANGE'], ['tickets.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER'], ['responses.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER'], ['adjustments.csv', 2, 'value', 'BAD_NUMBER'], ['adjustments.csv', 3, 'value', 'OUT_OF_RANGE'], ['adjustments.csv', 4, 'value', 'OUT_OF_RANGE']], counts: ['adjustments', 4, 1, 3, 0] },
  { name: 'the period is half-open: 00:00 on the 1st of the next month is out, 23:59:59 on the last day is in (config timezone)', files: { 'tickets.csv': t(OK, 'T2,E001,2026-10-31 23:59:59,,open,phone,0', 'T3,E001,2026-11-01 00:00,,open,phone,0', 'T4,E001,2026-10-01 00:00,,open,phone,0', 'T5,E001,2026-09-30 23:59:59,,open,phone,0'), 'responses.csv': 'ticket_id,engineer_id,received_at,first_response_at\nT1,E001,2026-10-02 09:00,2026-10-02 09:20\n', 'surveys.csv': 'survey_id,ticket_id,engineer_id,score,submitted_at\nS1,T1,E001,5,2026-11-01 00:00\n' }, rejects: [], counts: ['tickets', 5, 3, 0, 2] },
  { name: 'adjustments too: an item dated the 1st of the next month is out of the period', files: { 'adjustments.csv': 'engineer_id,date,target,value,reason\nE001,2026-10-31,score,2,a\nE001,2026-11-01,score,2,b\nE001,2026-10-01,points,3,c\n' }, rejects: [], counts: ['adjustments', 3, 2, 0, 1] },
  { name: 'a trailing totals row (合计) in the roster or the tickets is a reject, never an engineer or a ticket', files: {
    'roster.csv': '工号,姓名,班组,等级,年度积分\nE001,张伟,一组,1,220\nE002,李娜,一组,3,350\n合计,2人,,,570\n',
    'tickets.csv': t(OK, 'T2,E002,2026-10-03 09:00,,open,onsite,0', 'Total,E001,2026-10-03 09:00,,open,phone,0'),
  }, rejects: [['roster.csv', 4, '', 'MALFORMED_ROW'], ['tickets.csv', 4, '', 'MALFORMED_ROW']], counts: ['roster', 3, 2, 1, 0] },
  { name: 'a bare number in a CSV date column is not an Excel serial (60 is not 1900-02-28); a real serial still is', files: { 'tickets.csv': t(OK, 'T2,E001,60,,open,phone,0', 'T3,E001,2026,,open,phone,0', 'T4,E001,46297.375,,open,phone,0') }, rejects: [['tickets.csv', 3, 'created_at', 'BAD_DATE'], ['tickets.csv', 4, 'created_at', 'BAD_DATE']], counts: ['tickets', 4, 2, 2, 0] },
  { name: 'rows of an engineer marked left in the month are rejects, not accepted rows that no output shows', files: {
    'roster.csv': '工号,姓名,班组,状态\nE001,张伟,一组,在职\nE002,李娜,一组,离职\n',
    'adjustments.csv': 'engineer_id,date,target,value,reason\nE002,2026-10-05,points,50,奖励\n',
    'evaluations.csv': 'engineer_id,item,value\nE002,knowledge,80\n',
  }, rejects: [['tickets.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER'], ['responses.csv', 3, 'engineer_id', 'UNKNOWN_ENGINEER'], ['adjustments.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER'], ['evaluations.csv', 2, 'engineer_id', 'UNKNOWN_ENGINEER']] },
  { name: 'xlsx: rich-text header, numbers stored as text, empty trailing rows, sheet row numbers', files: { 'tickets.xlsx': () => xlsx([{ richText: [{ text: 'ticket' }, { text: '_id' }] }, 'engineer_id', 'created_at', 'is_complaint'], [['T1', 'E001', '2026-10-02 09:00', '1'], [null, null, null, null], ['T2', 'E001', 'garbage', '0'], [null]]) }, rejects: [['tickets.xlsx', 4, 'created_at', 'BAD_DATE']], counts: ['tickets', 2, 1, 1, 0] },
  { name: 'CSV: a title line above the header is passed over', files: { 'tickets.csv': `2026年10月工单导出,,,,,,\n${t(OK, 'T2,E001,2026-13-01 09:00,,open,phone,0')}` }, rejects: [['tickets.csv', 4, 'created_at', 'BAD_DATE']], counts: ['tickets', 2, 1, 1, 0] },
  { name: 'xlsx: a merged title row above the header; merged data cells are filled from their master', files: { 'tickets.xlsx': () => xlsx(['十月工单', null, null], [['ticket_id', 'engineer_id', 'created_at'], ['T1', 'E001', '2026-10-02 09:00'], ['T2', null, '2026-10-03 09:00'], ['T3', 'E999', 'bad']], (ws) => { ws.mergeCells('A1:C1'); ws.mergeCells('B3:B4'); }) }, rejects: [['tickets.xlsx', 5, 'created_at', 'BAD_DATE']], counts: ['tickets', 3, 2, 1, 0] },
  { name: 'xlsx: a merged header cell does not make a duplicate header', files: { 'tickets.xlsx': () => xlsx(['ticket_id', 'engineer_id', 'created_at', 'note', null], [['T1', 'E001', '2026-10-02 09:00', 'a', 'b']], (ws) => { ws.mergeCells('D1:E1'); }) }, rejects: [], counts: ['tickets', 1, 1, 0, 0] },
  { name: 'xlsx: an 18-digit id stored as a number has lost digits: rejected, never guessed', files: { 'tickets.xlsx': () => xlsx(['ticket_id', 'engineer_id', 'created_at'], [[123456789012345678, 'E001', '2026-10-02 09:00'], [42, 'E001', '2026-10-02 09:00']]) }, rejects: [['tickets.xlsx', 2, 'ticket_id', 'OUT_OF_RANGE']], counts: ['tickets', 2, 1, 1, 0] },
  { name: 'xlsx: date cells are wall time in the config timezone (00:30 on 1 October is October)', files: { 'tickets.xlsx': () => xlsx(['ticket_id', 'engineer_id', 'created_at'], [['T1', 'E001', new Date(Date.UTC(2026, 9, 1, 0, 30))], ['T2', 'E001', new Date(Date.UTC(2026, 8, 30, 23, 30))]]) }, rejects: [], counts: ['tickets', 2, 1, 0, 1] },
  { name: 'xlsx: 1904 date system serials (44834.5 is 2026-10-01 12:00 there; 46296.5 would be October in 1900)', files: { 'tickets.xlsx': () => xlsx(['ticket_id', 'engineer_id', 'created_at'], [['T1', 'E001', 44834.5], ['T2', 'E001', 46296.5]], (_ws, wb) => { (wb.properties as { date1904?: boolean }).date1904 = true; }) }, rejects: [], counts: ['tickets', 2, 1, 0, 1] },
];
