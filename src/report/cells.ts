// Output cells: numbers stay numbers (formatted once, here); text is guarded against spreadsheet formula injection.

/** A numeric cell: its plain text for CSV, its value for XLSX. */
export interface Num { num: number; text: string; fmt: string }
export type OutCell = Num | string | null;

export function num(value: number, text: string, fmt = 'General'): Num {
  return { num: value, text, fmt };
}

const RISKY = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]|^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMERIC = /^[-+]?\d+(\.\d+)?$/;

/** A line inside a cell (after CR or LF) that starts like a formula: a reader that breaks lines there would see one. */
const RISKY_LINE = /([\r\n])(?=\s*[=+\-@\t\uFF1D\uFF0B\uFF0D\uFF20])/g;

/**
 * Text that a spreadsheet could run as a formula gets a leading apostrophe; a plain number is left alone. The same
 * holds for every line of a cell: `一组\r@SUM(1)` becomes `一组\r'@SUM(1)`, so no line a reader may see starts a formula.
 */
export function safeText(s: string): string {
  const guarded = RISKY.test(s) && !NUMERIC.test(s) ? `'${s}` : s;
  return guarded.includes('\r') || guarded.includes('\n') ? guarded.replace(RISKY_LINE, "$1'") : guarded;
}

export function cellString(c: OutCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return safeText(c);
  return c.text;
}

export function isNum(c: OutCell): c is Num {
  return c !== null && typeof c === 'object';
}

/** Text as HTML shows it, never as markup: everything from the roster and the inputs goes through here. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
