// Ingest stage: reads a zip's central directory (no inflation) to learn the declared uncompressed size of a workbook
// before exceljs loads it, so that a small file that inflates to gigabytes is refused instead of exhausting memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

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
