/**
 * A coordinator's campaign through the real grammY stack (issue #5): /launch by buttons and
 * typed answers, invitations with the start button, completion («who is late»), export .xlsx,
 * reopening a school's form, extending the deadline, closing.
 */
import ExcelJS from 'exceljs';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotApiCall } from '../support/botApiServer.ts';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { callbackQuery, command, textMessage, user } from '../support/updates.ts';
import { buttonTexts, emptyKeyboardRows, lastKeyboard, registerPerson } from '../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { actorOf } from '../../src/services/index.ts';

const boris = user(2001, 'Борис'); // coordinator, Дубенский район
const elena = user(2002, 'Елена'); // coordinator, Ельнинский район
const vera = user(3001, 'Вера'); // director, sch710001 (sch710002 has nobody yet)

let h: TestBot;
let campaignId = 0;
let invitation: Message;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerPerson(h.services, boris.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
  await registerPerson(h.services, elena.id, 'coordinator', { municipality: 'Ельнинский район' }, 'Елена');
  await registerPerson(h.services, vera.id, 'director', { school: 'sch710001' }, 'Вера');
});
afterAll(async () => h?.close());

const toChat = (calls: readonly BotApiCall[], chatId: number) =>
  calls.filter((call) => call.payload.chat_id === chatId);
const veraActor = async () => actorOf((await h.services.people.find({ id: vera.id, first_name: 'Вера' }))!);

