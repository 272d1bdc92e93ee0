/**
 * Streaming reader of one worksheet part: text goes in chunk by chunk, complete rows come out.
 * Only the unfinished tail of the text is kept between chunks, so memory does not grow with
 * the sheet. Cell types: shared string `s`, formula text `str`, `inlineStr`, number `n`,
 * boolean `b`, error `e`, ISO date `d`; a formula's cached result `<f>…</f><v>…</v>` is the
 * value; numbers whose style shows a date become Dates.
 */
import type { CellProblem, CellRange, CellValue, SheetRow } from './cells.ts';
import { excelSerialToDate } from './cells.ts';
import { columnIndex, type SheetIssue } from '../issues.ts';
import { NumberShape, rootPrefix, type OversizedText } from './parts.ts';
import { attribute, decodeXml, ElementSplitter, richText } from './xml.ts';

export interface SheetScanContext {
  sharedStrings: readonly (string | OversizedText)[];
  styles: readonly NumberShape[];
  date1904: boolean;
  maxCellChars: number;
  /** bound on one row's XML; a longer row is reported and reading stops */
  maxRowChars: number;
  /** rows holding at least one value */
  maxRows: number;
}

const MAX_MERGES = 100_000;
const FORMULA_WITHOUT_VALUE: CellProblem = { problem: 'formula-without-value' };

export class SheetScanner {
  rowsRead = 0;
  readonly merges: CellRange[] = [];
  /** set when reading had to stop because of the file */
  failure: SheetIssue | null = null;

  private prefix: string | null = null;
  private rows: ElementSplitter | null = null;
  private mergeCells: ElementSplitter | null = null;
  private lastRow = 0;
  private stopped = false;
  private afterCells = false;

  constructor(
    private readonly context: SheetScanContext,
    private readonly onRow: (row: SheetRow) => boolean,
  ) {}

  /** Returns false once no more text is wanted (stopped by the caller or by a failure). */
  push(text: string): boolean {
    if (this.stopped) return false;
    if (this.prefix === null) {
      this.prefix = rootPrefix(text, 'worksheet');
      this.rows = new ElementSplitter(
        `${this.prefix}row`,
        this.context.maxRowChars,
        (text, start, end) => this.parseRow(text, start, end),
        (head) => {
          const r = attribute(head.slice(0, head.indexOf('>') + 1 || head.length), 'r');
          this.fail({
            severity: 'error',
            code: 'xlsx-row-too-large',
            row: r ? Number(r) : this.lastRow + 1,
            params: { limit: Math.round(this.context.maxRowChars / 1_000_000) },
          });
          return false;
        },
        // Merged ranges come after the cells (the schema's order, which Excel keeps): the cells'
        // megabytes are not searched for them (issue 8: a tenth of a big sheet's reading).
        `</${this.prefix}sheetData>`,
      );
      this.mergeCells = new ElementSplitter(
        `${this.prefix}mergeCell`,
        4096,
        (text, start, end) => {
          const range = parseRange(attribute(text.slice(start, end), 'ref') ?? '');
          if (range && this.merges.length < MAX_MERGES) this.merges.push(range);
          return true;
        },
        () => true,
      );
    }
    if (!this.afterCells) {
      if (!this.rows!.push(text)) {
        this.stopped = true;
        return false;
      }
      if (this.rows!.rest === null) return true;
      this.afterCells = true; // what follows goes to the merged ranges only
      text = this.rows!.rest;
    }
    this.mergeCells!.push(text);
    return true;
  }

  private fail(issue: SheetIssue): void {
    this.failure = issue;
    this.stopped = true;
  }

