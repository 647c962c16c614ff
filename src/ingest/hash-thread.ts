// Ingest stage, the hashing thread (file-hash.ts starts it): the sha256 of each file it is given, or null for one it
// cannot read (the starting thread then hashes that one itself, and reports the error if there is one).
import { parentPort, workerData } from 'node:worker_threads';
import { sha256OfFile } from './file-hash.js';

const hashes = (workerData as string[]).map((path) => {
  try {
    return sha256OfFile(path);
  } catch {
    return null;
  }
});
parentPort?.postMessage(hashes);
// idle a moment before ending: V8 may still be optimising this thread's code in the background, and a thread that
// ends while it does can abort the process in Node 20 (see SecondThread.close in join/two-threads.ts)
setTimeout(() => {}, 100);
