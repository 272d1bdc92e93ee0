/** Real .xlsx files for tests, written with ExcelJS as a person's Excel would save them. */
import ExcelJS from 'exceljs';

export async function workbook(sheets: Record<string, readonly (readonly unknown[])[]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow([...row]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const SCHOOLS_HEADER = [
  'Муниципалитет',
  'Код ОО',
  'Наименование',
  'Краткое наименование',
  'Тип',
  'Населённый пункт',
  'Сельская (да/нет)',
];

export function schoolsSheet(rows: readonly (readonly unknown[])[]) {
  return workbook({ Реестр: [SCHOOLS_HEADER, ...rows] });
}

export const RESULTS_HEADER = [
  'Учебный год',
  'Код ОО',
  'Наименование ОО',
  'Процедура',
  'Предмет',
  'Класс',
  'Участников',
  'Не справились',
];

export function resultsSheet(rows: readonly (readonly unknown[])[]) {
  return workbook({ Результаты: [RESULTS_HEADER, ...rows] });
}
