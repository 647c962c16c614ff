// End to end on slices of the real public logs shipped in examples/*/data (compressed): one month's per-engineer ticket counts and
// first-response figures are computed here independently (plain code over the CSV, no scorecard module) and compared.
import { describe, expect, it, afterAll } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const DATA = join(ROOT, 'examples');

/** Instant of a wall time in an IANA zone, by two passes of Intl (independent of src/util/time.ts). */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(t)).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
  };
  return guess - offsetAt(guess - offsetAt(guess));
}

function slice(file: string, lines: number): string {
  const dir = tempDir('slice-');
  const text = gunzipSync(readFileSync(file)).toString('utf8').split(/\r?\n/).slice(0, lines + 1).join('\n') + '\n';
  const path = join(dir, (file.split('/').pop() as string).replace(/\.gz$/, ''));
  writeFileSync(path, text);
  return path;
}

interface Card { engineer_id: string; indicators: { id: string; value: number | null; n: number }[] }

/** Per engineer: tickets (the first-response indicator's cases) and how many were within the threshold. */
function firstResponses(out: string, period: string): Record<string, { tickets: number; within: number }> {
  const cards = JSON.parse(readFileSync(join(out, period, 'scorecards.json'), 'utf8')).engineers as Card[];
  return Object.fromEntries(cards.map((c) => {
    const fr = c.indicators.find((i) => i.id === 'first_response')!;
    return [c.engineer_id, { tickets: fr.n, within: Math.round((fr.value ?? 0) * fr.n) }];
  }));
}

describe('helpdesk-italian: an event log with system accounts', () => {
  const source = join(DATA, 'helpdesk-italian', 'data', 'finale.csv.gz');
  it('2012-10 of a 6,000-row slice: tickets per engineer and first responses within 24 h match an independent count', async () => {
    expect(existsSync(source), `${source} (shipped with the examples)`).toBe(true);
    const file = slice(source, 6000);
    const out = tempDir('hd-');
    const r = await cli(['run', '--period', '2012-10', '--config', 'examples/helpdesk-italian/rules.yaml', '--events', file, '--out', out, '--fresh']);
    expect(r.code, r.stderr).toBe(0);

    const rows = parse(readFileSync(file, 'utf8'), { columns: false, from_line: 2 }) as string[][];
    const SYSTEM = new Set(['Value 5', 'Value 3']);
    const cases = new Map<string, { t: number; activity: string; who: string; i: number }[]>();
    rows.forEach((r2, i) => {
      const [y, mo, d, h, mi, s] = r2[3].split(/[/ :.]/).map(Number);
      const list = cases.get(r2[0]) ?? [];
      list.push({ t: instant(y, mo, d, h, mi, s, 'Europe/Rome'), activity: r2[1], who: r2[2], i });
      cases.set(r2[0], list);
    });
    const start = instant(2012, 10, 1, 0, 0, 0, 'Europe/Rome');
    const end = instant(2012, 11, 1, 0, 0, 0, 'Europe/Rome');
    const want = new Map<string, { tickets: number; within: number }>();
    for (const events of cases.values()) {
      const opens = events.filter((e) => e.activity === 'Assign seriousness' || e.activity === 'Insert ticket');
      const created = opens.length ? Math.min(...opens.map((e) => e.t)) : Math.min(...events.map((e) => e.t));
      if (created < start || created >= end) continue;
      const takes = events.filter((e) => e.activity === 'Take in charge ticket' && !SYSTEM.has(e.who)).sort((a, b) => a.t - b.t || a.i - b.i);
      const resolves = events.filter((e) => e.activity === 'Resolve ticket').sort((a, b) => a.t - b.t || a.i - b.i);
      const people = events.filter((e) => !SYSTEM.has(e.who)).sort((a, b) => a.t - b.t || a.i - b.i);
      const resolver = resolves.length ? resolves[resolves.length - 1].who : null;
      const engineer = (resolver && !SYSTEM.has(resolver) ? resolver : null) ?? takes[0]?.who ?? people[people.length - 1]?.who;
      if (!engineer) continue;
      const w = want.get(engineer) ?? { tickets: 0, within: 0 };
      w.tickets += 1;
      if (takes.length && takes[0].t - created <= 24 * 3600_000) w.within += 1;
      want.set(engineer, w);
    }
    expect(want.size).toBeGreaterThan(3);
    const got = firstResponses(out, '2012-10');
    expect(got).toEqual(Object.fromEntries(want));
    const m = JSON.parse(readFileSync(join(out, '2012-10', 'manifest.json'), 'utf8'));
    expect(m.inputs.events.rows_read).toBe(6000);
    expect(m.inputs.events.rows_read).toBe(m.inputs.events.rows_accepted + m.inputs.events.rows_rejected + m.inputs.events.rows_out_of_period);
    expect(Object.keys(got)).not.toContain('Value 5');
  });
});

