/**
 * A table with a header row, read from whichever sheet holds it. Real files differ from the
 * template: the header may be anywhere in the first 20 rows, columns may come in any order
 * and under other names, extra columns appear. This module finds the header, maps columns to
 * fields, reads typed cell values and turns every problem into a `SheetIssue` at its cell.
 */
import type { RowProblem } from '../../../domain/schools/rowProblem.ts';
import { parseNumberText } from '../../../domain/numberText.ts';
import { foldText } from '../../../domain/schools/text.ts';
import { formatDate } from '../../../text/format.ts';
import { isBlank, isCellError, isCellProblem, type CellRange, type CellValue, type SheetRow } from './cells.ts';
import { columnIndex, columnLetter, compareIssues, type SheetIssue } from '../issues.ts';
import { readWorkbook, type SheetHandle, type WorkbookLimits } from './safeWorkbook.ts';

/**
 * The companion sheets of the templates we hand out (locales: *-template-notes-sheet «Пояснения»,
 * results-template-schools-sheet «Школы»): not worth a word when they are the only other sheets.
 */
const TEMPLATE_COMPANION_SHEETS = new Set(['Пояснения', 'Школы']);

interface ColumnSpec<F extends string> {
  field: F;
  /** the header as the template writes it */
  title: string;
  /** other headers that mean the same column */
  synonyms?: readonly string[];
  required?: boolean;
}

export interface TableSpec<F extends string> {
  columns: readonly ColumnSpec<F>[];
  /** each group needs at least one of its columns (e.g. «Не справились» or a share of them) */
  requireOneOf?: readonly (readonly F[])[];
}

/** How many rows from the top may hold the header. */
export const HEADER_SEARCH_ROWS = 20;
/** Issues kept in memory (the count stays exact); enough for any file a person will fix by hand. */
const MAX_STORED_ISSUES = 10_000;
const PROGRESS_EVERY = 5_000;

/**
 * Header text compared the forgiving way: case, ё/е, quotes, punctuation, line breaks and
 * unit words (чел., человек) do not matter; `%` does, as it tells a share from a count.
 */
export function normaliseHeader(text: string): string {
  return foldText(text.replace(/%/g, ' % '))
    .split(' ')
    .filter((word) => word !== 'чел' && word !== 'человек')
    .join(' ');
}

export interface MappedColumn {
  index: number;
  letter: string;
  /** as written in the file */
  header: string;
}

export interface HeaderMatch<F extends string> {
  /** Excel row of the header */
  row: number;
  columns: Map<F, MappedColumn>;
  unknown: MappedColumn[];
  /** a second column for a field already mapped */
  duplicates: { column: MappedColumn; first: MappedColumn; field: F }[];
  missing: ColumnSpec<F>[];
  missingGroups: (readonly F[])[];
  complete: boolean;
  /** distinct fields found */
  score: number;
}

function headerText(value: CellValue | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  return null;
}

function buildHeaderLookup<F extends string>(spec: TableSpec<F>): Map<string, ColumnSpec<F>> {
  const lookup = new Map<string, ColumnSpec<F>>();
  for (const column of spec.columns) {
    for (const name of [column.title, ...(column.synonyms ?? [])]) lookup.set(normaliseHeader(name), column);
  }
  return lookup;
}

/** Maps one row as a header candidate. */
function matchHeaderRow<F extends string>(
  row: SheetRow,
  spec: TableSpec<F>,
  lookup = buildHeaderLookup(spec),
): HeaderMatch<F> {
  const columns = new Map<F, MappedColumn>();
  const unknown: MappedColumn[] = [];
  const duplicates: HeaderMatch<F>['duplicates'] = [];
  row.values.forEach((value, index) => {
    const header = headerText(value);
    if (header === null) return;
    const column: MappedColumn = { index, letter: columnLetter(index), header };
    const spec = lookup.get(normaliseHeader(header));
    if (!spec) unknown.push(column);
    else {
      const first = columns.get(spec.field);
      if (first) duplicates.push({ column, first, field: spec.field });
      else columns.set(spec.field, column);
    }
  });
  const missing = spec.columns.filter((column) => column.required && !columns.has(column.field));
  const missingGroups = (spec.requireOneOf ?? []).filter((group) => !group.some((field) => columns.has(field)));
  return {
    row: row.row,
    columns,
    unknown,
    duplicates,
    missing,
    missingGroups,
    complete: missing.length === 0 && missingGroups.length === 0,
    score: columns.size,
  };
}

