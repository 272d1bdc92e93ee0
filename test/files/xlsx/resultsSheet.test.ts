import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ResultRow } from '../../../src/domain/results/types.ts';
import { renderIssue, renderIssueList } from '../../../src/text/sheetIssues.ts';
import { parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { writeResultsTemplate } from '../../../src/files/xlsx/write/templates.ts';
import {
  KNOWN_SCHOOLS,
  TEMPLATE_HEADER,
  excelBytes,
  goodRow,
  rawResults,
  resultsWorkbook,
} from '../../fixtures/xlsx/build.ts';

const parse = (bytes: Uint8Array, onProgress?: (rows: number) => void) =>
  parseResultsFile(bytes, { knownSchools: KNOWN_SCHOOLS, onProgress });

describe('a real-world file', () => {
  it('finds the header on row 4, maps reordered synonym columns and warns once about the extra column', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Свод');
      sheet.addRow(['Результаты оценочных процедур']);
      sheet.addRow(['Управление образования Энского района']);
      sheet.addRow([]);
      sheet.addRow([
        'Код школы',
        'Учебный год',
        'Процедура',
        'Предмет',
        'Класс',
        'Кол-во участников',
        'Получили «2»',
        'Примечание',
        'Ср. балл',
      ]);
      sheet.addRow(['sch100001', '2023-2024', 'ВПР', 'Русский язык', 5, 30, 4, 'проверено', 3.9]);
      sheet.addRow(['SCH100002', 2024, 'огэ', 'математика', null, 41, 12, null, null]);
      sheet.addRow(['sch100003', '2022–2023', 'ЕГЭ', 'Математика профильная', 11, 9, 0, 'ок', 61.5]);
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(true);
    expect(outcome.headerRow).toBe(4);
    expect(outcome.issues).toEqual([
      { severity: 'warning', row: 4, column: 'H', header: 'Примечание', code: 'xlsx-unknown-column' },
    ]);
    expect(renderIssue(outcome.issues[0]!)).toBe(
      'строка 4, столбец H «Примечание»: столбец не распознан и не будет загружен. Если в нём нужные данные, назовите его как в шаблоне.',
    );
    expect(outcome.rows).toEqual<ResultRow[]>([
      {
        schoolCode: 'sch100001',
        year: '2023/2024',
        procedure: { kind: 'VPR', subject: 'Русский язык', grade: 5 },
        participants: 30,
        failed: 4,
        marks: null,
        meanScore: 3.9,
      },
      {
        schoolCode: 'sch100002',
        year: '2023/2024',
        procedure: { kind: 'OGE', subject: 'Математика', grade: null },
        participants: 41,
        failed: 12,
        marks: null,
        meanScore: null,
      },
      {
        schoolCode: 'sch100003',
        year: '2022/2023',
        procedure: { kind: 'EGE', subject: 'Математика (профильная)', grade: 11 },
        participants: 9,
        failed: 0,
        marks: null,
        meanScore: 61.5,
      },
    ]);
    expect(outcome.rowNumbers).toEqual([5, 6, 7]);
    expect(outcome.stats).toEqual({ dataRows: 3, validRows: 3, errors: 0, warnings: 1 });
  });

  it('turns a share of failed participants into a count, from a percentage cell or a plain number', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Лист1');
      sheet.addRow([
        'Учебный год',
        'Код ОО',
        'Процедура',
        'Предмет',
        'Класс',
        'Количество участников',
        'Доля не справившихся, %',
      ]);
      sheet.addRow(['2023/2024', 'sch100001', 'ВПР', 'Математика', 6, 28, 17.9]); // 5.01 → 5
      const percent = sheet.addRow(['2023/2024', 'sch100002', 'ВПР', 'Математика', 6, 15, 0.3]); // 30 % of 15 = 4.5 → 5
      percent.getCell(7).numFmt = '0%';
      sheet.addRow(['2023/2024', 'sch100003', 'ВПР', 'Математика', 6, 40, '12,5 %']); // 5
    });
    const outcome = parse(bytes);
    expect(outcome.issues).toEqual([]);
    expect(outcome.rows.map((row) => row.failed)).toEqual([5, 5, 5]);
  });

  it('warns when a plain share looks like a fraction', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Лист1');
      sheet.addRow(['Учебный год', 'Код ОО', 'Процедура', 'Предмет', 'Класс', 'Участников', 'Доля не справившихся, %']);
      sheet.addRow(['2023/2024', 'sch100001', 'ВПР', 'Математика', 6, 28, 0.25]);
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(true);
    expect(outcome.issues.map((i) => [i.code, i.column])).toEqual([['results-share-looks-like-fraction', 'G']]);
    expect(renderIssue(outcome.issues[0]!)).toContain('впишите 25, а не 0,25');
  });

  it('skips a totals line under the table with a note', async () => {
    const bytes = await resultsWorkbook([goodRow(), ['Итого', null, null, null, null, null, 28, 3]]);
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(true);
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.issues.map((i) => [i.code, i.row])).toEqual([['xlsx-totals-row-skipped', 3]]);
  });

  it('reports data cells merged across rows once, at the merge', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Результаты');
      sheet.addRow(TEMPLATE_HEADER.slice(0, 8));
      sheet.addRow(goodRow().slice(0, 8));
      sheet.addRow(goodRow({ subject: 'Русский язык' }).slice(0, 8));
      sheet.mergeCells('A2:A3');
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row, i.column])).toEqual([
      ['xlsx-merged-cells', 2, 'A'],
    ]);
  });
});

