// The streaming workbook reader against exceljs (the oracle, reading whole): the same rows and cells on workbooks as
// exceljs, Excel, LibreOffice and WPS write them: shared and inline strings, rich text, 1900 and 1904 dates, date
// cells and serials, booleans, error cells, formulas with and without a cached result, sparse rows, merged cells,
// hidden sheets, shared strings stored after the sheet.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbookStream, isDateFormatCode } from '../../src/ingest/xlsx-reader.js';
import { flattenCell, NO_CACHED_RESULT } from '../../src/ingest/cells.js';
import type { Cell } from '../../src/validate/values.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

type Rows = [number, Cell[]][];
const trim = (cells: Cell[]) => {
  const out = [...cells];
  while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === undefined)) out.pop();
  return out.map((c) => (c === undefined ? null : c));
};

async function viaExcelJS(path: string): Promise<{ sheet: string; rows: Rows }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') as ExcelJS.Worksheet;
  const rows: Rows = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const values = r.values as unknown[];
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(flattenCell(values[c]));
    const t = trim(cells);
    if (t.length > 0) rows.push([r.number, t]);
  });
  return { sheet: ws.name, rows };
}

async function viaStream(path: string, sheet?: string, threadMax?: number): Promise<{ sheet: string; rows: Rows; date1904: boolean }> {
  const rows: Rows = [];
  let name = '';
  let date1904 = false;
  await readWorkbookStream(path, 'x.xlsx', sheet, { columns: null }, (s) => { name = s.name; date1904 = s.date1904; }, (n, cells) => {
    const t = trim(cells);
    if (t.length > 0) rows.push([n, t]);
  }, threadMax);
  return { sheet: name, rows, date1904 };
}

