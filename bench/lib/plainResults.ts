import { loadExcelJS } from '../../src/files/xlsx/excel.ts';
import { procedureLabel } from '../../src/domain/results/procedures.ts';
import type { ReportData } from '../../src/services/reports.ts';

/** The same result rows with no styles, widths, filters or formats: the floor bench:report compares with. */
export async function writePlainResults(data: ReportData): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet('Результаты');
  sheet.addRows(
    data.results.map((row) => [
      row.schoolCode,
      row.year,
      procedureLabel(row.procedure),
      row.participants,
      row.failed,
      row.participants > 0 ? row.failed / row.participants : null,
      row.meanScore ?? null,
    ]),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
