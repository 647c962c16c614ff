// The pipeline in one place: ingest -> validate -> join -> metrics -> scoring -> history. Reports are written by report/.
import type { Config, InputName } from './config/schema.js';
import { wallParts, type Period } from './util/time.js';
import { readTable } from './ingest/read-table.js';
import { makeRecordReader, type Rec, type RecordReader } from './validate/record.js';
import type { Cell } from './validate/values.js';
import type { ColumnSpec } from './validate/columns.js';
import { EventLogCollector, eventColumns } from './validate/event-log.js';
import type { Reject, RejectCode } from './problems.js';
import { newAcc, type EngineerAcc } from './metrics/accumulator.js';
import { TicketIndex } from './metrics/ticket-index.js';
import { scoreEngineer, type ScoreResult } from './scoring/score.js';
import { advanceHistory, type GradeChange, type LedgerRow, type PeriodScore, type RosterEntry } from './history/ledger.js';
import { byId, type State } from './history/state.js';
import { roundHalfUp } from './util/round.js';

export interface InputSummary {
  input: InputName;
  path: string;
  file: string;
  sheet: string;
  sha256: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_out_of_period: number;
  reject_codes: Partial<Record<RejectCode, number[]>>;
  /** with duplicates: keep_first | keep_last, rows of an id that another row of it stands for (counted as accepted) */
  rows_superseded?: number;
  /** event logs: tickets accepted that no engineer could be attributed to (not scored) */
  tickets_unassigned?: number;
}

export interface EngineerResult { roster: RosterEntry; acc: EngineerAcc; score: ScoreResult; ledger: LedgerRow }

export interface PeriodResult {
  period: Period;
  inputs: InputSummary[];
  rejects: Reject[];
  engineers: EngineerResult[];
  changes: GradeChange[];
  state: State;
}

export type InputPaths = Partial<Record<InputName, string>>;

/** An engineer of the roster and, when scored (not left), the running aggregates of the period. */
interface Slot { row: number; entry: RosterEntry; acc: EngineerAcc | null }

/** The id column of each input, for the duplicates option. */
const ID_COLUMN: Partial<Record<InputName, string>> = { tickets: 'ticket_id', responses: 'ticket_id', surveys: 'survey_id', roster: 'engineer_id' };


class InputRun {
  readonly summary: InputSummary;
  constructor(readonly reader: RecordReader, path: string, private readonly rejects: Reject[], private readonly onReject?: (r: Reject) => void) {
    this.summary = {
      input: reader.input, path, file: reader.file, sheet: reader.sheet, sha256: '', rows_read: 0, rows_accepted: 0,
      rows_rejected: 0, rows_out_of_period: 0, reject_codes: {},
    };
  }
  reject(rec: { row: number }, code: RejectCode, column: string, value: string, args?: Record<string, string | number>): void {
    const r: Reject = { code, location: { file: this.reader.file, sheet: this.reader.sheet, row: rec.row, column: column === '' ? '' : this.reader.headerOf(column) }, value, args };
    this.push(r);
  }
  push(r: Reject): void {
    this.rejects.push(r);
    this.summary.rows_rejected += 1;
    (this.summary.reject_codes[r.code] ??= []).push(r.location.row);
    this.onReject?.(r);
  }
}

