// The GB18030 check against Node's fatal gb18030 decoder (what the text path uses): the same verdict for every one-
// and two-byte sequence, for four-byte sequences around every edge of the mapped ranges and at random, and for any
// byte stream cut into any chunks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Gb18030Check } from '../../src/ingest/gb18030-check.js';

function decoderSays(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function checkSays(bytes: Uint8Array, cuts: number[] = [bytes.length || 1]): boolean {
  const c = new Gb18030Check();
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = cuts[k++ % cuts.length];
    if (c.push(bytes.subarray(i, i + n)) >= 0) return false;
    i += n;
  }
  return c.complete();
}

const fourBytes = (pointer: number): number[] => {
  const e = pointer % 10;
  const c = Math.floor(pointer / 10) % 126;
  const b = Math.floor(pointer / 1260) % 10;
  const a = Math.floor(pointer / 12600);
  return [0x81 + a, 0x30 + b, 0x81 + c, 0x30 + e];
};

describe('Gb18030Check', () => {
  it('agrees with the fatal decoder on every one- and two-byte sequence', () => {
    for (let a = 0; a < 256; a++) {
      expect(checkSays(Uint8Array.of(a)), `${a.toString(16)}`).toBe(decoderSays(Uint8Array.of(a)));
      for (let b = 0; b < 256; b += a >= 0x81 ? 1 : 37) {
        const bytes = Uint8Array.of(a, b);
        if (checkSays(bytes) !== decoderSays(bytes)) expect(`${a.toString(16)} ${b.toString(16)}`).toBe('agreeing');
      }
    }
  });

  it('agrees on four-byte sequences at the edges of the mapped ranges and at random', () => {
    const pointers = [0, 1, 7457, 39418, 39419, 39420, 39421, 188999, 189000, 189001, 1237574, 1237575, 1237576, 1587599];
    for (const p of pointers) {
      const bytes = Uint8Array.from(fourBytes(p));
      expect(checkSays(bytes), `pointer ${p}`).toBe(decoderSays(bytes));
    }
    fc.assert(fc.property(fc.integer({ min: 0, max: 1587599 }), (p) => {
      const bytes = Uint8Array.from(fourBytes(p));
      expect(checkSays(bytes)).toBe(decoderSays(bytes));
    }), { numRuns: 3000 });
  });

  it('agrees on any byte stream, however it is cut, and names the first bad byte', () => {
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0x30, 0x39, 0x81, 0xfe, 0x40, 0x0a));
    fc.assert(fc.property(fc.array(byte, { maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (arr, cuts) => {
      const bytes = Uint8Array.from(arr);
      expect(checkSays(bytes, cuts)).toBe(decoderSays(bytes));
      // the byte it names: everything before it is a whole, valid text, and it is not
      const bad = new Gb18030Check().push(bytes);
      if (bad >= 0) {
        expect(decoderSays(bytes.subarray(0, bad + 1))).toBe(false);
        expect(new Gb18030Check().push(bytes.subarray(0, bad))).toBe(-1);
      }
    }), { numRuns: 3000 });
  });
});
