// Ingest stage: a CSV/TSV/XLSX file (or standard input) to a header and a stream of raw rows, each with the row number a spreadsheet shows.
// Structural problems become a FileError (exit 1); row-level problems are left to validate/.
import { createReadStream, openSync, readSync, closeSync, statSync, fstatSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isAscii } from 'node:buffer';
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { FileError } from '../problems.js';
import type { Cell } from '../validate/values.js';
import { CsvTokenizer, UnclosedQuoteError } from './tokenizer.js';
import { ByteCsvScanner, NotUtf8Error, type ByteEncoding } from './byte-csv.js';
import type { ByteRow } from './byte-row.js';

export interface TableOptions {
  sheet?: string;
  delimiter?: string;
  encoding?: string;
}

export interface TableHeader {
  /** File name as reported in rejects (no folder). */
  file: string;
  sheet: string;
  headers: string[];
  date1904: boolean;
  /** for a CSV file cut from its bytes: how (a part of the file can then be read on its own, readCsvFrom) */
  bytes?: { encoding: ByteEncoding; delimiter: string; undecided: boolean };
}

/**
 * A file read in two parts (a big month's tickets, read in parallel): readTable reads up to `at`, the start of a
 * line, and sets `records` to the number of records before it when a record does end there (else it reads on to the
 * end, and `records` stays null: `at` was inside a quoted cell). readCsvFrom reads the rest. Such a file is not
 * hashed while read: it is hashed whole (file-hash.ts) once both parts are joined.
 */
export interface Split { at: number; records: number | null }

/** The handler of every row after the header (called synchronously, row by row); with `bytes`, UTF-8 CSV records
 * come to it as byte ranges instead of strings. */
export interface RowHandler {
  (row: number, cells: Cell[]): void;
  bytes?: (row: number, record: ByteRow) => void;
  /** the cells (0-based) the handler reads; a workbook leaves the others unconverted (UNREAD) */
  columns?: ReadonlySet<number>;
}

/** Called once with the header; returns the handler of every following row. */
export type OnHeader = (h: TableHeader) => RowHandler;

const SNIFF = 64 * 1024;
/** A file this size or smaller is never cut in two (splitPoint: the cut is taken past the first SNIFF bytes, near the middle). */
export const MIN_CUT_BYTES = 2 * SNIFF;
/** A header may sit below a title row or a merged group row: the first rows are tried in turn. */
const HEADER_SEARCH_ROWS = 5;