describe('row errors', () => {
  it('says how failed exceeds participants, as the chat shows it', async () => {
    const rows = Array.from({ length: 16 }, (_, i) =>
      goodRow({
        grade: [4, 5, 6, 7, 8, 10, 11][i % 7],
        subject: i < 7 ? 'Математика' : i < 14 ? 'Русский язык' : 'История',
      }),
    );
    rows[15] = goodRow({ subject: 'Биология', participants: 28, failed: 31, m2: null, m3: null, m4: null, m5: null });
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Результаты');
      sheet.addRow([
        'Учебный год',
        'Код ОО',
        'Наименование ОО',
        'Процедура',
        'Предмет',
        'Не справились',
        'Участников',
        'Класс',
      ]);
      for (const row of rows) sheet.addRow([row[0], row[1], row[2], row[3], row[4], row[7], row[6], row[5]]);
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(false);
    expect(outcome.issues).toHaveLength(1);
    expect(renderIssue(outcome.issues[0]!)).toBe(
      'строка 17, столбец F «Не справились»: 31 больше, чем участников (28). Проверьте оба числа.',
    );
    expect(outcome.rows).toHaveLength(15);
  });

  it('names an unknown school code and the registry name on a mismatch', async () => {
    const outcome = parse(
      await resultsWorkbook([
        goodRow({ schoolCode: 'sch999999' }),
        goodRow({ schoolCode: 'sch100002', schoolName: 'Гимназия № 5' }),
      ]),
    );
    const unknown = outcome.issues.find((i) => i.code === 'results-school-unknown')!;
    expect(unknown).toMatchObject({ severity: 'error', row: 2, column: 'B' });
    expect(renderIssue(unknown)).toContain('sch999999');
    const mismatch = outcome.issues.find((i) => i.code === 'results-school-name-mismatch')!;
    expect(mismatch).toMatchObject({ severity: 'warning', row: 3, column: 'C' });
    expect(renderIssue(mismatch)).toContain('«МБОУ «СОШ № 2»»');
    expect(outcome.rows.map((r) => r.schoolCode)).toEqual(['sch100002']);
  });

  it('names both rows of a duplicate, counting ОГЭ with an empty grade as grade 9', async () => {
    const outcome = parse(
      await resultsWorkbook([
        goodRow({ kind: 'ОГЭ', grade: 9 }),
        goodRow({ kind: 'ВПР', grade: 9 }),
        goodRow({ kind: 'огэ', grade: null }),
      ]),
    );
    const errors = outcome.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.code, i.row])).toEqual([
      ['results-grade-not-held', 3],
      ['results-duplicate-row', 4],
    ]);
    expect(renderIssue(errors[1]!)).toBe(
      'строка 4, столбец B «Код ОО»: повторяет строку 2: та же школа (sch100001), тот же год (2023/2024) и та же процедура (ОГЭ, Математика). Оставьте одну из строк.',
    );
  });

  it('checks the marks against participants and «Не справились»', async () => {
    const outcome = parse(await resultsWorkbook([goodRow({ m5: 6 }), goodRow({ subject: 'Русский язык', failed: 4 })]));
    expect(outcome.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['results-marks-sum', 2, 'I'],
      ['results-failed-not-marks', 3, 'H'],
    ]);
  });

  it('lists the first 20 errors and says how many more there are', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => goodRow({ schoolCode: `sch9000${String(i).padStart(2, '0')}` }));
    const outcome = parse(await resultsWorkbook(rows));
    expect(outcome.stats.errors).toBe(25);
    const text = renderIssueList(outcome.issues);
    const lines = text.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      '✖ строка 2, столбец B «Код ОО»: школы с кодом sch900000 нет в реестре. Проверьте код (список — на листе «Школы» шаблона) или сначала добавьте школу в реестр.',
    );
    expect(lines[20]).toBe('…и ещё 5 замечаний (из них ошибок: 5).');
  });

  it('reports progress on long files', () => {
    function* rows() {
      for (let i = 0; i < 12_000; i++)
        yield goodRow({ grade: [4, 5, 6, 7, 8, 10, 11][i % 7], subject: `Предмет ${Math.floor(i / 7)}` }) as never;
    }
    const seen: number[] = [];
    const outcome = parse(rawResults(rows()), (count) => seen.push(count));
    expect(outcome.ok).toBe(true);
    expect(seen).toEqual([5_000, 10_000, 12_000]);
  });
});

