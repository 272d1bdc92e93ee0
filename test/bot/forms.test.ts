/**
 * The director's flow through the real grammY stack (issue #5): a complete run of «Контекстные
 * данные ОУ» with prefilled ВПР shares, invalid inputs, «Назад», editing from the review, skip
 * logic with a coordinator's own questionnaire, two responders of one school.
 */
import { renderAnswersExport } from '../../src/documents/answersExport.ts';
import ExcelJS from 'exceljs';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONNAIRE_TEMPLATE, SHEET_COLUMNS } from '../../src/domain/questionnaires/index.ts';
import { CLI_ACTOR } from '../../src/services/index.ts';
import type { BotApiCall } from '../support/botApiServer.ts';
import { sentTexts } from '../support/botDriver.ts';
import { callbackQuery, command, documentMessage, textMessage, user } from '../support/updates.ts';
import { buttonTexts, emptyKeyboardRows, lastKeyboard, launchFor, registerPerson } from '../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { workbook } from '../helpers/workbooks.ts';

const anna = user(3001, 'Анна'); // sch710001
const vera = user(3002, 'Вера'); // sch710002
const galina = user(3003, 'Галина'); // sch670001
const dmitry = user(3004, 'Дмитрий'); // sch670001, a deputy

let h: TestBot;
let contextCampaign: number;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, anna.id, 'director', { school: 'sch710001' }, 'Анна');
  await registerPerson(h.services, vera.id, 'director', { school: 'sch710002' }, 'Вера');
  await registerPerson(h.services, galina.id, 'director', { school: 'sch670001' }, 'Галина');
  await registerPerson(h.services, dmitry.id, 'director', { school: 'sch670001' }, 'Дмитрий');
  const school = await h.db.prisma.school.findUniqueOrThrow({ where: { code: 'sch710001' } });
  // ВПР 2025/2026 of sch710001: maths 4th grade 4 of 40 got «2», Russian 4th grade 5 of 20.
  await h.db.prisma.assessmentResult.createMany({
    data: [
      {
        schoolId: school.id,
        year: '2025/2026',
        kind: 'VPR',
        subject: 'Математика',
        grade: 4,
        participants: 40,
        failed: 4,
      },
      {
        schoolId: school.id,
        year: '2025/2026',
        kind: 'VPR',
        subject: 'Русский язык',
        grade: 4,
        participants: 20,
        failed: 5,
      },
    ],
  });
  contextCampaign = (await launchFor(h.services, 'context-data', { schools: 'all' })).campaignId;
});
afterAll(async () => h?.close());

const answersOf = async (code: string, campaignId = contextCampaign) => {
  const school = await h.db.prisma.school.findUniqueOrThrow({ where: { code } });
  const rows = await h.db.prisma.answer.findMany({ where: { campaignId, schoolId: school.id } });
  return Object.fromEntries(rows.map((row) => [row.itemNumber, row.value]));
};
const lastText = (calls: readonly BotApiCall[]) =>
  sentTexts(calls)
    .filter((text) => !text.startsWith('✓') || text.includes('\n'))
    .at(-1) ?? '';

