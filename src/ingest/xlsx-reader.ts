// Ingest stage: a workbook read as a stream, in memory flat in rows. The zip's central directory (yauzl), then the
// workbook and its relationships (which sheet: the configured one, else the first visible), the styles (which cells
// are dates), the shared strings, and the sheet's rows one at a time through a tokenizer made for those parts
// (sheet-xml.ts; saxes reads a broken part again to say what is wrong) into the same row path the CSV reader feeds. Excel's sheet XML lists merged ranges after the rows: a first pass over the sheet's
// bytes finds them, so that the row pass can fill merged data cells down as before.
import yauzl from 'yauzl';
import { SaxesParser } from 'saxes';
import { SheetXml } from './sheet-xml.js';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { runTask, TaskError } from '../parallel/task.js';
import { FileError } from '../problems.js';
import type { Cell } from '../validate/values.js';
import { NO_CACHED_RESULT } from './cells.js';

/** One row of the sheet: its number as the sheet shows it, and its cells from column A (null where empty). */
export type SheetRowHandler = (row: number, cells: Cell[]) => void;

export interface SheetInfo { name: string; date1904: boolean; merged: MergedRanges }

/** A workbook entry whose declared size is past this and this many times its packed size is refused as a zip bomb. */
const BOMB_MIN_BYTES = 64 * 1024 * 1024;
const BOMB_RATIO = 200;

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones 27-36 and 50-58). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * Reads the sheet; onSheet is told which sheet before the first row. Structural problems are a FileError naming the
 * file and the part (CORRUPT_WORKBOOK), a missing sheet NO_SHEET.
 */
/** A cell of a column nobody reads: not null (the row is not blank), never converted. */
export const UNREAD = '\u0000unread';

export async function readWorkbookStream(path: string, file: string, sheetName: string | undefined, wanted: { columns: ReadonlySet<number> | null }, onSheet: (s: SheetInfo) => void, onRow: SheetRowHandler, elsewhereMax = SHARED_STRINGS_ELSEWHERE_MAX): Promise<void> {
  const zip = await openZip(path, file);
  try {
    const workbookPart = 'xl/workbook.xml';
    const workbookXml = await zip.text(workbookPart);
    const { sheets, date1904 } = parseWorkbook(workbookXml, file);
    const rels = parseRels(await zip.text('xl/_rels/workbook.xml.rels', true));
    const chosen = sheetName !== undefined ? sheets.find((s) => s.name === sheetName) : sheets.find((s) => s.state === 'visible');
    if (!chosen) {
      throw new FileError('NO_SHEET', file, { sheet: sheetName ?? '(first visible)', sheets: sheets.map((s) => `${s.name}${s.state === 'visible' ? '' : ` (${s.state})`}`).join(', ') || '(none)' });
    }
    const target = rels.get(chosen.rid);
    if (target === undefined) throw corrupt(file, 'xl/_rels/workbook.xml.rels', `no relationship ${chosen.rid} for sheet ${chosen.name}`);
    const sheetPart = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
    if (!zip.has(sheetPart)) throw corrupt(file, sheetPart, 'the sheet the workbook names is not in the file');
    const dates = parseStyles(await zip.text('xl/styles.xml', true));
    // the shared strings are parsed on another core while the rows are read here (rows that need a string before the
    // table has come wait in a bounded queue); a big table is parsed here first instead, where its memory is not held
    // beside the rows'
    const sst = 'xl/sharedStrings.xml';
    const strings = !zip.has(sst) ? Promise.resolve(new SharedStrings())
      : zip.size(sst) <= elsewhereMax ? sharedStringsElsewhere(path, file)
        : Promise.resolve(await readSharedStrings(zip, sst, file));
    strings.catch(() => {}); // handled where it is awaited
    const merged = await findMerges(zip, sheetPart);
    onSheet({ name: chosen.name, date1904, merged });
    await readRows(zip, sheetPart, file, { strings: null, later: strings, dates, date1904, wanted }, onRow);
  } finally {
    zip.close();
  }
}

// ---- the zip

interface Zip {
  has(name: string): boolean;
  /** The entry's declared unpacked size. */
  size(name: string): number;
  /** The entry's text, whole (the small parts: workbook, relationships, styles); '' when absent and optional. */
  text(name: string, optional?: boolean): Promise<string>;
  /** The entry's text as a stream of strings (UTF-8 decoded across chunk edges). */
  stream(name: string): Promise<AsyncIterable<string>>;
  /** The entry's bytes as a stream. */
  bytes(name: string): Promise<AsyncIterable<Buffer>>;
  close(): void;
}

