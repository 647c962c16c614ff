// Workbooks that lie or break: inflation is bounded by the bytes really inflated (not the zip directory's claim), a
// broken part is named, and the data is the first visible sheet.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { inflatedSizeWithin } from '../../src/ingest/zip-sizes.js';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

/** A zip of one deflated entry whose local header and directory both claim `declared` bytes unpacked. */
function lyingZip(data: Buffer, declared: number): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const packed = deflateRawSync(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(local.length + name.length + packed.length, 16);
  return Buffer.concat([local, name, packed, central, name, eocd]);
}

describe('inflatedSizeWithin', () => {
  const dir = tempDir('zip-');
  const path = join(dir, 'liar.xlsx');
  writeFileSync(path, lyingZip(Buffer.alloc(24 << 20), 1000)); // 24 MiB of zeros, declared as 1,000 bytes
  it('counts what the entries really inflate to, whatever the directory says', async () => {
    expect(await inflatedSizeWithin(path, 64 << 20)).toBe(24 << 20);
  });
  it('stops as soon as the count passes the limit', async () => {
    expect(await inflatedSizeWithin(path, 8 << 20)).toBeNull();
  });
  it('names a broken entry', async () => {
    const bad = lyingZip(Buffer.alloc(1000), 1000);
    bad[30 + 'xl/worksheets/sheet1.xml'.length] ^= 0xff; // corrupt the deflate stream's first byte
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, bad);
    await expect(inflatedSizeWithin(broken, 1 << 20)).rejects.toThrow('xl/worksheets/sheet1.xml');
  });
});

async function tickets(setup: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  setup(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEAD = ['ticket_id', 'engineer_id', 'created_at'];
const ROSTER = join(ROOT, 'fixtures', '2025-11', 'roster.csv');

describe('workbooks through the run', () => {
  it('a hidden first sheet is passed over: the first visible sheet is the data', async () => {
    const dir = tempDir('hidden-');
    writeFileSync(join(dir, 'tickets.xlsx'), await tickets((wb) => {
      const old = wb.addWorksheet('旧数据');
      old.addRow(['说明']);
      old.state = 'hidden';
      const ws = wb.addWorksheet('工单');
      ws.addRow(HEAD);
      ws.addRow(['T1', 'E001', '2025-11-03 09:00']);
      ws.addRow(['T2', 'E002', '2025-11-04 09:00']);
    }));
    const out = tempDir('hidden-out-');
    const r = await cli(['run', '--period', '2025-11', '--tickets', join(dir, 'tickets.xlsx'), '--roster', ROSTER, '--out', out, '--fresh', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const m = (await import(join(out, '2025-11', 'manifest.json'), { with: { type: 'json' } })).default;
    expect([m.inputs.tickets.sheet, m.inputs.tickets.rows_accepted]).toEqual(['工单', 2]);
  });
  it('a workbook whose every sheet is hidden names them', async () => {
    const dir = tempDir('hidden-all-');
    writeFileSync(join(dir, 'tickets.xlsx'), await tickets((wb) => {
      const ws = wb.addWorksheet('工单');
      ws.addRow(HEAD);
      ws.state = 'hidden';
    }));
    const r = await cli(['validate', '--period', '2025-11', '--tickets', join(dir, 'tickets.xlsx'), '--roster', ROSTER, '--out', tempDir('o-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('工单 (hidden)');
  });
  it('a cell pointing past the shared strings names the part and the cell', async () => {
    const zip = await JSZip.loadAsync(await tickets((wb) => {
      const ws = wb.addWorksheet('工单');
      ws.addRow(HEAD);
      ws.addRow(['T1', 'E001', '2025-11-03 09:00']);
    }));
    const sheet = (await zip.file('xl/worksheets/sheet1.xml')!.async('string')).replace(/(<c r="A2"[^>]*t="s"[^>]*><v>)\d+/, '$19999');
    zip.file('xl/worksheets/sheet1.xml', sheet);
    const dir = tempDir('sst-');
    writeFileSync(join(dir, 'tickets.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const r = await cli(['validate', '--period', '2025-11', '--tickets', join(dir, 'tickets.xlsx'), '--roster', ROSTER, '--out', tempDir('o-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('tickets.xlsx: the workbook cannot be read (part xl/worksheets/sheet1.xml, cell A2: shared string 9999 does not exist');
  });
});
