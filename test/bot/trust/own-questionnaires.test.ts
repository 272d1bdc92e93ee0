/** Issue 10: own questionnaires belong to their owner's territory; versions per (territory, title). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentMessages, sentTexts } from '../../support/botDriver.ts';
import { command, documentMessage, user, type DocumentInput } from '../../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';
import { workbook } from '../../helpers/workbooks.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinatorA = user(2001, 'Борис');
const coordinatorB = user(2002, 'Галина');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await h.driver.send(command(admin, '/start'));
  const adminPerson = await h.services.people.find(admin);
  const actor = { userId: adminPerson!.userId, role: 'admin' as const, scope: { kind: 'all' as const } };
  for (const [who, name] of [
    [coordinatorA, 'Дубенский район'],
    [coordinatorB, 'Ельнинский район'],
  ] as const) {
    const invite = await h.services.invites.create(actor, {
      role: 'coordinator',
      scope: { kind: 'municipality', name },
    });
    await h.driver.send(command(who, '/start', invite.code));
  }
});
afterAll(async () => h?.close());

const HEADER = ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'];

async function upload(from: typeof coordinatorA, rows: unknown[][], fileName: string) {
  const bytes = await workbook({ Анкета: [HEADER, ...rows] });
  const file = h.tg.registerFile(bytes, { fileName });
  const input: DocumentInput = { file_id: file.file_id, file_name: fileName, file_size: bytes.byteLength };
  return sentTexts(await h.driver.send(documentMessage(from, input))).at(-1)!;
}

describe("own questionnaires stay in their owner's territory", () => {
  it("B's sheet with A's title is B's own version 1, and A's /launch offers only A's questions", async () => {
    const a = await upload(
      coordinatorA,
      [['1. Кадры', '1.1', 'Есть ли вакансии?', 'да/нет', 'да', '', '', '']],
      'Мониторинг.xlsx',
    );
    expect(a).toContain('версия 1');
    const b = await upload(
      coordinatorB,
      [
        ['1. Питание', '1.1', 'Сколько детей питается?', 'целое', 'да', '', '', ''],
        ['', '1.2', 'Есть ли буфет?', 'да/нет', 'да', '', '', ''],
      ],
      'Мониторинг.xlsx',
    );
    expect(b).toContain('версия 1');
    expect(b).not.toContain('версия 2');

    const launchA = sentMessages(await h.driver.send(command(coordinatorA, '/launch')));
    const buttonsA = launchA.flatMap((m) =>
      (m.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text),
    );
    const ownA = buttonsA.filter((text) => text.includes('Мониторинг'));
    expect(ownA).toEqual([expect.stringContaining('1 вопр')]);
    await h.driver.send(command(coordinatorA, '/cancel'));

    const launchB = sentMessages(await h.driver.send(command(coordinatorB, '/launch')));
    const buttonsB = launchB.flatMap((m) =>
      (m.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.text),
    );
    expect(buttonsB.filter((text) => text.includes('Мониторинг'))).toEqual([expect.stringContaining('2 вопр')]);
    await h.driver.send(command(coordinatorB, '/cancel'));
  });

  it("A's next upload of the same title is A's version 2", async () => {
    const a = await upload(
      coordinatorA,
      [['1. Кадры', '1.1', 'Есть ли вакансии учителей?', 'да/нет', 'да', '', '', '']],
      'Мониторинг.xlsx',
    );
    expect(a).toContain('версия 2');
  });
});
