/**
 * Issue 10 «Campaigns and forms», the director's side: typed «назад» / «пропустить», ticks kept
 * when the last option is typed, stickers answered with the question again, /pause removes buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { sentTexts } from '../../support/botDriver.ts';
import { command, documentMessage, textMessage, user } from '../../support/updates.ts';
import { buttonTexts, formCalls, lastKeyboard, launchFor, registerPerson } from '../../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';
import { workbook } from '../../helpers/workbooks.ts';
import { CLI_ACTOR } from '../../../src/services/index.ts';

const vera = user(3001, 'Вера');

let h: TestBot;
let campaignId = 0;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, vera.id, 'director', { school: 'sch710001' }, 'Вера');
  const sheet = await workbook({
    Анкета: [
      ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
      ['1. Кружки', '1.1', 'Какие кружки работают?', 'несколько из', 'да', 'Шахматы; Робототехника; Театр', '', ''],
      ['', '1.2', 'Что ещё хотите добавить?', 'текст', 'нет', '', '', ''],
      ['', '1.3', 'Есть ли спортзал?', 'да/нет', 'да', '', '', ''],
    ],
  });
  const imported = await h.services.questionnaires.importQuestionnaire(CLI_ACTOR, sheet, 'Кружки.xlsx');
  if (!imported.ok) throw new Error('questionnaire not imported');
  campaignId = (await launchFor(h.services, imported.key, { schools: ['sch710001'] })).campaignId;
});
afterAll(async () => h?.close());

/** The form's own message: the outbox may deliver a campaign invitation («Заполнить») meanwhile. */
const formKeyboard = (calls: Parameters<typeof lastKeyboard>[0]) => lastKeyboard(formCalls(calls));

const stored = async () => {
  const rows = await h.db.prisma.answer.findMany({ where: { campaignId } });
  return Object.fromEntries(rows.map((row) => [row.itemNumber, row.value]));
};

function sticker(from: typeof vera): Update {
  const base = textMessage(from, 'x');
  const message = { ...base.message! } as Record<string, unknown>;
  delete message.text;
  message.sticker = {
    file_id: 'sticker-1',
    file_unique_id: 'u1',
    type: 'regular',
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
  };
  return { update_id: base.update_id, message } as unknown as Update;
}

describe("the director's form", () => {
  it('ticks made with buttons are kept when the last option is typed', async () => {
    let question = formKeyboard(await h.driver.send(command(vera, '/forms')));
    expect(question.text).toContain('Какие кружки работают?');
    question = formKeyboard(await h.driver.click(vera, question, /Шахматы/));
    const calls = await h.driver.send(textMessage(vera, 'Театр'));
    expect(formKeyboard(calls).text).toContain('Что ещё хотите добавить?');
    const answers = await stored();
    // option ids: Шахматы = 1, Театр = 3
    expect(answers['1.1']).toEqual(['1', '3']);
  });

  it('a sticker gets a hint and the question again; typed «пропустить» and «назад» work', async () => {
    let calls = await h.driver.send(sticker(vera));
    const texts = sentTexts(calls).join('\n');
    expect(texts).toContain('Что ещё хотите добавить?');
    expect(texts).not.toContain('Не понял сообщение');

    calls = await h.driver.send(textMessage(vera, 'Пропустить'));
    expect(formKeyboard(calls).text).toContain('Есть ли спортзал?');
    expect((await stored())['1.2'] ?? null).toBeNull(); // skipped, not the text «Пропустить»
    calls = await h.driver.send(textMessage(vera, 'назад'));
    expect(formKeyboard(calls).text).toContain('Что ещё хотите добавить?');
  });

  it('/pause removes the live buttons of the question', async () => {
    const question = formKeyboard(await h.driver.send(command(vera, '/forms')));
    expect(buttonTexts(question).length).toBeGreaterThan(0);
    const calls = await h.driver.send(command(vera, '/pause'));
    const cleared = calls.filter(
      (call) =>
        call.method === 'editMessageReplyMarkup' &&
        call.payload.message_id === question.message_id &&
        !(call.payload.reply_markup?.inline_keyboard?.length > 0),
    );
    expect(cleared).toHaveLength(1);
  });
});

describe('a command in the middle of a form', () => {
  it('/help is answered and the next typed answer still goes to the form; another command says the form is paused', async () => {
    let question = formKeyboard(await h.driver.send(command(vera, '/forms')));
    expect(question.text).toContain('Есть ли спортзал?');
    let calls = await h.driver.send(command(vera, '/help'));
    expect(sentTexts(calls).join('\n')).toContain('/forms');
    calls = await h.driver.send(textMessage(vera, 'да'));
    expect(sentTexts(calls).join('\n')).not.toContain('Не понял сообщение');
    expect((await stored())['1.3']).toBe(true);

    question = formKeyboard(calls);
    calls = await h.driver.send(command(vera, '/invite'));
    expect(sentTexts(calls).join('\n')).toContain('Анкета на паузе');
    await h.driver.send(command(vera, '/cancel'));
  });
});

describe('a submitted form', () => {
  it('the director gets a copy as a file with every question and answer', async () => {
    const review = formKeyboard(await h.driver.send(command(vera, '/forms')));
    expect(sentTexts(await h.driver.click(vera, review, /Отправить/)).join('\n')).toContain('отправлена');
    const list = lastKeyboard(await h.driver.send(command(vera, '/forms')));
    const calls = await h.driver.click(vera, list, /Кружки/);
    const copy = calls.find((call) => call.method === 'sendDocument');
    expect(copy).toBeDefined();
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(copy!.files![0]!.bytes as unknown as ArrayBuffer);
    const cells = book.worksheets[0]!.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : []));
    expect(cells.some((cell) => cell.includes('Есть ли спортзал?'))).toBe(true);
    expect(cells.map((cell) => cell.toLowerCase())).toContain('да');
    expect(cells.join('|')).toContain('Шахматы');
  });
});

describe("the schools' attached files", () => {
  it('the coordinator gets them from the campaign page («Файлы школ»)', async () => {
    const boris = user(2001, 'Борис');
    await registerPerson(h.services, boris.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
    const sheet = await workbook({
      Анкета: [
        ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
        ['1. План', '1', 'План работы', 'файл', 'да', '', '', ''],
      ],
    });
    const imported = await h.services.questionnaires.importQuestionnaire(CLI_ACTOR, sheet, 'План.xlsx');
    if (!imported.ok) throw new Error('not imported');
    const planCampaign = (await launchFor(h.services, imported.key, { schools: ['sch710001'] })).campaignId;
    const list = lastKeyboard(await h.driver.send(command(vera, '/forms')));
    await h.driver.click(vera, list, /План/);
    const pdf = h.tg.registerFile(new Uint8Array([37, 80, 68, 70]), { fileName: 'план.pdf' });
    await h.driver.send(
      documentMessage(vera, {
        file_id: pdf.file_id,
        file_name: 'план.pdf',
        file_size: 4,
        mime_type: 'application/pdf',
      }),
    );
    let calls = await h.driver.send(command(boris, '/campaigns', String(planCampaign)));
    // only Борис's chat: notifications to others may go out meanwhile
    calls = await h.driver.click(
      boris,
      lastKeyboard(calls.filter((call) => call.payload.chat_id === boris.id)),
      'Файлы школ',
    );
    const sent = calls.filter((call) => call.method === 'sendDocument');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.document).toBe(pdf.file_id);
    expect(String(sent[0]!.payload.caption)).toContain('sch710001');
  });
});
