// Ingest stage: a streaming XML tokenizer for the parts of a workbook that hold rows and strings (a sheet, the shared
// strings), with saxes' events for what they hold: opentag (name, attributes), text, closetag. It skips the XML
// declaration, processing instructions, comments and CDATA (as the handlers do, which take no cdata event), decodes
// the five named entities and character references, and checks that tags nest. It does no more of XML's checks than
// that: a sheet's XML is machine-written, and parsing it is most of a workbook's reading time. Anything it does not
// take (an undefined entity, a tag that does not close, a DOCTYPE with declarations) is an error, which the reader
// tells as saxes finds it, reading the part again (xlsx-reader.ts, feed). Tested against saxes on random documents.

export interface Tag { name: string; attributes: Record<string, string>; isSelfClosing: boolean }
type Handlers = { opentag?: (t: Tag) => void; text?: (t: string) => void; closetag?: (t: { name: string }) => void; error?: (e: Error) => void };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REF = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let refs = 0;
  const out = s.replace(REF, (m, e: string) => {
    refs++;
    if (e.charCodeAt(0) === 35) {
      const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff)) throw new Error(`invalid character reference ${m}`);
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`undefined entity ${m}`);
    return v;
  });
  let amps = 0;
  for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) amps++;
  if (amps !== refs) throw new Error('a & that begins no reference');
  return out;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class SheetXml {
  private readonly on_: Handlers = {};
  private buf = '';
  private readonly open: string[] = [];
  private failed = false;

  on<K extends keyof Handlers>(event: K, fn: NonNullable<Handlers[K]>): void {
    (this.on_ as Record<string, unknown>)[event] = fn;
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.on_.error?.(new Error(message));
  }

  write(chunk: string): void {
    if (this.failed) return;
    try {
      this.scan(this.buf.length > 0 ? this.buf + chunk : chunk);
    } catch (e) {
      this.fail((e as Error).message);
    }
  }

  close(): void {
    if (this.failed) return;
    if (this.buf.trim() !== '' && this.open.length === 0) return this.fail('text after the root element');
    if (this.buf.indexOf('<') >= 0 || this.open.length > 0) this.fail(`unclosed tag ${this.open[this.open.length - 1] ?? ''}`.trim());
  }

  /** Takes every whole token of s; keeps the rest (a tag, or text that may hold a cut reference) for the next chunk. */
  private scan(s: string): void {
    const n = s.length;
    const h = this.on_;
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        this.buf = s.slice(i); // text whose end is not known yet
        return;
      }
      if (lt > i) {
        const t = s.slice(i, lt);
        if (this.open.length === 0 && t.trim() !== '') throw new Error('text outside the root element');
        h.text?.(decode(t.indexOf('\r') >= 0 ? t.replace(/\r\n?/g, '\n') : t)); // line ends as XML reads them
      }
      i = lt;
      if (lt + 1 >= n) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 47) { // </name>
        const gt = s.indexOf('>', lt + 2);
        if (gt < 0) break;
        const name = s.slice(lt + 2, gt).trimEnd();
        const top = this.open.pop();
        if (top !== name) throw new Error(`closing tag ${name} does not match ${top === undefined ? 'any open tag' : `the open ${top}`}`);
        h.closetag?.({ name });
        i = gt + 1;
        continue;
      }
      if (c1 === 33) { // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE >
        let end: number;
        if (s.startsWith('<!--', lt)) end = s.indexOf('-->', lt + 4) + 3;
        else if (s.startsWith('<![CDATA[', lt)) end = s.indexOf(']]>', lt + 9) + 3;
        else if (lt + 9 > n) break;
        else if (s.startsWith('<!DOCTYPE', lt)) {
          const gt = s.indexOf('>', lt);
          if (gt >= 0 && s.slice(lt, gt).includes('[')) throw new Error('a DOCTYPE with declarations');
          end = gt + 1;
        } else throw new Error('unexpected <!');
        if (end <= 2) break; // its end is in a later chunk
        i = end;
        continue;
      }
      if (c1 === 63) { // <? ?>
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      // <name attr="v" ...> or <name .../>
      let j = lt + 1;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (isSpace(c) || c === 62 || c === 47) break;
        j++;
      }
      if (j >= n) break;
      const name = s.slice(lt + 1, j);
      if (name === '') throw new Error('a tag without a name');
      const attributes: Record<string, string> = {};
      let selfClosing = false;
      let done = false;
      while (j < n) {
        let c = s.charCodeAt(j);
        if (isSpace(c)) {
          j++;
          continue;
        }
        if (c === 62) {
          j++;
          done = true;
          break;
        }
        if (c === 47) {
          if (j + 1 >= n) break;
          if (s.charCodeAt(j + 1) !== 62) throw new Error(`a / in tag ${name}`);
          j += 2;
          selfClosing = true;
          done = true;
          break;
        }
        const a = j;
        while (j < n && (c = s.charCodeAt(j)) !== 61 && !isSpace(c) && c !== 62 && c !== 47) j++;
        const attr = s.slice(a, j);
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) break;
        if (s.charCodeAt(j) !== 61) throw new Error(`attribute ${attr} of ${name} has no value`);
        j++;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (j >= n) break;
        const q = s.charCodeAt(j);
        if (q !== 34 && q !== 39) throw new Error(`attribute ${attr} of ${name} is not quoted`);
        const end = s.indexOf(q === 34 ? '"' : "'", j + 1);
        if (end < 0) break;
        const value = s.slice(j + 1, end);
        if (value.indexOf('<') >= 0) throw new Error(`a < in attribute ${attr} of ${name}`);
        // attribute-value normalisation: a literal tab or line break is a space (a character reference stays itself)
        attributes[attr] = decode(/[\t\n\r]/.test(value) ? value.replace(/\r\n|[\t\n\r]/g, ' ') : value);
        j = end + 1;
      }
      if (!done) break; // the tag goes on in the next chunk
      h.opentag?.({ name, attributes, isSelfClosing: selfClosing });
      if (selfClosing) h.closetag?.({ name });
      else this.open.push(name);
      i = j;
    }
    this.buf = s.slice(i); // from a token cut by the chunk's end
  }
}
