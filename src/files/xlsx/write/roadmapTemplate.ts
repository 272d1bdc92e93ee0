/**
 * Roadmap workbooks (issue 13 §2): the template with notes (`kurator template roadmap`) and the
 * example files in examples/ built from their source tables (scripts/build-roadmap-examples.ts).
 */
import ExcelJS from 'exceljs';
import { styleHeader } from './sheetSpec.ts';
import { DEADLINE_EXAMPLES } from '../../../domain/roadmap/deadline.ts';

const COLUMNS: Array<{ title: string; width: number; note: string }> = [
  {
    title: '№',
    width: 8,
    note: 'Номер мероприятия, как в документе: «1.», «2.1». Строка с номером раздела («I.») и названием без срока и ответственного — заголовок раздела.',
  },
  { title: 'Мероприятие', width: 70, note: 'Что сделать. Обязательно.' },
  { title: 'Срок', width: 24, note: `Как пишут в документах: ${DEADLINE_EXAMPLES.map((e) => `«${e}»`).join(', ')}.` },
  {
    title: 'Ответственный',
    width: 34,
    note: 'Роль или человек («Комитет», «Руководители ОО»), код школы (sch123456) или «каждая школа из перечня» — тогда мероприятие будет у каждой ШНОР.',
  },
  { title: 'Ожидаемый результат', width: 40, note: 'Результат или показатель; можно оставить пустым.' },
];

/** A roadmap sheet: optional title lines, the header, the rows (№, Мероприятие, Срок, Ответственный, Результат). */
export async function writeRoadmapWorkbook(options: {
  titleLines?: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  notes?: boolean;
}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Дорожная карта');
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));
  for (const line of options.titleLines ?? []) {
    const row = sheet.addRow([line]);
    row.font = { italic: true };
  }
  const header = sheet.addRow(COLUMNS.map((column) => column.title));
  styleHeader(header, COLUMNS.length);
  if (options.notes) COLUMNS.forEach((column, i) => (header.getCell(i + 1).note = column.note));
  for (const row of options.rows) {
    const added = sheet.addRow([...row]);
    added.alignment = { vertical: 'top', wrapText: true };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function writeRoadmapTemplate(): Promise<Uint8Array> {
  return writeRoadmapWorkbook({
    notes: true,
    rows: [
      ['I.', 'Организационное обеспечение', '', '', ''],
      [
        '1.',
        'Идентификация школ с низкими образовательными результатами',
        'Сентябрь – октябрь',
        'Комитет',
        'Перечень ШНОР утверждён',
      ],
      [
        '2.',
        'Разработка программы перехода в эффективный режим функционирования',
        'до 1 декабря 2024',
        'каждая школа из перечня',
        'Программа принята',
      ],
      [
        '3.',
        'Мониторинг реализации программ',
        'ежегодно, июнь',
        'Муниципальный координатор',
        'Справка по итогам мониторинга',
      ],
    ],
  });
}
