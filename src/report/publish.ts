// Report stage, file system side: the output root's lock, published-period discovery and the atomic publish of a period folder.
import { existsSync, statSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, closeSync, fsyncSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { createHash } from 'node:crypto';
import { manifestSchema, type FileData } from './manifest.js';

export type { FileData } from './manifest.js';

export class OutputError extends Error {}

/** A published file that cannot be trusted (missing, changed since publishing, or not what its manifest says). */
export class PublishedFileError extends Error {}

/**
 * A published period's file, read back only when it is what the period's manifest recorded (sha256): a file edited
 * by hand, copied from another period or half-restored from a backup is refused, naming the file and what to do.
 */
export function readPublishedFile(out: string, period: string, name: string): Buffer {
  const dir = join(out, period);
  const manifestPath = join(dir, 'manifest.json');
  const redo = `run ${period} again to publish it anew, or start the ledger from the roster with --fresh`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PublishedFileError(`${manifestPath}: cannot read the period's manifest (${code ?? (e as Error).message}); ${redo}`);
  }
  const m = manifestSchema.safeParse(raw);
  if (!m.success) {
    const issue = m.error.issues[0];
    throw new PublishedFileError(`${manifestPath}: ${issue.path.join('.') || '(file)'}: ${issue.message}; ${redo}`);
  }
  if (m.data.period !== period) throw new PublishedFileError(`${manifestPath}: it is the manifest of ${m.data.period}, not of ${period} (copied from another period?); ${redo}`);
  if (m.data.status !== 'published') throw new PublishedFileError(`${manifestPath}: ${period} was refused, not published; ${redo}`);
  const recorded = m.data.outputs[name];
  const path = join(dir, name);
  if (recorded === undefined) throw new PublishedFileError(`${path}: the manifest of ${period} records no ${name}; ${redo}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new PublishedFileError(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${redo}`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== recorded) {
    throw new PublishedFileError(`${path}: changed since ${period} was published (sha256 ${actual.slice(0, 12)}…, the manifest records ${recorded.slice(0, 12)}…); ${redo}`);
  }
  return bytes;
}

const LOCK = '.scorecard.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An I/O failure as a sentence naming the path and the system's code (ENOSPC: the disk is full). */
export function ioFailure(what: string, path: string, e: unknown): OutputError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  const hint = code === 'ENOSPC' ? ': the disk is full' : code === 'EACCES' || code === 'EPERM' ? ': no permission' : code === 'EROFS' ? ': read-only file system' : '';
  return new OutputError(`${path}: cannot ${what} (${code}${hint})`);
}

/** Makes the output root, or says why not (a file in the way, no permission, a full disk). */
export function ensureOutputRoot(out: string): void {
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new OutputError(`${out}: --out must be a folder, and a file is in the way (${code})`);
    throw ioFailure('create the output folder', out, e);
  }
}

/**
 * Takes the lock on the output root; a lock left by a dead process on this host is taken over. The lock is written
 * whole to a file of its own and then linked into place, so it is never seen empty or half written: an empty or
 * unreadable lock is left over from a failure and is taken over too. Returns the release function.
 */
export function acquireLock(out: string, now: Date): () => void {
  ensureOutputRoot(out);
  const path = join(out, LOCK);
  const me = { pid: process.pid, host: hostname(), started: now.toISOString() };
  const draft = join(out, `${LOCK}.${process.pid}-${Date.now().toString(36)}`);
  try {
    writeFileSync(draft, `${JSON.stringify(me)}\n`);
  } catch (e) {
    rmSync(draft, { force: true });
    throw ioFailure('write the lock file', draft, e);
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, path);
        return () => rmSync(path, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioFailure('create the lock file', path, e);
      }
      let holder: { pid?: number; host?: string; started?: string } | null = null;
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch { /* empty or garbage: left by a failure, never by a run (a lock appears whole) */ }
      if (holder === null || typeof holder !== 'object') {
        rmSync(path, { force: true });
        continue;
      }
      const sameHost = holder.host === undefined || holder.host === me.host;
      if (typeof holder.pid === 'number' && sameHost && !alive(holder.pid)) {
        rmSync(path, { force: true }); // stale: its process is gone
        continue;
      }
      throw new OutputError(`${out} is locked by another scorecard run (pid ${holder.pid ?? '?'} on ${holder.host ?? '?'}, started ${holder.started ?? '?'}); if no run is going on, delete ${path}`);
    }
    throw new OutputError(`${out}: could not take the lock`);
  } finally {
    rmSync(draft, { force: true });
  }
}

/** Periods published in the output root: folders named YYYY-MM with a state.json and a published manifest. */
export function publishedPeriods(out: string): string[] {
  if (!existsSync(out)) return [];
  if (!statSync(out).isDirectory()) throw new OutputError(`${out}: --out must be a folder, and a file is in the way`);
  return readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d) && existsSync(join(out, d, 'state.json')) && isPublished(join(out, d))).sort();
}

/** A period folder holding a state is published unless its manifest says refused; a manifest that cannot be read
 * counts as published, so that reading the period back names the broken manifest (readPublishedFile). */
function isPublished(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).status !== 'refused';
  } catch {
    return true;
  }
}

/**
 * Leftovers of killed runs: a journal of several folders to swap (rerun) is completed first, every folder of it being
 * whole; then temporary folders are removed, and a period moved aside but never replaced is put back.
 */
