// Ingest stage, the shared-strings thread (xlsx-reader.ts starts it): a workbook's shared strings parsed beside the
// main thread, which reads the sheet's rows meanwhile; the table comes back as its bytes and offsets, moved.
import { parentPort, workerData } from 'node:worker_threads';
import { sharedStringsOf } from './xlsx-reader.js';

const { path, file } = workerData as { path: string; file: string };
sharedStringsOf(path, file).then((s) => {
  const { bytes, ends, length } = s.data();
  parentPort?.postMessage({ bytes, ends, length }, [bytes.buffer as ArrayBuffer, ends.buffer as ArrayBuffer]);
}, (e: Error) => {
  parentPort?.postMessage({ error: { message: e.message, reason: (e as { args?: { reason?: string } }).args?.reason ?? e.message } });
});
// idle a moment before ending: a thread that ends while V8 still optimises its code can abort the process on Node 20
setTimeout(() => {}, 100);