describe('a director fills «Контекстные данные ОУ» in chat', () => {
  it('with buttons and numbers only: prefilled ВПР shares are confirmed, the review submits, the export shows the source numbering', async () => {
    const typed: string[] = [];
    let calls = await h.driver.send(command(anna, '/forms'));
    let question = lastKeyboard(calls);
    expect(question.text).toContain('Анкета «Контекстные данные ОУ», срок — до 02.12.2026. Вопросов: 18.');
    expect(question.text).toContain('Раздел 1 из 4 · вопрос 1 из 18');
    expect(question.text).toContain('1.1. Устойчивый доступ в Интернет');
    expect(buttonTexts(question)).toEqual(['Да', 'Нет']);

    // Section 1: seven yes/no items, 1.3 split into five subjects.
    for (let i = 0; i < 7; i++) {
      calls = await h.driver.click(anna, question, i === 1 ? 'Нет' : 'Да');
      question = lastKeyboard(calls);
    }
    expect(question.text).toContain('✓ 1.3 технология: да');
    expect(question.text).toContain('Раздел 2 из 4 · вопрос 8 из 18');

    const type = async (text: string) => {
      typed.push(text);
      calls = await h.driver.send(textMessage(anna, text));
      question = lastKeyboard(calls);
    };
    for (const text of ['12,5', '3.5', '4 %', '0%', '2,1', '7']) await type(text);
    // 4.1 comes with the value from the imported ВПР results
    expect(question.text).toContain(
      '4.1. Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 4 класс',
    );
    expect(question.text).toContain(
      'По загруженным результатам ВПР (2025/2026): 10 % — 4 из 40 участников получили «2».',
    );
    calls = await h.driver.click(anna, question, 'Подтвердить');
    question = lastKeyboard(calls);
    expect(question.text).toContain('✓ 4.1: 10 %');
    expect(question.text).not.toContain('По загруженным результатам'); // 4.2: no results for the 8th grade
    await type('15');
    expect(question.text).toContain('25 % — 5 из 20');
    calls = await h.driver.click(anna, question, 'Подтвердить');
    question = lastKeyboard(calls);
    await type('12.5');
    await type('1,5 %');

    expect(question.text).toContain('Проверьте ответы перед отправкой');
    expect(question.text).toContain('1. Материально-техническая база учреждения — 7 из 7');
    expect(question.text).toContain('Все ответы на месте');
    expect(emptyKeyboardRows(calls)).toEqual([]);
    calls = await h.driver.click(anna, question, 'Отправить');
    expect(sentTexts(calls)).toContain('Анкета «Контекстные данные ОУ» отправлена. Спасибо!');
    // the keyboards sent around «Отправить» have no empty row (a gap under the buttons)
    expect(emptyKeyboardRows(calls)).toEqual([]);
    expect(typed.every((text) => /^[\d.,\s%]+$/.test(text))).toBe(true);

    expect(await answersOf('sch710001')).toEqual({
      '1.1': true,
      '1.2': false,
      '1.3/physics': true,
      '1.3/chemistry': true,
      '1.3/biology': true,
      '1.3/geography': true,
      '1.3/technology': true,
      '2.1': 12.5,
      '2.2': 3.5,
      '3.1': 4,
      '3.2': 0,
      '3.3': 2.1,
      '3.4': 7,
      '4.1': 10,
      '4.2': 15,
      '4.3': 25,
      '4.4': 12.5,
      '4.5': 1.5,
    });

    const exported = await renderAnswersExport(await h.services.campaigns.answers(CLI_ACTOR, contextCampaign));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual([
      'Код ОО',
      'Школа',
      'Статус анкеты',
      'Отправлена',
      '1.1 Устойчивый доступ в Интернет',
      '1.2 Обеспеченность компьютерной техникой',
    ]);
    expect(header).toContain('1.3 Оснащенность учебных кабинетов лабораторным оборудованием — физика');
    expect(header.at(-1)).toBe('4.5 Доля неуспевающих из общего числа обучающихся');
    const row = (sheet.getRow(3).values as unknown[]).slice(1); // schools by code: sch670001, sch710001, sch710002
    expect(row.slice(0, 3)).toEqual(['sch710001', 'Дубенская СОШ № 1', 'отправлена']);
    expect(row.slice(4)).toEqual([
      'да',
      'нет',
      'да',
      'да',
      'да',
      'да',
      'да',
      12.5,
      3.5,
      4,
      0,
      2.1,
      7,
      10,
      15,
      25,
      12.5,
      1.5,
    ]);
  });

  it('a submitted form is read-only: old buttons say so, /forms shows the answers', async () => {
    const oldQuestion = h.tg.messagesIn(anna.id).find((message) => message.text?.includes('1.1. Устойчивый доступ'))!;
    const calls = await h.driver.send(callbackQuery(anna, `f:${contextCampaign}:0:n`, { message: oldQuestion }));
    expect(sentTexts(calls).join('\n')).toContain('Анкета «Контекстные данные ОУ» уже отправлена');
    expect((await answersOf('sch710001'))['1.1']).toBe(true);
    const list = await h.driver.send(command(anna, '/forms'));
    const menu = lastKeyboard(list);
    expect(menu.text).toContain('«Контекстные данные ОУ» — срок до 02.12.2026; отвечено 18 из 18, отправлена');
    const view = await h.driver.click(anna, menu, /^Посмотреть/);
    expect(sentTexts(view).join('\n')).toContain(
      '4.1. Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 4 класс — 10 %',
    );
  });
});

