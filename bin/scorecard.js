#!/usr/bin/env node
// Thin shim: all logic lives in dist/; only the exit code is set here (never process.exit, which can cut piped output).
import { main } from '../dist/cli/main.js';

// a reader that stops early (`scorecard explain ... | head`) closes the pipe: the rest of the output is not wanted
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
