// A GB18030 file whose first 64 KiB are ASCII (a long English part before the first Chinese name) is read as GB18030:
// the encoding is decided by the whole file as it streams, not by its head; a bad byte is reported at its real offset.
import { describe, expect, it, afterAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeGb18030 } from '../../scripts/gb18030.js';
import { cli, ROOT } from '../run-cli.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const ROSTER = readFileSync(join(ROOT, 'fixtures', '2025-11', 'roster.csv'));
/** 4,000 ASCII ticket rows (about 150 KiB), then rows with Chinese status words and a quoted Chinese note. */
function month(): string {
  let text = 'ticket_id,engineer_id,created_at,resolved_at,status,note\n';
  for (let i = 0; i < 4000; i++) text += `T${String(i).padStart(6, '0')},E00${1 + (i % 9)},2025-11-${String(1 + (i % 28)).padStart(2, '0')} 09:00,2025-11-${String(1 + (i % 28)).padStart(2, '0')} 15:00,resolved,plain english note\n`;
  for (let i = 0; i < 50; i++) text += `T9${String(i).padStart(5, '0')},E00${1 + (i % 9)},2025-11-10 09:00,,处理中,"客户说：""屏幕不亮"""\n`;
  return text;
}

async function runWith(bytes: Buffer, env: Record<string, string> = {}): Promise<{ code: number; stderr: string; out: string }> {
  const dir = tempDir('late-');
  writeFileSync(join(dir, 'tickets.csv'), bytes);
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  const out = tempDir('late-out-');
  const r = await cli(['run', '--period', '2025-11', '--input-dir', dir, '--out', out, '--fresh', '--quiet', '--max-reject-rate', '1'], { env });
  return { code: r.code, stderr: r.stderr, out };
}

describe('the encoding decided by the whole file', () => {
  const text = month();
  it.each([['one pass', 'off'], ['two parts, the cut in the ASCII part', 'on']])('%s: GB18030 after 150 KiB of ASCII publishes what the UTF-8 copy does', async (_what, mode) => {
    const utf8 = await runWith(Buffer.from(text, 'utf8'), { SCORECARD_READ_AHEAD: mode });
    const gb = await runWith(encodeGb18030(text), { SCORECARD_READ_AHEAD: mode });
    expect(gb.code, gb.stderr).toBe(0);
    expect(utf8.code, utf8.stderr).toBe(0);
    for (const f of ['scorecards.csv', 'scorecards.json', 'rejects.csv', 'state.json']) {
      expect(readFileSync(join(gb.out, '2025-11', f), 'utf8'), f).toBe(readFileSync(join(utf8.out, '2025-11', f), 'utf8'));
    }
    const m = JSON.parse(readFileSync(join(gb.out, '2025-11', 'manifest.json'), 'utf8'));
    expect(m.inputs.tickets.rows_read).toBe(4050);
  });
  it('a byte that is neither UTF-8 nor GB18030 after the ASCII part is reported at its real offset', async () => {
    const bytes = Buffer.concat([Buffer.from(text.split('\n').slice(0, 4001).join('\n') + '\n', 'utf8'), Buffer.from('T999999,E001,2025-11-10 09:00,,'), Buffer.from([0xff, 0x41]), Buffer.from(',x\n')]);
    const at = bytes.indexOf(0xff);
    const r = await runWith(bytes);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`tickets.csv: the text is neither UTF-8, UTF-16 nor GB18030 (near byte ${at})`);
  });
  it('a UTF-8 file that later holds a GB18030 byte stays an error (mixed text is never guessed)', async () => {
    const bytes = Buffer.concat([Buffer.from(`${text.slice(0, 200)}\n`, 'utf8'), Buffer.from('T8,E001,2025-11-10 09:00,,处理中,x\n', 'utf8'), encodeGb18030('T9,E001,2025-11-10 09:00,,处理中,x\n')]);
    const r = await runWith(bytes);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('neither UTF-8');
  });
});