/** The best header among the first rows: complete beats incomplete, then more columns, then higher up. */
export function detectHeader<F extends string>(rows: readonly SheetRow[], spec: TableSpec<F>): HeaderMatch<F> | null {
  const lookup = buildHeaderLookup(spec);
  let best: HeaderMatch<F> | null = null;
  for (const row of rows) {
    if (row.row > HEADER_SEARCH_ROWS) break;
    const match = matchHeaderRow(row, spec, lookup);
    if (match.score < 2) continue; // one matching word is a title line, not a header
    if (!best || (match.complete && !best.complete) || (match.complete === best.complete && match.score > best.score))
      best = match;
  }
  return best;
}

/** Collects issues up to a cap while counting all of them. */
export class IssueList {
  readonly items: SheetIssue[] = [];
  errors = 0;
  warnings = 0;
  dropped = 0;

  add(issue: SheetIssue): void {
    if (issue.severity === 'error') this.errors++;
    else if (issue.severity === 'warning') this.warnings++;
    if (this.items.length < MAX_STORED_ISSUES) this.items.push(issue);
    else this.dropped++;
  }
}

/**
 * One data row with typed getters. A getter returns the value, `null` for an empty cell or an
 * absent column, or `undefined` when the cell holds something of the wrong kind; in that case
 * the issue has been added already.
 */
export class TableRow<F extends string> {
  row = 0;
  private values: CellValue[] = [];
  private percentColumns: number[] | undefined;
  /** field → column index, looked up once per file rather than per cell */
  private readonly indexOf: Partial<Record<F, number>> = {};
  private readonly mappedIndexes: number[];

  constructor(
    private readonly columns: ReadonlyMap<F, MappedColumn>,
    private readonly issues: IssueList,
  ) {
    for (const [field, column] of columns) this.indexOf[field] = column.index;
    this.mappedIndexes = [...columns.values()].map((column) => column.index);
  }

  /** @internal */
  load(row: SheetRow): void {
    this.row = row.row;
    this.values = row.values;
    this.percentColumns = row.percentColumns;
  }

  has(field: F): boolean {
    return this.columns.has(field);
  }

  /** The mapped fields and where they are. */
  mappedColumns(): ReadonlyMap<F, MappedColumn> {
    return this.columns;
  }

  /** Column letter of each mapped field. */
  columnLetters(): Partial<Record<F, string>> {
    const letters: Partial<Record<F, string>> = {};
    for (const [field, column] of this.columns) letters[field] = column.letter;
    return letters;
  }

  /** The raw cell value. */
  raw(field: F): CellValue {
    const index = this.indexOf[field];
    return index === undefined ? null : (this.values[index] ?? null);
  }

  /** True when every mapped cell is empty. */
  isEmpty(): boolean {
    for (const index of this.mappedIndexes) if (!isBlank(this.values[index])) return false;
    return true;
  }

  /** A totals line under the table («Итого», «Всего по району»). */
  isTotalsRow(): boolean {
    for (const index of this.mappedIndexes) {
      const value = this.values[index];
      if (typeof value === 'string' && TOTALS.test(value)) return true;
    }
    return false;
  }

  report(
    field: F | null,
    severity: SheetIssue['severity'],
    code: string,
    params?: Record<string, string | number>,
  ): void {
    const column = field === null ? undefined : this.columns.get(field);
    const issue: SheetIssue = { severity, row: this.row, code };
    if (column) {
      issue.column = column.letter;
      issue.header = column.header;
    }
    if (params) issue.params = params;
    this.issues.add(issue);
  }

  /** Places a domain validator's problems on their columns. */
  reportProblems(problems: readonly RowProblem<F>[]): void {
    for (const problem of problems) this.report(problem.field, problem.severity, problem.code, problem.params);
  }

  /** Text; numbers become their decimal text (a code typed as a number), booleans what Excel shows. */
  text(field: F): string | null | undefined {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') return preview(value);
    return this.reject(field, value, 'text');
  }

