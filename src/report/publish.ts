// Report stage, file system side: the output root's lock, published-period discovery and the atomic publish of a period folder.
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, closeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export class OutputError extends Error {}

/** A published file that cannot be trusted (missing, changed since publishing, or not what its manifest says). */
export class PublishedFileError extends Error {}

/** The part of a period's manifest that reading its files back relies on. */
const manifestSchema = z.object({
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/),
  status: z.enum(['published', 'refused']),
  outputs: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')),
}).passthrough();

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

/** Takes the lock on the output root; a lock left by a dead process on this host is taken over. Returns the release function. */
export function acquireLock(out: string, now: Date): () => void {
  mkdirSync(out, { recursive: true });
  const path = join(out, LOCK);
  const me = { pid: process.pid, host: hostname(), started: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(`${out}: cannot create the lock file (${(e as NodeJS.ErrnoException).code})`);
      let holder: { pid?: number; host?: string; started?: string } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8'));
      } catch { /* a lock being written, or garbage: judged by the pid below */ }
      const sameHost = holder.host === undefined || holder.host === me.host;
      if (typeof holder.pid === 'number' && sameHost && !alive(holder.pid)) {
        rmSync(path, { force: true }); // stale: its process is gone
        continue;
      }
      throw new OutputError(`${out} is locked by another scorecard run (pid ${holder.pid ?? '?'} on ${holder.host ?? '?'}, started ${holder.started ?? '?'}); if no run is going on, delete ${path}`);
    }
  }
  throw new OutputError(`${out}: could not take the lock`);
}

/** Periods published in the output root: folders named YYYY-MM with a state.json and a published manifest. */
export function publishedPeriods(out: string): string[] {
  if (!existsSync(out)) return [];
  return readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d) && existsSync(join(out, d, 'state.json')) && isPublished(join(out, d))).sort();
}

function isPublished(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).status === 'published';
  } catch {
    return false;
  }
}

/** Leftovers of killed runs: temporary folders are removed; a period moved aside but never replaced is put back. */
export function cleanLeftovers(out: string): string[] {
  if (!existsSync(out)) return [];
  const notes: string[] = [];
  for (const d of readdirSync(out).sort()) {
    const m = /^\.(\d{4}-\d{2}(?:\.refused)?)\.(tmp|old)-\d+-[0-9a-z]+$/.exec(d);
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
export type FileData = string | Buffer | Buffer[];

/** Writes every file into a temporary folder beside the target, then swaps it into place. */
export function publishFolder(out: string, name: string, files: Map<string, FileData>): void {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(out, `.${name}.tmp-${tag}`);
  mkdirSync(tmp, { recursive: true });
  for (const [file, data] of files) {
    const fd = openSync(join(tmp, file), 'w');
    for (const part of Array.isArray(data) ? data : [data]) writeFileSync(fd, part);
    fsyncSync(fd);
    closeSync(fd);
  }
  const target = join(out, name);
  if (existsSync(target)) {
    const old = join(out, `.${name}.old-${tag}`);
    renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, target);
  }
}
