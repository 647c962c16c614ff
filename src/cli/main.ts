// CLI entry: commander wires the commands to their handlers; returns the exit code, never calls process.exit.
import { Command, CommanderError, Option } from 'commander';
import { INPUT_NAMES } from '../config/schema.js';
import { VERSION } from '../version.js';
import { EXIT, makeLogger, type ExitCode, type Io } from './io.js';
import { runCommand, type RunOptions } from './run.js';
import { initCommand } from './init.js';
import { explainCommand } from './explain.js';
import { historyCommand } from './history.js';
import { reportCommand } from './report.js';
import { cycleCommand, type CycleOptions } from './cycle.js';
import { rerunCommand, type RerunOptions } from './rerun.js';

function runOptions(cmd: Command): Command {
  cmd
    .option('--period <YYYY-MM|previous>', 'the month to score; previous = the month before today in the config timezone')
    .option('--config <file>', 'rules file, YAML or JSON (default ./rules.yaml, else the built-in default policy)')
    .option('--input-dir <dir>', 'folder holding tickets.*, responses.*, surveys.*, roster.*, adjustments.*, evaluations.*, events.* (.csv, .xlsx, .tsv, .csv.gz, .tsv.gz)');
  for (const name of INPUT_NAMES) cmd.option(`--${name} <file>`, `the ${name} file (overrides --input-dir; - reads standard input)`);
  return cmd
    .option('--out <dir>', 'output root; the period is published to DIR/YYYY-MM/', './out')
    .option('--format <list>', 'formats to write: csv, xlsx, json, html (the feedback pack in report/)', 'csv,xlsx,json,html')
    .addOption(new Option('--stdout <format>', 'also write the scorecards to standard output').choices(['csv', 'json']))
    .option('--fresh', 'start the ledger from the roster even though earlier periods exist in --out')
    .option('--max-reject-rate <rate>', 'refuse to publish when more than this share of any input is rejected', '0.02')
    .addOption(new Option('--locale <locale>', 'language of output headers and labels (default from config)').choices(['en', 'zh-CN']))
    .option('--bom', 'write a UTF-8 byte-order mark in CSV files (for old Excel)')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print details (and stack traces of unexpected failures)')
    .option('--no-color', 'no colour on standard error');
}

export async function main(argv: string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = new Command('scorecard')
    .description('Monthly assessment of after-sales service engineers: scorecards, grade changes, points ledger and pay.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(scorecard --help lists the commands and options)');

  runOptions(program.command('run').description('score one period and publish its outputs'))
    .action(async (o: RunOptions) => { code = await runCommand('run', o, io); });
  runOptions(program.command('validate').description('the same inputs and checks as run; prints the summary and the rejects, writes nothing'))
    .action(async (o: RunOptions) => { code = await runCommand('validate', o, io); });
  program.command('init').argument('[dir]', 'folder to write rules.yaml into', '.')
    .option('--force', 'overwrite an existing rules.yaml')
    .description('write a commented starter rules.yaml holding the default policy')
    .action((dir: string, o: { force?: boolean }) => { code = initCommand(dir, o, io); });
  program.command('explain').argument('<engineer_id>')
    .requiredOption('--out <dir>', 'output root the period was published to')
    .requiredOption('--period <YYYY-MM>', 'the period')
    .option('--locale <locale>', 'en or zh-CN (default: the locale the period was published in)')
    .description("print one engineer's computation: metrics, indicator scores, weights, adjustments, rating, rules and pay")
    .action((id: string, o: { out: string; period: string; locale?: string }) => { code = explainCommand(id, o, io); });
  program.command('report')
    .requiredOption('--out <dir>', 'output root the period was published to')
    .requiredOption('--period <YYYY-MM>', 'the published period')
    .requiredOption('--to <dir>', 'folder to write the pack into (index.html, engineers/<id>.html)')
    .option('--locale <locale>', 'en or zh-CN (default: the locale the period was published in)')
    .option('--pdf', 'also print every page to PDF with a local Chromium')
    .option('--browser <path>', 'the Chromium (or Chrome) to print with (default: found on the PATH)')
    .option('--quiet', 'print nothing on success')
    .description('write the feedback pack (the dashboard and a one-page sheet per engineer) of a published period')
    .action(async (o: { out: string; period: string; to: string; locale?: string; pdf?: boolean; browser?: string; quiet?: boolean }) => { code = await reportCommand(o, io); });
  program.command('cycle')
    .requiredOption('--period <2026-Q1|2026-H1|2026>', 'the quarter, half-year or year; its months must be published in --out')
    .option('--out <dir>', 'output root holding the published months; the cycle is published to DIR/<period>/', './out')
    .option('--config <file>', 'rules file, YAML or JSON (default ./rules.yaml, else the built-in default policy)')
    .option('--evaluations <file>', "a year's annual review items (cycles.year.annual): engineer_id, item, value 0-100")
    .addOption(new Option('--locale <locale>', 'language of output headers and labels (default from config)').choices(['en', 'zh-CN']))
    .option('--bom', 'write a UTF-8 byte-order mark in CSV files (for old Excel)')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print details (and stack traces of unexpected failures)')
    .option('--no-color', 'no colour on standard error')
    .description('compute a quarter, half-year or year from its published months: totals, ratings, bonus, rank, calibration, candidates')
    .action(async (o: CycleOptions) => { code = await cycleCommand(o, io); });
  program.command('rerun')
    .requiredOption('--from <YYYY-MM>', 'the first month to score again; every later published month follows')
    .requiredOption('--corrections <file>', 'the corrections (upheld appeals): correction_id, period, engineer_id, action, target, value, reason, approved_by')
    .option('--out <dir>', 'output root holding the published months', './out')
    .option('--quiet', 'print nothing on success')
    .option('--verbose', 'print details (and stack traces of unexpected failures)')
    .option('--no-color', 'no colour on standard error')
    .description('apply corrections to closed months: score them again from their recorded inputs, publish them all with what changed and the back-pay')
    .action(async (o: RerunOptions) => { code = await rerunCommand(o, io); });
  program.command('history').argument('<engineer_id>')
    .requiredOption('--out <dir>', 'output root holding the published periods')
    .option('--locale <locale>', 'en or zh-CN (default: the locale the periods were published in)')
    .description("print an engineer's periods side by side: total, rating, streaks, points, level, salary")
    .action((id: string, o: { out: string; locale?: string }) => { code = historyCommand(id, o, io); });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    makeLogger(io, {}).error(`unexpected failure: ${(e as Error).message}`);
    return EXIT.DATA;
  }
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  return code;
}
