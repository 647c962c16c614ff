// scorecards.json is made engineer by engineer (a hundred at a time) to keep a big month's memory down; the bytes must
// be exactly those of stringifying the whole document with an indent of 2, for any number of engineers.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runPipeline, type PeriodResult } from '../../src/pipeline.js';
import { scorecardJson } from '../../src/report/build.js';
import { parseConfigText } from '../../src/config/load.js';
import { makePeriod } from '../../src/util/time.js';
import { ROOT } from '../run-cli.js';

describe('scorecards.json', () => {
  async function fixtureMonth() {
    const loaded = parseConfigText(readFileSync(join(ROOT, 'fixtures', 'rules.yaml'), 'utf8'), 'rules.yaml');
    if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
    const config = loaded.config;
    const dir = join(ROOT, 'fixtures', '2025-11');
    const paths = { roster: join(dir, 'roster.csv'), tickets: join(dir, 'tickets.csv'), responses: join(dir, 'responses.csv'), surveys: join(dir, 'surveys.csv') };
    return { config, result: await runPipeline({ config, period: makePeriod('2025-11', config.timezone), paths, prior: null }) };
  }
  it('is the whole document stringified with an indent of 2, for 0, 1, 100, 101 and 250 engineers', async () => {
    const { result, config } = await fixtureMonth();
    expect(result.engineers.length).toBeGreaterThan(5);
    for (const n of [0, 1, 100, 101, 250]) {
      const engineers = Array.from({ length: n }, (_, i) => result.engineers[i % result.engineers.length]);
      const r: PeriodResult = { ...result, engineers };
      for (const locale of ['en', 'zh-CN'] as const) {
        const got = Buffer.concat(scorecardJson(r, config, locale)).toString('utf8');
        const doc = JSON.parse(got) as { engineers: unknown[] };
        expect(doc.engineers).toHaveLength(n);
        expect(got).toBe(`${JSON.stringify(doc, null, 2)}\n`);
      }
    }
  });
  it('holds every byte of a later part bigger than the first (long names, four-byte characters)', async () => {
    // the parts are encoded through one scratch buffer sized by the first (3 bytes per unit): a later part over three times as long must grow it
    const { result, config } = await fixtureMonth();
    const long = (e: PeriodResult['engineers'][number], name: string) => ({ ...e, roster: { ...e.roster, name } });
    const engineers = Array.from({ length: 230 }, (_, i) => result.engineers[i % result.engineers.length]);
    engineers[150] = long(engineers[150], `工程师${'长'.repeat(1_000_000)}😀"\\`);
    engineers[229] = long(engineers[229], '𠮷'.repeat(30_000));
    const r: PeriodResult = { ...result, engineers };
    const bytes = Buffer.concat(scorecardJson(r, config, 'zh-CN'));
    const doc = JSON.parse(bytes.toString('utf8')) as { engineers: { name: string }[] };
    expect(doc.engineers[150].name).toBe(engineers[150].roster.name);
    expect(doc.engineers[229].name).toBe(engineers[229].roster.name);
    expect(bytes.equals(Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8'))).toBe(true);
  });
});
