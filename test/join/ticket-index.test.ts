// The ticket index's hash table against a Map as the reference: same slots for any ids, duplicates and growth included.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sharedMemory } from '../../src/parallel/memory.js';
import { ownMemory } from '../../src/parallel/parts.js';
import { TicketIndex } from '../../src/join/ticket-index.js';
import { IdTable, type IdTableData } from '../../src/join/id-table.js';

/** Engineers as a ticket index holds them: by number. */
const people: { index: number; name: string }[] = [];
const person = (name: string) => people.find((p) => p.name === name) ?? people[people.push({ index: people.length, name }) - 1];
const at = (n: number) => people[n];

/** A copy of every array of a table's data() (to see later that nothing wrote to them). */
const copyOf = (d: IdTableData) => ({ ...d, buckets: d.buckets.slice(), values: d.values.slice(), ends: d.ends.slice(), chars: d.chars.slice() });

describe('TicketIndex', () => {
  it('finds exactly what a Map finds', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('T1', 'T01', 't1', '工单1', '')), { maxLength: 3000 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }), (ids, probes) => {
      const index = new TicketIndex(at);
      const ref = new Map<string, number>();
      for (const id of ids) {
        const got = index.lookup(id);
        expect(got).toBe(ref.has(id) ? ref.get(id) : -1);
        if (got < 0) {
          index.add(id, person('E'), ref.size + 2, true, false, false);
          ref.set(id, ref.size);
        }
      }
      for (const p of [...probes, ...ids]) expect(index.find(p)).toBe(ref.has(p) ? ref.get(p) : -1);
      for (const [id, slot] of ref) expect(index.row(index.lookup(id))).toBe(slot + 2);
    }), { numRuns: 200 });
  });
  it('adds a new id once and names the slot of a repeated one (addNew, one hash for both)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('T1', 'T01', 't1', '工单1', '')), { maxLength: 3000 }), (ids) => {
      const index = new TicketIndex(at);
      const ref = new Map<string, number>();
      for (const id of ids) {
        expect(index.addNew(id, person(`E${id}`), ref.size + 2, true, false, false)).toBe(ref.has(id) ? ref.get(id) : -1);
        if (!ref.has(id)) ref.set(id, ref.size);
      }
      for (const [id, slot] of ref) {
        expect(index.find(id)).toBe(slot);
        expect(index.engineer(slot).name).toBe(`E${id}`);
      }
    }), { numRuns: 200 });
  });
  it('grows past many rehashes (100,000 ids)', () => {
    const index = new TicketIndex(at);
    for (let i = 0; i < 100_000; i++) index.add(`T${i}`, person(`E${i % 7}`), i, true, false, false);
    expect(index.size).toBe(100_000);
    expect(index.lookup('T99999')).toBe(99_999);
    expect(index.engineer(index.lookup('T12345')).name).toBe(`E${12345 % 7}`);
    expect(index.lookup('T100000')).toBe(-1);
  });
});

describe('IdTable', () => {
  it('keeps any text exactly (one byte per character until one needs two), against a Map', () => {
    const text = fc.oneof(fc.string({ maxLength: 5 }), fc.string({ unit: 'binary', maxLength: 5 }), fc.constantFrom('T1', 'Ā1', 'ÿ1', 'ÿ', '😀'));
    fc.assert(fc.property(fc.array(text, { maxLength: 2000 }), fc.array(text, { maxLength: 100 }), (ids, probes) => {
      const table = new IdTable();
      const ref = new Map<string, number>();
      ids.forEach((id, i) => {
        const got = table.insert(id, i);
        expect(got).toBe(ref.has(id) ? -((ref.get(id) as number) + 1) : ref.size);
        if (!ref.has(id)) ref.set(id, ref.size);
      });
      for (const p of [...probes, ...ids]) expect(table.slot(p)).toBe(ref.has(p) ? ref.get(p) : -1);
    }), { numRuns: 300 });
  });
});

