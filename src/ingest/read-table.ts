// Ingest stage: a CSV/TSV/XLSX file (or standard input) to a header and a stream of raw rows, each with the row number a spreadsheet shows.
// Structural problems become a FileError (exit 1); row-level problems are left to validate/.
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { FileError } from '../problems.js';
import type { Cell } from '../validate/values.js';
import { flattenCell } from './cells.js';

export interface RawRow { row: number; cells: Cell[] }

export interface TableOptions {
  sheet?: string;
  delimiter?: string;
  encoding?: string;
}

export interface Table {
  /** File name as reported in rejects (no folder). */
  file: string;
  sheet: string;
  headers: string[];
  date1904: boolean;
  rows: AsyncIterable<RawRow>;
  /** sha256 of the bytes read; complete once rows has been consumed. */
  sha256(): string;
}

const SNIFF = 64 * 1024;
const MAX_XLSX_BYTES = 50 * 1024 * 1024;

export async function openTable(path: string, opts: TableOptions, stdin?: NodeJS.ReadableStream): Promise<Table> {
  const file = path === '-' ? 'stdin' : basename(path);
  if (path === '-') {
    if (!stdin) throw new FileError('UNREADABLE', file, { reason: 'no standard input' });
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(Buffer.from(c as Buffer));
    const bytes = Buffer.concat(chunks);
    return openCsv(file, bytes.subarray(0, SNIFF), () => Readable.from([bytes]), opts);
  }
  let head: Buffer;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    const fd = openSync(path, 'r');
    head = Buffer.alloc(SNIFF);
    const n = readSync(fd, head, 0, SNIFF, 0);
    closeSync(fd);
    head = head.subarray(0, n);
  } catch (e) {
    throw new FileError('UNREADABLE', file, { reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  if (head.length === 0) throw new FileError('EMPTY', file);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return openXlsx(path, file, opts);
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    // OLE compound file: either a legacy .xls or an encrypted (password-protected) .xlsx
    const text = head.toString('latin1');
    const encrypted = text.includes('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o') || text.includes('EncryptionInfo');
    throw new FileError(encrypted ? 'PROTECTED_WORKBOOK' : 'LEGACY_XLS', file);
  }
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) throw new FileError('NOT_TABULAR', file, { reason: 'it is a PDF' });
  return openCsv(file, head, () => createReadStream(path, { highWaterMark: 1 << 20 }), opts);
}

/** Chooses the text encoding: a BOM decides; else strict UTF-8 if it decodes, else GB18030 (never the lossy label gbk). */
export function detectEncoding(head: Buffer): { encoding: string; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true }); // stream: a cut multi-byte sequence at the end is fine
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** The delimiter among , ; tab that occurs most often in the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch] += 1;
  }
  return [',', '\t', ';'].reduce((best, d) => (counts[d] > counts[best] ? d : best), ',');
}

function openCsv(file: string, head: Buffer, open: () => Readable, opts: TableOptions): Promise<Table> {
  const enc = opts.encoding
    ? { encoding: opts.encoding === 'gbk' ? 'gb18030' : opts.encoding, bomLength: 0 }
    : detectEncoding(head);
  const headText = safeDecode(file, head.subarray(enc.bomLength), enc.encoding, true);
  if (enc.encoding === 'utf-8' && /\u0000/.test(headText)) throw new FileError('NOT_TABULAR', file, { reason: 'it holds binary data' });
  const delimiter = opts.delimiter ?? detectDelimiter(headText.replace(/^\ufeff/, ''));
  const hash = createHash('sha256');
  const parser = csvParse({ delimiter, relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false });
  const source = open();
  decodeInto(file, source, enc.encoding, hash, parser);
  const it = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  return (async () => {
    let first: IteratorResult<string[]>;
    try {
      first = await nextRecord(it, file, 1);
    } catch (e) {
      if (e instanceof FileError) throw e;
      throw new FileError('NOT_TABULAR', file, { reason: (e as Error).message });
    }
    if (first.done || first.value.every((c) => c.trim() === '')) throw new FileError('EMPTY', file);
    const headers = first.value.map((h) => h.replace(/^\ufeff/, ''));
    async function* rows(): AsyncGenerator<RawRow> {
      let row = 1;
      for (;;) {
        const r = await nextRecord(it, file, row + 1);
        if (r.done) return;
        row += 1;
        yield { row, cells: r.value };
      }
    }
    let digest: string | undefined;
    return { file, sheet: '', headers, date1904: false, rows: rows(), sha256: () => (digest ??= hash.digest('hex')) };
  })();
}

