// Output cells: numbers stay numbers (formatted once, here); text is guarded against spreadsheet formula injection.

/** A numeric cell: its plain text for CSV, its value for XLSX. */
export interface Num { num: number; text: string; fmt: string }
export type OutCell = Num | string | null;

export function num(value: number, text: string, fmt = 'General'): Num {
  return { num: value, text, fmt };
}

const RISKY = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

/** Text that a spreadsheet could run as a formula gets a leading apostrophe; a plain number is left alone. */
export function safeText(s: string): string {
  return RISKY.test(s) && !NUMERIC.test(s) ? `'${s}` : s;
}

export function cellString(c: OutCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return safeText(c);
  return c.text;
}

export function isNum(c: OutCell): c is Num {
  return c !== null && typeof c === 'object';
}
