// A month read in two parts (src/join/month-parts.ts, run by src/parallel/runner.ts) must change nothing but the time:
// a month whose tickets, responses and surveys are each read half by the first part and half by the other gives the
// same records, rejects (rows, columns, values, order), metric states, scores and file errors as the same month read
// in one pass; and where two parts cannot give exactly that (an id in both parts of a file, a problem in a file, a
// quoted cell across a cut), the month is read again whole. The other part runs the build's code (dist/): `npm test`
// builds first.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline, type PeriodResult, type RunInputs } from '../../src/pipeline.js';
import { startReader } from '../../src/join/month.js';
import { makePeriod } from '../../src/util/time.js';
import { encodeGb18030 } from '../../scripts/gb18030.js';
import { defaultConfig, metricValues } from '../helpers.js';

const config = defaultConfig();
const period = makePeriod('2026-10', config.timezone);
const ENGINEERS = 40;

/**
 * A month with every kind of row the reading meets, each file big enough to be cut (a cut is taken only past the first
 * 64 KiB). Duplicate ids come a few rows after their first, or (across: of tickets, of responses for a ticket, of
 * responses for an unknown ticket, of surveys) far after it, so across any cut. Seeded: the same files every run.
 */
function month(tickets: number, { eol = '\n', bom = false, across = '' } = {}) {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  const at = (day: number, minute: number) => `2026-10-${pad(day)} ${pad(Math.floor(minute / 60) % 24)}:${pad(minute % 60)}`;
  const roster = ['engineer_id,name,team,status', ...Array.from({ length: ENGINEERS }, (_, i) => `E${i},工程师${i},t${i % 4},${i === 7 ? 'left' : 'active'}`)];
  const t = ['ticket_id,engineer_id,created_at,resolved_at,status,channel,is_complaint,reopened,callback_done,comment'];
  const r = ['ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at,note'];
  const s = ['survey_id,ticket_id,engineer_id,score,submitted_at,comment'];
  for (let i = 0; i < tickets; i++) {
    const id = i % 173 === 172 ? `T${across === 'tickets' ? Math.max(1, i - tickets / 2) : i - 3}` : `T${i}`; // a duplicate id
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
      const note = 'called the customer back and booked a visit';
      r.push(`${i % 101 === 100 ? (across === 'unjoined' ? 'T999999' : `T${900000 + i}`) : `T${i}`},${own},${received},${first},${channel === 'onsite' && !later ? at(day, minute + 90) : ''},${note}`);
      if (i % 71 === 70) r.push(`T${across === 'responses' ? i - Math.floor(tickets / 2) : i},,${at(day, minute)},${at(day, minute + 40)},,${note}`); // a second response for a ticket
    }
    if (rand() < 0.3) {
      const score = i % 83 === 82 ? '9' : i % 79 === 78 ? 'x' : String(1 + Math.floor(rand() * 5));
      const submitted = i % 59 === 58 ? '2026-11-03 09:00' : at(day, minute + 60);
      const sid = i % 97 === 5 ? (across === 'surveys' ? 5 : i - 1) : i; // a duplicate survey id when the survey for i - 1 was made
      s.push(`S${sid},${i % 113 === 112 ? 'T888888' : `T${i}`},,${score},${submitted},"fine, thanks; the engineer explained what was wrong, what to watch for and when to call again; on time and polite; left the site clean; would ask for the same engineer"`);
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

/** A run, its inputs with their sha256 (a file read in two parts is hashed whole on another core after the joins). */
async function run(dir: string, extra: Partial<RunInputs>): Promise<PeriodResult> {
  const r = await runPipeline({ config, period, paths: paths(dir), prior: null, ...extra });
  const digests = await r.digests;
  return { ...r, inputs: r.inputs.map((s) => ({ ...s, sha256: digests.get(s.input) ?? s.sha256 })) };
}

/** Everything a run found, as one text (the reading times and the parts flag left out; the states with their values). */
function canon(r: PeriodResult): string {
  return JSON.stringify({ ...r, digests: undefined, inputs: r.inputs.map(({ read_ms: _ms, in_parts: _two, ...s }) => s) });
}

const SPLIT = ['tickets', 'responses', 'surveys'];
/** Which inputs were read in two parts. */
const halves = (r: PeriodResult) => r.inputs.filter((s) => s.in_parts).map((s) => s.input);

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('two parts: the same results as one pass', () => {
  it('a month with every kind of problem: rejects, counts, lists, scores and state identical; every file was cut', async () => {
    await withFiles(month(3000), async (dir) => {
      const one = await run(dir, { parts: 'off' });
      const two = await run(dir, { parts: 'on' });
      expect(halves(two)).toEqual(SPLIT);
      expect(halves(one)).toEqual([]);
      // the month does hold what it is meant to: rejects of every kind the join and the reading make
      const codes = new Set(one.rejects.map((x) => `${x.location.file}:${x.code}`));
      for (const c of ['tickets.csv:NEGATIVE_DURATION', 'tickets.csv:BAD_DATE', 'tickets.csv:UNKNOWN_ENGINEER', 'tickets.csv:DUPLICATE_ID', 'tickets.csv:MALFORMED_ROW',
        'tickets.csv:MISSING_VALUE', 'responses.csv:UNKNOWN_TICKET', 'responses.csv:DUPLICATE_ID', 'responses.csv:NEGATIVE_DURATION', 'responses.csv:UNKNOWN_ENGINEER',
        'surveys.csv:OUT_OF_RANGE', 'surveys.csv:BAD_NUMBER', 'surveys.csv:DUPLICATE_ID', 'surveys.csv:UNKNOWN_TICKET']) expect(codes, c).toContain(c);
      // and in the second halves too (their rows numbered on from the first halves')
      for (const input of SPLIT) {
        const rows = one.inputs.find((s) => s.input === input)?.rows_read ?? 0;
        expect(one.rejects.some((x) => x.location.file === `${input}.csv` && x.location.row > rows * 0.6), input).toBe(true);
        expect(one.rejects.some((x) => x.location.file === `${input}.csv` && x.code === 'DUPLICATE_ID' && x.location.row > rows * 0.6), input).toBe(true);
      }
      expect(one.inputs.every((s) => s.rows_out_of_period > 0 || s.input === 'roster')).toBe(true);
      expect(one.engineers.some((e) => metricValues(e).first_response_within_rate.n > 10 && metricValues(e).csat_mean.n > 5)).toBe(true);
      // each file's sha256 (of the whole file, hashed on another core) as one pass hashes it while reading
      expect(two.inputs.map((s) => s.sha256)).toEqual(one.inputs.map((s) => s.sha256));
      expect(two.inputs.every((s) => /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
      expect(canon(two)).toBe(canon(one));
    });
  });

  it('rules that keep every value (a median, a p90) and count other thresholds: lists, sums and counts the same', async () => {
    const keeping = defaultConfig((y) => y.replace('metric: resolution_days_mean', 'metric: resolution_hours_median').replace('metric: csat_mean', 'metric: csat_satisfied_rate')
      .replace('metric: reopen_rate', 'metric: first_response_minutes_p90').replace('params: { minutes: 120 }', 'params: { minutes: 45 }'));
    await withFiles(month(3000), async (dir) => {
      const one = await run(dir, { parts: 'off', config: keeping });
      const two = await run(dir, { parts: 'on', config: keeping });
      expect(halves(two)).toEqual(SPLIT);
      const kept = one.engineers.find((e) => metricValues(e).first_response_minutes_p90.n > 10);
      expect(kept?.tally.states.some((s) => Array.isArray((s as { values?: unknown }).values) && (s as { values: unknown[] }).values.length > 10)).toBe(true);
      expect(canon(two)).toBe(canon(one));
    });
  });

  it('CRLF and a byte order mark: the same', async () => {
    await withFiles(month(2500, { eol: '\r\n', bom: true }), async (dir) => {
      const two = await run(dir, { parts: 'on' });
      expect(halves(two)).toEqual(SPLIT);
      expect(canon(two)).toBe(canon(await run(dir, { parts: 'off' })));
    });
  });

  it('an id in both halves of a file (a ticket, a ticket named by two responses, an unknown one too, a survey): read again whole, the same', async () => {
    const files = month(3000);
    for (const [across, input] of [['tickets', 'tickets'], ['responses', 'responses'], ['unjoined', 'responses'], ['surveys', 'surveys']]) {
      const changed = month(3000, { across })[`${input}.csv` as keyof typeof files];
      expect(changed).not.toBe(files[`${input}.csv` as keyof typeof files]);
      await withFiles({ ...files, [`${input}.csv`]: changed }, async (dir) => {
        const one = await run(dir, { parts: 'off' });
        const two = await run(dir, { parts: 'on' });
        expect(halves(two), across).toEqual([]);
        expect(canon(two)).toBe(canon(one));
        const rows = one.inputs.find((s) => s.input === input)?.rows_read ?? 0;
        expect(one.rejects.some((x) => x.location.file === `${input}.csv` && x.code === 'DUPLICATE_ID' && Number(x.args?.first) < rows * 0.45 && x.location.row > rows * 0.55), across).toBe(true);
      });
    }
  });

  it('cut anywhere (any line start, a blank line, inside a quoted cell that spans lines): the same', async () => {
    const files = month(2500);
    const text = files['tickets.csv'];
    // a cell of three lines past the first 64 KiB: its middle line has no quote, so a cut guessed after its first
    // line break lands inside it (the first part then finds no record ending there, and the month is read whole)
    const threeLines = text.indexOf('"第一行\n', 70_000) + '"第一行'.length;
    await withFiles(files, async (dir) => {
      const one = canon(await run(dir, { parts: 'off' }));
      const size = Buffer.byteLength(text);
      const inside = (Buffer.byteLength(text.slice(0, threeLines)) - 3) / size;
      const fallback = await run(dir, { parts: 'on', shares: { tickets: inside } });
      expect(halves(fallback)).toEqual([]);
      expect(canon(fallback)).toBe(one);
      const share = fc.double({ min: 0.3, max: 0.97, noNaN: true });
      await fc.assert(fc.asyncProperty(share, share, share, async (tickets, responses, surveys) => {
        expect(canon(await run(dir, { parts: 'on', shares: { tickets, responses, surveys } }))).toBe(one);
      }), { numRuns: 12 });
    });
  });

  it('GBK tickets (Excel on a Chinese Windows) cut in two: the same', async () => {
    const files = month(2500);
    await withFiles({ ...files, 'tickets.csv': encodeGb18030(files['tickets.csv']) }, async (dir) => {
      const two = await run(dir, { parts: 'on' });
      expect(halves(two)).toEqual(SPLIT);
      const one = await run(dir, { parts: 'off' });
      expect(canon(two)).toBe(canon(one));
      expect(one.rejects.length).toBeGreaterThan(50);
    });
  });

  it('file errors in either half: the same message, row and byte offset', async () => {
    const files = month(2500);
    const lines = files['tickets.csv'].split('\n');
    const late = lines.length - 40;
    const unclosed = `${files['tickets.csv']}T77777,E1,2026-10-03 10:00,,resolved,phone,0,0,0,"never closed\nT77778,E1,2026-10-03 10:00,,resolved,phone,0,0,0,ok\n`;
    const badByte = Buffer.concat([Buffer.from(lines.slice(0, late).join('\n') + '\n'), Buffer.from([0x54, 0xff, 0x2c]), Buffer.from(lines.slice(late).join('\n'))]);
    const earlyBadByte = Buffer.concat([Buffer.from(lines.slice(0, 900).join('\n') + '\n'), Buffer.from([0x54, 0xff, 0x2c]), Buffer.from(lines.slice(900).join('\n'))]);
    const responsesNoHeader = files['responses.csv'].replace('received_at', 'when');
    const cases: Record<string, string | Buffer>[] = [{ 'tickets.csv': unclosed }, { 'tickets.csv': badByte }, { 'tickets.csv': earlyBadByte }, { 'responses.csv': responsesNoHeader },
      { 'surveys.csv': files['surveys.csv'] + '"S1,oops\n' }, { 'responses.csv': files['responses.csv'] + '"T1,oops\n', 'surveys.csv': files['surveys.csv'].replace('score', 'stars') }];
    for (const change of cases) {
      await withFiles({ ...files, ...change }, async (dir) => {
        const one = await failure(run(dir, { parts: 'off' }));
        expect(one).not.toBe('no error');
        expect(await failure(run(dir, { parts: 'on' }))).toBe(one);
      });
    }
  });

  it('takes the reader started before the rules were read, or lets it go and it ends', async () => {
    await withFiles(month(3000), async (dir) => {
      const one = canon(await run(dir, { parts: 'off' }));
      // started from the files alone, then given its work once the rules and the roster are read
      const two = await run(dir, { parts: 'on', reader: startReader(paths(dir), 'on') });
      expect(halves(two)).toEqual(SPLIT);
      expect(canon(two)).toBe(one);
      // the rules keep the month in one pass: the run lets the reader go (and reads as one pass does)
      const keepFirst = { ...config, inputs: { ...config.inputs, tickets: { duplicates: 'keep_first' as const } } };
      const unused = startReader(paths(dir), 'on');
      const kept = await run(dir, { parts: 'on', config: keepFirst, reader: unused });
      expect(halves(kept)).toEqual([]);
      expect(canon(kept)).toBe(canon(await run(dir, { parts: 'off', config: keepFirst })));
      const timeout = () => new Promise((resolve) => setTimeout(() => resolve('still running'), 5000));
      expect(await Promise.race([unused?.ended.then(() => 'ended'), timeout()])).toBe('ended');
      // a reader let go (the run failed before it could take it) ends on its own
      const dropped = startReader(paths(dir), 'on');
      dropped?.close();
      expect(await Promise.race([dropped?.ended.then(() => 'ended'), timeout()])).toBe('ended');
    });
  });

  it('an other part whose work is no longer wanted ends, whether it reads or waits for the first part', async () => {
    const files = month(2500);
    const lines = files['tickets.csv'].split('\n');
    // the first part of the tickets fails early (its first rows), or late (the last rows of a part of 90%)
    for (const [at, cut] of [[900, undefined], [Math.floor(lines.length * 0.85), 0.9]] as const) {
      const bad = Buffer.concat([Buffer.from(lines.slice(0, at).join('\n') + '\n'), Buffer.from([0x54, 0xff, 0x2c]), Buffer.from(lines.slice(at).join('\n'))]);
      await withFiles({ ...files, 'tickets.csv': bad }, async (dir) => {
        const second = startReader(paths(dir), 'on');
        expect(second).not.toBeNull();
        expect(await failure(run(dir, { parts: 'on', shares: { tickets: cut }, reader: second }))).toBe(await failure(run(dir, { parts: 'off' })));
        const timeout = new Promise((resolve) => setTimeout(() => resolve('still running'), 5000));
        expect(await Promise.race([second?.ended.then(() => 'ended'), timeout])).toBe('ended');
      });
    }
  });

  it('a small month reads in one pass by default; asked (on), its files are cut past their header lines: the same', async () => {
    await withFiles(month(300), async (dir) => {
      const auto = await run(dir, {});
      expect(halves(auto)).toEqual([]);
      const on = await run(dir, { parts: 'on' });
      expect(halves(on)).toEqual(SPLIT);
      expect(canon(on)).toBe(canon(auto));
    });
  });
  it('a month that cannot be cut, asked for two parts, says why it is read in one pass', async () => {
    await withFiles({ ...month(300), 'tickets.csv': 'ticket_id,engineer_id,created_at\n', 'responses.csv': 'ticket_id,received_at\n', 'surveys.csv': 'survey_id,score,submitted_at\n' }, async (dir) => {
      const said: string[] = [];
      const r = await run(dir, { parts: 'on', log: (line) => said.push(line) });
      expect(halves(r)).toEqual([]);
      expect(said).toEqual(['read in one pass: no file is big enough to cut']);
    });
  });
});
