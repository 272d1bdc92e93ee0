// The identification .xlsx (issue #4) for the methods the ФИОКО acceptance does not reach:
// questionnaire answers, regional indicators and the social index land in the right columns with
// the right number formats, gaps and rule texts get their own sheets.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RISK_CITATIONS, defaultRules, identifySocial } from '../../../src/domain/identification/index.ts';
import { writeIdentificationReport } from '../../../src/documents/identificationReport.ts';
import type { MethodRunView } from '../../../src/services/identification/index.ts';

const base = {
  ranAt: '2026-11-25T09:00:00.000Z',
  actorLabel: 'cli',
  municipalityId: 1,
  previousYear: null,
  missingYears: [],
  notEvaluated: [],
  previousRun: null,
  entered: [],
  left: [],
};
const school = { code: 'sch710001', name: 'Дубенская СОШ № 1', municipality: 'Дубенский район' };

const risk: MethodRunView = {
  ...base,
  method: 'risk',
  runId: 1,
  year: '2023/2024',
  citations: [...RISK_CITATIONS],
  labels: { 'vpr-math-4': 'ВПР по математике, 4 класс' },
  missing: [{ code: 'sch710001', year: null, items: ['2.2', '1.3.physics'] }],
  counts: { evaluated: 1, flagged: 1, incomplete: 0 },
  verdicts: [
    {
      ...school,
      status: 'flagged',
      flagged: true,
      criteria: ['material-base', 'staff', 'results'],
      undetermined: [],
      evidence: [
        { kind: 'answer', criterion: 'material-base', item: '1.1', value: false, source: 'questionnaire' },
        {
          kind: 'answer',
          criterion: 'staff',
          item: '2.1',
          value: 0.15,
          threshold: 0.1,
          comparison: '>',
          source: 'questionnaire',
        },
        {
          kind: 'answer',
          criterion: 'results',
          item: '4.1',
          value: 0.25,
          threshold: 0.2,
          comparison: '>=',
          source: 'results',
          year: '2023/2024',
          procedure: 'vpr-math-4',
          participants: 40,
          failed: 10,
        },
      ],
    },
  ],
};

const regional: MethodRunView = {
  ...base,
  method: 'regional',
  runId: 2,
  year: '2023/2024',
  previousYear: '2022/2023',
  citations: [],
  labels: { 'oge-math': 'ОГЭ по математике' },
  missing: [],
  missingYears: ['2021/2022'],
  counts: { evaluated: 1, flagged: 1, incomplete: 0 },
  verdicts: [
    {
      ...school,
      status: 'flagged',
      flagged: true,
      criteria: ['oge-math-failed-above-region', 'oge-math-mean-falling'],
      undetermined: [],
      evidence: [
        {
          kind: 'indicator',
          criterion: 'oge-math-failed-above-region',
          year: '2023/2024',
          procedure: 'oge-math',
          value: 0.12,
          comparison: '>',
          compareTo: 0.08,
          reference: 'region',
        },
        {
          kind: 'indicator',
          criterion: 'oge-math-mean-falling',
          year: '2023/2024',
          procedure: 'oge-math',
          value: 3.4,
          comparison: '<',
          compareTo: 3.6,
          reference: 'previous-year',
          referenceYear: '2022/2023',
        },
      ],
    },
  ],
};

const socialResult = identifySocial(
  [
    {
      schoolCode: 'sch710001',
      indicators: {
        lowIncomeFamilies: 0.5,
        singleParentFamilies: 0.6,
        familiesAtRisk: 0.1,
        parentsWithHigherEducation: 0.1,
        pupilsAtRisk: 0.2,
        supportSpecialist: false,
        extracurricular: 0.2,
        parentsAtMeetings: 0.3,
      },
    },
  ],
  defaultRules().social,
);
const social: MethodRunView = {
  ...base,
  method: 'social',
  runId: 3,
  year: null,
  citations: [...socialResult.rules],
  labels: {},
  missing: [],
  counts: { evaluated: 1, flagged: 1, incomplete: 0 },
  verdicts: socialResult.verdicts.map((verdict) => ({
    ...school,
    status: verdict.status,
    flagged: verdict.flagged,
    criteria: verdict.criteria,
    undetermined: [],
    evidence: verdict.evidence,
  })),
};

