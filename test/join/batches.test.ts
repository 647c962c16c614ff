// The batches between the reading thread and the main thread: whatever the records and rejects, replaying the batches
// gives back exactly the same entries, values (-0, NaN, fractions of a second, far dates, long and repeated strings)
// and rows, in the same order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BatchWriter, replay, type Batch } from '../../src/join/batches.js';
import type { Reject } from '../../src/problems.js';
import type { Rec, Value } from '../../src/validate/record.js';

const COLUMNS = ['ticket_id', 'engineer_id', 'received_at', 'score', 'flag'];

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -0, NaN, 1000, -1000, 1_790_000_000_000, 1_790_000_000_001, 4_294_967_295_000, 4_294_967_296_000, 0.5, 5),
  fc.integer({ min: -2e12, max: 5e12 }).map((s) => s * 1000),
  fc.double(),
  fc.constantFrom('', 'E1', 'resolved', '已解决', 'x'.repeat(300)),
  fc.string({ maxLength: 12 }),
);

type Entry = { row: number; rec?: Record<string, Value>; reject?: Reject };

const entries = (minLength: number, maxLength: number) => fc.array(fc.record({
  gap: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 100_000 })),
  reject: fc.boolean(),
  values: fc.array(value, { minLength: COLUMNS.length, maxLength: COLUMNS.length }),
}), { minLength, maxLength }).map((xs) => {
  let row = 1;
  return xs.map(({ gap, reject, values }): Entry => {
    row += gap;
    if (reject) return { row, reject: { code: 'BAD_DATE', location: { file: 'f.csv', sheet: '', row, column: 'c' }, value: String(values[0]) } };
    return { row, rec: Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]])) };
  });
});

function roundTrip(list: Entry[]): Entry[] {
  const batches: Batch[] = [];
  const w = new BatchWriter(COLUMNS, (b) => batches.push(structuredClone(b)));
  for (const e of list) {
    if (e.reject) w.reject(e.reject);
    else w.record(e.rec as Rec, e.row);
  }
  w.flush();
  const out: Entry[] = [];
  const rec: Rec = Object.fromEntries(COLUMNS.map((c) => [c, null]));
  for (const b of batches) replay(b, COLUMNS, rec, (row) => out.push({ row, rec: { ...rec } }), (r) => out.push({ row: r.location.row, reject: r }));
  return out;
}

describe('batches between the threads', () => {
  const same = (list: Entry[]) => {
      const back = roundTrip(list);
      expect(back.length).toBe(list.length);
      for (let i = 0; i < list.length; i++) {
        expect(back[i].row).toBe(list[i].row);
        if (list[i].reject) expect(back[i].reject).toEqual(list[i].reject);
        else for (const c of COLUMNS) expect(Object.is(back[i].rec?.[c], list[i].rec?.[c]), `${c}: ${String(back[i].rec?.[c])} vs ${String(list[i].rec?.[c])}`).toBe(true);
      }
  };
  it('replay gives back every entry, value and row exactly', () => {
    fc.assert(fc.property(entries(0, 40), same), { numRuns: 200, endOnFailure: true });
  });
  it('the same across several batches (4,096 entries each)', () => {
    fc.assert(fc.property(entries(4000, 13_000), same), { numRuns: 8, endOnFailure: true });
  });

  it('timestamps travel as seconds in 4 bytes, repeated strings once a batch', () => {
    let sent = 0;
    const w = new BatchWriter(COLUMNS, (b) => {
      sent += 1;
      expect(b.secs.length).toBe(4096);
      expect(b.nums.length).toBe(0);
      expect(b.lens.length).toBe(4096 + 3); // the ticket ids, then E1, E2 and 'ok' once
    });
    for (let i = 0; i < 4096; i++) w.record({ ticket_id: `T${i}`, engineer_id: i % 2 ? 'E1' : 'E2', received_at: 1_790_000_000_000 + i * 60_000, score: null, flag: i % 3 ? 'ok' : null }, i + 2);
    expect(sent).toBe(1);
  });

  it('a string longer than 65,535 characters', () => {
    const long = '长'.repeat(70_000);
    expect(roundTrip([{ row: 2, rec: { ticket_id: long, engineer_id: 'E1', received_at: 1, score: 2, flag: long } }])[0].rec?.flag).toBe(long);
  });
});