describe('IdTable on ids in ascending order (a sorted list until an id comes out of order)', () => {
  // the table's order: shorter first, then by UTF-16 code units (as JavaScript compares strings)
  const byUnits = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  it('answers every lookup as a Map does, in any lookup order, before and after an id out of order', () => {
    const ids = fc.uniqueArray(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 600 }).map((a) => [...a].sort(byUnits));
    fc.assert(fc.property(ids, fc.array(fc.string({ maxLength: 6 }), { maxLength: 60 }), fc.constantFrom('forward', 'backward', 'shuffled'), fc.option(fc.string({ maxLength: 6 })), (sorted, extra, order, late) => {
      const table = new IdTable();
      const ref = new Map<string, number>();
      for (const id of sorted) {
        expect(table.insert(id, 0)).toBe(ref.size);
        ref.set(id, ref.size);
      }
      // a repeated id (the last one, or any) is found as such
      if (sorted.length > 0) expect(table.insert(sorted[sorted.length - 1], 0)).toBe(-sorted.length);
      const probes = [...sorted, ...extra];
      if (order === 'backward') probes.reverse();
      if (order === 'shuffled') probes.sort(() => 0.5 - Math.random());
      for (const p of probes) expect(table.slot(p)).toBe(ref.has(p) ? ref.get(p) : -1);
      if (late !== null) {
        const got = table.insert(late, 0);
        expect(got).toBe(ref.has(late) ? -((ref.get(late) as number) + 1) : ref.size);
        if (!ref.has(late)) ref.set(late, ref.size);
        for (const p of probes) expect(table.slot(p)).toBe(ref.has(p) ? ref.get(p) : -1);
      }
    }), { numRuns: 300 });
  });
  it('takes unpadded numbers counting up (9, 10, 11) as in order', () => {
    const table = new IdTable();
    for (let i = 1; i <= 20_000; i++) expect(table.insert(String(i), i)).toBe(i - 1);
    for (let i = 20_000; i >= 1; i -= 7) expect(table.get(String(i))).toBe(i);
    expect(table.get('0')).toBe(-1);
    expect(table.get('20001')).toBe(-1);
    expect(table.insert('10', 0)).toBe(-10);
  });
  it('turns to a hash index when lookups keep jumping far, with the same answers', () => {
    const table = new IdTable();
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(table.insert(`T${String(i).padStart(8, '0')}`, i)).toBe(i);
    let seed = 7;
    for (let k = 0; k < 20_000; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const i = seed % (2 * n);
      const id = `T${String(i).padStart(8, '0')}`;
      expect(table.get(id)).toBe(i < n ? i : -1);
    }
    expect(table.insert('T00000042', 0)).toBe(-43);
    expect(table.insert('T99999999', 0)).toBe(n);
  });
});