async function open(): Promise<ExcelJS.Workbook> {
  const bytes = await writeIdentificationReport({
    scope: { municipalityId: 1, name: 'Дубенский район', kind: 'municipality' },
    runs: [risk, regional, social],
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const cells = (sheet: ExcelJS.Worksheet, from: number) =>
  sheet
    .getRows(from, sheet.rowCount - from + 1)!
    .map((row) => [row.getCell(8).value, row.getCell(11).value, row.getCell(11).numFmt, row.getCell(12).value]);

describe('identification report .xlsx', () => {
  it('has a sheet per method, then the gaps and the rules', async () => {
    const workbook = await open();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Зона риска',
      'Региональные показатели',
      'ШНСУ',
      'Пропуски данных',
      'Правила',
    ]);
    expect(String(workbook.getWorksheet('Зона риска')!.getCell('A1').value)).toBe(
      'Школы в зоне риска снижения результатов — Дубенский район; данные 2023/2024; запуск 25.11.2026, 12:00; в перечне 1 из 1',
    );
  });

  it('each sheet: a bold filled header, frozen and filtered under the method title; flagged schools coloured', async () => {
    const workbook = await open();
    const sheet = workbook.getWorksheet('Зона риска')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.autoFilter).toBe('A2:L2');
    const header = sheet.getRow(2);
    expect(header.getCell(1).value).toBe('Код ОО');
    expect(header.font).toMatchObject({ bold: true });
    expect(header.height).toBe(30);
    for (let column = 1; column <= 12; column++)
      expect(header.getCell(column).fill).toMatchObject({ fgColor: { argb: 'FFDDEBF7' } });
    expect([sheet.getColumn(2).width, sheet.getColumn(5).width]).toEqual([40, 50]);
    // the verdict's colour on the status cell; long texts wrap
    expect(sheet.getRow(3).getCell(4).fill).toMatchObject({ fgColor: { argb: 'FFF8CBAD' } });
    expect(sheet.getRow(3).getCell(5).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    for (const name of ['Пропуски данных', 'Правила']) {
      const other = workbook.getWorksheet(name)!;
      expect(other.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(other.getRow(1).getCell(1).fill).toMatchObject({ fgColor: { argb: 'FFDDEBF7' } });
      expect(other.getRow(1).font).toMatchObject({ bold: true });
    }
  });

  it('questionnaire answers: «нет» as text, shares as percent cells, ВПР figures when from results', async () => {
    const sheet = (await open()).getWorksheet('Зона риска')!;
    expect(sheet.getRow(3).getCell(5).value).toBe(
      'материально-техническая база: есть отрицательный ответ; кадровые условия; образовательные результаты обучающихся',
    );
    expect(cells(sheet, 3)).toEqual([
      ['1.1. Устойчивый доступ в Интернет', 'нет', undefined, null],
      ['2.1. Доля учителей, имеющих нагрузку 36 часов и более от общего числа учителей', 0.15, '0.00%', 0.1],
      [
        '4.1. Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 4 класс (ВПР по математике, 4 класс)',
        0.25,
        '0.00%',
        0.2,
      ],
    ]);
    expect([sheet.getRow(5).getCell(9).value, sheet.getRow(5).getCell(10).value]).toEqual([40, 10]);
  });

  it('regional indicators: shares as percents, mean scores as numbers', async () => {
    const sheet = (await open()).getWorksheet('Региональные показатели')!;
    expect(cells(sheet, 3)).toEqual([
      ['ОГЭ по математике', 0.12, '0.00%', 0.08],
      ['ОГЭ по математике', 3.4, '0.00', 3.6],
    ]);
  });

  it('the social index: each indicator with its share and weight', async () => {
    const sheet = (await open()).getWorksheet('ШНСУ')!;
    expect(cells(sheet, 3)[0]).toEqual(['доля обучающихся из малоимущих семей', 0.5, '0.00%', '× 1']);
    expect(sheet.getRow(3).getCell(4).value).toBe('входит в перечень');
  });

  it('gaps name the items in words; rules quote the seed with its source and our note', async () => {
    const workbook = await open();
    const gaps: unknown[][] = [];
    workbook.getWorksheet('Пропуски данных')!.eachRow((row) => gaps.push((row.values as unknown[]).slice(1)));
    expect(gaps).toContainEqual([
      'Школы в зоне риска снижения результатов',
      'sch710001',
      'Дубенская СОШ № 1',
      '',
      '2.2. Доля учителей, не имеющих диплома о переподготовке по преподаваемому предмету; 1.3. Оснащенность учебных кабинетов лабораторным оборудованием: физика',
    ]);
    expect(gaps).toContainEqual([
      'Региональные показатели ШНОР',
      '',
      '',
      '2021/2022',
      'нет ни одного результата за год',
    ]);
    const rules: unknown[][] = [];
    workbook.getWorksheet('Правила')!.eachRow((row) => rules.push((row.values as unknown[]).slice(1)));
    expect(rules[1]).toEqual([
      'Школы в зоне риска снижения результатов',
      'материально-техническая база: есть отрицательный ответ',
      'В разделе «материально-техническая база» фиксируется хотя бы один отрицательный ответ.',
      expect.stringContaining(
        'Программа по повышению качества образования в школах г. Норильска на 2022-2024 год, §3.2',
      ),
      '',
    ]);
    expect(rules.at(-1)![4]).toContain('формулы индекса нет. Здесь — предложение проекта для комитета');
  });
});