export function cleanLeftovers(out: string): string[] {
  if (!existsSync(out)) return [];
  const notes: string[] = [];
  if (existsSync(join(out, JOURNAL))) {
    const moves = applyJournal(out);
    notes.push(`completed an interrupted publish of ${moves.join(', ')}`);
  }
  const reruns = join(out, 'reruns');
  if (existsSync(reruns)) for (const d of readdirSync(reruns)) if (/^\..+\.(tmp|old)-\d+-[0-9a-z]+$/.test(d)) rmSync(join(reruns, d), { recursive: true, force: true });
  for (const d of readdirSync(out).sort()) {
    const draft = /^\.scorecard\.lock\.(\d+)-[0-9a-z]+$/.exec(d);
    if (draft && !alive(Number(draft[1]))) rmSync(join(out, d), { force: true }); // a lock being written when its run was killed
    if (d.startsWith(`${JOURNAL}.`)) rmSync(join(out, d), { force: true }); // a journal being written when its run was killed
    const m = /^\.(\d{4}(?:-\d{2}|-Q[1-4]|-H[12])?(?:\.refused)?)\.(tmp|old)-\d+-[0-9a-z]+$/.exec(d);
    if (!m) continue;
    const target = join(out, m[1]);
    if (m[2] === 'old' && !existsSync(target)) {
      renameSync(join(out, d), target);
      notes.push(`restored ${m[1]} from an interrupted publish`);
    } else {
      rmSync(join(out, d), { recursive: true, force: true });
      notes.push(`removed ${d} left by an interrupted run`);
    }
  }
  return notes;
}

/** A file's content: text, bytes, or bytes in parts (a big file is never joined into one buffer). */


/** Writes every file into a temporary folder beside the target, then swaps it into place. */
export function publishFolder(out: string, name: string, files: Map<string, FileData>): void {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = writeDraft(out, name, files, tag);
  const target = join(out, name);
  try {
    if (existsSync(target)) {
      const old = join(out, `.${name}.old-${tag}`);
      renameSync(target, old);
      renameSync(tmp, target);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, target);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw ioFailure('move the new period into place', target, e); // an .old- folder left behind is restored by the next run
  }
}

/** The journal of a publish of several folders: written whole before the first swap, removed after the last. */
const JOURNAL = '.scorecard-journal.json';

interface Journal { moves: { name: string; tmp: string; old: string }[] }

/**
 * Publishes several folders (names relative to out, such as 2026-03 or reruns/X) all or none: each is written whole
 * beside its target first; then a journal naming every swap is written (atomically), the swaps are made and the
 * journal removed. Killed before the journal is in place, every folder is as it was (the drafts are removed by the
 * next run); killed after, the next run completes the swaps (cleanLeftovers): every folder is as it is after.
 */
export function publishAll(out: string, folders: readonly { name: string; files: Map<string, FileData> }[], killedAt?: KillPoint): void {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const journal: Journal = { moves: [] };
  try {
    for (const f of folders) {
      const tmp = writeDraft(out, f.name, f.files, tag);
      journal.moves.push({ name: f.name, tmp: tmp.slice(out.length + 1), old: join(dirname(f.name), `.${basename(f.name)}.old-${tag}`) });
    }
    if (killedAt === 'drafts') return;
    const draft = join(out, `${JOURNAL}.${tag}`);
    const fd = openSync(draft, 'w');
    try {
      writeFileSync(fd, `${JSON.stringify(journal, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(draft, join(out, JOURNAL));
  } catch (e) {
    for (const m of journal.moves) rmSync(join(out, m.tmp), { recursive: true, force: true });
    throw e instanceof OutputError ? e : ioFailure('write the journal of the publish', join(out, JOURNAL), e);
  }
  applyJournal(out, killedAt);
}

/**
 * Where a test stops a publish of several folders as a kill would: after the drafts are written, after the journal,
 * or after a number of steps of the swaps (each folder moved aside, then moved in: two steps).
 */
export type KillPoint = 'drafts' | 'journal' | number;

/** Makes the journal's swaps (each step again when already made: it may be completing a killed run) and removes it. */
function applyJournal(out: string, killedAt?: KillPoint): string[] {
  const path = join(out, JOURNAL);
  const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
  let steps = 0;
  const stop = () => killedAt === 'journal' || (typeof killedAt === 'number' && steps++ >= killedAt);
  for (const m of journal.moves) {
    const tmp = join(out, m.tmp);
    const target = join(out, m.name);
    if (!existsSync(tmp)) continue; // swapped already
    mkdirSync(dirname(target), { recursive: true });
    if (stop()) return [];
    if (existsSync(target)) renameSync(target, join(out, m.old));
    if (stop()) return [];
    renameSync(tmp, target);
  }
  for (const m of journal.moves) rmSync(join(out, m.old), { recursive: true, force: true });
  rmSync(path, { force: true });
  return journal.moves.map((m) => m.name);
}

/** A folder's files written whole (and synced) into a temporary folder beside where it goes; returns its path. */
function writeDraft(out: string, name: string, files: Map<string, FileData>, tag: string): string {
  const tmp = join(out, dirname(name), `.${basename(name)}.tmp-${tag}`);
  // a failure while writing (a full disk) removes the temporary folder and names the file it was writing
  let at = tmp;
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [file, data] of files) {
      at = join(tmp, file);
      if (file.includes('/')) mkdirSync(dirname(at), { recursive: true }); // report/engineers/<id>.html
      const fd = openSync(at, 'w');
      try {
        for (const part of Array.isArray(data) ? data : [data]) writeFileSync(fd, part);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw ioFailure(`write ${at === tmp ? 'the temporary folder' : 'the file'}`, at, e);
  }
  return tmp;
}
