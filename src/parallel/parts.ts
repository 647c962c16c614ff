// Parallel reading, what both sides share: a month's files cut in two at line starts, read by two parts of the
// same work (the domain's read-validate-join steps), which exchange what each step made and merge at the end. This
// folder knows files, byte ranges, steps and messages; it never knows what the files hold or what the work computes.

/** Where a part reads a file: the first part up to a line start, the other from it. */
export type Range = { to: number } | { from: number };

/** Something to send to the other part: data, and the buffers to move rather than copy. */
export interface Message { data: unknown; transfer?: ArrayBuffer[] }

/** Whether the other part's work is still wanted (checked by long readings, every MiB or so). */
export interface Stop { readonly stopped: boolean }

/** Memory for arrays that the other part reads as they are, without a copy (none is taken while it reads them). */
export type Alloc = (bytes: number) => ArrayBufferLike;

/** What a part is given: its ranges by file key (a file not cut is read whole by the first part), memory, the stop. */
export interface PartEnv { ranges: Readonly<Record<string, Range>>; alloc: Alloc; stop: Stop }

/**
 * A part's work, in steps. After each step but the last, each part sends what step() returned to the other, which
 * takes it (take) before its next step. After the last step, the other part sends its result() and the first part
 * merges it.
 */
export interface PartWork {
  step(i: number): Promise<Message | null>;
  take(i: number, theirs: unknown): void;
}
export interface FirstPartWork extends PartWork { merge(result: unknown): void }
export interface OtherPartWork extends PartWork { result(): Message }

/** What a module of work exports for the other part (the runner's host imports it there). */
export type OpenOtherPart = (init: unknown, env: PartEnv) => OtherPartWork;

/**
 * The parts cannot give exactly what one reading gives (an id in both parts of a file, a problem in a file, a quoted
 * cell across a cut): thrown by the work, on either side; the caller then reads the files whole, in one pass.
 */
export class ReadWhole extends Error {}

/** Memory that is the caller's alone. */
export const ownMemory: Alloc = (bytes) => new ArrayBuffer(bytes);
