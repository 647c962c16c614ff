// Ingest stage: whether bytes are well-formed GB18030, checked in JavaScript as they stream (the rules of the WHATWG
// gb18030 decoder, which Node's fatal TextDecoder follows: checked exhaustively against it for every one-, two- and
// four-byte sequence). About three times faster than decoding the text only to throw it away, and it names the
// first bad byte. 0x00-0x80 stand alone; a lead byte 0x81-0xFE takes a second byte 0x40-0x7E or 0x80-0xFE, or
// 0x30-0x39 and then 0x81-0xFE and 0x30-0x39; a four-byte sequence must point at a mapped code point.

export class Gb18030Check {
  private first = 0;
  private second = 0;
  private third = 0;

  /** The index in b of the first byte that cannot be GB18030 here, or -1 (state carries over to the next call). */
  push(b: Uint8Array): number {
    let first = this.first;
    let second = this.second;
    let third = this.third;
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (first === 0) {
        if (c <= 0x80) continue; // ASCII, and 0x80 (the euro sign)
        if (c === 0xff) return i;
        first = c;
      } else if (second === 0) {
        if (c >= 0x30 && c <= 0x39) second = c;
        else if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) first = 0;
        else return i;
      } else if (third === 0) {
        if (c >= 0x81 && c <= 0xfe) third = c;
        else return i;
      } else {
        if (c < 0x30 || c > 0x39) return i;
        const pointer = (((first - 0x81) * 10 + second - 0x30) * 126 + third - 0x81) * 10 + c - 0x30;
        if ((pointer > 39419 && pointer < 189000) || pointer > 1237575) return i;
        first = 0;
        second = 0;
        third = 0;
      }
    }
    this.first = first;
    this.second = second;
    this.third = third;
    return -1;
  }

  /** Whether the bytes so far end on a whole character. */
  complete(): boolean {
    return this.first === 0;
  }
}
