// Problems are data: a closed union of codes with their location; this module alone turns them into words.

export const REJECT_CODES = [
  'MALFORMED_ROW', 'MISSING_VALUE', 'BAD_DATE', 'BAD_NUMBER', 'BAD_ENUM', 'OUT_OF_RANGE',
  'NEGATIVE_DURATION', 'DUPLICATE_ID', 'UNKNOWN_ENGINEER', 'UNKNOWN_TICKET',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export interface Location { file: string; sheet: string; row: number; column: string }

/** One rejected row (a row is rejected once, for its first problem). */
export interface Reject {
  code: RejectCode;
  location: Location;
  value: string;
  args?: Record<string, string | number>;
}

/** A file-level error: the run stops with exit 1 and nothing is published. */
export class FileError extends Error {
  constructor(readonly code: FileErrorCode, readonly file: string, readonly args: Record<string, string | number> = {}) {
    super(fileErrorMessage(code, file, args));
  }
}

export type FileErrorCode =
  | 'UNREADABLE' | 'EMPTY' | 'NOT_TABULAR' | 'UNDECODABLE' | 'MISSING_COLUMN' | 'DUPLICATE_HEADER'
  | 'UNCLOSED_QUOTE' | 'PROTECTED_WORKBOOK' | 'CORRUPT_WORKBOOK' | 'LEGACY_XLS' | 'NO_SHEET' | 'TOO_LARGE'
  | 'CORRUPT_COMPRESSED';

function fileErrorMessage(code: FileErrorCode, file: string, a: Record<string, string | number>): string {
  switch (code) {
    case 'UNREADABLE': return `${file}: cannot read the file (${a.reason})`;
    case 'EMPTY': return `${file}: the file is empty (no header row)`;
    case 'NOT_TABULAR': return `${file}: not a CSV or XLSX file (${a.reason})`;
    case 'UNDECODABLE': return `${file}: the text is neither UTF-8, UTF-16 nor GB18030 (near byte ${a.offset}); save it again as UTF-8 CSV`;
    case 'MISSING_COLUMN':
      return `${file}: missing required column ${a.column} (accepted headers: ${a.accepted}); headers found: ${a.found}`;
    case 'DUPLICATE_HEADER': return `${file}: the header ${a.header} appears twice (columns ${a.first} and ${a.second}); which one to use is ambiguous`;
    case 'UNCLOSED_QUOTE': return `${file}: a quoted cell opened at row ${a.row} is never closed; it would swallow the rest of the file`;
    case 'PROTECTED_WORKBOOK': return `${file}: the workbook is password-protected (encrypted); save an unprotected copy`;
    case 'CORRUPT_WORKBOOK': return `${file}: the workbook cannot be read (${a.reason})`;
    case 'LEGACY_XLS': return `${file}: this is a legacy .xls (Excel 97-2003) workbook; save it as .xlsx or CSV`;
    case 'NO_SHEET': return `${file}: the workbook has no sheet named ${a.sheet} (sheets: ${a.sheets})`;
    case 'TOO_LARGE': return `${file}: ${a.reason}`;
    case 'CORRUPT_COMPRESSED': return `${file}: the compressed file is broken (${a.reason}); compress it again or give the plain file`;
  }
}

const EN: Record<RejectCode, (a: Record<string, string | number>) => string> = {
  MALFORMED_ROW: (a) => (a.totals ? `a totals row (${a.totals}), not data: remove it from the export` : `the row has ${a.got} cells where the header has ${a.want}`),
  MISSING_VALUE: (a) => (a.error
    ? `the cell holds the spreadsheet error ${a.error}, not a value (correct the formula or its source and export again)`
    : 'a required value is empty'),
  BAD_DATE: (a) => `not a date/time${a.hint ? ` (${a.hint})` : ''}`,
  BAD_NUMBER: () => 'not a number',
  BAD_ENUM: (a) => `not one of ${a.allowed}`,
  OUT_OF_RANGE: (a) => `outside the allowed range ${a.range}`,
  NEGATIVE_DURATION: (a) => `${a.later} is before ${a.earlier}`,
  DUPLICATE_ID: (a) => `the same ${a.what} already appeared at row ${a.first}`,
  UNKNOWN_ENGINEER: (a) => (a.status === 'left'
    ? `engineer ${a.id} is marked left on the roster, so not scored (mark them active to score their last month)`
    : `engineer ${a.id} is not on the roster`),
  UNKNOWN_TICKET: (a) => `ticket ${a.id} is not among the accepted tickets`,
};

const ZH: Record<RejectCode, (a: Record<string, string | number>) => string> = {
  MALFORMED_ROW: (a) => (a.totals ? `合计行（${a.totals}），不是数据：请从导出文件中删除` : `该行有 ${a.got} 个单元格，表头有 ${a.want} 列`),
  MISSING_VALUE: (a) => (a.error ? `单元格是表格错误值 ${a.error}，不是数据（请修正公式或其来源后重新导出）` : '必填值为空'),
  BAD_DATE: () => '不是有效的日期时间',
  BAD_NUMBER: () => '不是数字',
  BAD_ENUM: (a) => `不是允许的取值（${a.allowed}）`,
  OUT_OF_RANGE: (a) => `超出允许范围 ${a.range}`,
  NEGATIVE_DURATION: (a) => `${a.later} 早于 ${a.earlier}`,
  DUPLICATE_ID: (a) => `与第 ${a.first} 行重复`,
  UNKNOWN_ENGINEER: (a) => (a.status === 'left'
    ? `工程师 ${a.id} 在人员名单中标记为离职，不参与考核（如需考核其最后一个月，请标记为在职）`
    : `工程师 ${a.id} 不在人员名单中`),
  UNKNOWN_TICKET: (a) => `工单 ${a.id} 不在已接受的工单中`,
};

export function rejectMessage(r: Reject, locale: 'en' | 'zh-CN' = 'en'): string {
  return (locale === 'zh-CN' ? ZH : EN)[r.code](r.args ?? {});
}