describe('every row message', () => {
  it('renders with its position and parameters', async () => {
    const header = [...TEMPLATE_HEADER, 'Доля не справившихся, %'];
    const row = (overrides: Parameters<typeof goodRow>[0], share: unknown = null) => [...goodRow(overrides), share];
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Результаты');
      sheet.addRow(header);
      const rows = [
        row({ year: null }),
        row({ year: 'прошлый' }),
        row({ year: '2023/2025' }),
        row({ year: '1899/1900' }),
        row({ schoolCode: null }),
        row({ schoolCode: 'x1' }),
        row({ schoolCode: 'sch123123' }),
        row({ schoolName: 'Другая школа', subject: 'Химия' }),
        row({ kind: null }),
        row({ kind: 'ГВЭ' }),
        row({ subject: null }),
        row({ kind: 'ЕГЭ', grade: 11 }),
        row({ kind: 'ОГЭ', grade: 9, subject: 'Математика профильная' }),
        row({ grade: null, subject: 'География' }),
        row({ grade: '5А', subject: 'История' }),
        row({ grade: 9, subject: 'Физика' }),
        row({ participants: null, subject: 'Биология' }),
        row({ participants: -1, subject: 'Литература' }),
        row({ failed: 31, m2: null, m3: null, m4: null, m5: null, subject: 'Обществознание' }),
        row({ m5: 9, subject: 'Окружающий мир' }),
        row({ failed: 4, subject: 'Английский язык' }),
        row({ failed: null, m2: null, m3: null, m4: null, m5: null, subject: 'Немецкий язык' }),
        row({ failed: null, m2: null, m3: null, m4: null, m5: null, subject: 'Французский язык' }, 130),
        row({ subject: 'Испанский язык' }, 60),
        row({ failed: null, m2: null, m3: null, m4: null, m5: null, subject: 'Китайский язык' }, 0.5),
        row({ meanScore: 130, subject: 'Музыка' }),
        row({ subject: 'Информатика' }),
        row({ subject: 'Информатика и ИКТ' }),
      ];
      for (const r of rows) sheet.addRow(r);
    });
    const outcome = parse(bytes);
    const codes = new Set(outcome.issues.map((issue) => issue.code));
    expect([...codes].sort()).toEqual(
      [
        'results-count-invalid',
        'results-duplicate-row',
        'results-failed-exceeds-participants',
        'results-failed-not-marks',
        'results-failed-required',
        'results-grade-format',
        'results-grade-not-held',
        'results-grade-required',
        'results-kind-required',
        'results-kind-unknown',
        'results-marks-sum',
        'results-mean-range',
        'results-participants-required',
        'results-school-code-format',
        'results-school-code-required',
        'results-school-name-mismatch',
        'results-school-unknown',
        'results-share-looks-like-fraction',
        'results-share-mismatch',
        'results-share-range',
        'results-subject-math-level-not-ege',
        'results-subject-math-level-required',
        'results-subject-required',
        'results-subject-unknown',
        'results-year-format',
        'results-year-not-consecutive',
        'results-year-out-of-range',
        'results-year-required',
      ].sort(),
    );
    for (const issue of outcome.issues)
      expect(renderIssue(issue)).toMatch(/^строка \d+, столбец [A-Z]+ «[^»]+»: \S[^{}]*$/);
  });
});

