// The reading thread (src/join/read-worker.ts) must change nothing but the time: a month read by two threads -- the
// tickets cut in two, responses and surveys read ahead -- gives the same records, rejects (rows, columns, values, order),
// counts and file errors as the same month read by the main thread alone. The thread runs the build's code
// (dist/join/read-worker.js): `npm test` builds first.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline, type PeriodResult, type RunInputs } from '../../src/pipeline.js';
import { makePeriod } from '../../src/util/time.js';
import { encodeGb18030 } from '../../scripts/gb18030.js';
import { defaultConfig } from '../helpers.js';

const config = defaultConfig();
const period = makePeriod('2026-10', config.timezone);
const ENGINEERS = 40;

/** A month with every kind of row the reading meets, the tickets big enough to be cut (the thread takes a cut only
 * past the first 64 KiB). Seeded: the same files every run. */
function month(tickets: number, eol = '\n', bom = false) {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = (day: number, minute: number) => `2026-10-${pad(day)} ${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;
  const roster = ['engineer_id,name,team,status', ...Array.from({ length: ENGINEERS }, (_, i) => `E${i},工程师${i},t${i % 4},${i === 7 ? 'left' : 'active'}`)];
  const t = ['ticket_id,engineer_id,created_at,resolved_at,status,channel,is_complaint,reopened,callback_done,comment'];
  const r = ['ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at'];
  const s = ['survey_id,ticket_id,engineer_id,score,submitted_at,comment'];
  for (let i = 0; i < tickets; i++) {
    const id = i % 173 === 172 ? `T${i - 1500 > 0 ? i - 1500 : 1}` : `T${i}`; // a duplicate id, often across the cut
    const day = 1 + Math.floor(rand() * 28);
    const minute = Math.floor(rand() * 1200);
    const e = i % 151 === 150 ? 'E99' : `E${Math.floor(rand() * ENGINEERS)}`;
    const created = i % 53 === 52 ? '2026-09-30 10:00' : i % 131 === 130 ? 'yesterday' : i % 223 === 222 ? '' : at(day, minute);
    const resolved = i % 97 === 96 ? at(day, Math.max(0, minute - 30)) + (minute < 30 ? '' : '') : rand() < 0.1 ? '' : at(Math.min(28, day + 1), minute);
    const status = rand() < 0.05 ? 'cancelled' : rand() < 0.1 ? '已解决' : 'resolved';
    const channel = rand() < 0.2 ? 'onsite' : rand() < 0.5 ? '电话' : 'phone';
    const comment = i % 61 === 60 ? `"客户说""很急"", 需要
上门, line ${i}"` : i % 307 === 306 ? `"第一行
第二行
第三行"` : rand() < 0.3 ? `"a, b"` : 'ok';
    if (i % 199 === 198) t.push('');
    const extra = i % 211 === 210 ? ',surplus' : '';
    t.push(`${id},${e},${created},${resolved},${status},${channel},${rand() < 0.05 ? '是' : '0'},${rand() < 0.05 ? 1 : 0},${rand() < 0.7 ? 1 : 0},${comment}${extra}`);
    if (rand() < 0.9) {
      const own = rand() < 0.3 ? (rand() < 0.05 ? 'E98' : e) : '';
      const later = i % 67 === 66; // received in the next month
      const first = later ? '' : i % 89 === 88 ? at(day, Math.max(0, minute - 5)) : at(day, minute + 20);
      const received = later ? '2026-11-02 10:00' : at(day, minute);
      r.push(`${i % 101 === 100 ? 'T999999' : `T${i}`},${own},${received},${first},${channel === 'onsite' && !later ? at(day, minute + 90) : ''}`);
      if (i % 71 === 70) r.push(`T${i},,${at(day, minute)},${at(day, minute + 40)},`); // a second response for the ticket
    }
    if (rand() < 0.3) {
      const score = i % 83 === 82 ? '9' : i % 79 === 78 ? 'x' : String(1 + Math.floor(rand() * 5));
      const submitted = i % 59 === 58 ? '2026-11-03 09:00' : at(day, minute + 60);
      s.push(`S${i % 97 === 5 ? 5 : i},${i % 113 === 112 ? 'T888888' : `T${i}`},,${score},${submitted},"fine, thanks"`);
    }
  }
  const text = (lines: string[]) => (bom ? '\ufeff' : '') + lines.join(eol) + eol;
  return { 'roster.csv': text(roster), 'tickets.csv': text(t), 'responses.csv': text(r), 'surveys.csv': text(s) };
}

function withFiles<T>(files: Record<string, string | Uint8Array>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ahead-'));
  for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v);
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const paths = (dir: string) => ({ roster: join(dir, 'roster.csv'), tickets: join(dir, 'tickets.csv'), responses: join(dir, 'responses.csv'), surveys: join(dir, 'surveys.csv') });

async function run(dir: string, extra: Partial<RunInputs>): Promise<PeriodResult> {
  return runPipeline({ config, period, paths: paths(dir), prior: null, ...extra });
}

/** Everything a run found, as one text (the reading times and the thread flag left out). */
function canon(r: PeriodResult): string {
  return JSON.stringify({ ...r, inputs: r.inputs.map(({ read_ms: _ms, read_ahead: _ahead, ...s }) => s) });
}

