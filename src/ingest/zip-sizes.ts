// Ingest stage: reads a zip's central directory (no inflation) to learn the declared uncompressed size of a workbook
// before exceljs loads it, so that a small file that inflates to gigabytes is refused instead of exhausting memory.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';

export interface ZipSizes { entries: number; uncompressed: number; compressed: number }

/** Declared sizes from the central directory, or null when the directory cannot be found (a corrupt file). */
export function declaredZipSizes(path: string): ZipSizes | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557); // end-of-central-directory record plus the longest comment
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let p = 0;
    let uncompressed = 0;
    let compressed = 0;
    for (let k = 0; k < entries && p + 46 <= dir.length; k++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return null;
      compressed += dir.readUInt32LE(p + 20);
      uncompressed += dir.readUInt32LE(p + 24);
      p += 46 + dir.readUInt16LE(p + 28) + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return { entries, uncompressed, compressed };
  } finally {
    closeSync(fd);
  }
}

/**
 * How many bytes the workbook's entries really inflate to, counted while inflating each entry as a stream (nothing is
 * kept) and stopped as soon as the count passes `limit`: a zip whose directory understates its sizes is caught by
 * what it does, not by what it says. Returns the count, or null when it passes the limit. A broken entry throws
 * ZipEntryError naming it.
 */
export async function inflatedSizeWithin(path: string, limit: number): Promise<number | null> {
  const entries = directoryEntries(path);
  if (entries === null) throw new ZipEntryError('(central directory)', 'no zip central directory (truncated or not a workbook)');
  let total = 0;
  for (const e of entries) {
    if (e.compressedSize === 0) continue;
    const start = dataStart(path, e);
    if (e.method === 0) {
      total += e.compressedSize;
    } else if (e.method === 8) {
      const inflater = createInflateRaw();
      const source = createReadStream(path, { start, end: start + e.compressedSize - 1 });
      try {
        await new Promise<void>((resolve, reject) => {
          inflater.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limit) {
              source.destroy();
              inflater.destroy();
              resolve();
            }
          });
          inflater.on('end', resolve);
          inflater.on('error', reject);
          source.on('error', reject);
          source.pipe(inflater);
        });
      } catch (err) {
        throw new ZipEntryError(e.name, (err as Error).message);
      }
    } else {
      throw new ZipEntryError(e.name, `compression method ${e.method} is not one a workbook uses`);
    }
    if (total > limit) return null;
  }
  return total;
}

/** A zip entry (a part of a workbook) that cannot be read. */
export class ZipEntryError extends Error {
  constructor(readonly part: string, readonly reason: string) {
    super(`${part}: ${reason}`);
  }
}

interface DirEntry { name: string; method: number; compressedSize: number; localOffset: number }

function directoryEntries(path: string): DirEntry[] | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    const out: DirEntry[] = [];
    let p = 0;
    for (let k = 0; k < count && p + 46 <= dir.length; k++) {
      if (dir.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = dir.readUInt16LE(p + 28);
      out.push({
        name: dir.toString('utf8', p + 46, p + 46 + nameLength), method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20), localOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Where an entry's compressed bytes start: after its local header, whose name and extra field lengths are its own. */
function dataStart(path: string, e: DirEntry): number {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(30);
    if (readSync(fd, head, 0, 30, e.localOffset) < 30 || head.readUInt32LE(0) !== 0x04034b50) throw new ZipEntryError(e.name, 'its local header is missing');
    return e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  } finally {
    closeSync(fd);
  }
}
