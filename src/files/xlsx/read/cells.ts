/** Cell values as the reader hands them over. */

/** An Excel error value kept by a formula, e.g. `#DIV/0!`, `#N/A`, `#REF!`. */
export interface CellError {
  error: string;
}

/** A cell that could not be read as a value; the table layer reports it at its position. */
export type CellProblem =
  /** text longer than the cell limit */
  | { problem: 'too-long'; length: number }
  /** a formula saved without its result (written by a program that does not calculate) */
  | { problem: 'formula-without-value' };

export type CellValue = string | number | boolean | Date | CellError | CellProblem | null;

export interface SheetRow {
  /** 1-based Excel row number */
  row: number;
  /** by 0-based column index; missing entries are empty cells */
  values: CellValue[];
  /** columns whose number is shown as a percentage (0.25 shown as 25 %) */
  percentColumns?: number[];
}

/** `A1:C3` as 1-based rows and 0-based columns. */
export interface CellRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function isCellError(value: CellValue | undefined): value is CellError {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'error' in value;
}

export function isCellProblem(value: CellValue | undefined): value is CellProblem {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'problem' in value;
}

/** True for a missing cell and for text that is only whitespace. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: day 0 of the 1900 date system once Excel's phantom 29 Feb 1900 is accounted for */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An Excel serial date → a JS Date (UTC, as Excel dates carry no time zone). */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  if (date1904) return new Date(EPOCH_1904 + Math.round(serial * MS_PER_DAY));
  // serials 1..59 lie before the phantom leap day, so they are one day later in the epoch count
  const days = serial < 60 ? serial + 1 : serial;
  return new Date(EPOCH_1900 + Math.round(days * MS_PER_DAY));
}