async function save(wb: ExcelJS.Workbook): Promise<string> {
  const path = join(tempDir('xr-'), 'book.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('against exceljs, on workbooks exceljs writes', () => {
  it.each([false, true])('every kind of cell (date1904: %s)', async (date1904) => {
    const wb = new ExcelJS.Workbook();
    if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
    const ws = wb.addWorksheet('工单');
    ws.addRow(['ticket_id', 'engineer_id', 'created_at', 'count', 'flag', 'note']);
    ws.addRow(['T1', 'E001', new Date(Date.UTC(2026, 9, 2, 9, 30)), 3, true, { richText: [{ text: '客户' }, { font: { bold: true }, text: '说明' }] }]);
    ws.addRow(['T2', { error: '#N/A' }, 46297.375, 2.5, false, { text: 'link', hyperlink: 'https://example.com' }]);
    ws.addRow(['T3', { formula: 'A1&"x"', result: 'E002' }, { formula: 'NOW()' }, { formula: '1+1', result: 2 }, null, 'a & b <c> "d"']);
    ws.addRow([]);
    ws.getCell('A7').value = 'T7';
    ws.getCell('F7').value = '  spaced  ';
    ws.getCell('C2').numFmt = 'yyyy-mm-dd hh:mm';
    const path = await save(wb);
    const want = await viaExcelJS(path);
    const got = await viaStream(path);
    expect(got.sheet).toBe(want.sheet);
    expect(got.date1904).toBe(date1904);
    expect(got.rows).toEqual(want.rows);
    expect(got.rows[3][1][2]).toBe(NO_CACHED_RESULT);
    expect(got.rows[1][1][2]).toBeInstanceOf(Date);
  });
  it('merged cells come as they are (the master holds the value), a hidden first sheet is passed over', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('旧');
    hidden.addRow(['old']);
    hidden.state = 'hidden';
    const ws = wb.addWorksheet('工单');
    ws.addRow(['十月工单', null, null]);
    ws.mergeCells('A1:C1');
    ws.addRow(['ticket_id', 'engineer_id', 'created_at']);
    ws.addRow(['T1', 'E001', '2026-10-02 09:00']);
    ws.addRow(['T2', null, '2026-10-03 09:00']);
    ws.mergeCells('B3:B4');
    const path = await save(wb);
    const got = await viaStream(path);
    expect(got.sheet).toBe('工单');
    expect(got.rows.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    expect(got.rows[0][1]).toEqual(['十月工单']);
    expect(got.rows[3][1]).toEqual(['T2', null, '2026-10-03 09:00']); // the reader (read-table.ts) fills B4 from B3
    const merges: string[] = [];
    await readWorkbookStream(path, 'x.xlsx', undefined, { columns: null }, (s) => { for (const [k, v] of s.merged) merges.push(`${k}<-${v.join(':')}`); }, () => {});
    expect(merges.sort()).toEqual(['1:2<-1:1', '1:3<-1:1', '4:2<-3:2']);
    const named = await viaStream(path, '旧');
    expect(named.rows).toEqual([[1, ['old']]]);
  });
  it('a shared-strings workbook of 5,000 rows from the streaming writer: the same as exceljs, row for row', async () => {
    const path = join(tempDir('xr-big-'), 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
    const ws = writer.addWorksheet('data');
    ws.addRow(['id', 'who', 'when', 'n']).commit();
    for (let i = 0; i < 5000; i++) ws.addRow([`T${i}`, `E${i % 37}`, `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 09:00`, i * 1.25]).commit();
    ws.commit();
    await writer.commit();
    const want = (await viaExcelJS(path)).rows;
    expect(await viaStream(path)).toMatchObject({ rows: want }); // shared strings parsed in their own thread
    expect(await viaStream(path, undefined, 0)).toMatchObject({ rows: want }); // parsed first, here (a big table)
  });
});

/** A workbook written part by part, as other programs write them. */
async function handmade(parts: Record<string, string>, order?: string[]): Promise<string> {
  const zip = new JSZip();
  for (const name of order ?? Object.keys(parts)) zip.file(name, parts[name]);
  const path = join(tempDir('xr-hand-'), 'book.xlsx');
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const common = (sheets: string, extra = '') => ({
  '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
  '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${extra}<sheets>${sheets}</sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
  // style 1: built-in 14 (m/d/yyyy), 2: a custom Chinese date, 3: a number with two decimals, 4: built-in 31 (yyyy年m月d日)
  'xl/styles.xml': '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.00_ "/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="177" applyNumberFormat="1"/><xf numFmtId="31" applyNumberFormat="1"/></cellXfs></styleSheet>',
});
const SST = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>ticket_id</t></si><si><t>engineer_id</t></si><si><t>created_at</t></si><si><r><rPr><b/></rPr><t>T</t></r><r><t xml:space="preserve">1 </t></r></si><si><t>王强</t><rPh sb="0" eb="2"><t>ワン</t></rPh></si><si><t>E001</t></si></sst>';
const day = (serial: number) => new Date(Math.round((serial - 25569) * 864e5));

describe('workbooks as other programs write them', () => {
  it('Excel: shared strings stored after the sheet, gaps in r references, built-in, custom and East Asian date formats', async () => {
    const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${NS} xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:E3"/><sheetData>`
      + '<row r="1" spans="1:5" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
      + '<row r="3" spans="1:5"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" s="1"><v>46297.375</v></c><c r="E3" s="2"><v>46298</v></c><c r="F3" s="3"><v>12.5</v></c><c r="G3" s="4"><v>46299</v></c><c r="H3" t="s"><v>4</v></c></row>'
      + '</sheetData><mergeCells count="0"/></worksheet>';
    const parts = { ...common('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>'), 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': SST };
    const path = await handmade(parts, [...Object.keys(parts)]);
    const got = await viaStream(path);
    expect(got.rows).toEqual([
      [1, ['ticket_id', 'engineer_id', 'created_at']],
      [3, ['T1 ', 'E001', day(46297.375), null, day(46298), 12.5, day(46299), '王强']],
    ]);
    // exceljs agrees on everything but the East Asian built-in date format 31, which it leaves a serial (#2893)
    const want = await viaExcelJS(path);
    expect(want.rows[1][1].slice(0, 6)).toEqual(got.rows[1][1].slice(0, 6));
    expect(want.rows[1][1][6]).toBe(46299);
  });
  it('LibreOffice: a 1904 workbook, a hidden first sheet, booleans, errors and cached formula strings', async () => {
    const sheet2 = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ticket_id</t></is></c><c r="B1" t="inlineStr"><is><t>ok</t></is></c><c r="C1" t="inlineStr"><is><t>when</t></is></c></row>`
      + '<row r="2"><c r="A2" t="str"><f>CONCAT("T","2")</f><v>T2</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" s="1"><v>0.5</v></c><c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>';
    const parts = {
      ...common('<sheet name="hidden" sheetId="1" state="hidden" r:id="rId1"/><sheet name="数据" sheetId="2" r:id="rId2"/>', '<workbookPr date1904="true"/>'),
      'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nothing</t></is></c></row></sheetData></worksheet>`,
      'xl/worksheets/sheet2.xml': sheet2,
      'xl/sharedStrings.xml': SST,
    };
    const path = await handmade(parts);
    const got = await viaStream(path);
    expect(got.sheet).toBe('数据');
    expect(got.date1904).toBe(true);
    expect(got.rows[1][1]).toEqual(['T2', true, new Date(Date.UTC(1904, 0, 1, 12)), '#DIV/0!']);
    // exceljs takes date1904="1" but not date1904="true" (LibreOffice's spelling): it reads the date in the 1900 system
    const want = (await viaExcelJS(path)).rows;
    expect(want[1][1][2]).toEqual(new Date(Date.UTC(1899, 11, 30, 12)));
    want[1][1][2] = got.rows[1][1][2];
    expect(got.rows).toEqual(want);
  });
  it('WPS: cells without r references and a title row above the header', async () => {
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c t="inlineStr"><is><t>十月工单导出</t></is></c></row><row r="2"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row><row r="3"><c t="s"><v>3</v></c><c t="s"><v>5</v></c><c><v>46297.375</v></c></row></sheetData></worksheet>`;
    const path = await handmade({ ...common('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>'), 'xl/worksheets/sheet1.xml': sheet, 'xl/sharedStrings.xml': SST });
    const got = await viaStream(path);
    expect(got.rows).toEqual([[1, ['十月工单导出']], [2, ['ticket_id', 'engineer_id', 'created_at']], [3, ['T1 ', 'E001', 46297.375]]]);
  });
});

describe('isDateFormatCode', () => {
  it.each([['yyyy-mm-dd', true], ['m/d/yyyy h:mm', true], ['yyyy"年"m"月"d"日"', true], ['[$-804]yyyy年m月d日', true], ['[h]:mm', true], ['0.00', false], ['General', false], ['#,##0"天"', false], ['0.0%', false], ['[Red]0.00', false], ['"d"0', false]])('%s -> %s', (code, want) => {
    expect(isDateFormatCode(code)).toBe(want);
  });
});
