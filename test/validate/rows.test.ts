// The rows of each input as their schemas (src/validate/rows.ts) state them: every record the reader accepts from the
// fixture months (CSV and workbooks, Chinese headers, blanks, enum words) parses, with exactly the input's columns.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eachRecord } from '../../src/join/read-input.js';
import { ROW_SCHEMAS } from '../../src/validate/rows.js';
import { COLUMNS } from '../../src/validate/columns.js';
import { parseConfigText } from '../../src/config/load.js';
import { readFileSync } from 'node:fs';
import { ROOT } from '../run-cli.js';

const loaded = parseConfigText(readFileSync(join(ROOT, 'fixtures', 'rules.yaml'), 'utf8'), 'rules.yaml');
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const config = loaded.config;
const MONTHS = readdirSync(join(ROOT, 'fixtures')).filter((d) => /^\d{4}-\d{2}$/.test(d)).sort();
const INPUTS = Object.keys(ROW_SCHEMAS) as (keyof typeof ROW_SCHEMAS)[];

describe('row schemas', () => {
  it('name exactly the columns of their input', () => {
    for (const input of INPUTS) expect(Object.keys(ROW_SCHEMAS[input].shape).sort(), input).toEqual(COLUMNS[input].map((c) => c.id).sort());
  });
  it.each(MONTHS)('%s: every accepted record parses', async (month) => {
    let parsed = 0;
    for (const input of INPUTS) {
      const file = readdirSync(join(ROOT, 'fixtures', month)).find((f) => f.startsWith(`${input}.`));
      if (!file || !existsSync(join(ROOT, 'fixtures', month, file))) continue;
      await eachRecord(join(ROOT, 'fixtures', month, file), undefined, input, config, [], undefined, (rec, row) => {
        const r = ROW_SCHEMAS[input].safeParse(rec);
        expect(r.success, `${month} ${file} row ${row}: ${r.success ? '' : JSON.stringify(r.error.issues[0])}`).toBe(true);
        parsed += 1;
      });
    }
    expect(parsed).toBeGreaterThan(300);
  });
});
