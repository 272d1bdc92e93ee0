/**
 * Empty templates for coordinators (`kurator template schools|results --out FILE.xlsx`):
 * a data sheet with the header on row 1, drop-down lists where the values are fixed, and a
 * notes sheet («Пояснения») explaining each column. The results template also lists the
 * registry's schools so the coordinator can copy codes.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../excel.ts';
import { HEADER_FILL, styleHeader } from './sheetSpec.ts';
import { KIND_LABELS } from '../../../domain/results/procedures.ts';
import { SCHOOL_TYPES } from '../../../domain/schools/school.ts';
import { t } from '../../../i18n.ts';
import { RESULT_COLUMNS } from '../read/resultsSheet.ts';
import { SCHOOL_COLUMNS } from '../read/schoolsSheet.ts';

/** Rows prepared with drop-down lists and number formats below the header. */
const PREPARED_ROWS = 5_000;

export interface TemplateSchool {
  code: string;
  name: string;
}

interface ColumnDef {
  title: string;
  width: number;
  note: string;
  numFmt?: string;
  list?: string;
}

function buildDataSheet(workbook: ExcelJS.Workbook, name: string, columns: ColumnDef[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.title, width: column.width }));
  const header = sheet.getRow(1);
  styleHeader(header, columns.length, 30);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.note = column.note;
    const letter = sheet.getColumn(i + 1).letter;
    if (column.numFmt) sheet.getColumn(i + 1).numFmt = column.numFmt;
    if (column.list) {
      // not in ExcelJS's typings, but supported: one validation for a whole range
      (
        sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${letter}2:${letter}${PREPARED_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [column.list],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: column.title,
        error: column.note,
      });
    }
  });
  return sheet;
}

function buildNotesSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  headers: [string, string],
  intro: string[],
  columns: ColumnDef[],
): void {
  const notes = workbook.addWorksheet(name);
  notes.columns = [{ width: 28 }, { width: 100 }];
  for (const line of intro) {
    const row = notes.addRow([line]);
    notes.mergeCells(row.number, 1, row.number, 2);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 45;
  }
  notes.addRow([]);
  const head = notes.addRow(headers);
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const column of columns) {
    const row = notes.addRow([column.title, column.note]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

function quotedList(values: readonly string[]): string {
  return `"${values.join(',')}"`;
}

export async function writeSchoolsTemplate(): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const columns: ColumnDef[] = [
    { title: SCHOOL_COLUMNS.municipality, width: 22, note: t('schools-template-note-municipality') },
    { title: SCHOOL_COLUMNS.code, width: 13, note: t('schools-template-note-code'), numFmt: '@' },
    { title: SCHOOL_COLUMNS.fullName, width: 50, note: t('schools-template-note-name') },
    { title: SCHOOL_COLUMNS.shortName, width: 24, note: t('schools-template-note-short-name') },
    {
      title: SCHOOL_COLUMNS.type,
      width: 18,
      note: t('schools-template-note-type', { allowed: SCHOOL_TYPES.join(', ') }),
      list: quotedList(SCHOOL_TYPES),
    },
    { title: SCHOOL_COLUMNS.settlement, width: 20, note: t('schools-template-note-locality') },
    { title: SCHOOL_COLUMNS.rural, width: 12, note: t('schools-template-note-rural'), list: quotedList(['да', 'нет']) },
  ];
  buildDataSheet(workbook, t('schools-template-sheet'), columns);
  buildNotesSheet(
    workbook,
    t('schools-template-notes-sheet'),
    [t('schools-template-notes-column'), t('schools-template-notes-content')],
    [t('schools-template-intro')],
    columns,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `schools`: the registry (code and name), listed on the «Школы» sheet. */
export async function writeResultsTemplate(schools: readonly TemplateSchool[]): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const schoolsSheetName = t('results-template-schools-sheet');
  const codeList = schools.length > 0 ? `'${schoolsSheetName}'!$A$2:$A$${schools.length + 1}` : undefined;
  const count = '0';
  const columns: ColumnDef[] = [
    { title: RESULT_COLUMNS.year, width: 12, note: t('results-template-note-year'), numFmt: '@' },
    {
      title: RESULT_COLUMNS.schoolCode,
      width: 13,
      note: t('results-template-note-school-code'),
      numFmt: '@',
      ...(codeList ? { list: codeList } : {}),
    },
    { title: RESULT_COLUMNS.schoolName, width: 40, note: t('results-template-note-school-name') },
    { title: RESULT_COLUMNS.kind, width: 11, note: t('results-template-note-kind'), list: quotedList(KIND_LABELS) },
    { title: RESULT_COLUMNS.subject, width: 24, note: t('results-template-note-subject') },
    { title: RESULT_COLUMNS.grade, width: 7, note: t('results-template-note-grade'), numFmt: count },
    { title: RESULT_COLUMNS.participants, width: 12, note: t('results-template-note-participants'), numFmt: count },
    { title: RESULT_COLUMNS.failed, width: 13, note: t('results-template-note-failed'), numFmt: count },
    { title: RESULT_COLUMNS.m2, width: 6, note: t('results-template-note-marks'), numFmt: count },
    { title: RESULT_COLUMNS.m3, width: 6, note: t('results-template-note-marks'), numFmt: count },
    { title: RESULT_COLUMNS.m4, width: 6, note: t('results-template-note-marks'), numFmt: count },
    { title: RESULT_COLUMNS.m5, width: 6, note: t('results-template-note-marks'), numFmt: count },
    { title: RESULT_COLUMNS.meanScore, width: 12, note: t('results-template-note-mean'), numFmt: '0.00' },
  ];
  buildDataSheet(workbook, t('results-template-sheet'), columns);
  buildNotesSheet(
    workbook,
    t('results-template-notes-sheet'),
    [t('results-template-notes-column'), t('results-template-notes-content')],
    [t('results-template-intro'), t('results-template-first-attempt')],
    columns
      .filter((_, i) => i < 9 || i === columns.length - 1)
      .map((column) => (column.title === RESULT_COLUMNS.m2 ? { ...column, title: '«2», «3», «4», «5»' } : column)),
  );
  const registry = workbook.addWorksheet(schoolsSheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  registry.columns = [
    { header: t('results-template-schools-code'), width: 14 },
    { header: t('results-template-schools-name'), width: 70 },
  ];
  registry.getRow(1).font = { bold: true };
  for (const school of schools) registry.addRow([school.code, school.name]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
