// Ingest stage, a task (parallel/task.ts): a workbook's shared strings parsed on another core while the sheet's rows
// are read (xlsx-reader.ts); the table comes back as its bytes and offsets, moved.
import type { TaskRun } from '../parallel/task.js';
import { sharedStringsOf } from './xlsx-reader.js';

export const run: TaskRun<{ path: string; file: string }, { bytes: Uint8Array; ends: Uint32Array; length: number }> = async ({ path, file }) => {
  const { bytes, ends, length } = (await sharedStringsOf(path, file)).data();
  return { result: { bytes, ends, length }, transfer: [bytes.buffer as ArrayBuffer, ends.buffer as ArrayBuffer] };
};