describe('the results template', () => {
  it('reads back exactly what was filled in', async () => {
    const template = await writeResultsTemplate([...KNOWN_SCHOOLS].map(([code, name]) => ({ code, name })));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Результаты', 'Пояснения', 'Школы']);
    const notes = workbook.getWorksheet('Пояснения')!;
    const notesText = notes.getSheetValues().flat().join(' ');
    expect(notesText).toContain('первой попытки');
    expect(notesText).toContain('пересдач');
    const schools = workbook.getWorksheet('Школы')!;
    expect(schools.getRow(2).values).toEqual([undefined, 'sch100001', 'МБОУ «СОШ № 1»']);

    const filled: unknown[][] = [
      ['2023/2024', 'sch100001', 'МБОУ «СОШ № 1»', 'ВПР', 'Математика', 5, 28, 3, 3, 10, 10, 5, 3.61],
      ['2023/2024', 'sch100002', null, 'ОГЭ', 'Русский язык', null, 41, 2, 2, 15, 16, 8, 3.72],
      ['2022/2023', 'sch100003', null, 'ЕГЭ', 'Математика (базовая)', 11, 12, 1, null, null, null, null, null],
    ];
    const data = workbook.getWorksheet('Результаты')!;
    filled.forEach((row, i) => (data.getRow(i + 2).values = row as ExcelJS.CellValue[]));
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const outcome = parse(bytes);
    expect(outcome.ok).toBe(true);
    // the template's own «Пояснения» and «Школы» are not reported as skipped
    expect(outcome.issues).toEqual([]);
    expect(outcome.rows).toEqual<ResultRow[]>([
      {
        schoolCode: 'sch100001',
        year: '2023/2024',
        procedure: { kind: 'VPR', subject: 'Математика', grade: 5 },
        participants: 28,
        failed: 3,
        marks: { m2: 3, m3: 10, m4: 10, m5: 5 },
        meanScore: 3.61,
      },
      {
        schoolCode: 'sch100002',
        year: '2023/2024',
        procedure: { kind: 'OGE', subject: 'Русский язык', grade: null },
        participants: 41,
        failed: 2,
        marks: { m2: 2, m3: 15, m4: 16, m5: 8 },
        meanScore: 3.72,
      },
      {
        schoolCode: 'sch100003',
        year: '2022/2023',
        procedure: { kind: 'EGE', subject: 'Математика (базовая)', grade: 11 },
        participants: 12,
        failed: 1,
        marks: null,
        meanScore: null,
      },
    ]);
  });

  it('is itself an empty table: importing it unfilled says there are no rows', async () => {
    const outcome = parse(new Uint8Array(await writeResultsTemplate([])));
    expect(outcome.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['xlsx-no-data-rows']);
  });
});
