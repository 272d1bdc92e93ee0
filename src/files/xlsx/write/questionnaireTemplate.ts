/**
 * `kurator template questionnaire`: an empty questionnaire sheet for coordinators, with the
 * example rows of the domain's QUESTIONNAIRE_TEMPLATE (seed 003 §4.3), drop-down lists for
 * «Тип» and «Обязательный», «№» formatted as text (so 1.10 stays 1.10) and a notes sheet
 * built from `forms-template-notes`.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../excel.ts';
import { HEADER_FILL } from './sheetSpec.ts';
import { QUESTIONNAIRE_TEMPLATE, SHEET_TYPE_NAMES } from '../../../domain/questionnaires/index.ts';
import { t } from '../../../i18n.ts';

const PREPARED_ROWS = 500;
const WIDTHS: Record<string, number> = {
  Раздел: 28,
  '№': 8,
  Вопрос: 60,
  Тип: 18,
  Обязательный: 14,
  Варианты: 45,
  Условие: 16,
  Подсказка: 40,
};

type WithValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

export async function writeQuestionnaireTemplate(): Promise<Buffer> {
  const notes = t(QUESTIONNAIRE_TEMPLATE.notesKey)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const noteFor = (column: string) =>
    notes
      .filter((line) => line.startsWith(`${column}:`) || (column === 'Варианты' && line.startsWith('Для «список»')))
      .join('\n');

  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet(t('forms-template-sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = QUESTIONNAIRE_TEMPLATE.columns;
  sheet.columns = columns.map((title) => ({ header: title, width: WIDTHS[title] ?? 20 }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.height = 24;
  columns.forEach((title, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = HEADER_FILL;
    const note = noteFor(title);
    if (note) cell.note = note;
  });
  // «№» as text: otherwise Excel reads 1.10 as the number 1.1 (or as 1 October).
  sheet.getColumn(2).numFmt = '@';
  for (const row of QUESTIONNAIRE_TEMPLATE.exampleRows) {
    const added = sheet.addRow([...row]);
    added.alignment = { wrapText: true, vertical: 'top' };
  }
  const lists = sheet as unknown as WithValidations;
  const typeList = `"${Object.values(SHEET_TYPE_NAMES).join(',')}"`;
  // Suggestions only: «целое от 1 до 40» is a valid type that is not in the list.
  lists.dataValidations.add(`D2:D${PREPARED_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [typeList],
    showErrorMessage: false,
  });
  lists.dataValidations.add(`E2:E${PREPARED_ROWS + 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: ['"да,нет"'],
    showErrorMessage: false,
  });

  const notesSheet = workbook.addWorksheet(t('forms-template-notes-sheet'));
  notesSheet.columns = [{ width: 120 }];
  for (const line of notes) {
    const row = notesSheet.addRow([line]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  notesSheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
