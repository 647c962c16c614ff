// Preloaded into the measured process (node --import): writes its peak resident set size (KiB) on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.SCORECARD_RSS_FILE) writeFileSync(process.env.SCORECARD_RSS_FILE, String(process.resourceUsage().maxRSS));
});
