/**
 * The little XML the spreadsheet parts need: attribute lookup in a start tag, entity decoding,
 * and a chunk splitter that hands over complete elements from a stream of text.
 * SpreadsheetML parts are machine-written, flat and regular, so a scan with indexOf is enough
 * and much faster than building a DOM.
 */

/** The value of attribute `name` inside a start tag's text (`<c r="A1" t="s">`), or null. */
export function attribute(tag: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return null;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    // preceded by whitespace (not part of a longer name such as `spans` for `s`)
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let eq = from;
    while (tag.charCodeAt(eq) === 32) eq++;
    if (tag.charCodeAt(eq) !== 61 /* = */) continue;
    let q = eq + 1;
    while (tag.charCodeAt(q) === 32) q++;
    const quote = tag[q];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, q + 1);
    if (end < 0) return null;
    return decodeXml(tag.slice(q + 1, end));
  }
}

/** Attribute whose local name is `localName` with any namespace prefix (`r:id`, `ns1:id`). */
export function prefixedAttribute(tag: string, localName: string): string | null {
  const pattern = new RegExp(`\\s[A-Za-z0-9_]+:${localName}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const match = pattern.exec(tag);
  if (!match) return null;
  return decodeXml(match[2] ?? match[3] ?? '');
}

/** Text made safe for element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and OOXML's `_xHHHH_` escapes of control characters. */
export function decodeXml(text: string): string {
  let out = text;
  if (out.indexOf('&') >= 0) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED_ENTITIES[body] ?? whole;
    });
  }
  if (out.indexOf('_x') >= 0) {
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return out;
}

/**
 * Concatenated text of the `<t>` elements in a string item (`<si>` or `<is>`), skipping
 * phonetic runs (`<rPh>`), which are not part of the visible text.
 */
export function richText(xml: string, prefix = ''): string {
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const phoneticOpen = `<${prefix}rPh`;
  const phoneticClose = `</${prefix}rPh>`;
  let text = '';
  let from = 0;
  for (;;) {
    const at = xml.indexOf(open, from);
    if (at < 0) break;
    const next = xml.charCodeAt(at + open.length);
    if (next !== 62 /* > */ && next !== 32 && next !== 47 /* / */) {
      from = at + open.length; // <tag…> of another name
      continue;
    }
    const phonetic = xml.lastIndexOf(phoneticOpen, at);
    if (phonetic >= 0 && phonetic > xml.lastIndexOf(phoneticClose, at)) {
      from = xml.indexOf(phoneticClose, at);
      if (from < 0) break;
      continue;
    }
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd < 0) break;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      from = tagEnd + 1; // <t/>
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0) break;
    text += xml.slice(tagEnd + 1, end);
    from = end + close.length;
  }
  return decodeXml(text);
}

/**
 * Feeds text chunks and calls `onElement` with each complete `<name …>…</name>` (or
 * self-closing `<name …/>`) element, given as `text[start, end)` so that no copy is made,
 * keeping only the unfinished tail between chunks.
 * `maxPending` bounds that tail: a longer element is reported through `onOversize` and
 * skipped, so one gigantic element cannot take the memory.
 */
export class ElementSplitter {
  /**
   * The text from the `until` tag on, once it came between elements: the elements are over
   * (further text is not looked at).
   */
  rest: string | null = null;
  private pending = '';
  private skipping = false;
  private readonly open: string;
  private readonly close: string;

  constructor(
    name: string,
    private readonly maxPending: number,
    private readonly onElement: (text: string, start: number, end: number) => boolean,
    private readonly onOversize: (head: string) => boolean,
    /** the tag that ends the stretch holding the elements, e.g. `</sheetData>` for rows */
    private readonly until?: string,
  ) {
    this.open = `<${name}`;
    this.close = `</${name}>`;
  }

  /** Returns false when a callback asked to stop. */
  push(text: string): boolean {
    if (this.rest !== null) return true;
    const buffer = this.pending.length ? this.pending + text : text;
    let from = 0;
    if (this.skipping) {
      const close = buffer.indexOf(this.close);
      if (close < 0) {
        this.pending = buffer.slice(-this.close.length);
        return true;
      }
      this.skipping = false;
      from = close + this.close.length;
    }
    for (;;) {
      const start = this.findOpen(buffer, from);
      if (start < 0) {
        const end = this.until ? buffer.indexOf(this.until, from) : -1;
        if (end >= 0) {
          this.rest = buffer.slice(end);
          this.pending = '';
          return true;
        }
        // keep a possible partial `<name` (or `until` tag) at the end
        const keep = Math.max(this.open.length, this.until?.length ?? 0);
        this.pending = buffer.slice(Math.max(from, buffer.length - keep));
        return true;
      }
      const tagEnd = buffer.indexOf('>', start);
      let end = -1;
      if (tagEnd >= 0) {
        if (buffer.charCodeAt(tagEnd - 1) === 47) end = tagEnd + 1;
        else {
          const close = buffer.indexOf(this.close, tagEnd);
          if (close >= 0) end = close + this.close.length;
        }
      }
      if (end < 0) {
        if (buffer.length - start > this.maxPending) {
          const head = buffer.slice(start, start + 200);
          this.skipping = true;
          this.pending = buffer.slice(-this.close.length);
          return this.onOversize(head);
        }
        this.pending = buffer.slice(start);
        return true;
      }
      if (!this.onElement(buffer, start, end)) {
        this.pending = '';
        return false;
      }
      from = end;
      if (from >= buffer.length) {
        this.pending = '';
        return true;
      }
    }
  }

  private findOpen(buffer: string, from: number): number {
    for (;;) {
      const at = buffer.indexOf(this.open, from);
      if (at < 0) return -1;
      const next = buffer.charCodeAt(at + this.open.length);
      if (next === 32 || next === 62 || next === 47 || next === 9 || next === 10 || next === 13) return at;
      if (Number.isNaN(next)) return -1; // the name may continue in the next chunk
      from = at + this.open.length;
    }
  }
}
