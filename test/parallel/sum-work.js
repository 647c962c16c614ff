// A toy work for the runner's tests (plain JavaScript: the other part imports it as it is): a file of numbers, one a
// line, summed in two parts. Step 0 sums this part's lines and sends how many it read; step 1 checks the other's
// count arrived. init.fail: 'whole' (a ReadWhole), 'error' (any other error) or 'wait' (wait to be stopped).
import { readFileSync } from 'node:fs';
import { ReadWhole } from '../../dist/parallel/parts.js';

export function sumLines(path, range) {
  const bytes = readFileSync(path);
  const text = bytes.subarray('from' in range ? range.from : 0, 'to' in range ? range.to : bytes.length).toString('utf8');
  const lines = text.split('\n').filter((l) => /^\d+$/.test(l));
  return { sum: lines.reduce((s, l) => s + Number(l), 0), lines: lines.length };
}

export function openOtherPart(init, env) {
  let mine = { sum: 0, lines: 0 };
  let theirs = null;
  return {
    async step(i) {
      if (i === 0) {
        if (init.fail === 'whole') throw new ReadWhole('the toy cannot be cut here');
        if (init.fail === 'error') throw new Error('a bug in the toy');
        if (init.fail === 'wait') while (!env.stop.stopped) await new Promise((r) => setTimeout(r, 5));
        mine = sumLines(init.path, env.ranges.numbers);
        return { data: mine.lines };
      }
      return null;
    },
    take(_i, data) {
      theirs = data;
    },
    result() {
      const buf = new Float64Array([mine.sum, mine.lines, theirs]);
      return { data: buf, transfer: [buf.buffer] };
    },
  };
}
