/**
 * Opens an uploaded workbook without trusting it: the kind of file is decided by its bytes,
 * the zip directory is checked before anything is inflated, inflation is capped, and sheets
 * are read as a stream of rows. Every way a file can be wrong ends in one `SheetIssue` with
 * its own message key, never in an exception.
 */
import { Buffer, isAscii } from 'node:buffer';
import type { CellRange, SheetRow } from './cells.ts';
import type { SheetIssue } from '../issues.ts';
import { inflateFailureIssue, UnreadablePart, XlsxPackage } from './package.ts';
import { directoryOf, parseStyles, SharedStringsCollector, type NumberShape } from './parts.ts';
import { SheetScanner, type SheetScanContext } from './sheetScanner.ts';
import { classifyZip, sniffFileKind } from './sniff.ts';
import {
  inflateEntry,
  inflateWhole,
  readZipDirectory,
  type InflateBudget,
  type InflateOutcome,
  type ZipEntry,
} from './zip.ts';

export interface WorkbookLimits {
  /** the uploaded file itself */
  maxFileBytes: number;
  /** all parts together once inflated; checked against the zip directory first, then while inflating */
  maxInflatedBytes: number;
  maxEntries: number;
  /** rows holding at least one value, per sheet */
  maxRows: number;
  /** Excel's own limit for one cell */
  maxCellChars: number;
  /** one row's XML */
  maxRowChars: number;
}

export const DEFAULT_LIMITS: WorkbookLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxInflatedBytes: 200 * 1024 * 1024,
  maxEntries: 2_000,
  maxRows: 200_000,
  maxCellChars: 32_767,
  maxRowChars: 4 * 1024 * 1024,
};

type SheetScanOutcome =
  | {
      ok: true;
      /** false when `onRow` stopped the scan early */
      complete: boolean;
      rowsRead: number;
      /** merged ranges; only known after a complete scan (they follow the cells in the file) */
      merges: CellRange[];
    }
  | { ok: false; issue: SheetIssue };

type SheetHeadOutcome =
  | {
      ok: true;
      rows: SheetRow[];
      /** true when the sheet ended before `lastRow` */
      complete: boolean;
    }
  | { ok: false; issue: SheetIssue };

export interface SheetHandle {
  name: string;
  /** 0-based position among the workbook's sheets */
  index: number;
  hidden: boolean;
  /** Streams the rows that hold values; `onRow` returns false to stop. */
  scan(onRow: (row: SheetRow) => boolean): SheetScanOutcome;
  /** The rows that hold values up to Excel row `lastRow`, inflating only as much as needed. */
  head(lastRow: number): SheetHeadOutcome;
}

export type ReadWorkbookResult =
  | { ok: true; sheets: SheetHandle[]; date1904: boolean }
  | { ok: false; issue: SheetIssue };

const MB = 1024 * 1024;

function fileIssue(code: string, params?: Record<string, string | number>): { ok: false; issue: SheetIssue } {
  return { ok: false, issue: params ? { severity: 'error', code, params } : { severity: 'error', code } };
}

function inflateFailure(outcome: InflateOutcome, limits: WorkbookLimits): { ok: false; issue: SheetIssue } {
  return { ok: false, issue: inflateFailureIssue(outcome, limits.maxInflatedBytes) };
}

export function readWorkbook(bytes: Uint8Array, overrides: Partial<WorkbookLimits> = {}): ReadWorkbookResult {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  if (bytes.length > limits.maxFileBytes) {
    return fileIssue('xlsx-file-too-large', {
      size: (bytes.length / MB).toFixed(1),
      limit: Math.round(limits.maxFileBytes / MB),
    });
  }
  const kind = sniffFileKind(bytes);
  switch (kind) {
    case 'zip':
      break;
    case 'empty':
      return fileIssue('xlsx-file-empty');
    case 'encrypted-office':
      return fileIssue('xlsx-format-encrypted');
    case 'legacy-xls':
      return fileIssue('xlsx-format-xls');
    case 'legacy-office':
      return fileIssue('xlsx-format-legacy-office');
    case 'pdf':
      return fileIssue('xlsx-format-pdf');
    case 'html':
      return fileIssue('xlsx-format-html');
    case 'text':
      return fileIssue('xlsx-format-text');
    default:
      return fileIssue('xlsx-format-unknown');
  }

  const directory = readZipDirectory(bytes, { maxEntries: limits.maxEntries, maxTotal: limits.maxInflatedBytes });
  if (!directory.ok) {
    switch (directory.reason) {
      case 'too-many-entries':
        return fileIssue('xlsx-zip-too-many-entries', { count: directory.detail ?? 0, limit: limits.maxEntries });
      case 'too-large':
        return fileIssue('xlsx-zip-bomb', { limit: Math.round(limits.maxInflatedBytes / MB) });
      case 'encrypted':
        return fileIssue('xlsx-format-encrypted');
      default:
        return fileIssue('xlsx-zip-corrupt');
    }
  }
  try {
    return openPackage(new XlsxPackage(bytes, directory.entries, limits.maxInflatedBytes), limits);
  } catch (error) {
    if (error instanceof UnreadablePart) return { ok: false, issue: error.issue };
    throw error;
  }
}

