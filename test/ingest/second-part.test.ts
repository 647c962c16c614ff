// The second part of a file read in two parts: its records from a line start, and its reading stopped on request
// (the first part no longer wants it: the other part then ends on its own, never terminated).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StopFlag } from '../../src/parallel/memory.js';
import { readCsvFrom, splitPoint, Stopped, type RowHandler } from '../../src/ingest/read-table.js';
import { removeTempDirs, tempDir } from '../temp.js';

describe('readCsvFrom', () => {
  const dir = tempDir('part-');
  const path = join(dir, 'tickets.csv');
  const lines = ['ticket_id,note', ...Array.from({ length: 50_000 }, (_, i) => `T${i},"a note, with a comma"`)];
  writeFileSync(path, `${lines.join('\n')}\n`);
  afterAll(removeTempDirs);

  const read = async (stop?: StopFlag) => {
    const from = splitPoint(path, {}, 600_000) as number;
    const ids: string[] = [];
    const onRow = ((_row, cells) => { ids.push(String(cells[0])); }) as RowHandler;
    onRow.bytes = (_row, r) => { ids.push(r.field(0)); };
    await readCsvFrom(path, {}, () => onRow, from, stop);
    return { from, ids };
  };

  it('reads every record from the cut to the end', async () => {
    const { from, ids } = await read(new StopFlag());
    expect(from).toBeGreaterThan(0);
    expect(ids.length).toBeGreaterThan(1000);
    expect(ids[ids.length - 1]).toBe('T49999');
    expect(Number(ids[0].slice(1)) + ids.length).toBe(50_000);
  });

  it('stops, reading no record, once the other part asks', async () => {
    const stop = new StopFlag();
    stop.stop();
    await expect(read(stop)).rejects.toBeInstanceOf(Stopped);
  });
});