/** Reads a whole table, streaming; returns the sha256 of the bytes read ('' for the first part of a split file). */
export async function readTable(path: string, opts: TableOptions, onHeader: OnHeader, stdin?: NodeJS.ReadableStream, split?: Split): Promise<string> {
  const file = path === '-' ? 'stdin' : basename(path);
  if (path === '-') {
    if (!stdin) throw new FileError('UNREADABLE', file, { reason: 'no standard input' });
    const chunks: Buffer[] = [];
    for await (const c of stdin) chunks.push(Buffer.from(c as Buffer));
    const bytes = Buffer.concat(chunks);
    return readCsv(file, bytes.subarray(0, SNIFF), [bytes], opts, onHeader);
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
  const kind = binaryKind(head);
  if (kind === 'gzip') return readGzipCsv(path, file, opts, onHeader);
  if (kind === 'zip') return readXlsx(path, file, opts, onHeader);
  if (kind === 'ole') {
    // OLE compound file: either a legacy .xls or an encrypted (password-protected) .xlsx
    const text = head.toString('latin1');
    const encrypted = text.includes('E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o') || text.includes('EncryptionInfo');
    throw new FileError(encrypted ? 'PROTECTED_WORKBOOK' : 'LEGACY_XLS', file);
  }
  if (kind === 'pdf') throw new FileError('NOT_TABULAR', file, { reason: 'it is a PDF' });
  return readCsv(file, head, split ? fileChunks(path, 0, split.at) : fileChunks(path), opts, onHeader, split, path);
}

/**
 * Where a CSV file cut from its bytes can be read in two parts: the first line start at or after `near`, or null
 * (a workbook, UTF-16, a file too small, no line start near). Whether a record really starts there is known only when
 * the first part has been read (Split.records). A cut is taken past the first SNIFF bytes, where the header and the
 * encoding are found; small: in a smaller file too, past its first HEADER_SEARCH_ROWS + 1 lines (tests cut the
 * fixture months so).
 */
export function splitPoint(path: string, opts: TableOptions, near: number, small = false): number | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(SNIFF);
      const n = readSync(fd, head, 0, SNIFF, 0);
      if (binaryKind(head) !== null) return null;
      if (n < SNIFF || near <= SNIFF) {
        if (!small) return null;
        let past = -1;
        for (let line = 0; line <= HEADER_SEARCH_ROWS && (past = head.indexOf(10, past + 1)) >= 0 && past < n;) line++;
        if (past < 0 || near <= past) return null;
      }
      const enc = opts.encoding ? (opts.encoding === 'gbk' ? 'gb18030' : opts.encoding) : detectEncoding(head).encoding;
      const delimiter = opts.delimiter ?? detectDelimiter(head.toString(enc === 'utf-8' ? 'utf8' : 'latin1'));
      if ((enc !== 'utf-8' && enc !== 'gb18030') || delimiter.length !== 1 || delimiter.charCodeAt(0) >= 0x40 || delimiter === '"') return null;
      const window = Buffer.alloc(SNIFF);
      const got = readSync(fd, window, 0, SNIFF, near);
      // a file whose header line ends in CRLF (Excel's CSV) ends its records so, while a line break inside a quoted
      // cell is a bare LF: cut after a CRLF there. A line with an odd number of quotes ends or starts a cell that
      // spans lines: cut before the next one (a guess: the first part's reading confirms it, Split.records)
      const crlf = head.indexOf(13) >= 0 && head.indexOf(13) + 1 === head.indexOf(10);
      const w = window.subarray(0, got);
      const breakAt = (from: number) => (crlf ? w.indexOf('\r\n', from) : w.indexOf(10, from));
      const step = crlf ? 2 : 1;
      let at = breakAt(0);
      for (let tries = 0; at >= 0 && tries < 64; tries++) {
        const next = breakAt(at + step);
        if (next < 0) break;
        let quotes = 0;
        for (let i = at + step; i < next; i++) if (w[i] === 34) quotes++;
        if (quotes % 2 === 0) break;
        at = next;
      }
      const cut = at < 0 ? -1 : near + at + step;
      return cut < 0 || cut >= fstatSync(fd).size ? null : cut;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** The size of a file that is not a workbook (zip or OLE), or null: those, and unreadable files, are read whole, in one pass. */
export function csvFileSize(path: string): number | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const head = Buffer.alloc(8);
      readSync(fd, head, 0, 8, 0);
      if (binaryKind(head) !== null) return null;
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * The records of a CSV file from `from` (a line start that splitPoint gave) to its end, as the second part of a file
 * read in two parts: the header is found as readTable finds it, then the bytes from `from` are cut; records are
 * numbered from 1 at `from` (the caller adds the records before it). No hash (file-hash.ts hashes the file whole).
 * stop: once it says stopped, the reading ends with Stopped at the next 1 MiB.
 */
export async function readCsvFrom(path: string, opts: TableOptions, onHeader: OnHeader, from: number, stop?: { readonly stopped: boolean }): Promise<void> {
  let handler: RowHandler | null = null;
  let header: TableHeader | null = null;
  const found = new Error('header found');
  try {
    await readTable(path, opts, (h) => {
      handler = onHeader(h);
      header = h;
      const halt = (() => { throw found; }) as RowHandler;
      halt.bytes = () => { throw found; };
      return halt;
    });
  } catch (e) {
    if (e !== found) throw e;
  }
  const h = header as TableHeader | null;
  const onRow = handler as RowHandler | null;
  if (!h?.bytes || !onRow) throw new Error(`unreachable: ${path} is not read in two parts`);
  const file = basename(path);
  const scanner = new ByteCsvScanner(h.bytes.delimiter, (r, index) => (onRow.bytes ? onRow.bytes(index, r) : onRow(index, r.cells())), h.bytes.encoding, from, h.bytes.undecided);
  try {
    for (const b of fileChunks(path, from)) {
      if (stop?.stopped) throw new Stopped();
      scanner.push(b);
    }
    scanner.end();
  } catch (e) {
    throw e instanceof Stopped ? e : csvError(file, e);
  }
}

/** The reading of a file's second part was stopped (its stop is checked every 1 MiB). */
export class Stopped extends Error {
  constructor() {
    super('stopped');
  }
}

/** What a file's first bytes say it is when it is not text: a zip (XLSX), an OLE compound file (legacy .xls or an
 * encrypted workbook) or a PDF; null for anything else. */
function binaryKind(head: Buffer): 'gzip' | 'zip' | 'ole' | 'pdf' | null {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'ole';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf';
  return null;
}

/** A file's bytes in chunks of 1 MiB, read synchronously into one buffer that every chunk reuses (no garbage per chunk). */
function* fileChunks(path: string, from = 0, to = Infinity): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let at = from; at < to;) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, to - at), at);
      if (n === 0) return;
      at += n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A gzip-compressed CSV/TSV (`tickets.csv.gz`), inflated as a stream and cut like the plain file. The sha256 is of the
 * file as given (the compressed bytes). Such a file is always read whole, in one pass: a compressed stream has no
 * line start to cut at.
 */
