// Property tests: for any generated input the run never crashes and every row is accounted for
// (read = accepted + rejected + out of period), and arbitrary bytes give either a clean run or a file-level error.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../../src/pipeline.js';
import { makePeriod } from '../../src/util/time.js';
import { FileError } from '../../src/problems.js';
import { defaultConfig } from '../helpers.js';

const config = defaultConfig();
const period = makePeriod('2026-10', config.timezone);
const ROSTER = 'engineer_id,name,status\nE1,A,active\nE2,B,probation\nE3,C,left\n';

const cellText = fc.oneof(
  fc.constantFrom('', ' ', 'E1', 'E2', 'E3', 'E9', '2026-10-05 10:00', '2026-09-30 23:59', '2026-11-01 00:00', '2026/10/2 9:05', '2026-10-02T10:00:00+08:00',
    '2026-02-30', 'resolved', '已解决', 'open', 'cancelled', 'x', '是', '否', '1', '0', '45931.5', '=1+1', '"', 'a,b', 'a\nb', '\r', '\ufeff', 'T1', 'T2', '007'),
  fc.string({ maxLength: 6 }),
);
const HEADER = ['ticket_id', 'engineer_id', 'created_at', 'resolved_at', 'status', 'is_complaint'];

function quote(s: string, force: boolean): string {
  return force || /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV built from random cells, randomly quoted, with rows of random length: exactly `records` records. */
const ticketsCsv = fc.array(fc.tuple(fc.array(cellText, { minLength: 0, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })), { maxLength: 30 })
  .chain((rows) => fc.constantFrom('\n', '\r\n').map((eol) => ({ rows, eol })));

function withFiles<T>(files: Record<string, string | Uint8Array>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'prop-'));
  for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('row accounting', () => {
  it('any tickets CSV: no crash, read = accepted + rejected + out of period, and every non-blank record is read', async () => {
    await fc.assert(fc.asyncProperty(ticketsCsv, async ({ rows, eol }) => {
      const lines = [HEADER.join(','), ...rows.map(([cells, q]) => cells.map((c, i) => quote(c, q[i])).join(','))];
      const text = lines.join(eol) + eol;
      const nonBlank = rows.filter(([cells]) => cells.some((c) => c.trim() !== '')).length;
      await withFiles({ 'tickets.csv': text, 'roster.csv': ROSTER }, async (dir) => {
        const r = await runPipeline({ config, period, paths: { tickets: join(dir, 'tickets.csv'), roster: join(dir, 'roster.csv') }, prior: null });
        for (const s of r.inputs) expect(s.rows_read).toBe(s.rows_accepted + s.rows_rejected + s.rows_out_of_period);
        const t = r.inputs.find((s) => s.input === 'tickets')!;
        expect(t.rows_read).toBe(nonBlank);
        expect(r.rejects.filter((x) => x.location.file === 'tickets.csv').length).toBe(t.rows_rejected);
        expect(r.engineers.map((e) => e.roster.engineer_id)).toEqual(['E1', 'E2']);
        for (const e of r.engineers) expect(e.score.total).toBeGreaterThanOrEqual(0);
      });
    }), { numRuns: 150 });
  });

  it('arbitrary bytes as the tickets file: a clean run or a FileError, never anything else', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from(`${HEADER.join(',')}\n`), b])),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), b])),
    );
    await fc.assert(fc.asyncProperty(bytes, async (b) => {
      await withFiles({ 'tickets.csv': b, 'roster.csv': ROSTER }, async (dir) => {
        try {
          const r = await runPipeline({ config, period, paths: { tickets: join(dir, 'tickets.csv'), roster: join(dir, 'roster.csv') }, prior: null });
          for (const s of r.inputs) expect(s.rows_read).toBe(s.rows_accepted + s.rows_rejected + s.rows_out_of_period);
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
        }
      });
    }), { numRuns: 200 });
  });

  it('the same rows give the same rejects in CSV with CRLF, LF, BOM, or as UTF-16', async () => {
    await fc.assert(fc.asyncProperty(ticketsCsv, async ({ rows }) => {
      const clean = rows.map(([cells]) => cells.map((c) => c.replace(/[\r\n"\ufeff]/g, '').replace(/,/g, ';')));
      const body = (eol: string) => [HEADER.join(','), ...clean.map((c) => c.join(','))].join(eol) + eol;
      const variants: (string | Uint8Array)[] = [body('\n'), body('\r\n'), `\ufeff${body('\n')}`, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body('\r\n'), 'utf16le')])];
      const results: string[] = [];
      for (const v of variants) {
        await withFiles({ 'tickets.csv': v, 'roster.csv': ROSTER }, async (dir) => {
          const r = await runPipeline({ config, period, paths: { tickets: join(dir, 'tickets.csv'), roster: join(dir, 'roster.csv') }, prior: null });
          results.push(JSON.stringify([r.rejects.map((x) => [x.location.row, x.location.column, x.code]), r.inputs.map((s) => [s.rows_read, s.rows_accepted])]));
        });
      }
      expect(new Set(results).size).toBe(1);
    }), { numRuns: 60 });
  });
});
