// A GB18030 encoder for fixtures and tests, built from Node's own decoder (no dependency): every two-byte sequence
// decoded once, plus U+20000 as a four-byte sequence (the label gbk mangles those).
let table = null;

export function encodeGb18030(text) {
  if (!table) {
    table = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
      }
    }
    table.set('\u{20000}', [0x95, 0x32, 0x82, 0x36]);
  }
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`cannot encode ${ch} in GB18030 here`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}