describe('invalid input, «Назад» and editing from the review', () => {
  let question: Message;
  let calls: BotApiCall[];

  it('asks again with the reason; numbers are accepted as «12,5», «12.5», «12 %», «12.» (domain/numberText.ts)', async () => {
    calls = await h.driver.send(command(vera, '/forms'));
    question = lastKeyboard(calls);
    calls = await h.driver.send(textMessage(vera, 'может быть'));
    expect(lastText(calls)).toMatch(
      /^⚠️ «может быть» — не ответ «да» или «нет». Нажмите кнопку «Да» или «Нет»\.\n\nРаздел 1 из 4 · вопрос 1 из 18/,
    );
    calls = await h.driver.send(textMessage(vera, 'да'));
    question = lastKeyboard(calls);
    for (let i = 0; i < 6; i++) question = lastKeyboard(await h.driver.click(vera, question, 'Да'));
    expect(question.text).toContain('2.1. Доля учителей');
    // one input hint under a number question, not the questionnaire's own «Введите долю…» as well (QA)
    expect(question.text).toContain('Введите число от 0 до 100, например 12,5.');
    expect(question.text?.match(/например/g)).toHaveLength(1);
    for (const [input, reason] of [
      ['много', 'Введите число от 0 до 100, например 12,5.'],
      ['150', '150 — вне допустимого: введите число от 0 до 100, например 12,5.'],
      ['-5', '-5 — вне допустимого: введите число от 0 до 100, например 12,5.'],
    ] as const) {
      calls = await h.driver.send(textMessage(vera, input));
      expect(lastText(calls)).toContain(`⚠️ ${reason}`);
      expect(lastText(calls)).toContain('вопрос 8 из 18');
    }
    for (const input of ['12,5', '12.5', '12\u00a0%', '12.']) {
      calls = await h.driver.send(textMessage(vera, input));
      question = lastKeyboard(calls);
      expect(question.text).toMatch(/^✓ \d\.\d: 12,5 %|^✓ \d\.\d: 12 %/);
    }
    expect(await answersOf('sch710002')).toMatchObject({ '2.1': 12.5, '2.2': 12.5, '3.1': 12, '3.2': 12 });
  });

  it('«Назад» goes to the previous item with its answer; a new answer replaces it, then the flow goes on', async () => {
    expect(question.text).toContain('3.3. Доля детей инофонов');
    calls = await h.driver.click(vera, question, 'Назад');
    question = lastKeyboard(calls);
    expect(question.text).toContain('3.2. Доля детей с ОВЗ');
    expect(question.text).toContain('Сейчас в анкете: 12 %');
    expect(buttonTexts(question)).toEqual(['Назад', 'Оставить']);
    question = lastKeyboard(await h.driver.click(vera, question, 'Назад'));
    expect(question.text).toContain('3.1. Доля детей, состоящих на различных видах учета');
    question = lastKeyboard(await h.driver.send(textMessage(vera, '9')));
    // revisiting: the next item (3.2, answered) comes with «Оставить»
    expect(question.text).toContain('✓ 3.1: 9 %');
    expect(question.text).toContain('3.2. Доля детей с ОВЗ');
    question = lastKeyboard(await h.driver.click(vera, question, 'Оставить'));
    expect(question.text).toContain('3.3. Доля детей инофонов');
    expect(question.text).not.toContain('Сейчас в анкете');
    expect(await answersOf('sch710002')).toMatchObject({ '3.1': 9, '3.2': 12 });
  });

  it('edits an answer from the review, then submits', async () => {
    for (const input of ['1', '2', '3', '4', '5', '6', '7'])
      question = lastKeyboard(await h.driver.send(textMessage(vera, input)));
    expect(question.text).toContain('Проверьте ответы перед отправкой');
    calls = await h.driver.click(vera, question, /^2\. Кадровые условия/);
    const section = lastKeyboard(calls);
    expect(section.message_id).toBe(question.message_id); // the review message is edited in place
    expect(section.text).toContain('Раздел 2. Кадровые условия');
    expect(section.text).toContain(
      '2.1. Доля учителей, имеющих нагрузку 36 часов и более от общего числа учителей — 12,5 %',
    );
    expect(buttonTexts(section)).toEqual(['✎ 2.1', '✎ 2.2', '← К разделам']);
    question = lastKeyboard(await h.driver.click(vera, section, '✎ 2.1'));
    expect(question.text).toContain('Сейчас в анкете: 12,5 %');
    question = lastKeyboard(await h.driver.send(textMessage(vera, '30')));
    expect(question.text).toContain('✓ 2.1: 30 %');
    expect(question.text).toContain('Проверьте ответы перед отправкой');
    calls = await h.driver.click(vera, question, 'Отправить');
    expect(sentTexts(calls)).toContain('Анкета «Контекстные данные ОУ» отправлена. Спасибо!');
    expect((await answersOf('sch710002'))['2.1']).toBe(30);
  });
});

