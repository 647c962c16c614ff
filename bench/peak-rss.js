// Preloaded into the measured process (node --import): writes its peak resident set size (KiB) and CPU time
// (user + system, microseconds) on exit.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.SCORECARD_RSS_FILE) writeFileSync(process.env.SCORECARD_RSS_FILE, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
});