function corrupt(file: string, part: string, reason: string): FileError {
  return new FileError('CORRUPT_WORKBOOK', file, { reason: `part ${part}: ${reason}` });
}

async function openZip(path: string, file: string): Promise<Zip> {
  // yauzl reads the central directory (entries, sizes, offsets); the entries' bytes are read here (entryBytes)
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z as yauzl.ZipFile)));
  }).catch((e: Error) => {
    throw new FileError('CORRUPT_WORKBOOK', file, { reason: `the zip cannot be read (${e.message})` });
  });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zipfile.readEntry();
    });
    zipfile.on('end', resolve);
    zipfile.on('error', reject);
    zipfile.readEntry();
  }).catch((e: Error) => {
    throw new FileError('CORRUPT_WORKBOOK', file, { reason: `the zip directory cannot be read (${e.message})` });
  });
  // a part that claims to inflate hundreds of times over is refused before anything is inflated
  for (const [name, entry] of entries) {
    if (entry.uncompressedSize > BOMB_MIN_BYTES && entry.uncompressedSize > BOMB_RATIO * Math.max(1, entry.compressedSize)) {
      zipfile.close();
      throw new FileError('TOO_LARGE', file, { reason: `part ${name} would inflate to ${Math.round(entry.uncompressedSize / 1048576)} MB from ${Math.round(entry.compressedSize / 1024)} KB (a zip bomb?)` });
    }
  }
  // an entry's stored bytes, inflated here in chunks of 256 KiB (yauzl's own inflater hands over 16 KiB at a time,
  // and the reader then mostly waits for zlib's work)
  const open = async (name: string): Promise<{ stream: NodeJS.ReadableStream; size: number }> => {
    const entry = entries.get(name) as yauzl.Entry;
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw corrupt(file, name, `compression method ${entry.compressionMethod} is not one a workbook uses`);
    const raw = entryBytes(path, entry, (reason) => corrupt(file, name, reason));
    if (entry.compressionMethod === 0) return { stream: raw, size: entry.uncompressedSize };
    const inflate = createInflateRaw({ chunkSize: 1 << 18 });
    raw.on('error', (e) => inflate.destroy(e));
    return { stream: raw.pipe(inflate), size: entry.uncompressedSize };
  };
  // the bytes actually inflated are counted against the entry's declared size as they stream: a directory that
  // understates a part ends the read there, with an error naming the part
  async function* chunks(name: string, text = true): AsyncGenerator<string & Buffer> {
    const { stream, size } = await open(name);
    const decoder = new StringDecoder('utf8');
    let seen = 0;
    try {
      for await (const c of stream) {
        seen += (c as Buffer).length;
        if (seen > size) throw corrupt(file, name, `too many bytes in the stream: more than the ${size} its zip directory declares`);
        yield (text ? decoder.write(c as Buffer) : c) as string & Buffer;
      }
      if (seen < size) throw corrupt(file, name, `the stream ends after ${seen} of the ${size} bytes its zip directory declares`);
      if (text) yield decoder.end() as string & Buffer;
    } catch (e) {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      throw e instanceof FileError ? e : corrupt(file, name, (e as Error).message);
    }
  }
  return {
    has: (name) => entries.has(name),
    size: (name) => entries.get(name)?.uncompressedSize ?? 0,
    async text(name: string, optional = false): Promise<string> {
      if (!entries.has(name)) {
        if (optional) return '';
        throw corrupt(file, name, 'missing');
      }
      let out = '';
      for await (const c of chunks(name)) out += c;
      return out;
    },
    stream: async (name) => chunks(name),
    bytes: async (name) => chunks(name, false),
    close: () => zipfile.close(),
  };
}

/**
 * An entry's stored bytes, read in 1 MiB pieces (yauzl's own reader reads 16 KiB at a time); where they start is in
 * the entry's local header, whose name and extra field lengths are its own.
 */
function entryBytes(path: string, entry: yauzl.Entry, fail: (reason: string) => FileError): NodeJS.ReadableStream {
  const head = Buffer.alloc(30);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, head, 0, 30, entry.relativeOffsetOfLocalHeader) < 30 || head.readUInt32LE(0) !== 0x04034b50) throw fail('its local header is missing');
  } finally {
    closeSync(fd);
  }
  const start = entry.relativeOffsetOfLocalHeader + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (entry.compressedSize === 0) return Readable.from([]);
  return createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
}

// ---- workbook, relationships, styles

interface SheetEntry { name: string; rid: string; state: string }

function attrsOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