describe('two responders of one school', () => {
  it('do not overwrite different items; on the same item the later one sees the change, the last write wins and the audit keeps both', async () => {
    let g = lastKeyboard(await h.driver.send(command(galina, '/forms')));
    let d = lastKeyboard(await h.driver.send(command(dmitry, '/forms')));
    expect(g.text).toContain('1.1. Устойчивый доступ');
    expect(d.text).toContain('1.1. Устойчивый доступ');

    g = lastKeyboard(await h.driver.click(galina, g, 'Да'));
    expect(g.text).toContain('1.2. Обеспеченность');
    // Dmitry still looks at 1.1 without an answer: he is shown Galina's answer before anything is overwritten.
    let calls = await h.driver.click(dmitry, d, 'Нет');
    d = lastKeyboard(calls);
    expect(d.text).toContain('⚠️ Пока вы отвечали, ответ на вопрос 1.1 изменился (его дал коллега): сейчас «да».');
    expect(d.text).toContain('1.1. Устойчивый доступ');
    expect((await answersOf('sch670001'))['1.1']).toBe(true);
    calls = await h.driver.click(dmitry, d, 'Нет');
    d = lastKeyboard(calls);
    expect((await answersOf('sch670001'))['1.1']).toBe(false);

    // Different items at once: Galina answers 1.2 while Dmitry goes back and changes 1.1 again.
    g = lastKeyboard(await h.driver.click(galina, g, 'Нет'));
    d = lastKeyboard(await h.driver.click(dmitry, lastKeyboard(await h.driver.click(dmitry, d, 'Назад')), 'Да'));
    expect(await answersOf('sch670001')).toEqual({ '1.1': true, '1.2': false });

    const school = await h.db.prisma.school.findUniqueOrThrow({ where: { code: 'sch670001' } });
    const people = await h.db.prisma.user.findMany({ where: { schoolId: school.id }, orderBy: { telegramId: 'asc' } });
    const trail = await h.db.prisma.auditLog.findMany({
      where: { entityId: `${contextCampaign}:${school.id}:1.1` },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((entry) => [entry.actorId, entry.before, entry.after])).toEqual([
      [people[0]!.id, null, true],
      [people[1]!.id, true, false],
      [people[1]!.id, false, true],
    ]);
  });
});

describe("a coordinator's own questionnaire", () => {
  let campaignId: number;
  beforeAll(async () => {
    const bytes = await workbook({
      Анкета: [SHEET_COLUMNS, ...QUESTIONNAIRE_TEMPLATE.exampleRows.map((row) => [...row])],
    });
    const imported = await h.services.questionnaires.importQuestionnaire(
      CLI_ACTOR,
      bytes,
      'Профилактика неуспешности.xlsx',
    );
    if (!imported.ok) throw new Error('not imported');
    campaignId = (await launchFor(h.services, imported.key, { schools: ['sch710002'] })).campaignId;
  });

  it('skips items whose condition is not met, offers «Пропустить» only for optional items, fills lists and takes files', async () => {
    let calls = await h.driver.send(command(vera, '/forms'));
    const menu = lastKeyboard(calls);
    expect(buttonTexts(menu)).toEqual(['Посмотреть: Контекстные данные ОУ', 'Начать: Профилактика неуспешности']);
    let question = lastKeyboard(await h.driver.click(vera, menu, /^Начать/));
    expect(question.text).toContain('1. В ОУ сформирована внутришкольная система профилактики учебной неуспешности');
    expect(buttonTexts(question)).toEqual(['Да', 'Нет']); // required: no «Пропустить»

    question = lastKeyboard(await h.driver.click(vera, question, 'Нет'));
    // 1.1 (requisites of the regulation) is asked only when 1 = да
    expect(question.text).toContain('вопрос 2 из 7');
    expect(question.text).toContain('2. Доля слабоуспевающих');
    question = lastKeyboard(await h.driver.send(textMessage(vera, '50')));
    question = lastKeyboard(await h.driver.send(textMessage(vera, '0')));
    // 3.1 is asked only when 3 > 0
    expect(question.text).toContain('4. Какие меры применяются в ОУ');
    calls = await h.driver.click(vera, question, /Ученическое наставничество/);
    question = lastKeyboard(calls);
    expect(buttonTexts(question)).toContain('☑ Ученическое наставничество');
    question = lastKeyboard(await h.driver.click(vera, question, /Дополнительные занятия/));
    question = lastKeyboard(await h.driver.click(vera, question, 'Готово'));
    expect(question.text).toContain('✓ 4: Ученическое наставничество, Дополнительные занятия');
    expect(question.text).toContain('5. Дата родительского собрания');
    expect(buttonTexts(question)).toEqual(['Назад', 'Пропустить']);
    question = lastKeyboard(await h.driver.click(vera, question, 'Пропустить'));

    expect(question.text).toContain('6. Участие в олимпиадах');
    expect(question.text).toContain('Записей пока нет.');
    question = lastKeyboard(await h.driver.click(vera, question, 'Добавить запись'));
    expect(question.text).toContain('Запись 1: Олимпиада');
    question = lastKeyboard(await h.driver.send(textMessage(vera, 'Всероссийская олимпиада школьников')));
    expect(question.text).toContain('Запись 1: Уровень');
    question = lastKeyboard(await h.driver.click(vera, question, 'региональный'));
    question = lastKeyboard(await h.driver.send(textMessage(vera, 'три')));
    expect(question.text).toContain('⚠️ Введите целое число цифрами, например 12.');
    question = lastKeyboard(await h.driver.send(textMessage(vera, '3')));
    expect(question.text).toContain('✓ Запись 1 добавлена.');
    expect(question.text).toContain(
      '1) Олимпиада: Всероссийская олимпиада школьников; Уровень: региональный; Участников: 3',
    );
    question = lastKeyboard(await h.driver.click(vera, question, 'Завершить список'));

    expect(question.text).toContain('7. План работы со слабоуспевающими обучающимися');
    const plan = h.tg.registerFile(new Uint8Array([37, 80, 68, 70]), { fileName: 'план.pdf' });
    question = lastKeyboard(await h.driver.send(documentMessage(vera, plan)));
    expect(question.text).toContain('✓ 7: файл «план.pdf»');
    expect(question.text).toContain('Проверьте ответы перед отправкой');

    const answers = await answersOf('sch710002', campaignId);
    expect(answers).toEqual({
      '1': false,
      '2': 50,
      '3': 0,
      '4': ['2', '3'],
      '5': null,
      '6': [{ f1: 'Всероссийская олимпиада школьников', f2: '3', f3: 3 }],
      '7': { fileId: plan.file_id, kind: 'document', name: 'план.pdf', mimeType: 'application/pdf' },
    });
  });
});
