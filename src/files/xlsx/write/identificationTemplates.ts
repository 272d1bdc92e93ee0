/**
 * Empty templates of the two identification tables (read by ../read/identificationSheets.ts):
 * the columns, a notes sheet explaining each, and the registry's schools already filled in.
 */
import { loadExcelJS } from '../excel.ts';
import { styleHeader } from './sheetSpec.ts';
import { t } from '../../../i18n.ts';
import {
  CONTINGENT_COLUMNS,
  type ContingentField,
  OFFICIAL_LIST_COLUMNS,
  type OfficialField,
} from '../read/identificationSheets.ts';

async function simpleTemplate(
  sheetName: string,
  columns: ReadonlyArray<{ title: string; note: string; width: number }>,
  intro: string,
  schools: ReadonlyArray<{ code: string; name: string }>,
  codeColumn: number,
  nameColumn: number,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.title, width: column.width }));
  const header = sheet.getRow(1);
  styleHeader(header, columns.length, 45);
  columns.forEach((column, i) => {
    header.getCell(i + 1).note = column.note;
  });
  sheet.getColumn(codeColumn + 1).numFmt = '@';
  // the registry's schools prefilled, so the coordinator only types the figures
  for (const school of schools) {
    const row = sheet.addRow([]);
    row.getCell(codeColumn + 1).value = school.code;
    row.getCell(nameColumn + 1).value = school.name;
  }
  const notes = workbook.addWorksheet(t('idtables-notes-sheet'));
  notes.columns = [{ width: 40 }, { width: 100 }];
  notes.addRow([intro]).getCell(1).alignment = { wrapText: true };
  notes.mergeCells(1, 1, 1, 2);
  notes.getRow(1).height = 60;
  notes.addRow([]);
  for (const column of columns) notes.addRow([column.title, column.note]).getCell(2).alignment = { wrapText: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeContingentTemplate(schools: ReadonlyArray<{ code: string; name: string }>): Promise<Buffer> {
  const fields = Object.keys(CONTINGENT_COLUMNS) as ContingentField[];
  return simpleTemplate(
    t('idtables-contingent-sheet'),
    fields.map((field) => ({
      title: CONTINGENT_COLUMNS[field],
      note: t(`idtables-contingent-note-${field}`),
      width: field === 'schoolName' ? 40 : 16,
    })),
    t('idtables-contingent-intro'),
    schools,
    fields.indexOf('schoolCode'),
    fields.indexOf('schoolName'),
  );
}

export function writeOfficialListTemplate(): Promise<Buffer> {
  const fields = Object.keys(OFFICIAL_LIST_COLUMNS) as OfficialField[];
  return simpleTemplate(
    t('idtables-official-sheet'),
    fields.map((field) => ({
      title: OFFICIAL_LIST_COLUMNS[field],
      note: t(`idtables-official-note-${field}`),
      width: field === 'schoolName' ? 40 : 16,
    })),
    t('idtables-official-intro'),
    [],
    fields.indexOf('schoolCode'),
    fields.indexOf('schoolName'),
  );
}
