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

// In a process of its own, as the run is measured: `node bench/floor.js FILE...` prints JSON with the time of each
// file, the total, CPU time and peak RSS.
if (import.meta.url === `file://${process.argv[1]}`) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const files = [];
  for (const f of process.argv.slice(2)) {
    const t = performance.now();
    const { records } = await tokenizeFile(f);
    files.push({ file: f, rows: records - 1, ms: performance.now() - t });
  }
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS / 1024, files }));
}
