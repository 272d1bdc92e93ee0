/**
 * The small parts of a workbook package: relationships, the workbook (sheet list, 1904 dates),
 * styles (which cell formats are dates or percentages) and the shared string table.
 */
import { attribute, ElementSplitter, prefixedAttribute, richText } from './xml.ts';

export interface Relationship {
  id: string;
  type: string;
  /** resolved package path without a leading slash, e.g. `xl/worksheets/sheet1.xml` */
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string, baseDir: string): Relationship[] {
  const list: Relationship[] = [];
  forEachTag(xml, 'Relationship', (tag) => {
    const id = attribute(tag, 'Id');
    const type = attribute(tag, 'Type') ?? '';
    const target = attribute(tag, 'Target');
    if (!id || !target) return;
    const external = attribute(tag, 'TargetMode') === 'External';
    list.push({ id, type, target: external ? target : resolvePartPath(baseDir, target), external });
  });
  return list;
}

/** Resolves a relationship target against the directory of its source part. */
export function resolvePartPath(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const piece of target.split('/')) {
    if (!piece || piece === '.') continue;
    if (piece === '..') parts.pop();
    else parts.push(piece);
  }
  return parts.join('/');
}

export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself (``) → `_rels/.rels`. */
export function relsPathFor(partPath: string): string {
  const dir = directoryOf(partPath);
  const file = partPath.slice(dir.length ? dir.length + 1 : 0);
  return `${dir ? `${dir}/` : ''}_rels/${file}.rels`;
}

interface WorkbookSheetRef {
  name: string;
  relationshipId: string;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: WorkbookSheetRef[];
  date1904: boolean;
}

export function parseWorkbook(xml: string): WorkbookInfo {
  const sheets: WorkbookSheetRef[] = [];
  let date1904 = false;
  forEachTag(xml, 'workbookPr', (tag) => {
    const value = attribute(tag, 'date1904');
    date1904 = value === '1' || value === 'true';
  });
  forEachTag(xml, 'sheet', (tag) => {
    const name = attribute(tag, 'name') ?? '';
    const relationshipId = prefixedAttribute(tag, 'id') ?? attribute(tag, 'id') ?? '';
    const state = attribute(tag, 'state');
    sheets.push({ name, relationshipId, hidden: state === 'hidden' || state === 'veryHidden' });
  });
  return { sheets, date1904 };
}

/** How a cell style shows numbers, as far as reading values is concerned. */
export enum NumberShape {
  Plain = 0,
  Date = 1,
  Percent = 2,
}

/** Built-in number formats (ECMA-376 §18.8.30) that show dates/times, and percentages. */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);
const BUILTIN_PERCENT_FORMATS = new Set([9, 10]);

function classifyFormatCode(code: string): NumberShape {
  // drop quoted literals, escaped characters and bracketed parts ([Red], [$-419], [h])
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (bare.includes('%')) return NumberShape.Percent;
  if (/general/i.test(bare)) return NumberShape.Plain;
  if (/[dmyhs]/i.test(bare)) return NumberShape.Date;
  if (/\[(h+|m+|s+)\]/i.test(code)) return NumberShape.Date;
  return NumberShape.Plain;
}

/** Per cell style index (`s` attribute): how its numbers are shown. */
export function parseStyles(xml: string): NumberShape[] {
  const customFormats = new Map<number, NumberShape>();
  forEachTag(xml, 'numFmt', (tag) => {
    const id = Number(attribute(tag, 'numFmtId'));
    const code = attribute(tag, 'formatCode') ?? '';
    customFormats.set(id, classifyFormatCode(code));
  });
  const shapes: NumberShape[] = [];
  const start = xml.indexOf('cellXfs');
  const end = xml.indexOf('cellXfs>', start + 7);
  if (start < 0 || end < 0) return shapes;
  forEachTag(xml.slice(start, end), 'xf', (tag) => {
    const id = Number(attribute(tag, 'numFmtId') ?? 0);
    shapes.push(
      customFormats.get(id) ??
        (BUILTIN_DATE_FORMATS.has(id)
          ? NumberShape.Date
          : BUILTIN_PERCENT_FORMATS.has(id)
            ? NumberShape.Percent
            : NumberShape.Plain),
    );
  });
  return shapes;
}

/** A shared string longer than the cell limit: kept as its length only. */
export interface OversizedText {
  oversized: number;
}

/**
 * Collects the shared string table from streamed text. Strings longer than `maxChars` are
 * stored as their length, so the cell that uses one can be reported precisely.
 */
export class SharedStringsCollector {
  readonly strings: (string | OversizedText)[] = [];
  private splitter: ElementSplitter | null = null;

  constructor(private readonly maxChars: number) {}

  push(text: string): void {
    if (!this.splitter) {
      const prefix = rootPrefix(text, 'sst');
      this.splitter = new ElementSplitter(
        `${prefix}si`,
        // markup around the text makes the element longer than the text
        this.maxChars * 4 + 4096,
        (text, start, end) => {
          const value = richText(text.slice(start, end), prefix);
          this.strings.push(value.length > this.maxChars ? { oversized: value.length } : value);
          return true;
        },
        () => {
          this.strings.push({ oversized: this.maxChars * 4 });
          return true;
        },
      );
    }
    this.splitter.push(text);
  }
}

/**
 * The namespace prefix of a part's root element: `x:` for `<x:worksheet xmlns:x=…>` (as some
 * .NET writers produce), empty for the usual default namespace.
 */
export function rootPrefix(xmlStart: string, rootName: string): string {
  const match = new RegExp(`<([A-Za-z_][\\w.-]*:)?${rootName}[\\s>/]`).exec(xmlStart);
  return match?.[1] ?? '';
}

/**
 * Calls `visit` with the start tag text of every `<name …>` in `xml`, with or without a
 * namespace prefix (`<sheet …>`, `<x:sheet …>`).
 */
export function forEachTag(xml: string, name: string, visit: (tag: string) => void): void {
  let from = 0;
  for (;;) {
    const at = xml.indexOf(name, from);
    if (at < 0) return;
    from = at + name.length;
    const next = xml.charCodeAt(from);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) continue;
    let start = at - 1;
    if (xml.charCodeAt(start) === 58 /* : */) {
      while (start > 0 && /[\w.-]/.test(xml[start - 1]!)) start--;
      start--;
    }
    if (xml.charCodeAt(start) !== 60 /* < */) continue;
    const end = xml.indexOf('>', from);
    if (end < 0) return;
    visit(xml.slice(start, end + 1));
    from = end + 1;
  }
}
