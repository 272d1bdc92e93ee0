/**
 * The annotated copy sent back with the error list: the coordinator's own workbook with every
 * cell that has a problem filled (errors light red, warnings light yellow) and a note holding
 * the message, plus a sheet listing all problems. They fix the cells in Excel and send the
 * file again. Marks from an earlier round are cleared first, so a resent file does not keep
 * stale highlights.
 */
import ExcelJS from 'exceljs';
import { t } from '../../i18n.ts';
import { renderIssue, type SheetIssue } from './issues.ts';

export const ERROR_FILL_ARGB = 'FFFFC7CE';
export const WARNING_FILL_ARGB = 'FFFFEB9C';
/** Starts every note the bot writes, so the next round can find and remove it. */
export const NOTE_MARK = 'Kurator: ';

export interface AnnotateOptions {
  /** the sheet the issues refer to (`sheetName` of the parse outcome) */
  sheetName: string;
  issues: readonly SheetIssue[];
}

/**
 * Returns the annotated copy, or null when ExcelJS cannot open the workbook (the error list
 * in the chat then has to do).
 */
export async function annotateErrors(originalBytes: Uint8Array, options: AnnotateOptions): Promise<Buffer | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(originalBytes.buffer, originalBytes.byteOffset, originalBytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const sheet = workbook.getWorksheet(options.sheetName);
  if (!sheet) return null;
  clearEarlierMarks(sheet);

  // Several problems in one cell share a note; the cell takes the colour of the worst.
  const byCell = new Map<string, SheetIssue[]>();
  for (const issue of options.issues) {
    if (issue.row === undefined || issue.column === undefined || issue.severity === 'info') continue;
    const address = `${issue.column}${issue.row}`;
    const list = byCell.get(address);
    if (list) list.push(issue);
    else byCell.set(address, [issue]);
  }
  for (const [address, issues] of byCell) {
    const cell = sheet.getCell(address);
    const isError = issues.some((issue) => issue.severity === 'error');
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: isError ? ERROR_FILL_ARGB : WARNING_FILL_ARGB } };
    cell.note = NOTE_MARK + issues.map((issue) => t(issue.code, issue.params)).join('\n');
  }

  const listName = t('xlsx-annotate-sheet');
  const existing = workbook.getWorksheet(listName);
  if (existing) workbook.removeWorksheet(existing.id);
  const list = workbook.addWorksheet(listName);
  list.columns = [{ header: t('xlsx-annotate-column-severity'), width: 14 }, { header: t('xlsx-annotate-column-message'), width: 120 }];
  list.getRow(1).font = { bold: true };
  for (const issue of options.issues) {
    list.addRow([t(`xlsx-severity-${issue.severity}`), renderIssue(issue)]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The text of a cell's note, plain or rich. */
export function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note;
  return typeof note === 'string' ? note : (note?.texts?.map((part) => part.text).join('') ?? '');
}

function clearEarlierMarks(sheet: ExcelJS.Worksheet): void {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!noteText(cell).startsWith(NOTE_MARK)) return;
      cell.note = undefined as unknown as string;
      const fill = cell.fill;
      const argb = fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
      if (argb === ERROR_FILL_ARGB || argb === WARNING_FILL_ARGB) cell.fill = { type: 'pattern', pattern: 'none' };
    });
  });
}