describe('IdTable across parts: data() and from(), ids shared between two tables', () => {
  const ids = fc.array(fc.oneof(fc.nat(5000).map((n) => `T${n}`), fc.string({ maxLength: 6 }), fc.constantFrom('工单1', '工单2', 'Ä')), { maxLength: 300 });
  it('a table rebuilt from data() (shared memory or copies) answers every lookup as the original, and goes on adding alike without writing to the original', () => {
    fc.assert(fc.property(ids, ids, fc.boolean(), (first, later, shared) => {
      const a = new IdTable(shared ? sharedMemory : ownMemory);
      for (const id of first) a.insert(id, first.indexOf(id));
      const data = a.data();
      expect(data.buckets.buffer instanceof SharedArrayBuffer).toBe(shared);
      expect(data.chars.buffer instanceof SharedArrayBuffer).toBe(shared);
      const before = copyOf(data);
      const b = IdTable.from(data);
      for (const id of [...first, ...later, 'none']) expect(b.get(id)).toBe(a.get(id));
      for (let i = 0; i < a.size; i++) expect(b.idAt(i)).toBe(a.idAt(i));
      const ref = new IdTable();
      for (const id of first) ref.insert(id, first.indexOf(id));
      for (const id of later) expect(b.insert(id, 7)).toBe(ref.insert(id, 7));
      expect(copyOf(a.data())).toEqual(before); // b wrote to no array of a's
      for (const id of later) expect(b.get(id)).toBe(ref.get(id));
    }));
  });
  it('sharesIdWith: whether some id is in both, as a set would say (ascending halves or not)', () => {
    fc.assert(fc.property(ids, ids, fc.boolean(), (x, y, sorted) => {
      const order = (l: string[]) => (sorted ? [...new Set(l)].sort((p, q) => p.length - q.length || (p < q ? -1 : p > q ? 1 : 0)) : l);
      const a = new IdTable();
      const b = new IdTable();
      for (const id of order(x)) a.insert(id, 1);
      for (const id of order(y)) b.insert(id, 1);
      const both = x.some((id) => y.includes(id));
      expect(a.sharesIdWith(b)).toBe(both);
      expect(a.sharesIdWith(IdTable.from(b.data()))).toBe(both);
    }));
    // two halves of an export: the first's ids all before the second's, no lookup needed
    const a = new IdTable();
    const b = new IdTable();
    for (let i = 1; i <= 1000; i++) (i <= 500 ? a : b).insert(`T${i}`, i);
    expect(a.sharesIdWith(b)).toBe(false);
    b.insert('T250', 0);
    expect(a.sharesIdWith(b)).toBe(true);
  });
});

describe('TicketIndex across parts', () => {
  it('an index rebuilt from data() (shared memory or copies; even an empty one) finds, flags, marks and goes on adding as the original, writing to none of its arrays', () => {
    fc.assert(fc.property(fc.array(fc.nat(3000).map((n) => `T${n}`), { maxLength: 200 }), fc.array(fc.nat(3000).map((n) => `T${n}`), { maxLength: 1500 }), fc.boolean(), (first, later, shared) => {
      const a = new TicketIndex(at, shared ? sharedMemory : ownMemory);
      const ref = new TicketIndex(at);
      for (const t of [a, ref]) first.forEach((id, i) => t.addNew(id, person(`E${i % 7}`), i + 2, i % 3 !== 0, i % 5 === 0, i % 2 === 0));
      first.forEach((id, i) => { if (i % 4 === 0) a.markResponded(a.find(id), i + 2); });
      const data = a.data();
      expect(data.flags.buffer instanceof SharedArrayBuffer).toBe(shared);
      const before = { ids: copyOf(data.ids), engineers: data.engineers.slice(), flags: data.flags.slice() };
      const b = TicketIndex.from(data, at);
      expect(b.size).toBe(a.size);
      for (const id of [...first, 'T9999']) {
        const i = a.find(id);
        expect(b.find(id)).toBe(i);
        if (i >= 0) expect([b.engineer(i), b.cancelled(i), b.onsite(i), b.responseRow(i)]).toEqual([a.engineer(i), a.cancelled(i), a.onsite(i), 0]);
      }
      // responses marked in b stay b's; tickets added to b go to arrays of b's own
      const marked = first.map((id) => a.responseRow(a.find(id)));
      first.forEach((id, i) => { if (i % 3 === 0) b.markResponded(b.find(id), 1); });
      expect(first.map((id) => a.responseRow(a.find(id)))).toEqual(marked);
      later.forEach((id, i) => expect(b.addNew(id, person('E1'), i + 2, true, i % 2 === 0, false)).toBe(ref.addNew(id, person('E1'), i + 2, true, i % 2 === 0, false)));
      for (const id of later) expect(b.cancelled(b.find(id))).toBe(ref.cancelled(ref.find(id)));
      const after = a.data();
      expect({ ids: copyOf(after.ids), engineers: after.engineers.slice(), flags: after.flags.slice() }).toEqual(before);
    }));
  });
});