function unescapeXml(s: string): string {
  return s.indexOf('&') < 0 ? s : s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function parseWorkbook(xml: string, file: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = attrsOf(m[1]);
    const rid = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1] ?? a.id;
    if (a.name === undefined || rid === undefined) throw corrupt(file, 'xl/workbook.xml', 'a sheet without a name or relationship');
    sheets.push({ name: a.name, rid, state: a.state ?? 'visible' });
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(xml);
  const d = pr ? attrsOf(pr[1]).date1904 : undefined;
  return { sheets, date1904: d === '1' || d === 'true' };
}

function parseRels(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const a = attrsOf(m[1]);
    if (a.Id && a.Target) out.set(a.Id, a.Target);
  }
  return out;
}

/** Whether a number format code shows a date or time: y, m, d, h or s outside quotes, brackets and escapes. */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '').replace(/[_*]./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhs]/i.test(bare.split(';')[0]) || /[年月日时分秒]/.test(bare.split(';')[0]);
}

/** Which cell styles (the index of each cellXfs entry) show a date. */
function parseStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const a = attrsOf(m[1]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  const out: boolean[] = [];
  if (!xfs) return out;
  for (const m of xfs[1].matchAll(/<(?:\w+:)?xf\b([^>]*?)(\/>|>)/g)) {
    const id = Number(attrsOf(m[1]).numFmtId ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

// ---- shared strings and merged ranges

/**
 * The shared strings, kept as UTF-8 bytes end to end with their offsets, not as strings: an export's table holds a
 * string for every ticket id and timestamp (millions in a big month), and as JavaScript strings they took several
 * times the memory. A cell's text is made when its row is read.
 */
export class SharedStrings {
  private bytes: Buffer<ArrayBufferLike> = Buffer.allocUnsafe(1 << 16);
  private ends: Uint32Array<ArrayBufferLike> = new Uint32Array(1024);
  private used = 0;
  length = 0;

  push(s: string): void {
    const need = this.used + s.length * 3;
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(s, this.used, 'utf8');
    if (this.length === this.ends.length) {
      const more = new Uint32Array(this.ends.length * 2);
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[this.length++] = this.used;
  }

  /** the strings made last, by index modulo the cache's size: the values a column repeats (engineers, statuses,
   * channels) are made once, not once a cell */
  private readonly cacheKeys = new Int32Array(4096).fill(-1);
  private readonly cacheValues: string[] = new Array(4096).fill('');

  /** The table's bytes and offsets (to move it from a task). */
  data(): { bytes: Buffer; ends: Uint32Array; length: number } {
    return { bytes: this.bytes.subarray(0, this.used), ends: this.ends.subarray(0, this.length), length: this.length };
  }

  static from(d: { bytes: Uint8Array; ends: Uint32Array; length: number }): SharedStrings {
    const s = new SharedStrings();
    s.bytes = Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength);
    s.used = d.bytes.byteLength;
    s.ends = d.ends;
    s.length = d.length;
    return s;
  }

  /** The k-th string, or undefined past the end. */
  get(k: number): string | undefined {
    if (!(k >= 0 && k < this.length)) return undefined;
    const slot = k & 4095;
    if (this.cacheKeys[slot] === k) return this.cacheValues[slot];
    const s = this.bytes.toString('utf8', k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
    this.cacheKeys[slot] = k;
    this.cacheValues[slot] = s;
    return s;
  }
}

async function readSharedStrings(zip: Zip, part: string, file: string): Promise<SharedStrings> {
  const strings = new SharedStrings();
  const parser = new SheetXml();
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let current = '';
  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'si') {
      inSi = true;
      current = '';
    } else if (n === 't' && inSi && phonetic === 0) inT = true;
    else if (n === 'rPh') phonetic += 1; // a phonetic guide (furigana) is not part of the text
  });
  parser.on('text', (t) => {
    if (inT) current += t;
  });
  parser.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 't') inT = false;
    else if (n === 'rPh') phonetic -= 1;
    else if (n === 'si') {
      strings.push(current);
      inSi = false;
    }
  });
  await feed(parser, await zip.stream(part), file, part, () => zip.stream(part));
  return strings;
}

/** Merged ranges: for each merged cell that is not its range's first, that first cell (row, column), by "row:column". */
export type MergedRanges = Map<string, [number, number]>;

