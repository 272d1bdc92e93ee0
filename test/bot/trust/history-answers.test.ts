/**
 * Issue 10: /history shows questionnaire answers changed (who, which answer, when, before →
 * after) and forms submitted or returned — not only results and registry edits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, textMessage, user } from '../../support/updates.ts';
import {
  BORIS,
  VERA,
  formCalls,
  lastKeyboard,
  launchFor,
  registerPerson,
  startDistrictBot,
} from '../../helpers/campaigns.ts';
import type { TestBot } from '../../helpers/testBot.ts';
import { workbook } from '../../helpers/workbooks.ts';
import { CLI_ACTOR } from '../../../src/services/index.ts';

const boris = BORIS;
const vera = VERA;
const galya = user(3002, 'Галя');

let h: TestBot;
beforeAll(async () => {
  h = await startDistrictBot();
  await registerPerson(h.services, galya.id, 'director', { school: 'sch710001' }, 'Галя');
  const sheet = await workbook({
    Анкета: [
      ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
      ['1. Здание', '1.1', 'Есть ли спортзал?', 'да/нет', 'да', '', '', ''],
      ['', '1.2', 'Сколько учеников в школе?', 'число', 'да', '', '', ''],
    ],
  });
  const imported = await h.services.questionnaires.importQuestionnaire(CLI_ACTOR, sheet, 'Здание.xlsx');
  if (!imported.ok) throw new Error('questionnaire not imported');
  await launchFor(h.services, imported.key, { schools: ['sch710001'], title: 'Здание школы' });
});
afterAll(async () => h?.close());

const formOnly = (calls: Parameters<typeof formCalls>[0]) => lastKeyboard(formCalls(calls));

describe('/history and questionnaire answers', () => {
  it('lists a colleague’s change of an answer (who, before → after), the submission and a return for rework', async () => {
    await h.driver.send(command(vera, '/forms'));
    await h.driver.send(textMessage(vera, 'да'));
    await h.driver.send(textMessage(vera, '120'));
    await h.driver.send(command(vera, '/pause'));
    // Галя corrects both answers from the review
    let calls = await h.driver.send(command(galya, '/forms'));
    for (const [item, answer] of [
      [/1\.1/, 'нет'],
      [/1\.2/, '118'],
    ] as const) {
      calls = await h.driver.click(galya, formOnly(calls), /1\. Здание/);
      calls = await h.driver.click(galya, formOnly(calls), item);
      calls = await h.driver.send(textMessage(galya, answer));
    }
    calls = await h.driver.click(galya, formOnly(calls), /Отправить/);
    expect(sentTexts(calls).join('\n')).toContain('отправлена');

    const campaign = await h.db.prisma.campaign.findFirstOrThrow();
    await h.services.campaigns.reopen(CLI_ACTOR, campaign.id, 'sch710001');

    const history = sentTexts(await h.driver.send(command(boris, '/history', 'sch710001'))).join('\n');
    expect(history).toMatch(/Галя: анкета «Здание школы», вопрос 1\.1 «Есть ли спортзал\?»: «да» → «нет»/);
    expect(history).toMatch(/Галя: анкета «Здание школы», вопрос 1\.2 «Сколько учеников в школе\?»: «120» → «118»/);
    expect(history).toContain('Галя: анкета «Здание школы» отправлена (2 ответа)');
    expect(history).toContain('командная строка: анкета «Здание школы» возвращена на доработку');
    // the digits alone find the school, as /status takes them
    const byDigits = sentTexts(await h.driver.send(command(boris, '/history', '710001'))).join('\n');
    expect(byDigits).toContain('Галя: анкета «Здание школы» отправлена (2 ответа)');
    // first answers are not listed one by one
    expect(history).not.toMatch(/«—» → «да»/);
  });
});