describe('servicenow-incidents: a snapshot export read as an event log', () => {
  const source = join(DATA, 'servicenow-incidents', 'data', 'incident_event_log.csv.gz');
  it('2016-03 of a 15,000-row slice: tickets per last assignee and first Active within 1 h match an independent count', async () => {
    expect(existsSync(source), `${source} (shipped with the examples)`).toBe(true);
    const file = slice(source, 15000);
    const out = tempDir('sn-');
    const r = await cli(['run', '--period', '2016-03', '--config', 'examples/servicenow-incidents/rules.yaml', '--events', file, '--out', out, '--fresh']);
    expect(r.code, r.stderr).toBe(0);

    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    const dmy = (s: string) => {
      const [d, mo, y, h, mi] = s.split(/[/ :]/).map(Number);
      return Date.UTC(y, mo - 1, d, h, mi);
    };
    const byNumber = new Map<string, { row: Record<string, string>; t: number; i: number }[]>();
    rows.forEach((row, i) => {
      const list = byNumber.get(row.number) ?? [];
      list.push({ row, t: dmy(row.sys_updated_at), i });
      byNumber.set(row.number, list);
    });
    const want = new Map<string, { tickets: number; within: number }>();
    for (const updates of byNumber.values()) {
      const ordered = [...updates].sort((a, b) => a.t - b.t || a.i - b.i);
      const latest = ordered[ordered.length - 1].row;
      const created = dmy(latest.opened_at);
      if (created < Date.UTC(2016, 2, 1) || created >= Date.UTC(2016, 3, 1)) continue;
      const named = ordered.filter((u) => u.row.assigned_to !== '?');
      if (named.length === 0) continue; // never assigned: accepted, not scored
      const engineer = named[named.length - 1].row.assigned_to;
      const active = ordered.find((u) => u.row.incident_state === 'Active');
      const w = want.get(engineer) ?? { tickets: 0, within: 0 };
      w.tickets += 1;
      if (active && active.t - created <= 3600_000) w.within += 1;
      want.set(engineer, w);
    }
    expect(want.size).toBeGreaterThan(10);
    expect(firstResponses(out, '2016-03')).toEqual(Object.fromEntries(want));
    const m = JSON.parse(readFileSync(join(out, '2016-03', 'manifest.json'), 'utf8')).inputs.events;
    expect(m.rows_read).toBe(m.rows_accepted + m.rows_rejected + m.rows_out_of_period);
  });
});

describe('the example scripts', () => {
  const EXAMPLES: [string, string, string[]][] = [
    ['bpi2013-volvo-incidents', 'VINST-new.csv.gz', ['2012-04', '2012-05']],
    ['helpdesk-italian', 'finale.csv.gz', ['2012-01', '2012-06', '2012-12']],
    ['servicenow-incidents', 'incident_event_log.csv.gz', ['2016-02', '2016-05']],
  ];
  it.each(EXAMPLES)('%s: run.sh scores its months from the log shipped in data/, which says where it comes from', (name, log, months) => {
    const source = readFileSync(join(ROOT, 'examples', name, 'data', 'SOURCE.md'), 'utf8');
    expect(source).toMatch(/\*\*Source:\*\*/);
    expect(source).toMatch(/\*\*Licence:\*\*/);
    expect(source).toMatch(/\*\*Cite as:\*\*/);
    const rows = gunzipSync(readFileSync(join(ROOT, 'examples', name, 'data', log))).toString('utf8').split(/\r?\n/).filter((l) => l !== '').length - 1;
    const out = tempDir('ex-');
    const r = spawnSync('bash', [join(ROOT, 'examples', name, 'run.sh'), out], { encoding: 'utf8', env: { ...process.env, SCORECARD_DATASETS: '' } });
    expect(r.status, r.stderr).toBe(0);
    for (const month of months) {
      const m = JSON.parse(readFileSync(join(out, month, 'manifest.json'), 'utf8'));
      expect(m.status).toBe('published');
      expect(m.inputs.events.rows_read).toBe(rows);
      expect(m.inputs.events.path.endsWith(log)).toBe(true);
      expect(m.engineers_scored).toBeGreaterThan(0);
    }
  }, 120_000);
});