function openPackage(pkg: XlsxPackage, limits: WorkbookLimits): ReadWorkbookResult {
  const { bytes, entries, budget } = pkg;
  const workbookParts = pkg.workbook();
  if (workbookParts === null) {
    const zipKind = classifyZip(entries.keys());
    if (zipKind === 'docx') return fileIssue('xlsx-format-docx');
    if (zipKind === 'pptx') return fileIssue('xlsx-format-pptx');
    if (zipKind === 'ods') return fileIssue('xlsx-format-ods');
    if (zipKind === 'xlsb') return fileIssue('xlsx-format-xlsb');
    return fileIssue('xlsx-format-zip');
  }
  const { info: workbook, rels } = workbookParts;
  const baseDir = directoryOf(workbookParts.path);
  const stylesXml = pkg.textOf(rels.find((rel) => rel.type.endsWith('/styles'))?.target ?? `${baseDir}/styles.xml`);
  const styles: NumberShape[] = stylesXml === null ? [] : parseStyles(stylesXml);

  const collector = new SharedStringsCollector(limits.maxCellChars);
  const sharedXml = pkg.bytesOf(
    rels.find((rel) => rel.type.endsWith('/sharedStrings'))?.target ?? `${baseDir}/sharedStrings.xml`,
  );
  if (sharedXml) {
    const decoder = new TextDecoder('utf-8');
    for (let at = 0; at < sharedXml.length; at += DECODE_STEP)
      collector.push(decoder.decode(sharedXml.subarray(at, at + DECODE_STEP), { stream: true }));
    collector.push(decoder.decode());
  }

  const context: SheetScanContext = {
    sharedStrings: collector.strings,
    styles,
    date1904: workbook.date1904,
    maxCellChars: limits.maxCellChars,
    maxRowChars: limits.maxRowChars,
    maxRows: limits.maxRows,
  };
  // Each read of a sheet may use what the shared parts left of the budget.
  const budgetLeft = budget.remaining;
  const sheets: SheetHandle[] = [];
  for (const ref of workbook.sheets) {
    const rel = rels.find((candidate) => candidate.id === ref.relationshipId);
    if (!rel || rel.external || !rel.type.endsWith('/worksheet')) continue; // chart sheets and the like hold no table
    const entry = entries.get(rel.target);
    if (!entry) return fileIssue('xlsx-zip-corrupt');
    sheets.push({
      name: ref.name,
      index: sheets.length,
      hidden: ref.hidden,
      scan: (onRow) => scanSheet(bytes, entry, { remaining: budgetLeft }, limits, context, onRow),
      head: (lastRow) => headOfSheet(bytes, entry, { remaining: budgetLeft }, limits, context, lastRow),
    });
  }
  if (sheets.length === 0) return fileIssue('xlsx-no-sheets');
  return { ok: true, sheets, date1904: workbook.date1904 };
}

/** Text is handed to the scanner in pieces this big, so no string holds the whole sheet. */
const DECODE_STEP = 1024 * 1024;

function scanSheet(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  limits: WorkbookLimits,
  context: SheetScanContext,
  onRow: (row: SheetRow) => boolean,
): SheetScanOutcome {
  const xml = inflateWhole(bytes, entry, budget);
  if (typeof xml === 'string') return inflateFailure(xml, limits);
  const scanner = new SheetScanner(context, onRow);
  const decode = chunkDecoder(xml);
  let complete = true;
  for (let at = 0; at < xml.length; at += DECODE_STEP) {
    if (!scanner.push(decode(at, Math.min(at + DECODE_STEP, xml.length)))) {
      complete = false;
      break;
    }
  }
  if (complete) scanner.push(decode(xml.length, xml.length));
  if (scanner.failure) return { ok: false, issue: scanner.failure };
  return { ok: true, complete, rowsRead: scanner.rowsRead, merges: scanner.merges };
}

/**
 * Text of `bytes[start, end)`, decoded as UTF-8 in consecutive pieces (a character cut between
 * two pieces is completed by the next). A piece of plain ASCII — most of a sheet — is copied
 * as Latin-1 (the same text; ~3.5× faster than the UTF-8 decoder here) when no cut character is
 * pending. `decode(length, length)` ends the text.
 */
function chunkDecoder(bytes: Uint8Array): (start: number, end: number) => string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder('utf-8');
  let pending = false; // the decoder may hold the start of a character cut at a piece's end
  return (start, end) => {
    if (start === end && start === buffer.length) return pending ? decoder.decode() : '';
    const piece = buffer.subarray(start, end);
    if (!pending && isAscii(piece)) return buffer.toString('latin1', start, end);
    pending = buffer[end - 1]! >= 0x80;
    return decoder.decode(piece, { stream: true });
  };
}

function headOfSheet(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: InflateBudget,
  limits: WorkbookLimits,
  context: SheetScanContext,
  lastRow: number,
): SheetHeadOutcome {
  const rows: SheetRow[] = [];
  const scanner = new SheetScanner(context, (row) => {
    if (row.row > lastRow) return false;
    rows.push(row);
    return true;
  });
  const decoder = new TextDecoder('utf-8');
  const outcome = inflateEntry(bytes, entry, budget, (chunk) => scanner.push(decoder.decode(chunk, { stream: true })));
  if (scanner.failure) return { ok: false, issue: scanner.failure };
  if (outcome === 'stopped') return { ok: true, rows, complete: false };
  if (outcome !== 'done') return inflateFailure(outcome, limits);
  scanner.push(decoder.decode());
  if (scanner.failure) return { ok: false, issue: scanner.failure };
  return { ok: true, rows, complete: true };
}

/** All rows of a sheet in memory: for small sheets and tests. */
export function readSheetRows(
  sheet: SheetHandle,
): { ok: true; rows: SheetRow[]; merges: CellRange[] } | { ok: false; issue: SheetIssue } {
  const rows: SheetRow[] = [];
  const outcome = sheet.scan((row) => {
    rows.push(row);
    return true;
  });
  return outcome.ok ? { ok: true, rows, merges: outcome.merges } : outcome;
}
