/**
 * The coordinator's export of a campaign (issue #5): one row per school, one column per item
 * headed with the source numbering (the table comes from the domain's `tabulateAnswers`),
 * plus the form's status, and a second sheet about the campaign.
 */
import { loadExcelJS } from '../excel.ts';
import { HEADER_FILL } from './sheetSpec.ts';
import type { ExportTable } from '../../../domain/questionnaires/index.ts';
import { t } from '../../../i18n.ts';

export interface AnswersWorkbookInput {
  table: ExportTable;
  /** per row of `table.rows`: status text and submission time (already formatted) */
  status: { label: string; submittedAt: string | null }[];
  about: { label: string; value: string }[];
}

export async function writeAnswersWorkbook(input: AnswersWorkbookInput): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet(t('campaigns-export-sheet'), {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
  });
  const [code, name, ...items] = input.table.columns;
  const headers = [
    code!.header,
    name!.header,
    t('campaigns-export-column-status'),
    t('campaigns-export-column-submitted'),
    ...items.map((c) => c.header),
  ];
  sheet.columns = headers.map((header, index) => ({ header, width: index === 1 ? 36 : index < 4 ? 14 : 22 }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  head.height = 90;
  head.eachCell((cell) => (cell.fill = HEADER_FILL));
  input.table.rows.forEach((row, index) => {
    const [schoolCode, schoolName, ...cells] = row;
    const status = input.status[index]!;
    const added = sheet.addRow([
      schoolCode,
      schoolName,
      status.label,
      status.submittedAt ?? '',
      ...cells.map((cell) => cell ?? null),
    ]);
    added.alignment = { wrapText: true, vertical: 'top' };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };

  const about = workbook.addWorksheet(t('campaigns-export-about-sheet'));
  about.columns = [{ width: 30 }, { width: 80 }];
  for (const line of input.about) {
    const row = about.addRow([line.label, line.value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
