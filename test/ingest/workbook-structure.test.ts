// Workbooks that lie or break: inflation is bounded by the bytes really inflated (not the zip directory's claim), a
// broken part is named with what is wrong, and the data is the first visible sheet.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { crc32 } from '../../src/report/zip.js';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

/** A zip of deflated entries; `declared` overrides what the headers say an entry inflates to. */
function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    dir.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const size = dir.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(size, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...dir, eocd]);
}

const WORKBOOK = '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const ROSTER_CSV = join(ROOT, 'fixtures', '2025-11', 'roster.csv');

describe('inflation bounded by the bytes actually inflated', () => {
  it('a sheet whose directory says 1,000 bytes but inflates to 24 MB stops at the 1,001st byte, naming the part', async () => {
    const rows = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(500_000);
    const sheet = Buffer.from(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    expect(sheet.length).toBeGreaterThan(24e6);
    const dir = tempDir('liar-');
    writeFileSync(join(dir, 'tickets.xlsx'), zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) }, { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
      { name: 'xl/worksheets/sheet1.xml', data: sheet, declared: 1000 },
    ]));
    const r = await cli(['validate', '--period', '2025-11', '--tickets', join(dir, 'tickets.xlsx'), '--roster', ROSTER_CSV, '--out', tempDir('o-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tickets\.xlsx: the workbook cannot be read \(part xl\/worksheets\/sheet1\.xml: .*too many bytes/);
  });
  it('a part that is not well-formed XML is named with its line', async () => {
    const dir = tempDir('badxml-');
    writeFileSync(join(dir, 'tickets.xlsx'), zipOf([
      { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) }, { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(RELS) },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData><row><c t="inlineStr"><is><t>ticket_id</t></is></c></row>\n<row><c></row></sheetData></worksheet>') },
    ]));
    const r = await cli(['validate', '--period', '2025-11', '--tickets', join(dir, 'tickets.xlsx'), '--roster', ROSTER_CSV, '--out', tempDir('o-')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tickets\.xlsx: the workbook cannot be read \(part xl\/worksheets\/sheet1\.xml: not well-formed XML \(.*2:/);
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
    expect(r.stderr).toContain('tickets.xlsx: the workbook cannot be read (part xl/worksheets/sheet1.xml: cell A2: shared string 9999 does not exist');
  });
});
