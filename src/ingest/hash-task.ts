// Ingest stage, a task (parallel/task.ts): the sha256 of each file it is given, or null for one it cannot read (the
// caller then hashes that one itself, and reports the error if there is one).
import type { TaskRun } from '../parallel/task.js';
import { sha256OfFile } from './file-hash.js';

export const run: TaskRun<string[], (string | null)[]> = async (paths) => ({
  result: paths.map((path) => {
    try {
      return sha256OfFile(path);
    } catch {
      return null;
    }
  }),
});
