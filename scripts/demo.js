#!/usr/bin/env node
// `npm run demo`: scores every bundled sample month in order into ./out (history, ledger and pay carried month to month).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const months = readdirSync('fixtures').filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
for (const p of months) {
  const r = spawnSync(process.execPath, ['bin/scorecard.js', 'run', '--period', p, '--config', 'fixtures/rules.yaml', '--input-dir', `fixtures/${p}`, '--out', 'out', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.error(`\nDone: see out/${months[months.length - 1]}/scorecards.xlsx, and try:\n  node bin/scorecard.js explain --out out --period ${months[months.length - 1]} E003\n  node bin/scorecard.js history --out out E003`);