  /** Text or a number as it is (a year typed as 2024, a grade typed as 5). */
  textOrNumber(field: F): string | number | null | undefined {
    const value = this.raw(field);
    if (typeof value === 'number') return value;
    return this.text(field);
  }

  /** A number; text holding one (`28`, `3,75`, `1 234`: the chat's grammar, domain/numberText.ts) is accepted. */
  number(field: F): number | null | undefined {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      if (value.trim() === '') return null;
      const parsed = parseNumberText(value);
      if (parsed && !parsed.percentSign) return parsed.value;
    }
    return this.reject(field, value, 'number');
  }

  /**
   * A percentage in percent units: a cell formatted as a percentage holds a fraction
   * (0.25 shown as 25 %), text may carry a `%` sign; a plain number is taken as percent.
   */
  percent(field: F): number | null | undefined {
    const column = this.columns.get(field);
    const value = this.raw(field);
    if (typeof value === 'number' && column && this.percentColumns?.includes(column.index))
      return roundShare(value * 100);
    if (typeof value === 'string') {
      const parsed = parseNumberText(value);
      if (parsed) return parsed.value;
    }
    return this.number(field);
  }

  /** True when the percentage cell is a plain number rather than one formatted as %. */
  isPlainNumber(field: F): boolean {
    const column = this.columns.get(field);
    return !!column && typeof this.raw(field) === 'number' && !this.percentColumns?.includes(column.index);
  }

  /** да/нет, and the usual alternatives (д/н, yes/no, 1/0, TRUE/FALSE, +/−). */
  yesNo(field: F): boolean | null | undefined {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
    if (typeof value === 'string') {
      const word = value.trim().toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
      if (word === '') return null;
      if (YES.has(word)) return true;
      if (NO.has(word)) return false;
    }
    return this.reject(field, value, 'yes-no');
  }

  private reject(field: F, value: CellValue, wanted: 'text' | 'number' | 'yes-no'): undefined {
    if (isCellError(value)) this.report(field, 'error', 'xlsx-cell-error-value', { value: value.error });
    else if (isCellProblem(value)) {
      if (value.problem === 'too-long')
        this.report(field, 'error', 'xlsx-cell-too-long', { length: value.length, limit: 32_767 });
      else this.report(field, 'error', 'xlsx-formula-without-value');
    } else if (value instanceof Date)
      this.report(field, 'error', wanted === 'number' ? 'xlsx-date-in-number' : 'xlsx-date-in-text', {
        date: formatDate(value, 'UTC'),
      });
    else if (wanted === 'yes-no') this.report(field, 'error', 'xlsx-not-yes-no', { value: preview(value) });
    else this.report(field, 'error', 'xlsx-text-in-number', { value: preview(value) });
    return undefined;
  }
}

const TOTALS = /^\s*(итого|всего)(\s|:|$)/iu;
const YES = new Set(['да', 'д', 'yes', 'y', '+', 'истина', 'true', 'сельская', '1']);
const NO = new Set(['нет', 'н', 'no', 'n', '-', '−', 'ложь', 'false', 'городская', '0']);