async function eachRecord(path: string, shownPath: string | undefined, input: InputName, config: Config, rejects: Reject[], stdin: NodeJS.ReadableStream | undefined,
  fn: (rec: Rec, row: number, run: InputRun, text: (id: string) => string) => void, columns?: ColumnSpec[]): Promise<InputSummary> {
  const opts = config.inputs[input] ?? {};
  const tableOpts = { sheet: opts.sheet, delimiter: opts.delimiter, encoding: opts.encoding };
  // duplicates: keep_first | keep_last: a pre-pass finds, per id, the row that stands for it (a snapshot export
  // repeats a ticket on every update); the other rows of that id are superseded, not rejected
  const idColumn = ID_COLUMN[input];
  let keep: Map<string, number> | null = null;
  if (idColumn && (opts.duplicates === 'keep_first' || opts.duplicates === 'keep_last')) {
    const last = opts.duplicates === 'keep_last';
    const chosen = new Map<string, number>();
    if (path === '-') throw new ConfigNeeded(`duplicates: ${opts.duplicates} reads the ${input} file twice; give a file, not standard input`);
    await readTable(path, tableOpts, (h) => {
      const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, config.timezone, opts, columns);
      return (row, cells) => {
        const id = reader.rawText(cells, idColumn).trim();
        if (id !== '' && (last || !chosen.has(id))) chosen.set(id, row);
      };
    }, stdin);
    keep = chosen;
  }
  let run: InputRun | undefined;
  const sha = await readTable(path, tableOpts, (h) => {
    const reader = makeRecordReader(input, h.file, h.sheet, h.headers, h.date1904, config.timezone, opts, columns);
    const r = new InputRun(reader, shownPath ?? path, rejects);
    run = r;
    let current: Cell[] = [];
    const text = (id: string) => reader.rawText(current, id);
    return (row, cells) => {
      if (keep !== null) {
        const id = reader.rawText(cells, idColumn as string).trim();
        const standing = keep.get(id);
        if (standing !== undefined && standing !== row) {
          r.summary.rows_read += 1;
          r.summary.rows_accepted += 1;
          r.summary.rows_superseded = (r.summary.rows_superseded ?? 0) + 1;
          return;
        }
      }
      const got = reader.read(row, cells);
      if (got.kind === 'blank') return;
      r.summary.rows_read += 1;
      if (got.kind === 'reject') r.push(got.reject);
      else {
        current = cells;
        fn(got.rec, row, r, text);
      }
    };
  }, stdin);
  const summary = (run as InputRun | undefined)?.summary;
  if (!summary) throw new Error('unreachable: a table without a header is a FileError');
  summary.sha256 = sha;
  return summary;
}