async function findMerges(zip: Zip, part: string): Promise<MergedRanges> {
  const out: MergedRanges = new Map();
  // searched in the bytes (no text is made of the sheet): the ranges are ASCII, after the rows
  const needle = Buffer.from('mergeCell ');
  let carry = Buffer.alloc(0);
  for await (const chunk of await zip.bytes(part)) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const at = data.indexOf(needle);
    if (at < 0) {
      carry = Buffer.from(data.subarray(Math.max(0, data.length - 256))); // a tag cut across chunks
      continue;
    }
    const text = data.toString('latin1', at - 1);
    for (const m of text.matchAll(/mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
      const [c1, r1, c2, r2] = [colIndex(m[1]), Number(m[2]), colIndex(m[3]), Number(m[4])];
      for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) out.set(`${r}:${c}`, [r1, c1]);
    }
    const lastOpen = data.lastIndexOf(0x3c); // '<'
    carry = lastOpen >= 0 && data.indexOf(0x3e, lastOpen) < 0 ? Buffer.from(data.subarray(lastOpen)) : Buffer.alloc(0);
  }
  return out;
}

// ---- the rows

interface CellContext {
  /** the shared strings, once they have come (null before) */
  strings: SharedStrings | null;
  later: Promise<SharedStrings>;
  dates: boolean[];
  date1904: boolean;
  wanted: { columns: ReadonlySet<number> | null };
}

/** A shared-string cell read before the table came: its index, made a string when the table comes. */
class Pending {
  constructor(readonly k: number, readonly ref: string) {}
}

/** The largest shared-strings part parsed on another core (a 100,000-row export's is about 12 MB). */
const SHARED_STRINGS_ELSEWHERE_MAX = 48 * 1024 * 1024;

/** Rows held at most while the shared strings are parsed (then the reading waits for them). */
const MAX_WAITING_ROWS = 20_000;

/** The shared strings of a workbook, whole (the shared-strings task's work). */
export async function sharedStringsOf(path: string, file: string): Promise<SharedStrings> {
  const zip = await openZip(path, file);
  try {
    return await readSharedStrings(zip, 'xl/sharedStrings.xml', file);
  } finally {
    zip.close();
  }
}

/** The shared strings parsed as a task on another core (a FileError there is this reading's, with the same words). */
async function sharedStringsElsewhere(path: string, file: string): Promise<SharedStrings> {
  try {
    return SharedStrings.from(await runTask<{ bytes: Uint8Array; ends: Uint32Array; length: number }>(new URL('./shared-strings-task.js', import.meta.url), { path, file }));
  } catch (e) {
    const reason = e instanceof TaskError ? (e.data.args as { reason?: string } | undefined)?.reason ?? `part xl/sharedStrings.xml: ${e.message}` : String(e);
    throw new FileError('CORRUPT_WORKBOOK', file, { reason });
  }
}

