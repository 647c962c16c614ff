// Pure core, I/O at the edges: metrics, scoring, history, validation and the config schema never touch the file
// system, spreadsheets, CSV libraries, colours, the process or the clock. The scoring-kind registry is sorted.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';
import { KINDS } from '../src/scoring/kinds/index.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const CORE = ['metrics', 'scoring', 'history', 'cycles', 'validate', 'util', 'calendar'].flatMap((d) => files(join(ROOT, 'src', d))).concat([join(ROOT, 'src', 'config', 'schema.ts')]);
const FORBIDDEN = [/from 'node:fs'/, /from 'exceljs'/, /from 'csv-(parse|stringify)/, /from 'chalk'/, /\bprocess\./, /Date\.now\(\)/, /new Date\(\)/];

describe('architecture', () => {
  it.each(CORE.map((f) => [f.slice(ROOT.length)]))('%s is pure', (rel) => {
    const text = readFileSync(join(ROOT, rel), 'utf8').split('\n').filter((l) => !l.trim().startsWith('//') && !l.trim().startsWith('*')).join('\n');
    for (const rx of FORBIDDEN) expect(text, `${rel} matches ${rx}`).not.toMatch(rx);
  });
  it('scoring kinds are registered in sorted order, each in a file named after it', () => {
    const kinds = Object.keys(KINDS);
    expect(kinds).toEqual([...kinds].sort());
    for (const k of kinds) expect(readFileSync(join(ROOT, 'src', 'scoring', 'kinds', `${k}.ts`), 'utf8')).toContain(`kind: '${k}' as const`);
  });
  it('parallel reading is one folder: nothing else mentions threads, workers or shared memory', () => {
    const offenders = files(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'parallel')}`) && /\bthreads?\b|\bworkers?\b|worker_threads|SharedArrayBuffer|Atomics\./i.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(ROOT.length))).toEqual([]);
  });
  it('the parallel runner never names a metric, a column or an input kind', () => {
    const words = /ticket|response|survey|roster|adjustment|evaluation|metric|engineer|column|score/i;
    const offenders = files(join(ROOT, 'src', 'parallel')).filter((f) => words.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => f.slice(ROOT.length))).toEqual([]);
  });
  it('the pipeline reads as the stage list: it names no reading in parts, thread or file', () => {
    const text = readFileSync(join(ROOT, 'src', 'pipeline.ts'), 'utf8');
    for (const rx of [/from '\.\/parallel\/(?!runner\.js';)/, /worker|thread|SharedArrayBuffer/i, /node:fs/, /joinTickets|joinResponses|joinSurveys/]) expect(text).not.toMatch(rx);
  });
  it('stages in order: ingest -> validate -> join -> metrics -> scoring -> history -> report; none calls a later one (but the join counts each case into the metrics)', () => {
    const STAGES = ['ingest', 'validate', 'join', 'metrics', 'scoring', 'history', 'cycles', 'report'];
    const SHARED = ['util', 'parallel', 'config', 'calendar', 'problems', 'version'];
    const calls = (dir: string) => new Set(files(join(ROOT, 'src', dir)).flatMap((f) => readFileSync(f, 'utf8').split('\n')
      .filter((l) => /^(import|export) .* from '\.\.\//.test(l) && !/^import type /.test(l)).map((l) => (/from '\.\.\/([a-z-]+)[/.]/.exec(l) as RegExpExecArray)[1])));
    STAGES.forEach((stage, k) => {
      const allowed = new Set([...STAGES.slice(0, k), ...SHARED, ...(stage === 'join' ? ['metrics'] : [])]);
      expect([...calls(stage)].filter((d) => !allowed.has(d)), stage).toEqual([]);
    });
    // after the join, no stage calls back into the row path (ingest, validate, join stream the rows together)
    for (const stage of ['metrics', 'scoring', 'history', 'cycles', 'report']) expect([...calls(stage)].filter((d) => ['ingest', 'validate', 'join'].includes(d)), stage).toEqual([]);
    expect([...calls('parallel')].filter((d) => d !== 'util'), 'parallel').toEqual([]);
    expect([...calls('util')], 'util').toEqual([]);
  });
  it('only the bin shim sets the exit code', () => {
    const code = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
    const offenders = files(join(ROOT, 'src')).filter((f) => /process\.(exit|exitCode)/.test(code(f)));
    expect(offenders).toEqual([]);
  });
});
