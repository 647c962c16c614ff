// The record reader sets each field by its number (setField, a store of a fixed name per column id): the numbering and
// the stores must agree, and cover every column of every input.
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/validate/columns.js';
import { FIELD_IDS, setField, type Rec } from '../../src/validate/record.js';

describe('setField', () => {
  it('numbers every column id of every input once', () => {
    const ids = new Set(Object.values(COLUMNS).flatMap((cols) => cols.map((c) => c.id)));
    expect(new Set(FIELD_IDS)).toEqual(ids);
    expect(FIELD_IDS.length).toBe(ids.size);
  });

  it('sets the field numbered i, and only it', () => {
    FIELD_IDS.forEach((id, i) => {
      const rec: Rec = Object.fromEntries(FIELD_IDS.map((f) => [f, null]));
      setField(rec, i, id, `value of ${id}`);
      expect(rec).toEqual({ ...Object.fromEntries(FIELD_IDS.map((f) => [f, null])), [id]: `value of ${id}` });
    });
  });

  it('sets a field of another name (an event log column) by its name', () => {
    const rec: Rec = { col_region: null };
    setField(rec, -1, 'col_region', 'north');
    expect(rec).toEqual({ col_region: 'north' });
  });
});
