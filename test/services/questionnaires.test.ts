import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../src/domain/access/policy.ts';
import { QUESTIONNAIRE_TEMPLATE, SHEET_COLUMNS } from '../../src/domain/questionnaires/index.ts';
import { renderIssue } from '../../src/text/sheetIssues.ts';
import { detectUploadKind } from '../../src/files/xlsx/read/uploadKind.ts';
import { QUESTIONNAIRE_SPEC } from '../../src/files/xlsx/read/questionnaireSheet.ts';
import { RESULTS_SPEC } from '../../src/files/xlsx/read/resultsSheet.ts';
import { SCHOOLS_SPEC } from '../../src/files/xlsx/read/schoolsSheet.ts';
import { writeQuestionnaireTemplate } from '../../src/files/xlsx/write/questionnaireTemplate.ts';
import { CLI_ACTOR, type Services } from '../../src/services/index.ts';
import { questionnaireKeyFor } from '../../src/services/questionnaires.ts';
import { openTestDatabase, testServices, type TestDatabase } from '../helpers/testDatabase.ts';
import { workbook } from '../helpers/workbooks.ts';

const director = {
  userId: 77,
  role: 'director' as const,
  scope: { kind: 'school' as const, regionId: 1, municipalityId: 1, schoolId: 1 },
};

let db: TestDatabase;
let services: Services;
beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db);
});
afterAll(async () => db?.close());

const example = QUESTIONNAIRE_TEMPLATE.exampleRows.map((row) => [...row]);

describe('questionnaire definitions', () => {
  it('registers the built-ins once and lists the latest version of each, built-ins first', async () => {
    const first = await services.questionnaires.list(CLI_ACTOR);
    expect(first.map((q) => q.key).slice(0, 3)).toEqual(['context-data', 'final-monitoring', 'failure-prevention']);
    expect(first[0]).toMatchObject({
      title: 'Контекстные данные ОУ',
      version: 1,
      builtin: true,
      items: 18,
      sections: 4,
    });
    await services.questionnaires.list(CLI_ACTOR);
    expect(await db.prisma.questionnaireVersion.count({ where: { key: 'context-data' } })).toBe(1);
  });

  it('imports a sheet as the next version of the questionnaire named like the file; the same sheet again changes nothing', async () => {
    const bytes = await workbook({ Анкета: [SHEET_COLUMNS, ...example] });
    const first = await services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, 'Профилактика неуспешности.xlsx');
    expect(first).toMatchObject({
      ok: true,
      title: 'Профилактика неуспешности',
      version: 1,
      items: 9,
      sections: 2,
      unchanged: false,
      sheetName: 'Анкета',
    });
    const again = await services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, 'Профилактика неуспешности.xlsx');
    expect(again).toMatchObject({ ok: true, version: 1, unchanged: true });

    const changed = await workbook({
      Анкета: [SHEET_COLUMNS, ...example, ['', '8', 'Число педагогов-наставников', 'целое', 'нет', '', '', '']],
    });
    const second = await services.questionnaires.importQuestionnaire(
      CLI_ACTOR,
      changed,
      'Профилактика неуспешности.xlsx',
    );
    expect(second).toMatchObject({ ok: true, version: 2, items: 10, unchanged: false });
    const listed = (await services.questionnaires.list(CLI_ACTOR)).find((q) => q.title === 'Профилактика неуспешности');
    expect(listed).toMatchObject({ version: 2, builtin: false, key: questionnaireKeyFor('Профилактика неуспешности') });
    expect(await db.prisma.auditLog.count({ where: { action: 'questionnaire.import' } })).toBe(2);
  });

  it('reports each broken row at its row and column, and stores nothing', async () => {
    const bytes = await workbook({
      Анкета: [
        SHEET_COLUMNS,
        ['Общие сведения', '1', 'Есть ли в ОУ программа профилактики', 'да/нет', 'да', '', '', ''],
        ['', '2', 'Сколько учителей прошли курсы', 'количество штук', 'да', '', '', ''],
        ['', '3', 'Какие меры применяются', 'один из', 'да', '', '', ''],
        ['', '4', 'Доля обучающихся с ИОМ', 'процент', 'да', '', '9 > 10', ''],
        ['', '5', 'Дата педсовета', 'дата', 'нет', '', '', ''],
      ],
    });
    const before = await db.prisma.questionnaireVersion.count();
    const result = await services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, 'Анкета с ошибками.xlsx');
    expect(result.ok).toBe(false);
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    expect(errors.map(renderIssue)).toEqual([
      'строка 3, столбец D «Тип»: Тип «количество штук» не распознан. Допустимые типы: да/нет, целое, число, процент, текст, дата, один из, несколько из, реквизиты, файл, список.',
      'строка 4, столбец F «Варианты»: Для вопроса с выбором нужны варианты ответа. Перечислите их через точку с запятой.',
      'строка 5, столбец G «Условие»: Условие ссылается на вопрос 9, которого нет в таблице.',
    ]);
    expect(await db.prisma.questionnaireVersion.count()).toBe(before);
  });

  it('a dry run checks without writing', async () => {
    const bytes = await workbook({ Лист1: [SHEET_COLUMNS, ...example] });
    const result = await services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, 'x.xlsx', {
      dryRun: true,
      title: 'Пробная анкета',
    });
    expect(result).toMatchObject({ ok: true, dryRun: true, versionId: null, version: 1 });
    expect(await db.prisma.questionnaireVersion.count({ where: { key: questionnaireKeyFor('Пробная анкета') } })).toBe(
      0,
    );
  });

  it('a «№» that Excel turned into a date is reported once, at its cell', async () => {
    const bytes = await workbook({
      Анкета: [SHEET_COLUMNS, ['Раздел', new Date(Date.UTC(2024, 9, 1)), 'Вопрос', 'да/нет', 'да', '', '', '']],
    });
    const result = await services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, 'даты.xlsx');
    expect(result.ok).toBe(false);
    expect(result.issues.filter((issue) => issue.severity === 'error').map(renderIssue)).toEqual([
      expect.stringMatching(/^строка 2, столбец B «№»: в ячейке дата 01\.10\.2024, а нужен текст/),
    ]);
  });

  it('is refused to directors', async () => {
    const bytes = await workbook({ Анкета: [SHEET_COLUMNS, ...example] });
    await expect(services.questionnaires.importQuestionnaire(director, bytes, 'x.xlsx')).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
    await expect(services.questionnaires.list(director)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('the template round-trips: written, read back, it is the example questionnaire', async () => {
    const template = new Uint8Array(await writeQuestionnaireTemplate());
    expect(
      detectUploadKind(template, { schools: SCHOOLS_SPEC, results: RESULTS_SPEC, questionnaire: QUESTIONNAIRE_SPEC }),
    ).toMatchObject({ ok: true, kind: 'questionnaire', sheetName: 'Анкета' });
    const result = await services.questionnaires.importQuestionnaire(CLI_ACTOR, template, 'questionnaire.xlsx', {
      dryRun: true,
    });
    expect(result).toMatchObject({ ok: true, items: 9 });
  });
});

describe('questionnaire keys', () => {
  it('are latin slugs of the title', () => {
    expect(questionnaireKeyFor('Профилактика учебной неуспешности (2 полугодие)')).toBe(
      'own-profilaktika-uchebnoi-neuspeshnosti-2-polugodie',
    );
    expect(questionnaireKeyFor('!!!')).toBe('own-questionnaire');
  });
});