async function nextRecord(it: AsyncIterator<string[]>, file: string, row: number): Promise<IteratorResult<string[]>> {
  try {
    return await it.next();
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') throw new FileError('UNCLOSED_QUOTE', file, { row });
    if (code === 'UNDECODABLE') throw new FileError('UNDECODABLE', file, { offset: (e as { offset?: number }).offset ?? '?' });
    throw new FileError('NOT_TABULAR', file, { reason: `${code ?? ''} ${(e as Error).message}`.trim() });
  }
}

function safeDecode(file: string, bytes: Buffer, encoding: string, stream: boolean): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream });
  } catch {
    throw new FileError('UNDECODABLE', file, { offset: 0 });
  }
}

/** Streams bytes through a strict decoder into the CSV parser, hashing them on the way. */
function decodeInto(file: string, source: Readable, encoding: string, hash: Hash, parser: NodeJS.WritableStream & { destroy(e?: Error): void }): void {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      source.destroy();
      parser.destroy(Object.assign(new Error('undecodable'), { code: 'UNDECODABLE', offset }));
      return;
    }
    offset += chunk.length;
    if (!parser.write(text)) {
      source.pause();
      parser.once('drain', () => source.resume());
    }
  });
  source.on('end', () => {
    try {
      const tail = decoder.decode();
      if (tail) parser.write(tail);
      parser.end();
    } catch {
      parser.destroy(Object.assign(new Error('undecodable'), { code: 'UNDECODABLE', offset }));
    }
  });
  source.on('error', (e: NodeJS.ErrnoException) => parser.destroy(new FileError('UNREADABLE', file, { reason: e.code ?? e.message })));
}

async function openXlsx(path: string, file: string, opts: TableOptions): Promise<Table> {
  const size = statSync(path).size;
  if (size > MAX_XLSX_BYTES) {
    throw new FileError('TOO_LARGE', file, { reason: `the workbook is ${Math.round(size / 1048576)} MB; XLSX inputs up to ${MAX_XLSX_BYTES / 1048576} MB are read (export larger months as CSV)` });
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new FileError('CORRUPT_WORKBOOK', file, { reason: (e as Error).message.split('\n')[0] });
  }
  const ws = opts.sheet !== undefined ? wb.getWorksheet(opts.sheet) : wb.worksheets[0];
  if (!ws) throw new FileError('NO_SHEET', file, { sheet: opts.sheet ?? '(first)', sheets: wb.worksheets.map((w) => w.name).join(', ') || '(none)' });
  const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  const width = ws.columnCount;
  const all: RawRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(flattenCell(r.getCell(c).value));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    all.push({ row: r.number, cells });
  });
  if (all.length === 0) throw new FileError('EMPTY', file);
  const [header, ...rest] = all;
  const headers = header.cells.map((c) => (c === null ? '' : String(c instanceof Date ? c.toISOString() : c)));
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path).on('data', (d) => hash.update(d)).on('end', resolve).on('error', reject);
  });
  const digest = hash.digest('hex');
  async function* rows(): AsyncGenerator<RawRow> {
    for (const r of rest) yield r;
  }
  return { file, sheet: ws.name, headers, date1904, rows: rows(), sha256: () => digest };
}
