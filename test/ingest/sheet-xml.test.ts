// The workbook parts' XML tokenizer (src/ingest/sheet-xml.ts) against saxes, the library it stands in for: on random
// documents of the shapes sheets and shared strings take (prefixes, attributes in either quote, entities and character
// references, self-closing tags, comments, CDATA, a declaration), cut into chunks anywhere, the same tags, attributes
// and text; on documents saxes refuses, an error too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { SheetXml } from '../../src/ingest/sheet-xml.js';

type Ev = string;

function events(make: () => { on: (e: string, f: (x: never) => void) => void; write: (s: string) => void; close: () => void }, chunks: string[]): { evs: Ev[]; error: boolean } {
  const p = make();
  const evs: Ev[] = [];
  let error = false;
  let text = '';
  const flush = () => {
    if (text !== '') evs.push(`text:${text}`);
    text = '';
  };
  p.on('opentag', ((t: { name: string; attributes: Record<string, string> }) => {
    flush();
    evs.push(`open:${t.name}:${JSON.stringify(Object.entries(t.attributes).sort())}`);
  }) as never);
  p.on('text', ((t: string) => { text += t; }) as never);
  p.on('closetag', ((t: { name: string }) => {
    flush();
    evs.push(`close:${t.name}`);
  }) as never);
  p.on('error', (() => { error = true; }) as never);
  try {
    for (const c of chunks) {
      p.write(c);
      if (error) break;
    }
    if (!error) p.close();
  } catch {
    error = true;
  }
  flush();
  return { evs: error ? [] : evs, error };
}

const saxes = () => new SaxesParser({ xmlns: false, position: false }) as unknown as ReturnType<Parameters<typeof events>[0]>;
const mine = () => new SheetXml() as unknown as ReturnType<Parameters<typeof events>[0]>;

const textPart = fc.oneof(
  fc.constantFrom('12', '3.5', 'A1', '合计', 'x y', ' ', '\n', 'a\r\nb', 'c\rd', '&amp;', '&lt;b&gt;', '&#20013;', '&#x4E2D;', '&quot;', "&apos;", 'T26010001'),
  fc.string({ unit: fc.constantFrom('a', '1', ' ', '中', '-', '.', '=') , maxLength: 6 }),
);
const text = fc.array(textPart, { maxLength: 3 }).map((xs) => xs.join(''));
const attrs = fc.array(fc.tuple(fc.constantFrom('r', 't', 's', 'xml:space', 'spans', 'x14ac:dyDescent'), textPart, fc.boolean()), { maxLength: 3 })
  .map((as) => [...new Map(as.map(([k, v, q]) => [k, q ? ` ${k}="${v.replace(/"/g, '&quot;')}"` : ` ${k}='${v.replace(/'/g, '&apos;')}'`])).values()].join(''));
const name = fc.constantFrom('c', 'v', 'row', 'x:c', 'is', 't', 'r', 'rPh', 'f', 'si');
const node: fc.Memo<string> = fc.memo((d) => (d <= 0
  ? fc.oneof(text, fc.tuple(name, attrs).map(([n, a]) => `<${n}${a}/>`))
  : fc.oneof(
    text,
    fc.constantFrom('<!-- a comment -->', '<![CDATA[<not a tag> & raw]]>'),
    fc.tuple(name, attrs, fc.array(node(d - 1), { maxLength: 4 })).map(([n, a, kids]) => `<${n}${a}>${kids.join('')}</${n}>`),
  )));
const doc = fc.tuple(fc.boolean(), fc.array(node(3), { maxLength: 5 })).map(([decl, kids]) => `${decl ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : ''}<worksheet xmlns="x"><sheetData>${kids.join('')}</sheetData></worksheet>`);
const cut = (s: string, at: number[]) => {
  const pts = [...new Set(at.map((k) => k % (s.length + 1)))].sort((a, b) => a - b);
  return [...pts, s.length].map((p, k) => s.slice(k === 0 ? 0 : pts[k - 1], p));
};

describe('SheetXml against saxes', () => {
  it('well-formed documents, cut anywhere: the same tags, attributes and text', () => {
    fc.assert(fc.property(doc, fc.array(fc.nat(), { maxLength: 6 }), (d, at) => {
      const want = events(saxes, [d]);
      expect(want.error).toBe(false);
      expect(events(mine, cut(d, at))).toEqual(want);
    }), { numRuns: 400 });
  });
  it.each([
    ['<a><b></a>', 'tags that do not nest'],
    ['<a>&nbsp;</a>', 'an undefined entity'],
    ['<a>& b</a>', 'a bare &'],
    ['<a><b>', 'tags never closed'],
    ['<a b=c></a>', 'an unquoted attribute'],
    ['<a>x</a>tail', 'text after the root'],
  ])('%s: an error, as saxes finds one (%s)', (d) => {
    expect(events(saxes, [d]).error).toBe(true);
    expect(events(mine, [d]).error).toBe(true);
  });
});