async function readGzipCsv(path: string, file: string, opts: TableOptions, onHeader: OnHeader): Promise<string> {
  const hash = createHash('sha256');
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  raw.on('data', (b) => hash.update(b as Buffer));
  const inflated = raw.pipe(createGunzip({ chunkSize: 1 << 20 }));
  raw.on('error', (e) => inflated.destroy(e));
  const chunks = inflated[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first: Buffer[] = [];
  let got = 0;
  try {
    while (got < SNIFF) {
      const next = await chunks.next();
      if (next.done) break;
      first.push(next.value);
      got += next.value.length;
    }
  } catch (e) {
    throw gzipError(file, e);
  }
  const head = Buffer.concat(first).subarray(0, SNIFF);
  if (head.length === 0) throw new FileError('EMPTY', file);
  const inner = binaryKind(head);
  if (inner !== null) throw new FileError('NOT_TABULAR', file, { reason: `it is a compressed ${inner === 'zip' ? 'workbook' : inner === 'ole' ? '.xls workbook' : inner === 'pdf' ? 'PDF' : 'gzip file'}; give the workbook itself, or a compressed CSV` });
  async function* all(): AsyncGenerator<Buffer> {
    yield* first;
    try {
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } catch (e) {
      throw gzipError(file, e);
    }
  }
  await readCsv(file, head, all(), opts, onHeader, undefined, path, true);
  return hash.digest('hex');
}

/** A broken compressed stream (truncated, not gzip after all) or an unreadable file, as the file error it is. */
function gzipError(file: string, e: unknown): unknown {
  if (e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code && code.startsWith('Z_')) return new FileError('CORRUPT_COMPRESSED', file, { reason: (e as Error).message });
  if (code) return new FileError('UNREADABLE', file, { reason: code });
  return e;
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

/** Reads CSV text from chunks (each may be reused once the next is asked for: nothing keeps a chunk). */
async function readCsv(file: string, head: Buffer, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, opts: TableOptions, onHeader: OnHeader, split?: Split, path = '', hashedByCaller = false): Promise<string> {
  const enc = opts.encoding
    ? { encoding: opts.encoding === 'gbk' ? 'gb18030' : opts.encoding, bomLength: 0 }
    : detectEncoding(head);
  const headText = safeDecode(file, head.subarray(enc.bomLength), enc.encoding);
  if (enc.encoding === 'utf-8' && headText.includes('\u0000')) throw new FileError('NOT_TABULAR', file, { reason: 'it holds binary data' });
  const delimiter = opts.delimiter ?? detectDelimiter(headText.replace(/^\ufeff/, ''));
  const hash = createHash('sha256');
  let onRow: RowHandler | null = null;
  let tried = 0;
  let firstError: unknown = null;
  const record = (fields: string[], index: number): void => {
    if (onRow) return onRow(index, fields);
    if (tried >= HEADER_SEARCH_ROWS) return;
    if (fields.every((f) => f.trim() === '' || f === '\ufeff')) return; // blank lines before the header
    const headers = fields.map((h, i) => (i === 0 ? h.replace(/^\ufeff/, '') : h));
    tried += 1;
    try {
      onRow = onHeader({ file, sheet: '', headers, date1904: false, bytes: byteEncoding !== null && bytes ? { encoding: byteEncoding, delimiter, undecided } : undefined });
    } catch (e) {
      // a title line above the header (「2026年10月工单导出」): try the next line, report the first line's problem if none fits
      if (!(e instanceof FileError && e.code === 'MISSING_COLUMN')) throw e;
      firstError ??= e;
    }
  };
  // UTF-8 and GB18030 (ASCII-compatible) with a delimiter among , ; tab are cut from the bytes; UTF-16 is decoded first
  const byteEncoding = enc.encoding === 'utf-8' || enc.encoding === 'gb18030' ? enc.encoding : null;
  // UTF-8 chosen only because the head is ASCII: the rest of the file decides (a GB18030 file may start in English)
  const undecided = !opts.encoding && enc.encoding === 'utf-8' && enc.bomLength === 0 && isAscii(head);
  const bytes = byteEncoding !== null && delimiter.length === 1 && delimiter.charCodeAt(0) < 0x40 && delimiter !== '"';
  let source: { push(b: Buffer): void; end(): void };
  if (bytes) {
    source = new ByteCsvScanner(delimiter, (r, index) => {
      if (onRow?.bytes) onRow.bytes(index, r);
      else record(r.cells(), index);
    }, byteEncoding, 0, undecided);
  } else {
    const decoder = new TextDecoder(enc.encoding, { fatal: true });
    const tokenizer = new CsvTokenizer(delimiter, record);
    let offset = 0;
    const decode = (chunk?: Buffer): string => {
      try {
        return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      } catch {
        throw new FileError('UNDECODABLE', file, { offset });
      }
    };
    source = {
      push(b) {
        tokenizer.push(decode(b));
        offset += b.length;
      },
      end() {
        tokenizer.push(decode());
        tokenizer.end();
      },
    };
  }
  try {
    for await (const b of chunks) {
      if (!split && !hashedByCaller) hash.update(b);
      source.push(b);
    }
    if (split) {
      // the first part of a file read in two: did a record end where the second part starts? (if not, it is read on
      // to find what one reading finds, and the month is then read again whole)
      const ends = onRow !== null && source instanceof ByteCsvScanner && source.pending() === 0;
      split.records = ends ? (source as ByteCsvScanner).count() : null;
      if (!ends) {
        for (const b of fileChunks(path, split.at)) source.push(b);
        source.end();
      }
    } else source.end();
  } catch (e) {
    throw csvError(file, e);
  }
  if (!onRow) throw firstError ?? new FileError('EMPTY', file);
  return split ? '' : hash.digest('hex');
}

/** A problem met while cutting a CSV file, as the file error it is. */
function csvError(file: string, e: unknown): unknown {
  if (e instanceof UnclosedQuoteError) return new FileError('UNCLOSED_QUOTE', file, { row: e.record });
  if (e instanceof NotUtf8Error) return new FileError('UNDECODABLE', file, { offset: e.offset });
  if (e instanceof FileError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code && code.startsWith('Z_')) return new FileError('CORRUPT_COMPRESSED', file, { reason: (e as Error).message });
  if (code) return new FileError('UNREADABLE', file, { reason: code });
  return e;
}

function safeDecode(file: string, bytes: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    throw new FileError('UNDECODABLE', file, { offset: 0 });
  }
}

async function readXlsx(path: string, file: string, opts: TableOptions, onHeader: OnHeader): Promise<string> {
  const hashing = new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (d) => hash.update(d)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
  let onRow: ((row: number, cells: Cell[]) => void) | null = null;
  let tried = 0;
  let firstError: unknown = null;
  let sheet = '';
  let date1904 = false;
  // merged ranges by row: [column, first cell's row, first cell's column] of each cell that is not its range's first;
  // the first cells' values are kept as their rows pass, and the other cells of a range are filled from them
  const mergedByRow = new Map<number, [number, number, number][]>();
  const masterRows = new Set<number>();
  const masters = new Map<string, Cell>();
  const { readWorkbookStream } = await import('./xlsx-reader.js'); // loaded only for workbooks (yauzl and saxes: ~30 ms)
  const wanted: { columns: ReadonlySet<number> | null } = { columns: null };
  await readWorkbookStream(path, file, opts.sheet, wanted, (s) => {
    sheet = s.name;
    date1904 = s.date1904;
    for (const [key, [r, c]] of s.merged) {
      const [row, col] = key.split(':').map(Number);
      const list = mergedByRow.get(row) ?? [];
      list.push([col, r, c]);
      mergedByRow.set(row, list);
      masterRows.add(r);
    }
  }, (row, cells) => {
    if (masterRows.has(row)) cells.forEach((v, i) => masters.set(`${row}:${i + 1}`, v));
    const parts = mergedByRow.get(row);
    if (parts) {
      // a merged cell's other parts: empty in a header (no duplicate names), the master's value in data (filled down)
      for (const [col, r, c] of parts) {
        while (cells.length < col) cells.push(null);
        cells[col - 1] = onRow ? masters.get(`${r}:${c}`) ?? null : null;
      }
    }
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length === 0) return; // a row without values (styles only) is no row
    if (onRow) return onRow(row, cells);
    if (tried >= HEADER_SEARCH_ROWS) return;
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return;
    const headers = cells.map((c) => (c === null ? '' : String(c instanceof Date ? c.toISOString() : c)));
    tried += 1;
    try {
      onRow = onHeader({ file, sheet, headers, date1904 });
      // the cells no column of the reader reads are not converted from here on (shared strings are made on demand)
      wanted.columns = (onRow as RowHandler).columns ?? null;
    } catch (e) {
      // a title or group row above the header: try the next row, but report the first row's problem if none fits
      if (!(e instanceof FileError && e.code === 'MISSING_COLUMN')) throw e;
      firstError ??= e;
    }
  });
  if (!onRow) throw firstError ?? new FileError('EMPTY', file);
  return hashing;
}
