import type { ReportData } from '../../src/services/reports.ts';
import { resultRows, streamingWorkbook } from '../../src/documents/xlsx-report/writeReport.ts';

/**
 * The floor bench:report compares with: the same «Результаты» rows (same 9 columns, same streaming
 * writer) with no styles, widths, filters, formats or other sheets.
 */
export async function writePlainResults(data: ReportData): Promise<Uint8Array> {
  const { workbook, bytes } = await streamingWorkbook(false);
  const sheet = workbook.addWorksheet('Результаты');
  for (const row of resultRows(data)) sheet.addRow(row);
  sheet.commit();
  return bytes();
}
