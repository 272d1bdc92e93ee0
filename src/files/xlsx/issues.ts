/**
 * Problems found in an uploaded spreadsheet: a locale key plus parameters and a cell position.
 * The readers produce them (also inside parse worker threads, which load no locale); the Russian
 * text is src/text/sheetIssues.ts.
 */
export type IssueSeverity = 'error' | 'warning' | 'info';

export interface SheetIssue {
  severity: IssueSeverity;
  /** 1-based Excel row number */
  row?: number;
  /** Excel column letter, e.g. `F` */
  column?: string;
  /** the column's header as written in the file */
  header?: string;
  /** locale key, e.g. `results-failed-exceeds-participants` */
  code: string;
  params?: Record<string, string | number>;
}

/** 0-based column index → Excel letters (0 → A, 25 → Z, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel letters → 0-based column index (A → 0); -1 when the text is not a column. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i) | 0x20; // lower-case
    if (code < 97 || code > 122) return -1;
    n = n * 26 + (code - 96);
  }
  return n - 1;
}

/** Orders issues for the reader: file-level first, then by row and column. */
export function compareIssues(a: SheetIssue, b: SheetIssue): number {
  const rowA = a.row ?? 0;
  const rowB = b.row ?? 0;
  if (rowA !== rowB) return rowA - rowB;
  const colA = a.column === undefined ? -1 : columnIndex(a.column);
  const colB = b.column === undefined ? -1 : columnIndex(b.column);
  return colA - colB;
}
