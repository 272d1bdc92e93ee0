/**
 * One way to lay out a table sheet of a generated workbook (the committee's report, the
 * identification list): the columns are declared once — header, width, how a row gives the cell's
 * value, number format, wrapping — and the sheet gets the house header (bold, filled, wrapped),
 * frozen under it, with a filter; an optional title row above the header spans the columns.
 *
 * Works for the in-memory Workbook and the streaming WorkbookWriter alike. Data cells share style
 * objects (one per format × wrap × fill): ExcelJS caches a style's id by object identity, so a
 * fresh style per cell would be re-serialised for every cell (bench:report writes 27,000 rows).
 */
import type ExcelJS from 'exceljs';

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

export interface Column<R> {
  header: string;
  width: number;
  /** the cell's value for a row; numbers and dates stay numbers and dates */
  value: (row: R) => ExcelJS.CellValue;
  /** the cell's number format; a function when it depends on the row (a share or a score) */
  format?: string | ((row: R) => string | undefined);
  /** long text: wrapped, top-aligned */
  wrap?: boolean;
  /** a background for the cell, e.g. a verdict's colour */
  fill?: (row: R) => ExcelJS.Fill | undefined;
}

export interface SheetSpec<R> {
  name: string;
  columns: readonly Column<R>[];
  /** a bold line above the header, merged over the columns (the header and the freeze move down) */
  title?: string;
  /** header row height in points; the header wraps, so long headers need room */
  headerHeight?: number;
  /** an autofilter on the header (default: yes) */
  filter?: boolean;
}

export interface Table<R> {
  sheet: ExcelJS.Worksheet;
  /** appends the data row for `row` */
  put(row: R): ExcelJS.Row;
  /** data rows written so far */
  readonly rows: number;
  /** the sheet's row number of the header */
  readonly headerRow: number;
}

type Style = Partial<ExcelJS.Style>;

const WRAP = Object.freeze({ wrapText: true, vertical: 'top' as const });
const styles = new Map<string, Style>();
const fillIds = new WeakMap<ExcelJS.Fill, number>();
let fillCount = 0;

/** One frozen style object per (format, wrap, fill). */
function sharedStyle(format: string | undefined, wrap: boolean, fill: ExcelJS.Fill | undefined): Style {
  let fillId = 0;
  if (fill) {
    fillId = fillIds.get(fill) ?? 0;
    if (fillId === 0) fillIds.set(fill, (fillId = ++fillCount));
  }
  const key = `${format ?? ''}\u0000${wrap ? 1 : 0}\u0000${fillId}`;
  let style = styles.get(key);
  if (style === undefined) {
    style = Object.freeze({
      ...(format ? { numFmt: format } : {}),
      ...(wrap ? { alignment: WRAP } : {}),
      ...(fill ? { fill } : {}),
    });
    styles.set(key, style);
  }
  return style;
}

/** Bold, filled, wrapped: the header row of every generated table. */
export function styleHeader(row: ExcelJS.Row, columns: number, height?: number): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  if (height !== undefined) row.height = height;
  for (let index = 1; index <= columns; index++) row.getCell(index).fill = HEADER_FILL;
}

/** Adds the sheet described by `spec`, its title and header written; data rows follow with `put`. */
export function addTable<R>(workbook: Pick<ExcelJS.Workbook, 'addWorksheet'>, spec: SheetSpec<R>): Table<R> {
  const { columns } = spec;
  const headerRow = spec.title === undefined ? 1 : 2;
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: headerRow }] });
  sheet.columns = columns.map((column) => ({ width: column.width }));
  if (spec.title !== undefined) {
    sheet.addRow([spec.title]).font = { bold: true };
    sheet.mergeCells(1, 1, 1, columns.length);
  }
  styleHeader(sheet.addRow(columns.map((column) => column.header)), columns.length, spec.headerHeight);
  if (spec.filter !== false)
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  // the style of a column whose cells all look the same, computed once
  const fixed = columns.map((column) =>
    typeof column.format === 'function' || column.fill
      ? undefined
      : sharedStyle(column.format, column.wrap === true, undefined),
  );
  let rows = 0;
  return {
    sheet,
    headerRow,
    get rows() {
      return rows;
    },
    put(row) {
      const added = sheet.addRow(columns.map((column) => column.value(row)));
      columns.forEach((column, index) => {
        const style =
          fixed[index] ??
          sharedStyle(
            typeof column.format === 'function' ? column.format(row) : column.format,
            column.wrap === true,
            column.fill?.(row),
          );
        added.getCell(index + 1).style = style as ExcelJS.Style;
      });
      rows++;
      return added;
    },
  };
}