const ahead = (r: PeriodResult, input: string) => r.inputs.find((s) => s.input === input)?.read_ahead === true;

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('reading thread: the same results as one thread', () => {
  it('a month with every kind of problem: rejects, counts, scores and state identical; the tickets were cut', async () => {
    await withFiles(month(3000), async (dir) => {
      const one = await run(dir, { readAhead: 'off' });
      const two = await run(dir, { readAhead: 'on' });
      expect(ahead(two, 'tickets') && ahead(two, 'responses') && ahead(two, 'surveys')).toBe(true);
      expect(ahead(one, 'tickets')).toBe(false);
      // the month does hold what it is meant to: rejects of every kind the join and the reading make
      const codes = new Set(one.rejects.map((x) => `${x.location.file}:${x.code}`));
      for (const c of ['tickets.csv:NEGATIVE_DURATION', 'tickets.csv:BAD_DATE', 'tickets.csv:UNKNOWN_ENGINEER', 'tickets.csv:DUPLICATE_ID', 'tickets.csv:MALFORMED_ROW',
        'tickets.csv:MISSING_VALUE', 'responses.csv:UNKNOWN_TICKET', 'responses.csv:DUPLICATE_ID', 'responses.csv:NEGATIVE_DURATION', 'responses.csv:UNKNOWN_ENGINEER',
        'surveys.csv:OUT_OF_RANGE', 'surveys.csv:BAD_NUMBER', 'surveys.csv:DUPLICATE_ID', 'surveys.csv:UNKNOWN_TICKET']) expect(codes, c).toContain(c);
      expect(one.inputs.every((s) => s.rows_out_of_period > 0 || s.input === 'roster')).toBe(true);
      expect(canon(two)).toBe(canon(one));
    });
  });

  it('CRLF and a byte order mark: the same', async () => {
    await withFiles(month(2500, '\r\n', true), async (dir) => {
      const two = await run(dir, { readAhead: 'on' });
      expect(ahead(two, 'tickets')).toBe(true);
      expect(canon(two)).toBe(canon(await run(dir, { readAhead: 'off' })));
    });
  });

  it('cut anywhere (any line start, a blank line, inside a quoted cell that spans lines): the same', async () => {
    const files = month(2500);
    const text = files['tickets.csv'];
    // a cell of three lines past the first 64 KiB: its middle line has no quote, so a cut guessed after its first
    // line break lands inside it (the main thread then finds no record ending there)
    const threeLines = text.indexOf('"第一行\n', 70_000) + '"第一行'.length;
    await withFiles(files, async (dir) => {
      const one = canon(await run(dir, { readAhead: 'off' }));
      const size = Buffer.byteLength(text);
      const inside = Buffer.byteLength(text.slice(0, threeLines)) - 3;
      const fallback = await run(dir, { readAhead: 'on', ticketsNear: inside });
      expect(ahead(fallback, 'tickets')).toBe(false); // no record ends there: the main thread read it all
      expect(canon(fallback)).toBe(one);
      await fc.assert(fc.asyncProperty(fc.integer({ min: 65_537, max: size - 2 }), async (near) => {
        expect(canon(await run(dir, { readAhead: 'on', ticketsNear: near }))).toBe(one);
      }), { numRuns: 12 });
    });
  });

  it('GBK tickets (Excel on a Chinese Windows) cut in two: the same', async () => {
    const files = month(2500);
    await withFiles({ ...files, 'tickets.csv': encodeGb18030(files['tickets.csv']) }, async (dir) => {
      const two = await run(dir, { readAhead: 'on' });
      expect(ahead(two, 'tickets')).toBe(true);
      const one = await run(dir, { readAhead: 'off' });
      expect(canon(two)).toBe(canon(one));
      expect(one.rejects.length).toBeGreaterThan(50);
    });
  });

  it('file errors in the part the thread reads: the same message, row and byte offset', async () => {
    const files = month(2500);
    const lines = files['tickets.csv'].split('\n');
    const late = lines.length - 40;
    const unclosed = `${files['tickets.csv']}T77777,E1,2026-10-03 10:00,,resolved,phone,0,0,0,"never closed\nT77778,E1,2026-10-03 10:00,,resolved,phone,0,0,0,ok\n`;
    const badByte = Buffer.concat([Buffer.from(lines.slice(0, late).join('\n') + '\n'), Buffer.from([0x54, 0xff, 0x2c]), Buffer.from(lines.slice(late).join('\n'))]);
    const responsesNoHeader = files['responses.csv'].replace('received_at', 'when');
    const cases: Record<string, string | Buffer>[] = [{ 'tickets.csv': unclosed }, { 'tickets.csv': badByte }, { 'responses.csv': responsesNoHeader }, { 'surveys.csv': files['surveys.csv'] + '"S1,oops\n' }];
    for (const change of cases) {
      await withFiles({ ...files, ...change }, async (dir) => {
        const one = await failure(run(dir, { readAhead: 'off' }));
        expect(one).not.toBe('no error');
        expect(await failure(run(dir, { readAhead: 'on' }))).toBe(one);
      });
    }
  });

  it('a small month reads in one thread unless asked', async () => {
    await withFiles(month(300), async (dir) => {
      const auto = await run(dir, {});
      expect(auto.inputs.some((s) => s.read_ahead)).toBe(false);
      const on = await run(dir, { readAhead: 'on' });
      expect(ahead(on, 'responses') && ahead(on, 'surveys')).toBe(true);
      expect(ahead(on, 'tickets')).toBe(false); // under 64 KiB: not cut
      expect(canon(on)).toBe(canon(auto));
    });
  });
});
