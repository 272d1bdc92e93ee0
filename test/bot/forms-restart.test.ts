/**
 * Pause and resume across a restart of the bot and of the embedded database (issue #5): every
 * answer is saved when given; /forms lands on the first unanswered item; a form left in the
 * middle of a question keeps working after the restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../support/botDriver.ts';
import { command, textMessage, user } from '../support/updates.ts';
import { lastKeyboard, launchFor, registerPerson } from '../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

const vera = user(3101, 'Вера');

describe('pause and resume', () => {
  let dir: string;
  let h: TestBot;
  let campaignId: number;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-forms-restart-'));
    h = await startTestBot({ dataDir: dir });
    await seedSchools(h.services);
    await registerPerson(h.services, vera.id, 'director', { school: 'sch710002' }, 'Вера');
    campaignId = (await launchFor(h.services, 'context-data', { schools: ['sch710002'] })).campaignId;
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const stored = async () => {
    const rows = await h.db.prisma.answer.findMany({ where: { campaignId }, orderBy: { itemNumber: 'asc' } });
    return Object.fromEntries(rows.map((row) => [row.itemNumber, row.value]));
  };

  it('/pause keeps the answers; after a restart of the bot and the database /forms continues at the first unanswered item', async () => {
    let question = lastKeyboard(await h.driver.send(command(vera, '/forms')));
    for (const button of ['Да', 'Нет', 'Да']) question = lastKeyboard(await h.driver.click(vera, question, button));
    expect(question.text).toContain('1.3. Оснащенность учебных кабинетов лабораторным оборудованием — химия');
    expect(sentTexts(await h.driver.send(command(vera, '/pause')))).toEqual([
      'Анкета на паузе, ответы сохранены. Продолжить с того же места — /forms.',
    ]);
    expect(sentTexts(await h.driver.send(command(vera, '/pause')))).toEqual([
      'Сейчас нет открытой анкеты. Ваши анкеты — /forms.',
    ]);

    await h.restart({ reopenDatabase: true });
    expect(await stored()).toEqual({ '1.1': true, '1.2': false, '1.3/physics': true });
    question = lastKeyboard(await h.driver.send(command(vera, '/forms')));
    expect(question.text).toContain('Анкета «Контекстные данные ОУ», срок — до 02.12.2026. Продолжим с вопроса 1.3.');
    expect(question.text).toContain('Раздел 1 из 4 · вопрос 4 из 18');
    expect(question.text).toContain('1.3. Оснащенность учебных кабинетов лабораторным оборудованием — химия');
    question = lastKeyboard(await h.driver.click(vera, question, 'Да'));
    expect(question.text).toContain('биология');
  });

  it('a form left without /pause goes on after a restart: the waiting question takes the answer', async () => {
    for (let i = 0; i < 3; i++) await h.driver.click(vera, lastKeyboard(h.tg.calls), 'Да');
    const waiting = lastKeyboard(h.tg.calls);
    expect(waiting.text).toContain('2.1. Доля учителей');

    await h.restart({ reopenDatabase: true });
    const calls = await h.driver.send(textMessage(vera, '12,5'));
    expect(lastKeyboard(calls).text).toContain('✓ 2.1: 12,5 %');
    expect(lastKeyboard(calls).text).toContain('2.2. Доля учителей, не имеющих диплома');
    expect(await stored()).toMatchObject({
      '1.3/chemistry': true,
      '1.3/biology': true,
      '1.3/geography': true,
      '1.3/technology': true,
      '2.1': 12.5,
    });
  });
});
