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

/** Registry rows of the test district's schools (two in Дубенский район, one in Ельнинский). */
export const SCHOOL_ROWS = {
  sch710001: ['Дубенский район', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'Дубенская СОШ № 1', 'СОШ', 'п. Дубна', 'да'],
  sch710002: [
    'Дубенский район',
    'sch710002',
    'МБОУ «Воскресенская СОШ»',
    'Воскресенская СОШ',
    'СОШ',
    'с. Воскресенское',
    'да',
  ],
  sch670001: [
    'Ельнинский район',
    'sch670001',
    'МБОУ «Ельнинская СОШ № 1»',
    'Ельнинская СОШ № 1',
    'СОШ',
    'г. Ельня',
    'нет',
  ],
} as const;

export type SchoolCode = keyof typeof SCHOOL_ROWS;

/** A registry .xlsx of these test schools. */
export function registrySheet(...codes: SchoolCode[]) {
  return schoolsSheet(codes.map((code) => SCHOOL_ROWS[code]));
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