/** A column's number from its letters: A = 1, Z = 26, AA = 27. */
function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function local(name: string): string {
  if (name.length === 1) return name; // c, v, f, t: the hot tags, never prefixed by the writers seen
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** A serial day number shown as a date, as exceljs gives it: the wall-clock time in a Date's UTC fields. */
function serialDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

async function readRows(zip: Zip, part: string, file: string, ctx: CellContext, onRow: SheetRowHandler): Promise<void> {
  const parser = new SheetXml();
  const sharedString = (table: SharedStrings, k: number, at: string): string => {
    const s = Number.isInteger(k) ? table.get(k) : undefined;
    if (s === undefined) throw corrupt(file, part, `cell ${at || '?'}: shared string ${k} does not exist (xl/sharedStrings.xml holds ${table.length})`);
    return s;
  };
  // rows read before the shared strings came, in order; each is handed over once they have
  const waiting: [number, Cell[]][] = [];
  let rowWaits = false;
  const resolvePending = (table: SharedStrings, row: Cell[]): void => {
    for (let i = 0; i < row.length; i++) {
      const c = row[i] as unknown;
      if (c instanceof Pending) row[i] = sharedString(table, c.k, c.ref);
    }
  };
  const handOver = (table: SharedStrings): void => {
    ctx.strings = table;
    for (const [n, row] of waiting) {
      resolvePending(table, row);
      onRow(n, row);
    }
    waiting.length = 0;
  };
  ctx.later.then((t) => { if (waiting.length === 0) ctx.strings = t; }, () => {});
  let rowNumber = 0;
  let cells: Cell[] = [];
  let col = 0;
  let type = '';
  let style = 0;
  let ref = '';
  let value = '';
  let hasValue = false;
  let hasFormula = false;
  let inV = false;
  let inT = false;
  let inIs = false;
  let phonetic = 0;
  let inSheetData = false;
  const finishCell = (): void => {
    let c: Cell = null;
    const skip = ctx.wanted.columns;
    if (hasValue && skip !== null && !skip.has(col - 1)) c = UNREAD;
    else if (hasValue) {
      switch (type) {
        case 's': {
          const k = Number(value);
          if (ctx.strings === null) {
            c = new Pending(k, ref) as unknown as Cell;
            rowWaits = true;
            break;
          }
          c = sharedString(ctx.strings, k, ref);
          break;
        }
        case 'inlineStr':
        case 'str':
          c = value;
          break;
        case 'b':
          c = value === '1' || value === 'true';
          break;
        case 'e':
          c = value;
          break;
        case 'd': {
          const t = Date.parse(value.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
          c = Number.isNaN(t) ? value : new Date(t);
          break;
        }
        default: {
          const n = Number(value);
          if (value.trim() === '' || !Number.isFinite(n)) throw corrupt(file, part, `cell ${ref || '?'}: ${value} is not a number`);
          c = ctx.dates[style] ? serialDate(n, ctx.date1904) : n;
        }
      }
    } else if (hasFormula) c = NO_CACHED_RESULT;
    if (c !== null) {
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = c;
    }
  };
  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    const a = tag.attributes as Record<string, string>;
    switch (n) {
      case 'sheetData':
        inSheetData = true;
        break;
      case 'row': {
        if (!inSheetData) break;
        rowNumber = a.r !== undefined ? Number(a.r) : rowNumber + 1;
        cells = [];
        col = 0;
        break;
      }
      case 'c': {
        if (!inSheetData) break;
        ref = a.r ?? '';
        if (ref !== '') {
          let k = 0;
          while (k < ref.length && ref.charCodeAt(k) >= 65) k++;
          col = colIndex(ref.slice(0, k));
        } else col += 1;
        type = a.t ?? '';
        style = a.s !== undefined ? Number(a.s) : 0;
        value = '';
        hasValue = false;
        hasFormula = false;
        break;
      }
      case 'v':
        inV = true;
        hasValue = true;
        break;
      case 'f':
        hasFormula = true;
        break;
      case 'is':
        inIs = true;
        hasValue = true;
        break;
      case 't':
        if (inIs && phonetic === 0) inT = true;
        break;
      case 'rPh':
        phonetic += 1;
        break;
      default:
    }
  });
  parser.on('text', (t) => {
    if (inV || inT) value += t;
  });
  parser.on('closetag', (tag) => {
    switch (local(tag.name)) {
      case 'v':
        inV = false;
        break;
      case 't':
        inT = false;
        break;
      case 'is':
        inIs = false;
        break;
      case 'rPh':
        phonetic -= 1;
        break;
      case 'c':
        if (inSheetData) finishCell();
        break;
      case 'row':
        if (!inSheetData) break;
        if (ctx.strings === null && (rowWaits || waiting.length > 0)) waiting.push([rowNumber, cells]);
        else {
          if (rowWaits && ctx.strings !== null) resolvePending(ctx.strings, cells); // begun before the strings came
          onRow(rowNumber, cells);
        }
        rowWaits = false;
        break;
      case 'sheetData':
        inSheetData = false;
        break;
      default:
    }
  });
  await feed(parser, await zip.stream(part), file, part, () => zip.stream(part), async () => {
    // between chunks: the table has come (hand the waiting rows over), or too many rows wait for it
    if (waiting.length > 0 && (ctx.strings !== null || waiting.length >= MAX_WAITING_ROWS)) handOver(await ctx.later);
  });
  if (ctx.strings === null || waiting.length > 0) handOver(await ctx.later);
}

/** What feed needs of a parser: saxes, or the tokenizer of the parts that hold rows and strings (sheet-xml.ts). */
interface Parser { on(event: 'error', fn: (e: Error) => void): void; write(chunk: string): unknown; close(): unknown }

/** Feeds a part's text to a parser; an XML error is the part's, with its line (as saxes finds it, reading the part again). */
async function feed(parser: Parser, chunks: AsyncIterable<string>, file: string, part: string, again?: () => Promise<AsyncIterable<string>>, between?: () => Promise<void>): Promise<void> {
  const failure = await firstError(parser, chunks, between);
  if (!failure) return;
  // parsed fast, without positions: the part is read again by saxes to say what is wrong and where
  const where = again ? await firstError(new SaxesParser({ xmlns: false, position: true }), await again()) : null;
  throw corrupt(file, part, `not well-formed XML (${(where ?? failure).message.split('\n')[0]})`);
}

/** Feeds the text to the parser; the first XML error, or null. */
async function firstError(parser: Parser, chunks: AsyncIterable<string>, between?: () => Promise<void>): Promise<Error | null> {
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  for await (const c of chunks) {
    parser.write(c);
    if (failure) break;
    if (between) await between();
  }
  if (!failure) parser.close();
  return failure;
}
