// The parallel runner on a toy work (sum-work.js): it cuts a file at a line start, runs both parts' steps in lockstep
// (each takes what the other's step sent), merges the other part's result; a ReadWhole of either part is a reason to
// read whole, any other error is thrown, never a silent fallback; a reader let go ends on its own.
import { describe, expect, it, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PartRunner, type CutFile } from '../../src/parallel/runner.js';
import { statSync } from 'node:fs';
import type { FirstPartWork, PartEnv } from '../../src/parallel/parts.js';
import { removeTempDirs, tempDir } from '../temp.js';
// @ts-expect-error a plain JavaScript module without types
import { sumLines } from './sum-work.js';

afterAll(removeTempDirs);

const MODULE = new URL('./sum-work.js', import.meta.url);

/** The file cut at the first line start at or after near (past the header line, else nowhere). */
function file(path: string, share: number): CutFile[] {
  const text = readFileSync(path, 'utf8');
  const size = statSync(path).size;
  return [{ key: 'numbers', size, share, cut: (near) => {
    const at = text.indexOf('\n', near);
    return near > 16 && at >= 0 && at + 1 < size && size > 1000 ? at + 1 : null;
  } }];
}

function numbers(n: number): { path: string; sum: number } {
  const path = join(tempDir('parts-'), 'numbers.csv');
  const values = Array.from({ length: n }, (_, i) => (i * 7919) % 1000);
  writeFileSync(path, `value\n${values.join('\n')}\n`);
  return { path, sum: values.reduce((s, v) => s + v, 0) };
}

class First implements FirstPartWork {
  mine = { sum: 0, lines: 0 };
  theirLines = -1;
  merged: number[] = [];
  constructor(private readonly path: string, private readonly env: PartEnv) {}
  async step(i: number) {
    if (i === 0) {
      this.mine = sumLines(this.path, this.env.ranges.numbers);
      return { data: this.mine.lines };
    }
    return null;
  }
  take(_i: number, theirs: unknown) {
    this.theirLines = theirs as number;
  }
  merge(result: unknown) {
    this.merged = Array.from(result as Float64Array);
  }
}

describe('PartRunner', () => {
  it('cuts the file at a line start near the share, runs the steps in lockstep and merges the other part', async () => {
    const { path, sum } = numbers(100_000);
    let first: First | null = null;
    const runner = new PartRunner(MODULE);
    const read = await runner.read(file(path, 0.3), 2, { path }, (env) => (first = new First(path, env)));
    expect('cuts' in read && read.cuts.numbers).toBeGreaterThan(0);
    const f = first as unknown as First;
    const [theirSum, theirLines, sawMine] = f.merged;
    expect(f.mine.sum + theirSum).toBe(sum);
    expect(f.mine.lines + theirLines).toBe(100_000);
    expect(f.theirLines).toBe(theirLines); // step 0's message, taken before step 1
    expect(sawMine).toBe(f.mine.lines);
    expect(f.mine.lines / 100_000).toBeCloseTo(0.3, 1);
    await runner.ended;
  });
  it('a ReadWhole in the other part is a reason to read whole; any other error is thrown', async () => {
    const { path } = numbers(100_000);
    const whole = await new PartRunner(MODULE).read(file(path, 0.5), 2, { path, fail: 'whole' }, (env) => new First(path, env));
    expect(whole).toEqual({ whole: 'the toy cannot be cut here' });
    await expect(new PartRunner(MODULE).read(file(path, 0.5), 2, { path, fail: 'error' }, (env) => new First(path, env))).rejects.toThrow('the other part failed: a bug in the toy');
  });
  it('a file too small to cut: read whole, the other part let go', async () => {
    const { path } = numbers(10);
    const runner = new PartRunner(MODULE);
    expect(await runner.read(file(path, 0.5), 2, { path }, (env) => new First(path, env))).toEqual({ whole: 'no file is big enough to cut' });
    await runner.ended;
  });
  it('a first part that fails stops the other, which ends on its own while it waits', async () => {
    const { path } = numbers(100_000);
    const runner = new PartRunner(MODULE);
    const failing = (env: PartEnv) => Object.assign(new First(path, env), { step: async () => { throw new Error('first part bug'); } });
    await expect(runner.read(file(path, 0.5), 2, { path, fail: 'wait' }, failing)).rejects.toThrow('first part bug');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still running'), 5000));
    expect(await Promise.race([runner.ended.then(() => 'ended'), timeout])).toBe('ended');
  });
});
