import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../../src/text/sheetIssues.ts';
import { parseSchoolsFile } from '../../../src/files/xlsx/read/schoolsSheet.ts';
import { writeSchoolsTemplate } from '../../../src/files/xlsx/write/templates.ts';
import { excelBytes } from '../../fixtures/xlsx/build.ts';

describe('the school registry template', () => {
  it('reads back exactly what was filled in', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeSchoolsTemplate()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Школы', 'Пояснения']);
    const sheet = workbook.getWorksheet('Школы')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Муниципалитет',
      'Код ОО',
      'Наименование',
      'Краткое наименование',
      'Тип',
      'Населённый пункт',
      'Сельская (да/нет)',
    ]);
    sheet.getRow(2).values = [
      'Энский район',
      'sch100001',
      'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
      'СОШ № 1',
      'СОШ',
      'г. Энск',
      'нет',
    ];
    sheet.getRow(3).values = [
      'Энский район',
      'sch100002',
      'МКОУ «Ивановская основная школа»',
      null,
      'ООШ',
      'с. Ивановка',
      'да',
    ];
    const outcome = parseSchoolsFile(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(outcome.ok).toBe(true);
    // the template's own «Пояснения» is not reported as skipped
    expect(outcome.issues).toEqual([]);
    const columns = {
      municipality: 'A',
      code: 'B',
      fullName: 'C',
      shortName: 'D',
      type: 'E',
      settlement: 'F',
      rural: 'G',
    };
    expect(outcome.rows).toEqual([
      {
        municipality: 'Энский район',
        code: 'sch100001',
        fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»',
        shortName: 'СОШ № 1',
        type: 'СОШ',
        settlement: 'г. Энск',
        rural: false,
        rowNumber: 2,
        columns,
      },
      {
        municipality: 'Энский район',
        code: 'sch100002',
        fullName: 'МКОУ «Ивановская основная школа»',
        shortName: '',
        type: 'ООШ',
        settlement: 'с. Ивановка',
        rural: true,
        rowNumber: 3,
        columns,
      },
    ]);
  });
});

describe('a registry file with mistakes', () => {
  it('lists every error with its row and column and returns nothing to save', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Реестр');
      sheet.addRow(['Реестр общеобразовательных организаций']);
      sheet.addRow([]);
      sheet.addRow(['Код школы', 'Район', 'Полное наименование', 'Тип ОО', 'Сельская школа', 'Директор']);
      sheet.addRow(['sch100001', 'Энский', 'Школа 1', 'средняя общеобразовательная школа', 'Нет', 'Иванов']);
      sheet.addRow(['100002', 'Энский', 'Школа 2', 'гимназия', 'да', null]);
      sheet.addRow(['sch100003', 'Энский', 'Школа 3', 'колледж', 'может быть', null]);
      sheet.addRow(['sch100001', null, 'Школа 1 ещё раз', 'лицей', 1, null]);
      sheet.addRow(['sch100004', 'Энский', 'Школа 4', null, 'нет', null]);
    });
    const outcome = parseSchoolsFile(bytes);
    expect(outcome.ok).toBe(false);
    expect(outcome.headerRow).toBe(3);
    expect(outcome.issues.map((i) => [i.severity, i.code, i.row, i.column])).toEqual([
      ['warning', 'xlsx-unknown-column', 3, 'F'],
      ['error', 'schools-code-format', 5, 'A'],
      ['error', 'schools-type-unknown', 6, 'D'],
      ['error', 'xlsx-not-yes-no', 6, 'E'],
      ['error', 'schools-municipality-required', 7, 'B'],
      ['error', 'schools-type-required', 8, 'D'],
    ]);
    // every message renders, with its parameters
    for (const issue of outcome.issues) expect(renderIssue(issue)).toMatch(/^строка \d+, столбец [A-Z]+ «[^»]+»: \S/);
    expect(renderIssue(outcome.issues[2]!)).toMatch(
      /^строка 6, столбец D «Тип ОО»: «колледж» — неизвестный тип школы\. Выберите одно из значений: СОШ, ООШ, НОШ, гимназия, лицей/,
    );
    expect(outcome.stats.errors).toBe(5);
  });

  it('names both rows of a repeated code', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Школы');
      sheet.addRow(['Муниципалитет', 'Код ОО', 'Наименование', 'Тип', 'Сельская (да/нет)']);
      sheet.addRow(['Энский район', 'sch100001', 'Школа 1', 'СОШ', 'нет']);
      sheet.addRow(['Энский район', 'SCH100001', 'Школа 1', 'СОШ', 'нет']);
    });
    const outcome = parseSchoolsFile(bytes);
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.map((i) => renderIssue(i))).toEqual([
      'строка 3, столбец B «Код ОО»: код sch100001 уже встречался в строке 2. У каждой школы свой код: оставьте одну строку.',
    ]);
  });
});