  /** Parses the row element `xml[rowStart, rowEnd)`. */
  private parseRow(xml: string, rowStart: number, rowEnd: number): boolean {
    const p = this.prefix!;
    const tagEnd = xml.indexOf('>', rowStart);
    // `<row r="12" …>`: the number read in place (the usual writers put r first); anything else
    // through the general attribute lookup
    let rowNumber = xml.startsWith(' r="', rowStart + p.length + 4)
      ? readInteger(xml, rowStart + p.length + 8, tagEnd, 34)
      : -1;
    if (rowNumber < 0) {
      const r = attribute(xml.slice(rowStart, tagEnd), 'r');
      rowNumber = r ? parseInt(r, 10) : this.lastRow + 1;
    }
    this.lastRow = rowNumber;
    if (xml.charCodeAt(tagEnd - 1) === 47) return true; // <row/>: formatting only

    const values: CellValue[] = [];
    let percentColumns: number[] | undefined;
    let hasData = false;
    let column = -1;
    const cellOpen = `<${p}c`;
    const cellClose = `</${p}c>`;
    const length = rowEnd;
    let pos = tagEnd + 1;
    for (;;) {
      const at = xml.indexOf(cellOpen, pos);
      if (at < 0 || at >= rowEnd) break;
      let i = at + cellOpen.length;
      if (!isTagNameEnd(xml.charCodeAt(i))) {
        pos = i;
        continue;
      }
      // The start tag's attributes in one pass: r (reference), t (type), s (style).
      let refColumn = -1;
      let type = 'n';
      let style = -1;
      let selfClosing = false;
      while (i < length) {
        const ch = xml.charCodeAt(i);
        if (ch === 62 /* > */) break;
        if (ch === 47 /* / */) {
          selfClosing = true;
          i++;
          continue;
        }
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
          i++;
          continue;
        }
        const nameStart = i;
        while (i < length && xml.charCodeAt(i) !== 61 /* = */ && xml.charCodeAt(i) !== 62) i++;
        let nameEnd = i;
        while (nameEnd > nameStart && xml.charCodeAt(nameEnd - 1) === 32) nameEnd--;
        const nameLength = nameEnd - nameStart;
        const name = xml.charCodeAt(nameStart);
        i++;
        while (xml.charCodeAt(i) === 32) i++;
        const quote = xml.charCodeAt(i);
        if (quote !== 34 /* " */ && quote !== 39 /* ' */) break;
        const valueStart = i + 1;
        const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", valueStart);
        if (valueEnd < 0) break;
        i = valueEnd + 1;
        if (nameLength !== 1) continue;
        if (name === 114 /* r */) refColumn = refToColumn(xml, valueStart, valueEnd);
        else if (name === 116 /* t */) type = cellType(xml, valueStart, valueEnd);
        else if (name === 115 /* s */) style = readInteger(xml, valueStart, valueEnd, quote);
      }
      column = refColumn >= 0 ? refColumn : column + 1;
      if (selfClosing) {
        pos = i + 1; // <c r="B2" s="1"/>: an empty formatted cell
        continue;
      }
      const bodyStart = i + 1;
      let bodyEnd = xml.indexOf(cellClose, bodyStart);
      if (bodyEnd < 0 || bodyEnd > rowEnd) bodyEnd = rowEnd;
      pos = bodyEnd + cellClose.length;
      if (column > 16383) continue;

      const value = this.cellValue(xml, bodyStart, bodyEnd, type, p);
      if (value === null) continue;
      if (typeof value === 'number' && style > 0) {
        const shape = this.context.styles[style];
        if (shape === NumberShape.Date) {
          values[column] = excelSerialToDate(value, this.context.date1904);
          hasData = true;
          continue;
        }
        if (shape === NumberShape.Percent) (percentColumns ??= []).push(column);
      }
      values[column] = value;
      hasData = true;
    }
    if (!hasData) return true;
    this.rowsRead++;
    if (this.rowsRead > this.context.maxRows) {
      this.fail({ severity: 'error', code: 'xlsx-too-many-rows', params: { limit: this.context.maxRows } });
      return false;
    }
    const row: SheetRow = percentColumns ? { row: rowNumber, values, percentColumns } : { row: rowNumber, values };
    if (!this.onRow(row)) {
      this.stopped = true;
      return false;
    }
    return true;
  }

  /** The value of the cell whose content is `xml[start, end)`. */
  private cellValue(xml: string, start: number, end: number, type: string, p: string): CellValue {
    if (type === 's' || type === 'n') {
      // the common cases, read without copying the text: a shared string index, a number
      const at = xml.indexOf(p ? `<${p}v>` : '<v>', start);
      if (at >= 0 && at < end) {
        const digitsStart = at + 3 + p.length;
        const integer = readInteger(xml, digitsStart, end);
        if (integer >= 0) {
          if (type === 'n') return integer;
          const shared = this.context.sharedStrings[integer];
          if (shared === undefined) return null;
          return typeof shared === 'string' ? shared : { problem: 'too-long', length: shared.oversized };
        }
      }
    }
    const raw = valueText(xml, start, end, p);
    const maxChars = this.context.maxCellChars;
    switch (type) {
      case 's': {
        if (raw === null) return null;
        const shared = this.context.sharedStrings[Number(raw)];
        if (shared === undefined) return null;
        if (typeof shared !== 'string') return { problem: 'too-long', length: shared.oversized };
        return shared;
      }
      case 'inlineStr': {
        const text = richText(xml.slice(start, end), p);
        return text.length > maxChars ? { problem: 'too-long', length: text.length } : text;
      }
      case 'str': {
        if (raw === null) return hasFormula(xml, start, end, p) ? FORMULA_WITHOUT_VALUE : null;
        const text = decodeXml(raw);
        return text.length > maxChars ? { problem: 'too-long', length: text.length } : text;
      }
      case 'b':
        return raw === null ? null : raw === '1' || raw === 'true';
      case 'e':
        return { error: raw === null ? '#VALUE!' : decodeXml(raw) };
      case 'd': {
        if (raw === null) return null;
        const date = new Date(raw.endsWith('Z') || raw.length <= 10 ? raw : `${raw}Z`);
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default: {
        if (raw === null || raw === '') return hasFormula(xml, start, end, p) ? FORMULA_WITHOUT_VALUE : null;
        const number = Number(raw);
        return Number.isFinite(number) ? number : decodeXml(raw);
      }
    }
  }
}

