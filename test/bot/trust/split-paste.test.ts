/**
 * Issue 10 «Campaigns and forms»: a long paste that Telegram split into two messages sent within
 * a moment. Before, the first part was refused as too long and the tail silently saved as the
 * answer; now the tail is never an answer of its own — nothing is saved from a fragment without
 * the director being told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { sentTexts } from '../../support/botDriver.ts';
import { command, textMessage } from '../../support/updates.ts';
import { VERA, launchFor, startDistrictBot } from '../../helpers/campaigns.ts';
import type { TestBot } from '../../helpers/testBot.ts';
import { workbook } from '../../helpers/workbooks.ts';
import { CLI_ACTOR } from '../../../src/services/index.ts';

const vera = VERA;

let h: TestBot;
let campaignId = 0;
beforeAll(async () => {
  h = await startDistrictBot();
  const sheet = await workbook({
    Анкета: [
      ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
      ['1. Опыт', '1.1', 'Опишите опыт школы', 'текст', 'да', '', '', ''],
      ['', '1.2', 'Опишите планы подробно', 'текст до 4000', 'да', '', '', ''],
      ['', '1.3', 'Что ещё добавить?', 'текст', 'нет', '', '', ''],
    ],
  });
  const imported = await h.services.questionnaires.importQuestionnaire(CLI_ACTOR, sheet, 'Опыт.xlsx');
  if (!imported.ok) throw new Error('questionnaire not imported');
  campaignId = (await launchFor(h.services, imported.key, { schools: ['sch710001'] })).campaignId;
});
afterAll(async () => h?.close());

const stored = async () => {
  const rows = await h.db.prisma.answer.findMany({ where: { campaignId } });
  return Object.fromEntries(rows.map((row) => [row.itemNumber, row.value]));
};

/** A text message dated `date` (seconds): the parts of a split paste carry the same moment. */
function textAt(text: string, date: number): Update {
  const update = textMessage(vera, text);
  (update.message as { date: number }).date = date;
  return update;
}

/** A paste of `length` characters, as Telegram cuts it: the first part 4096 characters, then the rest. */
function splitPaste(length: number): [string, string] {
  const words = 'Школа проводит занятия для учеников и родителей по субботам. ';
  const text = words.repeat(Math.ceil(length / words.length)).slice(0, length);
  return [text.slice(0, 4096), text.slice(4096)];
}

describe('a long paste split by Telegram', () => {
  const now = Math.floor(Date.now() / 1000);

  it('the first part is refused and so is the tail; the question is asked again; nothing is saved', async () => {
    await h.driver.send(command(vera, '/forms'));
    const [first, tail] = splitPaste(4600);
    let calls = await h.driver.send(textAt(first, now));
    expect(sentTexts(calls).join('\n')).toMatch(/Ответ слишком длинный: 4\s096 символов/);
    calls = await h.driver.send(textAt(tail, now + 1));
    const reply = sentTexts(calls).join('\n');
    expect(reply).toContain(
      'Это продолжение длинного сообщения: Telegram разрезал его на части. Ни одна часть не сохранена.',
    );
    expect(reply).toContain('Опишите опыт школы'); // the same question again
    expect(await stored()).toEqual({});

    // a short answer a minute later is an answer
    calls = await h.driver.send(textAt('Кружки и секции', now + 60));
    expect(sentTexts(calls).join('\n')).toContain('Опишите планы подробно');
    expect(await stored()).toEqual({ '1.1': 'Кружки и секции' });
  });

  it('when the first part fits a long-text question, the tail is not taken as the next answer and the director is told', async () => {
    // a client that cut the paste at 3900 characters: the first part fits «текст до 4000»
    const [whole] = splitPaste(3900);
    let calls = await h.driver.send(textAt(whole, now + 120));
    expect(sentTexts(calls).join('\n')).toContain('Что ещё добавить?');
    calls = await h.driver.send(textAt('и ещё немного текста', now + 121));
    const reply = sentTexts(calls).join('\n');
    expect(reply).toContain('первая часть сохранена как ответ на вопрос 1.2');
    expect(reply).toContain('Что ещё добавить?');
    expect((await stored())['1.3']).toBeUndefined(); // before: the tail was saved as the answer to 1.3
    await h.driver.send(textAt('Ничего', now + 180));
    expect((await stored())['1.3']).toBe('Ничего');
  });
});
