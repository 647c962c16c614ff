// Parallel reading: memory both parts read (a SharedArrayBuffer), and the stop flag in such memory.
import type { Alloc, Stop } from './parts.js';

export const sharedMemory: Alloc = (bytes) => new SharedArrayBuffer(bytes);

/** A flag one part sets and the other reads, at once, without a message. */
export class StopFlag implements Stop {
  private readonly cell: Int32Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.cell = new Int32Array(buffer);
  }
  get stopped(): boolean {
    return Atomics.load(this.cell, 0) !== 0;
  }
  stop(): void {
    Atomics.store(this.cell, 0, 1);
  }
}
