// The per-file summary of a run or validate on stderr: rows read/accepted/rejected/out of period and the top reject codes.
import type { PeriodResult } from '../pipeline.js';
import { rejectMessage } from '../problems.js';
import type { Io, Logger } from './io.js';

export function printSummary(r: PeriodResult, log: Logger, _io: Io, force = false, timing = false): void {
  const c = log.c;
  const line = force ? (m: string) => log.warn(m) : (m: string) => log.info(m);
  for (const s of r.inputs) {
    const rej = s.rows_rejected > 0 ? c.red(`${s.rows_rejected} rejected`) : '0 rejected';
    const unassigned = (s.tickets_unassigned ? `; ${s.tickets_unassigned} tickets without an engineer (not scored)` : '')
      + (s.rows_superseded ? `; ${s.rows_superseded} accepted rows superseded by a later or earlier row of the same id` : '');
    const took = timing && s.read_ms !== undefined ? c.dim(` (read and joined in ${(s.read_ms / 1000).toFixed(2)} s, ${Math.round(s.rows_read / Math.max(s.read_ms, 1) * 1000)} rows/s${s.in_parts ? '; in two parts' : ''})`) : '';
    line(`${c.bold(s.input.padEnd(11))} ${s.file}${s.sheet ? ` [${s.sheet}]` : ''}: ${s.rows_read} read, ${s.rows_accepted} accepted, ${rej}, ${s.rows_out_of_period} out of period${unassigned}${took}`);
    const codes = Object.entries(s.reject_codes).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
    for (const [code, rows] of codes.slice(0, 5)) {
      line(`    ${c.yellow(code.padEnd(18))} ${String(rows.length).padStart(6)}  rows ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ', ...' : ''}`);
    }
  }
  if (r.rejects.length > 0) {
    log.verbose('rejects:');
    for (const x of r.rejects.slice(0, 50)) log.verbose(`  ${x.location.file}:${x.location.row} ${x.location.column} ${x.code} ${rejectMessage(x)} [${x.value}]`);
  }
}
