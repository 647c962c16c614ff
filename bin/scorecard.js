#!/usr/bin/env node
// Thin shim: all logic lives in dist/; only the exit code is set here (never process.exit, which can cut piped output).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});
