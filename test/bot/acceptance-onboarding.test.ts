/**
 * Issue #2 acceptance, as a new district would do it: an admin invites a coordinator; the
 * coordinator imports a schools file and invites a director; the director's /whoami shows the
 * school; a stranger gets nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, documentMessage, textMessage, user } from '../support/updates.ts';
import { ADMIN_ID, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { schoolsSheet } from '../helpers/workbooks.ts';

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
});
afterAll(async () => h?.close());

const codeFrom = (text: string) => /start=([A-Za-z0-9_-]+)/.exec(text)![1]!;

it('admin → coordinator → registry → director, on an empty database', async () => {
  const admin = user(ADMIN_ID, 'Анна');
  const coordinator = user(2101, 'Борис');
  const director = user(3101, 'Вера');
  const stranger = user(9101, 'Гость');

  await h.driver.send(command(admin, '/start'));
  let calls = await h.driver.send(command(admin, '/invite'));
  calls = await h.driver.click(admin, sentMessages(calls).at(-1)!, 'муниципальный координатор');
  calls = await h.driver.click(admin, sentMessages(calls).at(-1)!, 'Весь регион');
  const coordinatorCode = codeFrom(sentTexts(calls).at(-1)!);

  calls = await h.driver.send(command(coordinator, '/start', coordinatorCode));
  expect(sentTexts(calls)[0]).toContain('Вы зарегистрированы: муниципальный координатор, весь регион');

  const registry = await schoolsSheet([
    ['Дубенский район', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'Дубенская СОШ № 1', 'СОШ', 'п. Дубна', 'да'],
    ['Ельнинский район', 'sch670001', 'МБОУ «Ельнинская СОШ № 1»', 'Ельнинская СОШ № 1', 'СОШ', 'г. Ельня', 'нет'],
  ]);
  const file = h.tg.registerFile(registry, { fileName: 'реестр.xlsx' });
  calls = await h.driver.send(
    documentMessage(coordinator, { file_id: file.file_id, file_name: 'реестр.xlsx', file_size: registry.byteLength }),
  );
  expect(sentTexts(calls).at(-1)).toContain('новых школ — 2');

  calls = await h.driver.send(command(coordinator, '/invite'));
  calls = await h.driver.click(coordinator, sentMessages(calls).at(-1)!, 'представитель школы');
  calls = await h.driver.send(textMessage(coordinator, 'sch670001'));
  const directorCode = codeFrom(sentTexts(calls).at(-1)!);

  await h.driver.send(command(director, '/start', directorCode));
  calls = await h.driver.send(command(director, '/whoami'));
  expect(sentTexts(calls)[0]).toContain('Школа: Ельнинская СОШ № 1 (sch670001), Ельнинский район');

  for (const update of [
    command(stranger, '/whoami'),
    command(stranger, '/schools'),
    textMessage(stranger, 'sch670001'),
  ]) {
    expect(sentTexts(await h.driver.send(update))).toEqual([
      expect.stringContaining('Доступ открывается только по приглашению'),
    ]);
  }
});