/**
 * Digits at `from` closed by `closer` (default `<`, as in `<v>12</v>`): their value; -1 for
 * anything else (decimals, signs, exponents, nothing).
 */
function readInteger(xml: string, from: number, end: number, closer = 60): number {
  let n = 0;
  let i = from;
  for (; i < end; i++) {
    const code = xml.charCodeAt(i);
    if (code < 48 || code > 57) break;
    n = n * 10 + (code - 48);
  }
  return i > from && i - from < 16 && xml.charCodeAt(i) === closer ? n : -1;
}

/** The cell type `t="…"` in `xml[start, end)`; the one-letter ones without making a string. */
function cellType(xml: string, start: number, end: number): string {
  if (end - start === 1) {
    const code = xml.charCodeAt(start);
    if (code === 115) return 's';
    if (code === 110) return 'n';
    if (code === 98) return 'b';
    if (code === 101) return 'e';
    if (code === 100) return 'd';
  }
  return xml.slice(start, end);
}

function isTagNameEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** Raw text of the `<v>` element inside `xml[start, end)`, or null when there is none. */
function valueText(xml: string, start: number, end: number, p: string): string | null {
  const at = xml.indexOf(p ? `<${p}v` : '<v', start);
  if (at < 0 || at >= end) return null;
  const tagEnd = xml.indexOf('>', at);
  if (tagEnd < 0 || tagEnd >= end || xml.charCodeAt(tagEnd - 1) === 47) return null;
  const close = xml.indexOf(p ? `</${p}v>` : '</v>', tagEnd);
  return close < 0 || close > end ? null : xml.slice(tagEnd + 1, close);
}

function hasFormula(xml: string, start: number, end: number, p: string): boolean {
  const at = xml.indexOf(`<${p}f`, start);
  return at >= 0 && at < end;
}

/** Column of the cell reference in `xml[start, end)` (`AB12` → 27). */
function refToColumn(xml: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const code = xml.charCodeAt(i);
    if (code >= 65 && code <= 90) n = n * 26 + (code - 64);
    else if (code >= 97 && code <= 122) n = n * 26 + (code - 96);
    else break;
  }
  return n - 1;
}

/** `B4:E4` → rows 4..4, columns 1..4; null for anything else. */
function parseRange(ref: string): CellRange | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!match) return null;
  const left = columnIndex(match[1]!);
  const top = Number(match[2]);
  const right = match[3] ? columnIndex(match[3]) : left;
  const bottom = match[4] ? Number(match[4]) : top;
  return {
    ref,
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}