describe('a coordinator runs a campaign', () => {
  it('launches it: questionnaire, chosen schools, deadline and reminders; each bad answer is asked again', async () => {
    let calls = await h.driver.send(command(boris, '/launch'));
    let menu = lastKeyboard(calls);
    expect(menu.text).toBe('Какую анкету запустить?');
    expect(buttonTexts(menu)[0]).toBe('Контекстные данные ОУ — 18 вопр.');
    calls = await h.driver.click(boris, menu, /^Контекстные данные ОУ/);
    menu = lastKeyboard(calls);
    expect(buttonTexts(menu)).toEqual(['Все школы (2)', 'Выбрать школы', 'Отмена']);
    calls = await h.driver.click(boris, menu, 'Выбрать школы');
    calls = await h.driver.send(textMessage(boris, 'sch710001 sch670001'));
    expect(sentTexts(calls)).toEqual([expect.stringContaining('Школы с кодом sch670001 нет в вашей зоне')]);
    await h.driver.send(textMessage(boris, 'SCH710001, sch710002'));
    calls = await h.driver.send(textMessage(boris, '31.02.2026'));
    expect(sentTexts(calls)).toEqual(['«31.02.2026» — не дата. Напишите срок в виде ДД.ММ.ГГГГ, например 01.12.2026.']);
    calls = await h.driver.send(textMessage(boris, '01.11.2026'));
    expect(sentTexts(calls)).toEqual(['Срок 01.11.2026 уже прошёл. Укажите дату не раньше сегодняшней.']);
    calls = await h.driver.send(textMessage(boris, '10.12.2026'));
    expect(sentTexts(calls)[0]).toContain('Напоминания школам, не отправившим анкету');
    calls = await h.driver.send(textMessage(boris, '5, 2, -2'));
    const confirm = lastKeyboard(calls);
    expect(confirm.text).toBe(
      'Запустить мониторинг?\nАнкета: Контекстные данные ОУ\nШкол: 2\nСрок: до 10.12.2026\nНапоминания: за 5 дней до срока, за 2 дня до срока, через 2 дня после срока' +
        // issue 10: a school with nobody to answer is warned about before the launch
        '\n\n⚠ Некому отвечать в 1 школе: sch710002 Воскресенская СОШ. Пригласите представителей этих школ — /invite.',
    );
    calls = await h.driver.click(boris, confirm, 'Запустить');
    const [report, summary] = sentTexts(toChat(calls, boris.id)).slice(-2) as [string, string];
    expect(report).toMatch(
      /^Мониторинг № \d+ «Контекстные данные ОУ» запущен: школ — 2, срок — до 10\.12\.2026\. Приглашения отправляются 1 представителю — итог с числами придёт, когда рассылка закончится\./,
    );
    expect(report).toContain('Школы без зарегистрированных представителей (1): sch710002 Воскресенская СОШ');
    // The outbox delivered the invitation; then the summary with the counts came.
    expect(summary).toMatch(
      /^Рассылка приглашений мониторинга № \d+ «Контекстные данные ОУ» закончена: доставлено 1 из 1\./,
    );
    // the schools without a representative are listed once, in the launch message; the summary counts them
    expect(summary).toContain(
      'Без зарегистрированных представителей, приглашения не отправлялись: 1 школа (список — в сообщении о запуске).',
    );
    expect(summary).not.toContain('Воскресенская');
    campaignId = Number(/№ (\d+)/.exec(report)![1]); // the first campaign: number and id are both 1
    invitation = sentMessages(toChat(calls, vera.id))[0]!;
    expect(invitation.text).toContain(
      'Координатор запустил мониторинг «Контекстные данные ОУ» для вашей школы (Дубенская СОШ № 1). Срок — до 10.12.2026.',
    );
    expect(buttonTexts(invitation)).toEqual(['Заполнить']);
    const campaign = await h.db.prisma.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      include: { schools: true },
    });
    expect(campaign.reminderDays).toEqual([5, 2, -2]);
    expect(campaign.schools).toHaveLength(2);
  });

  it('the director starts from the invitation button', async () => {
    const calls = await h.driver.click(vera, invitation, 'Заполнить');
    const question = lastKeyboard(calls);
    expect(question.text).toContain('Раздел 1 из 4 · вопрос 1 из 18');
    await h.driver.click(vera, question, 'Да');
  });

  it('shows completion to coordinators of its municipality only', async () => {
    let calls = await h.driver.send(command(boris, '/campaigns'));
    // the keyboard under the list (after «№ 1 …») and under a campaign has no empty row
    expect(emptyKeyboardRows(calls)).toEqual([]);
    const list = lastKeyboard(calls);
    expect(list.text).toContain(`№ ${campaignId} «Контекстные данные ОУ» — 0 из 2, срок до 10.12.2026`);
    calls = await h.driver.click(boris, list, new RegExp(`^№ ${campaignId}`));
    expect(emptyKeyboardRows(calls)).toEqual([]);
    const status = sentTexts(calls).join('\n');
    expect(status).toContain('Отправили: 0 из 2; заполняют: 1; не начали: 1');
    expect(status).toContain('Не начали (1):\n• sch710002 Воскресенская СОШ — 0 из 18');
    expect(status).toContain('Заполняют (1):\n• sch710001 Дубенская СОШ № 1 — 1 из 18');
    expect(buttonTexts(lastKeyboard(calls))).toEqual([
      'Выгрузить .xlsx',
      'Файлы школ',
      'Обновить',
      'Продлить срок',
      'Вернуть школе',
      'Закрыть приём',
    ]);

    expect(sentTexts(await h.driver.send(command(elena, '/campaigns')))).toEqual([
      'Мониторингов пока нет. Запустить — /launch.',
    ]);
    expect(sentTexts(await h.driver.send(command(elena, '/campaigns', String(campaignId))))).toEqual([
      `Мониторинга № ${campaignId} нет в вашей зоне. Список — /campaigns.`,
    ]);
    expect(sentTexts(await h.driver.send(command(vera, '/campaigns')))).toEqual([
      'Мониторинги запускают и ведут координаторы. Анкеты вашей школы — /forms.',
      // issue 10: a command in the middle of a form says the form is paused
      'Анкета на паузе, ответы сохранены. Продолжить с того же места — /forms.',
    ]);
  });

  it('exports the answers: one row per school, items under the source numbering', async () => {
    const actor = await veraActor();
    const { questionnaire } = await h.services.forms.load(actor, campaignId);
    for (const item of questionnaire.sections.flatMap((section) => section.items)) {
      await h.services.forms.save(actor, campaignId, item.key, item.type === 'yesNo' ? true : 20);
    }
    expect((await h.services.forms.submit(actor, campaignId)).ok).toBe(true);

    let calls = await h.driver.send(command(boris, '/campaigns', String(campaignId)));
    expect(sentTexts(calls).join('\n')).toContain('Отправили: 1 из 2');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Выгрузить .xlsx');
    const [document] = calls.filter((call) => call.method === 'sendDocument');
    expect(document!.files![0]!.filename).toBe('Контекстные данные ОУ — ответы 25.11.2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(document!.files![0]!.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Ответы')!;
    expect(sheet.rowCount).toBe(3);
    expect((sheet.getRow(1).values as unknown[]).slice(5, 7)).toEqual([
      '1.1 Устойчивый доступ в Интернет',
      '1.2 Обеспеченность компьютерной техникой',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['sch710001', 'Дубенская СОШ № 1', 'отправлена']);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['sch710002', 'Воскресенская СОШ', 'не начата']);
  });

  it("reopens a school's submitted form: the school is told and may answer again", async () => {
    let calls = await h.driver.send(command(boris, '/campaigns', String(campaignId)));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Вернуть школе');
    const choice = lastKeyboard(calls);
    expect(buttonTexts(choice)).toEqual(['sch710001 Дубенская СОШ № 1']);
    calls = await h.driver.click(boris, choice, /^sch710001/);
    expect(sentTexts(toChat(calls, boris.id)).at(-1)).toBe(
      'Анкета школы Дубенская СОШ № 1 (sch710001) возвращена на доработку; представители школы получили сообщение (1).',
    );
    const notice = sentMessages(toChat(calls, vera.id))[0]!;
    expect(notice.text).toBe(
      'Координатор вернул анкету «Контекстные данные ОУ» вашей школе на доработку. Исправьте ответы и отправьте её снова.',
    );
    const opened = lastKeyboard(await h.driver.click(vera, notice, 'Заполнить'));
    expect(opened.text).toContain('Проверьте ответы перед отправкой'); // everything is answered: straight to the review
    expect(await h.services.forms.save(await veraActor(), campaignId, '2.1', 25)).toEqual({ value: 25 });
  });

  it('extends the deadline; the schools that have not submitted are told', async () => {
    let calls = await h.driver.send(command(boris, '/campaigns', String(campaignId)));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Продлить срок');
    expect(sentTexts(calls)).toEqual([
      'Новый срок для «Контекстные данные ОУ» (сейчас — до 10.12.2026). Напишите дату в виде ДД.ММ.ГГГГ, например 15.12.2026.',
    ]);
    calls = await h.driver.send(textMessage(boris, '20.12.2026'));
    expect(sentTexts(toChat(calls, vera.id))).toEqual([
      'Срок сдачи анкеты «Контекстные данные ОУ» продлён до 20.12.2026.',
    ]);
    expect(sentTexts(toChat(calls, boris.id)).at(-1)).toContain(
      'Срок мониторинга «Контекстные данные ОУ» — до 20.12.2026.',
    );
  });

  it('after the deadline shows who is late; closing makes the forms read-only', async () => {
    h.clock.set('2026-12-21T09:00:00Z');
    let calls = await h.driver.send(command(boris, '/campaigns', String(campaignId)));
    const status = sentTexts(calls).join('\n');
    expect(status).toContain('Опаздывают (2): срок прошёл, анкета не отправлена.');
    expect(status).toContain('• sch710002 Воскресенская СОШ — 0 из 18, опаздывает');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Закрыть приём');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Да, закрыть');
    expect(sentTexts(calls).at(-1)).toBe(
      'Приём ответов по мониторингу «Контекстные данные ОУ» закрыт: отправили 0 из 2. Выгрузка — кнопкой «Выгрузить .xlsx».',
    );
    calls = await h.driver.send(callbackQuery(vera, `form:open:${campaignId}`, { message: invitation }));
    expect(sentTexts(calls)).toContain('Приём ответов по анкете «Контекстные данные ОУ» закрыт координатором.');
    expect(sentTexts(await h.driver.send(command(vera, '/forms')))).toEqual([
      'Открытых анкет для вашей школы нет. Когда координатор запустит мониторинг, бот пришлёт приглашение.',
    ]);
  });

  it('a launch with nobody to invite says so in one message, with no «доставлено 0 из 0» after it', async () => {
    let calls = await h.driver.send(command(boris, '/launch'));
    calls = await h.driver.click(boris, lastKeyboard(calls), /^Контекстные данные ОУ/);
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Выбрать школы');
    await h.driver.send(textMessage(boris, 'sch710002')); // Воскресенская СОШ: nobody registered
    await h.driver.send(textMessage(boris, '28.12.2026'));
    calls = await h.driver.send(textMessage(boris, '2'));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Запустить');
    // the sender ran within the click (the test bot drains it), so a summary would be among these
    const told = sentTexts(toChat(calls, boris.id));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /^Мониторинг № \d+ «Контекстные данные ОУ» запущен: школ — 1, срок — до 28\.12\.2026\. Приглашения никому не отправлены: ни в одной из этих школ нет зарегистрированных представителей\./,
    );
    expect(told[0]).toContain('Школы без зарегистрированных представителей (1): sch710002 Воскресенская СОШ');
  });
});