/** A percentage read from a fraction, cleared of binary noise (0.285 × 100 = 28.499999…). */
function roundShare(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** A cell as Excel shows it, cut short for a message. */
function preview(value: CellValue): string {
  const text = typeof value === 'boolean' ? (value ? 'ИСТИНА' : 'ЛОЖЬ') : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export interface ReadTableOptions<F extends string> {
  spec: TableSpec<F>;
  limits?: Partial<WorkbookLimits>;
  /** called every few thousand data rows and once at the end */
  onProgress?: (rowsRead: number) => void;
  /** handles one non-empty data row */
  onRow: (row: TableRow<F>) => void;
}

export interface ReadTableResult<F extends string> {
  /** false when the file could not be read as this table (then `issues` says why) */
  readable: boolean;
  sheetName: string | null;
  headerRow: number | null;
  columns: ReadonlyMap<F, MappedColumn>;
  issues: IssueList;
  /** non-empty rows below the header that were handed to `onRow` */
  dataRows: number;
  /** the text of each non-empty row above the header (a document's title lines), top down */
  linesAbove: string[];
}

/**
 * Opens the workbook, picks the first sheet whose header has the required columns, and
 * streams its data rows to `onRow`. File-level problems, the header report (unknown,
 * duplicate and missing columns, merged header cells) and cell-type problems end up in
 * `issues`, sorted by position.
 */
export function readTable<F extends string>(bytes: Uint8Array, options: ReadTableOptions<F>): ReadTableResult<F> {
  const issues = new IssueList();
  const result: ReadTableResult<F> = {
    readable: false,
    sheetName: null,
    headerRow: null,
    columns: new Map(),
    issues,
    dataRows: 0,
    linesAbove: [],
  };
  const workbook = readWorkbook(bytes, options.limits);
  if (!workbook.ok) {
    issues.add(workbook.issue);
    return result;
  }

  // Visible sheets first: a hidden sheet is a last resort.
  const ordered = [...workbook.sheets.filter((s) => !s.hidden), ...workbook.sheets.filter((s) => s.hidden)];
  let chosen: { sheet: SheetHandle; header: HeaderMatch<F>; head: readonly SheetRow[] } | null = null;
  let best: { sheet: SheetHandle; header: HeaderMatch<F> } | null = null;
  const emptySheets: string[] = [];
  for (const sheet of ordered) {
    const probe = sheet.head(HEADER_SEARCH_ROWS);
    if (!probe.ok) {
      issues.add(probe.issue);
      return result;
    }
    if (probe.rows.length === 0 && probe.complete) emptySheets.push(sheet.name);
    const header = detectHeader(probe.rows, options.spec);
    if (!header) continue;
    if (header.complete) {
      chosen = { sheet, header, head: probe.rows };
      break;
    }
    if (!best || header.score > best.header.score) best = { sheet, header };
  }

  if (!chosen) {
    reportNoTable(workbook.sheets, emptySheets, best, options.spec, issues);
    issues.items.sort(compareIssues);
    return result;
  }

  const { sheet, header } = chosen;
  result.sheetName = sheet.name;
  result.linesAbove = chosen.head
    .filter((row) => row.row < header.row)
    .map((row) =>
      row.values
        .map(headerText)
        .filter((text) => text !== null)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line !== '');
  result.headerRow = header.row;
  result.columns = header.columns;
  if (workbook.sheets.length > 1) {
    const skipped = ordered.slice(0, ordered.indexOf(sheet)).map((s) => `«${s.name}»`);
    // Our own templates ship a notes sheet (and the results template a list of schools): naming
    // them as «skipped» on every upload of a filled template is noise.
    const onlyCompanions = workbook.sheets.every((s) => s === sheet || TEMPLATE_COMPANION_SHEETS.has(s.name.trim()));
    if (skipped.length > 0)
      issues.add({
        severity: 'warning',
        code: 'xlsx-sheet-chosen-skipped',
        params: { sheet: sheet.name, skipped: skipped.join(', ') },
      });
    else if (!onlyCompanions)
      issues.add({
        severity: 'info',
        code: 'xlsx-sheet-chosen',
        params: { sheet: sheet.name, count: workbook.sheets.length },
      });
  }
  for (const column of header.unknown) {
    issues.add({
      severity: 'warning',
      row: header.row,
      column: column.letter,
      header: column.header,
      code: 'xlsx-unknown-column',
    });
  }
  for (const { column, first } of header.duplicates) {
    issues.add({
      severity: 'error',
      row: header.row,
      column: column.letter,
      header: column.header,
      code: 'xlsx-duplicate-column',
      params: { first: first.letter },
    });
  }

  const tableRow = new TableRow<F>(header.columns, issues);
  const scan = sheet.scan((row) => {
    if (row.row <= header.row) return true;
    tableRow.load(row);
    if (tableRow.isEmpty()) return true;
    if (tableRow.isTotalsRow()) {
      issues.add({ severity: 'info', row: row.row, code: 'xlsx-totals-row-skipped' });
      return true;
    }
    result.dataRows++;
    options.onRow(tableRow);
    if (options.onProgress && result.dataRows % PROGRESS_EVERY === 0) options.onProgress(result.dataRows);
    return true;
  });
  if (!scan.ok) {
    // The file cannot be read to its end: that one message says what to do; cell messages
    // from the part that was read would only bury it.
    const fatal = new IssueList();
    fatal.add(scan.issue);
    return { ...result, issues: fatal };
  }
  options.onProgress?.(result.dataRows);

  reportMerges(scan.merges, header, issues);
  if (result.dataRows === 0) {
    issues.add({
      severity: 'error',
      code: 'xlsx-no-data-rows',
      params: { sheet: sheet.name, row: String(header.row) },
    });
  }
  if (issues.dropped > 0)
    issues.items.push({
      severity: 'info',
      code: 'xlsx-issues-truncated',
      params: { shown: MAX_STORED_ISSUES, total: MAX_STORED_ISSUES + issues.dropped },
    });
  issues.items.sort(compareIssues);
  result.readable = true;
  return result;
}

function reportNoTable<F extends string>(
  sheets: readonly SheetHandle[],
  emptySheets: readonly string[],
  best: { sheet: SheetHandle; header: HeaderMatch<F> } | null,
  spec: TableSpec<F>,
  issues: IssueList,
): void {
  if (emptySheets.length === sheets.length) {
    issues.add(
      sheets.length === 1
        ? { severity: 'error', code: 'xlsx-sheet-empty', params: { sheet: sheets[0]!.name } }
        : { severity: 'error', code: 'xlsx-workbook-empty' },
    );
    return;
  }
  const quoted = (title: string) => (title.startsWith('«') ? title : `«${title}»`);
  const expected = spec.columns
    .filter((c) => c.required)
    .map((c) => quoted(c.title))
    .join(', ');
  if (!best) {
    issues.add({ severity: 'error', code: 'xlsx-header-not-found', params: { rows: HEADER_SEARCH_ROWS, expected } });
    return;
  }
  // Merged header cells usually explain the missing columns; merges are listed after the cells.
  const full = best.sheet.scan(() => true);
  const merged = full.ok
    ? full.merges.filter((m) => m.top <= best.header.row && m.bottom >= best.header.row && m.right > m.left)
    : [];
  if (merged.length > 0) {
    for (const range of merged) {
      issues.add({
        severity: 'error',
        row: best.header.row,
        column: columnLetter(range.left),
        code: 'xlsx-merged-header',
        params: { range: range.ref },
      });
    }
    return;
  }
  const missing = [
    ...best.header.missing.map((c) => quoted(c.title)),
    ...best.header.missingGroups.map((group) =>
      group.map((f) => quoted(spec.columns.find((c) => c.field === f)!.title)).join(' или '),
    ),
  ];
  issues.add({
    severity: 'error',
    row: best.header.row,
    code: 'xlsx-missing-columns',
    params: { sheet: best.sheet.name, columns: missing.join(', ') },
  });
}

/**
 * Merged cells: across the header they hide column names; in the data they leave all but
 * the first cell empty. Both are reported on the merged range; messages about the hidden
 * (empty) cells of a merged range are dropped, as they only repeat the merge.
 */
function reportMerges<F extends string>(merges: readonly CellRange[], header: HeaderMatch<F>, issues: IssueList): void {
  const inData: CellRange[] = [];
  for (const range of merges) {
    if (range.bottom < header.row) continue; // a title above the table
    if (range.top <= header.row) {
      if (range.right > range.left) {
        issues.add({
          severity: 'error',
          row: header.row,
          column: columnLetter(range.left),
          code: 'xlsx-merged-header',
          params: { range: range.ref },
        });
      }
      if (range.bottom > header.row) inData.push(range);
      continue;
    }
    inData.push(range);
  }
  if (inData.length === 0) return;
  const isHidden = (issue: SheetIssue) => {
    if (issue.row === undefined || issue.column === undefined) return false;
    const row = issue.row;
    const col = columnIndex(issue.column);
    return inData.some(
      (r) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right && !(row === r.top && col === r.left),
    );
  };
  const kept: SheetIssue[] = [];
  for (const issue of issues.items) {
    if (!isHidden(issue)) kept.push(issue);
    else if (issue.severity === 'error') issues.errors--;
    else if (issue.severity === 'warning') issues.warnings--;
  }
  issues.items.splice(0, issues.items.length, ...kept);
  for (const range of inData) {
    issues.add({
      severity: 'error',
      row: Math.max(range.top, header.row + 1),
      column: columnLetter(range.left),
      code: 'xlsx-merged-cells',
      params: { range: range.ref },
    });
  }
}
