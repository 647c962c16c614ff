// exceljs cell values flattened in one place: formulas to their cached result, rich text and hyperlinks to text, errors to their code.
import type { Cell } from '../validate/values.js';

/** Text given for a formula that has no cached result (written by a non-Excel tool): it never passes as a value
 * (validate/values.ts isCellError, as the spreadsheet's error codes). */
export const NO_CACHED_RESULT = '#NO_CACHED_RESULT';

export function flattenCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      return o.result === undefined || o.result === null ? NO_CACHED_RESULT : flattenCell(o.result);
    }
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('hyperlink' in o || 'text' in o) return flattenCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return null;
}
