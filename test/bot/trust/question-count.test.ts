/**
 * Issue 10 «Campaigns and forms»: the number of questions is one figure everywhere. The launch
 * button, the director's intro and progress line and the coordinator's campaign page all count the items that apply given the answers so far
 * (questionCount); a conditional item joins the total on both sides once an answer opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, textMessage } from '../../support/updates.ts';
import { BORIS, VERA, buttonTexts, formCalls, lastKeyboard, startDistrictBot } from '../../helpers/campaigns.ts';
import type { TestBot } from '../../helpers/testBot.ts';
import { workbook } from '../../helpers/workbooks.ts';

const boris = BORIS;
const vera = VERA;

let h: TestBot;
beforeAll(async () => {
  h = await startDistrictBot();
});
afterAll(async () => h?.close());

/** The form's own messages, not an outbox invitation with «Заполнить». */
const formText = (calls: Parameters<typeof formCalls>[0]) => sentTexts(formCalls(calls)).join('\n');

describe('one question count on both sides', () => {
  it('launch, intro, progress, /forms and the campaign page agree, before and after a conditional item opens', async () => {
    const sheet = await workbook({
      Анкета: [
        ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
        ['1. Питание', '1.1', 'Есть ли столовая?', 'да/нет', 'да', '', '', ''],
        ['', '1.2', 'Сколько мест в столовой?', 'число', 'да', '', '1.1 = да', ''],
        ['', '1.3', 'Есть ли буфет?', 'да/нет', 'да', '', '1.1 = да', ''],
        ['2. Спорт', '2.1', 'Есть ли спортзал?', 'да/нет', 'да', '', '', ''],
      ],
    });
    const imported = await h.services.questionnaires.importQuestionnaire(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      sheet,
      'Питание.xlsx',
    );
    expect(imported.ok).toBe(true);

    // the launch button: 2 questions apply before any answer, 2 more by condition
    let calls = await h.driver.send(command(boris, '/launch'));
    const pick = lastKeyboard(calls);
    expect(buttonTexts(pick).find((text) => text.startsWith('Питание'))).toBe(
      'Питание — 2 вопр. (+2 по условию), своя',
    );
    calls = await h.driver.click(boris, pick, /^Питание/);
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Выбрать школы');
    calls = await h.driver.send(textMessage(boris, 'sch710001'));
    calls = await h.driver.send(textMessage(boris, '15.12'));
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Как обычно');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Запустить');
    expect(sentTexts(calls).join('\n')).toContain('«Питание» запущен');
    const campaign = await h.db.prisma.campaign.findFirstOrThrow({ orderBy: { id: 'desc' } });

    // the director's intro and first progress line say the same 2
    calls = await h.driver.send(command(vera, '/forms'));
    let text = formText(calls);
    expect(text).toContain('Вопросов: 2 (и ещё до 2 — в зависимости от ваших ответов)');
    expect(text).toContain('вопрос 1 из 2');

    // «да» opens 1.2 and 1.3: the total is 4 on the director's side …
    calls = await h.driver.send(textMessage(vera, 'да'));
    text = formText(calls);
    expect(text).toContain('Сколько мест в столовой?');
    expect(text).toContain('вопрос 2 из 4');

    // … and on the coordinator's page
    calls = await h.driver.send(command(boris, '/campaigns', String(campaign.id)));
    expect(sentTexts(calls).join('\n')).toContain('sch710001 Дубенская СОШ № 1 — 1 из 4');
  });
});