const ms = (v: unknown) => v as number;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The calendar day (YYYY-MM-DD) of an instant in the config timezone. */
function isoDay(t: number, tz: string): string {
  const w = wallParts(t, tz);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** An input that needs config the rules file lacks: a usage/config problem (exit 2). */
export class ConfigNeeded extends Error {}

export interface RunInputs { config: Config; period: Period; paths: InputPaths; shown?: InputPaths; prior: State | null; stdin?: NodeJS.ReadableStream }

export async function runPipeline({ config, period, paths, shown = {}, prior, stdin }: RunInputs): Promise<PeriodResult> {
  const rejects: Reject[] = [];
  const inputs: InputSummary[] = [];
  const inPeriod = (t: number) => t >= period.start && t < period.end;
  const tz = config.timezone;
  const rejectRows = (s: InputSummary, rows: number[], code: RejectCode, column: string, value: string, args: Record<string, string | number>) => {
    for (const row of rows) {
      const r: Reject = { code, location: { file: s.file, sheet: s.sheet, row, column }, value, args };
      rejects.push(r);
      s.rows_rejected += 1;
      (s.reject_codes[code] ??= []).push(row);
    }
  };

  // Roster: who is scored. One slot per engineer: looked up once per row.
  const roster = new Map<string, Slot>();
  if (paths.roster) inputs.push(await eachRecord(paths.roster, shown.roster, 'roster', config, rejects, stdin, (rec, row, run) => {
    const id = rec.engineer_id as string;
    const first = roster.get(id);
    if (first) return run.reject({ row }, 'DUPLICATE_ID', 'engineer_id', id, { what: 'engineer', first: first.row });
    for (const k of ['level', 'annual_points'] as const) {
      const v = rec[k];
      if (v !== null && (!Number.isInteger(v) || (v as number) < 0)) return run.reject({ row }, 'OUT_OF_RANGE', k, str(v), { range: 'whole numbers >= 0' });
    }
    const entry: RosterEntry = {
      engineer_id: id, name: rec.name as string, team: str(rec.team), level: rec.level as number | null,
      annual_points: rec.annual_points as number | null, hire_date: rec.hire_date === null ? null : isoDay(ms(rec.hire_date), tz),
      status: (rec.status as RosterEntry['status'] | null) ?? 'active',
    };
    roster.set(id, { row, entry, acc: entry.status === 'left' ? null : newAcc() });
    run.summary.rows_accepted += 1;
  }));

  // Tickets: the cohort.
  const tickets = new TicketIndex<Slot>();
  const countTicket = (acc: EngineerAcc, created: number, resolved: number | null, status: string | null, complaint: boolean, reopened: boolean, callback: boolean) => {
    acc.tickets += 1;
    const hours = resolved === null ? null : (resolved - created) / 3_600_000;
    if (hours !== null || status === 'resolved' || status === 'closed') acc.resolved += 1;
    if (hours !== null) acc.resolutionHours.push(hours);
    if (complaint) {
      acc.complaints += 1;
      if (hours !== null) acc.complaintHours.push(hours);
    }
    if (reopened) acc.reopened += 1;
    if (callback) acc.callbacks += 1;
  };
  const countResponse = (acc: EngineerAcc, t: number, received: number, first: number | null, arrival: number | null) => {
    if (first !== null) acc.firstResponse.push((first - received) / 60_000);
    else acc.responseMissing += 1;
    if (t >= 0 && tickets.onsite(t)) {
      acc.onsiteCases += 1;
      if (arrival !== null) acc.onsiteArrival.push((arrival - received) / 60_000);
    }
  };
  if (paths.tickets) inputs.push(await eachRecord(paths.tickets, shown.tickets, 'tickets', config, rejects, stdin, (rec, row, run, text) => {
    const created = ms(rec.created_at);
    const resolved = rec.resolved_at as number | null;
    if (resolved !== null && resolved < created) return run.reject({ row }, 'NEGATIVE_DURATION', 'resolved_at', text('resolved_at'), { later: 'resolved_at', earlier: 'created_at' });
    if (!inPeriod(created)) {
      run.summary.rows_out_of_period += 1;
      return;
    }
    const id = rec.ticket_id as string;
    const engineer = rec.engineer_id as string;
    const slot = roster.get(engineer);
    if (!slot) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, { id: engineer });
    const first = tickets.lookup(id);
    if (first >= 0) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', id, { what: 'ticket', first: tickets.row(first) });
    const cancelled = rec.status === 'cancelled';
    const acc = slot.acc;
    tickets.add(id, slot, row, !cancelled && acc !== null, cancelled, rec.channel === 'onsite');
    run.summary.rows_accepted += 1;
    if (cancelled || !acc) return;
    countTicket(acc, created, resolved, rec.status as string | null, rec.is_complaint === true, rec.reopened === true, rec.callback_done === true);
  }));

  // An event log: its tickets (and their first responses) are derived per ticket once every event is read.
  let responsesFromEvents = false;
  if (paths.events) {
    const e = config.event_log;
    if (!e) throw new ConfigNeeded('an events file needs an event_log section in the rules file (see scorecard init)');
    const collector = new EventLogCollector(e);
    const summary = await eachRecord(paths.events, shown.events, 'events', config, rejects, stdin, (rec, row) => collector.add(rec, row), eventColumns(e));
    const derived = [...collector.derive()];
    if (e.derive_roster) {
      // the roster is who worked the period: every engineer of a ticket created in it
      for (const d of derived) {
        if (d.engineer === null || roster.has(d.engineer) || !inPeriod(d.created_at)) continue;
        roster.set(d.engineer, { row: 0, entry: { engineer_id: d.engineer, name: d.engineer, team: '', level: null, annual_points: null, hire_date: null, status: 'active' }, acc: newAcc() });
      }
    }
    let unassigned = 0;
    for (const d of derived) {
      if (!inPeriod(d.created_at)) {
        summary.rows_out_of_period += d.rows.length;
        continue;
      }
      const first = d.first_response_at;
      if (first !== null && first < d.created_at) {
        rejectRows(summary, d.rows, 'NEGATIVE_DURATION', e.columns.timestamp, d.ticket_id, { later: 'first response', earlier: 'creation' });
        continue;
      }
      if (d.resolved_at !== null && d.resolved_at < d.created_at) {
        rejectRows(summary, d.rows, 'NEGATIVE_DURATION', e.columns.timestamp, d.ticket_id, { later: 'resolution', earlier: 'creation' });
        continue;
      }
      const slot = d.engineer === null ? undefined : roster.get(d.engineer);
      if (d.engineer !== null && !slot) {
        rejectRows(summary, d.rows, 'UNKNOWN_ENGINEER', e.columns.actor ?? 'actor', d.engineer, { id: d.engineer });
        continue;
      }
      if (tickets.lookup(d.ticket_id) >= 0) {
        rejectRows(summary, d.rows, 'DUPLICATE_ID', e.columns.ticket_id, d.ticket_id, { what: 'ticket (also in the tickets file)', first: tickets.row(tickets.lookup(d.ticket_id)) });
        continue;
      }
      summary.rows_accepted += d.rows.length;
      if (!slot) {
        unassigned += 1; // no engineer took it (never taken in charge, or only system accounts): accepted, not scored
        continue;
      }
      const acc = slot.acc;
      const cancelled = d.status === 'cancelled';
      tickets.add(d.ticket_id, slot, d.rows[0], !cancelled && acc !== null, cancelled, false);
      if (cancelled || !acc) continue;
      countTicket(acc, d.created_at, d.resolved_at, d.status, false, d.reopened, false);
      if (e.first_response) {
        tickets.markResponded(tickets.size - 1, d.rows[0]);
        countResponse(acc, tickets.size - 1, d.created_at, first, null);
      }
    }
    summary.tickets_unassigned = unassigned;
    responsesFromEvents = e.first_response !== undefined;
    inputs.push(summary);
  }

  // Responses and surveys join to tickets; either may name its own roster engineer instead.
  let joined = -1;
  const attribute = (rec: Rec, row: number, run: InputRun): Slot | null => {
    const own = rec.engineer_id as string | null;
    joined = rec.ticket_id === null ? -1 : tickets.find(rec.ticket_id as string);
    if (own) {
      const slot = roster.get(own);
      if (!slot) run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', own, { id: own });
      return slot ?? null;
    }
    if (joined < 0) {
      run.reject({ row }, 'UNKNOWN_TICKET', 'ticket_id', str(rec.ticket_id), { id: str(rec.ticket_id) });
      return null;
    }
    return tickets.engineer(joined);
  };

  if (paths.responses) {
    const unjoined = new Map<string, number>(); // responses naming their own engineer and a ticket not in the files
    inputs.push(await eachRecord(paths.responses, shown.responses, 'responses', config, rejects, stdin, (rec, row, run, text) => {
      const received = ms(rec.received_at);
      const first = rec.first_response_at as number | null;
      const arrival = rec.onsite_arrival_at as number | null;
      if (first !== null && first < received) return run.reject({ row }, 'NEGATIVE_DURATION', 'first_response_at', text('first_response_at'), { later: 'first_response_at', earlier: 'received_at' });
      if (arrival !== null && arrival < received) return run.reject({ row }, 'NEGATIVE_DURATION', 'onsite_arrival_at', text('onsite_arrival_at'), { later: 'onsite_arrival_at', earlier: 'received_at' });
      if (!inPeriod(received)) {
        run.summary.rows_out_of_period += 1;
        return;
      }
      const slot = attribute(rec, row, run);
      if (!slot) return;
      const tid = rec.ticket_id as string;
      const t = joined;
      const dup = t >= 0 ? tickets.responseRow(t) : unjoined.get(tid);
      if (dup) return run.reject({ row }, 'DUPLICATE_ID', 'ticket_id', tid, { what: 'ticket', first: dup });
      if (t >= 0) tickets.markResponded(t, row);
      else unjoined.set(tid, row);
      run.summary.rows_accepted += 1;
      const acc = slot.acc;
      if (!acc || (t >= 0 && tickets.cancelled(t))) return;
      countResponse(acc, t, received, first, arrival);
    }));
  }
  if (paths.responses || responsesFromEvents) {
    // A cohort ticket without any response row counts as not responded (and, onsite, as not arrived).
    tickets.eachUnresponded((slot, onsite) => {
      const acc = slot.acc as EngineerAcc;
      acc.responseMissing += 1;
      if (onsite) acc.onsiteCases += 1;
    });
  }

  if (paths.surveys) {
    const [lo, hi] = config.surveys.scale;
    const seen = new Map<string, number>();
    inputs.push(await eachRecord(paths.surveys, shown.surveys, 'surveys', config, rejects, stdin, (rec, row, run) => {
      const score = rec.score as number;
      if (score < lo || score > hi) return run.reject({ row }, 'OUT_OF_RANGE', 'score', String(score), { range: `${lo}-${hi}` });
      if (!inPeriod(ms(rec.submitted_at))) {
        run.summary.rows_out_of_period += 1;
        return;
      }
      const id = rec.survey_id as string;
      const dup = seen.get(id);
      if (dup !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'survey_id', id, { what: 'survey', first: dup });
      const slot = attribute(rec, row, run);
      if (!slot) return;
      seen.set(id, row);
      run.summary.rows_accepted += 1;
      const acc = slot.acc;
      if (!acc || (joined >= 0 && tickets.cancelled(joined))) return;
      acc.surveyScores.push(((score - lo) / (hi - lo)) * 100);
      acc.surveyRaw.push(score);
    }));
  }

  if (paths.adjustments) {
    inputs.push(await eachRecord(paths.adjustments, shown.adjustments, 'adjustments', config, rejects, stdin, (rec, row, run) => {
      const value = rec.value as number;
      if (rec.target === 'points' && !Number.isInteger(value)) return run.reject({ row }, 'OUT_OF_RANGE', 'value', String(value), { range: 'whole points' });
      const date = ms(rec.date);
      if (!inPeriod(date)) {
        run.summary.rows_out_of_period += 1;
        return;
      }
      const engineer = rec.engineer_id as string;
      const slot = roster.get(engineer);
      if (!slot) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, { id: engineer });
      run.summary.rows_accepted += 1;
      const acc = slot.acc;
      if (!acc) return;
      if (rec.target === 'score') acc.scoreAdjustment = roundHalfUp(acc.scoreAdjustment + value, 6);
      else acc.pointsAdjustment += value;
      acc.adjustments.push({ date: isoDay(date, tz), target: rec.target as string, value, reason: rec.reason as string, approved_by: str(rec.approved_by) });
    }));
  }

  if (paths.evaluations) {
    const seen = new Map<string, number>();
    inputs.push(await eachRecord(paths.evaluations, shown.evaluations, 'evaluations', config, rejects, stdin, (rec, row, run) => {
      const engineer = rec.engineer_id as string;
      const item = rec.item as string;
      const slot = roster.get(engineer);
      if (!slot) return run.reject({ row }, 'UNKNOWN_ENGINEER', 'engineer_id', engineer, { id: engineer });
      const key = `${engineer}\u0000${item}`;
      const dup = seen.get(key);
      if (dup !== undefined) return run.reject({ row }, 'DUPLICATE_ID', 'item', item, { what: 'engineer and item', first: dup });
      seen.set(key, row);
      run.summary.rows_accepted += 1;
      slot.acc?.evals.set(item, rec.value as number);
    }));
  }

  // Scoring, then history, for every scored roster engineer in id order.
  const all = [...roster.values()].sort((a, b) => byId(a.entry.engineer_id, b.entry.engineer_id));
  const scored = all.filter((s) => s.acc !== null);
  const periodScores = new Map<string, PeriodScore>();
  const results = scored.map((s) => {
    const acc = s.acc as EngineerAcc;
    const score = scoreEngineer(config, acc);
    periodScores.set(s.entry.engineer_id, { total: score.total, rating: score.rating, points_adjustment: acc.pointsAdjustment });
    return { s, acc, score };
  });
  const history = advanceHistory(config, prior, period.id, all.map((s) => s.entry), periodScores);
  const engineers = results.map(({ s, acc, score }) => ({ roster: s.entry, acc, score, ledger: history.rows.get(s.entry.engineer_id) as LedgerRow }));
  // rejects by file (in reading order) then row, whatever stage found them
  const fileOrder = new Map(inputs.map((s, i) => [s.file, i]));
  const sorted = rejects.map((r, i) => ({ r, i })).sort((a, b) =>
    (fileOrder.get(a.r.location.file) ?? 0) - (fileOrder.get(b.r.location.file) ?? 0) || a.r.location.row - b.r.location.row || a.i - b.i).map((x) => x.r);
  return { period, inputs, rejects: sorted, engineers, changes: history.changes, state: history.state };
}
