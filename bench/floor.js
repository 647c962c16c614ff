// The floor: a plain quote-aware tokenising pass over the same files (read, decode UTF-8, split records and fields,
// count them), with no values parsed. Written independently of src/ so that it measures the platform, not our code.
import { createReadStream } from 'node:fs';

export async function tokenizeFile(path) {
  const dec = new TextDecoder('utf-8');
  let records = 0;
  let fields = 0;
  let inQuotes = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const s = dec.decode(chunk, { stream: true });
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 34) inQuotes = !inQuotes;
      else if (!inQuotes && (c === 44 || c === 10)) {
        // a field ends here: take it as a string, as any parser must
        if (s.slice(start, i).length >= 0) fields++;
        start = i + 1;
        if (c === 10) records++;
      }
    }
  }
  return { records, fields };
}
