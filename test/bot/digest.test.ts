// Committee chats and the weekly digest through the real bot (createBot) and the digest sender
// against the local Bot API server (issue 13 §1).
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/services/index.ts';
import { sentTexts } from '../support/botDriver.ts';
import {
  command,
  groupChat,
  groupCommand,
  myChatMember,
  supergroupChat,
  textMessage,
  user,
} from '../support/updates.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { resultsSheet } from '../helpers/workbooks.ts';

const dubnaCoordinator = user(2001, 'Борис', { last_name: 'Петров' });
const yelnyaCommittee = user(2101, 'Галина');
const stranger = user(4001, 'Незнакомец');
const groupA = groupChat(-4_000_000_101, 'Комитет Дубна');
const groupB = groupChat(-4_000_000_102, 'Комитет Ельня');
const migrated = supergroupChat(-1_001_000_000_101, 'Комитет Дубна');

let h: TestBot;

beforeAll(async () => {
  h = await startTestBot();
  const { region, dubna, yelnya } = await seedSchools(h.services);
  const prisma = h.services.deps.prisma;
  await prisma.user.create({
    data: {
      telegramId: BigInt(dubnaCoordinator.id),
      firstName: 'Борис',
      lastName: 'Петров',
      role: 'coordinator',
      regionId: region.id,
      municipalityId: dubna.id,
    },
  });
  await prisma.user.create({
    data: {
      telegramId: BigInt(yelnyaCommittee.id),
      firstName: 'Галина',
      role: 'committee',
      regionId: region.id,
      municipalityId: yelnya.id,
    },
  });
  // A Wednesday: the week's digest (Monday 09:00 Moscow) is long past.
  h.clock.set('2026-11-25T09:00:00Z');
});
afterAll(async () => h?.close());

const lastText = (calls: Awaited<ReturnType<TestBot['driver']['send']>>) => sentTexts(calls).at(-1) ?? '';

describe('binding a group', () => {
  it('a stranger cannot bind; the coordinator binds the group to the municipality; twice is «уже»', async () => {
    expect(lastText(await h.driver.send(groupCommand(stranger, '/digest', 'here', { chat: groupA })))).toContain(
      'координатор или член комитета',
    );
    const bound = lastText(await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'here', { chat: groupA })));
    expect(bound).toContain('Группа подключена к еженедельной сводке: Дубенский район');
    expect(bound).toContain('по понедельникам в 09:00 (Europe/Moscow)');
    expect(bound).not.toContain(String(dubnaCoordinator.id));
    const again = lastText(await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'here', { chat: groupA })));
    expect(again).toContain('уже получает сводку: Дубенский район');
    expect(lastText(await h.driver.send(groupCommand(yelnyaCommittee, '/digest', 'here', { chat: groupB })))).toContain(
      'Ельнинский район',
    );
    expect((await h.services.committeeChats.list()).map((chat) => [chat.chatId, chat.scope.name])).toEqual([
      [groupB.id, 'Ельнинский район'],
      [groupA.id, 'Дубенский район'],
    ]);
  });

  it('in a group other commands show nothing, also when addressed to the bot', async () => {
    expect(
      sentTexts(await h.driver.send(groupCommand(dubnaCoordinator, '/whoami', undefined, { chat: groupA }))),
    ).toEqual([]);
    const addressed = await h.driver.send(
      groupCommand(dubnaCoordinator, '/whoami', undefined, { chat: groupA, botUsername: 'kurator_test_bot' }),
    );
    expect(sentTexts(addressed)).toEqual([]);
  });

  it('/digest in a bound group shows this week now: «Без изменений» when nothing happened', async () => {
    const text = lastText(await h.driver.send(groupCommand(yelnyaCommittee, '/digest', undefined, { chat: groupB })));
    expect(text).toContain('Сводка за неделю · Ельнинский район');
    expect(text).toContain('Без изменений');
  });

  it('a group the bot cannot post in: the person is told privately and nothing is bound', async () => {
    const muted = groupChat(-4_000_000_103, 'Немая группа');
    h.tg.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: not enough rights to send text messages to the chat',
    });
    const calls = await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'here', { chat: muted }));
    const dm = calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === dubnaCoordinator.id);
    expect(dm.map((call) => call.payload.text).join()).toContain('Бот не может писать в группу «Немая группа»');
    expect(await h.services.committeeChats.find(muted.id)).toBeNull();
  });

  it('/digest off unbinds; a stranger group gets «не подключена»', async () => {
    const spare = groupChat(-4_000_000_104, 'Запасная');
    await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'here', { chat: spare }));
    expect(lastText(await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'off', { chat: spare })))).toContain(
      'Сводка в этой группе отключена',
    );
    expect(
      lastText(await h.driver.send(groupCommand(dubnaCoordinator, '/digest', undefined, { chat: spare }))),
    ).toContain('не подключена к сводке');
  });

  it('my_chat_member: made admin keeps the binding; removed unbinds; migration follows the new id', async () => {
    const temp = groupChat(-4_000_000_105, 'Временная');
    await h.driver.send(groupCommand(dubnaCoordinator, '/digest', 'here', { chat: temp }));
    await h.driver.send(myChatMember(dubnaCoordinator, temp, 'member', 'administrator'));
    expect(await h.services.committeeChats.find(temp.id)).not.toBeNull();
    await h.driver.send(myChatMember(dubnaCoordinator, temp, 'administrator', 'kicked'));
    expect(await h.services.committeeChats.find(temp.id)).toBeNull();

    const migration = textMessage(dubnaCoordinator, '', { chat: groupA });
    const message = migration.message as unknown as Record<string, unknown>;
    delete message.text;
    message.migrate_to_chat_id = migrated.id;
    await h.driver.send(migration);
    expect(await h.services.committeeChats.find(groupA.id)).toBeNull();
    expect((await h.services.committeeChats.find(migrated.id))?.scope.name).toBe('Дубенский район');
  });
});

describe('the weekly digest', () => {
  /** What the scheduler does each minute: record what is due, then the outbox sender delivers. */
  const sendDue = async () => {
    const report = await h.services.digest.prepareDue();
    await h.sender.drain();
    return report;
  };
  const digestCalls = () =>
    h.tg.callsOf('sendMessage').filter((c) => c.response?.ok && String(c.payload.text).startsWith('Сводка за неделю'));

  it('a private /digest shows the person’s own scope', async () => {
    const text = lastText(await h.driver.send(command(dubnaCoordinator, '/digest')));
    expect(text).toContain('Сводка за неделю · Дубенский район');
  });

  it('Monday 09:00 Moscow: each bound group gets one digest of its own scope, with imports, lists and the chart; never twice', async () => {
    // An import during the week, by the Dubna coordinator.
    h.clock.set('2026-11-26T10:00:00Z');
    const person = await h.services.people.find(dubnaCoordinator);
    const file = await resultsSheet([
      ['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 20, 12],
      ['2023/2024', 'sch710002', '', 'ВПР', 'Математика', 5, 20, 1],
    ]);
    expect((await h.services.results.importFile(actorOf(person!), file, { fileName: 'ВПР-2024.xlsx' })).ok).toBe(true);

    h.clock.set('2026-11-30T05:59:00Z'); // 08:59 Moscow: not yet
    await h.sender.drain();
    h.tg.clear();
    expect((await sendDue()).queued).toBe(0);
    h.clock.set('2026-11-30T06:00:00Z'); // 09:00 Moscow
    h.tg.failNext('sendMessage', { error_code: 429, retry_after: 1 });
    expect(await sendDue()).toEqual({ week: '2026-W49', queued: 2 });
    expect(
      h.tg.callsOf('sendMessage').filter((c) => c.response?.ok === false && c.response.error_code === 429),
    ).toHaveLength(1);
    const toA = digestCalls().filter((c) => c.payload.chat_id === migrated.id);
    const toB = digestCalls().filter((c) => c.payload.chat_id === groupB.id);
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    const a = toA[0]!.payload.text as string;
    expect(a).toContain('Сводка за неделю · Дубенский район');
    expect(a).toContain('ВПР-2024.xlsx — Борис Петров');
    expect(a).toContain('2 строки');
    expect(a).not.toContain('Ельнинская');
    expect(toB[0]!.payload.text).toContain('Ельнинский район');
    expect(toB[0]!.payload.text).toContain('Без изменений');
    // the week's records say what the outbox did: sent (after the 429 was waited out), and when
    const records = await h.services.deps.prisma.digestDelivery.findMany({ where: { week: '2026-W49' } });
    expect(records.map((record) => [record.status, record.sentAt?.toISOString()])).toEqual([
      ['sent', '2026-11-30T06:00:00.000Z'],
      ['sent', '2026-11-30T06:00:00.000Z'],
    ]);
    // Buttons to the full report: the workbook and the справка of the scope, and the lists.
    const buttons = JSON.stringify(toA[0]!.payload.reply_markup);
    expect(buttons).toContain('Отчёт (.xlsx)');
    expect(buttons).toContain('Справка (.docx)');
    // Dubna has results: its chart follows the text, as a photo; Yelnya has none, so no chart.
    const photos = h.tg.callsOf('sendPhoto').filter((c) => c.response?.ok);
    expect(photos.map((c) => c.payload.chat_id)).toEqual([migrated.id]);
    expect(String(photos[0]!.payload.caption)).toContain('Дубенский район: доля «2»');

    // «Отчёт (.xlsx)» under the group's digest: the coordinator gets /report of Dubna privately.
    const message = toA[0]!.response!.ok ? (toA[0]!.response!.result as Message) : undefined;
    const pressed = await h.driver.click(dubnaCoordinator, message!, 'Отчёт (.xlsx)');
    const documents = pressed.filter((c) => c.method === 'sendDocument' && c.response?.ok);
    expect(documents.map((c) => c.payload.chat_id)).toEqual([dubnaCoordinator.id]);
    expect(String(documents[0]!.payload.caption)).toContain('Дубенский район');
    // a stranger pressing it gets nothing but a refusal
    const refused = await h.driver.click(stranger, message!, 'Справка (.docx)');
    expect(refused.filter((c) => c.method === 'sendDocument')).toEqual([]);

    // Another pass, another sender (as a second process or a restart): nothing more this week.
    h.clock.set('2026-12-02T06:00:00Z');
    expect((await sendDue()).queued).toBe(0);
    expect(digestCalls()).toHaveLength(2);
  });

  it('the /digest preview shows the chart too when the scope has results (Dubna), and none without (Yelnya)', async () => {
    const calls = await h.driver.send(command(dubnaCoordinator, '/digest'));
    const photos = calls.filter((c) => c.method === 'sendPhoto' && c.response?.ok);
    expect(photos.map((c) => c.payload.chat_id)).toEqual([dubnaCoordinator.id]);
    expect(String(photos[0]!.payload.caption)).toContain('Дубенский район: доля «2»');
    const none = await h.driver.send(groupCommand(yelnyaCommittee, '/digest', undefined, { chat: groupB }));
    expect(none.filter((c) => c.method === 'sendPhoto')).toEqual([]);
    expect(lastText(none)).toContain('Ельнинский район');
  });

  it('two processes at once never record or send a week twice; indicators that moved since the last digest', async () => {
    // During the week a corrected file: one school's «2» in mathematics goes from 1 to 8 of 20.
    h.clock.set('2026-12-03T10:00:00Z');
    const person = await h.services.people.find(dubnaCoordinator);
    const file = await resultsSheet([['2023/2024', 'sch710002', '', 'ВПР', 'Математика', 5, 20, 8]]);
    expect((await h.services.results.importFile(actorOf(person!), file, { fileName: 'ВПР-исправл.xlsx' })).ok).toBe(
      true,
    );
    await h.sender.drain();
    h.clock.set('2026-12-07T06:30:00Z'); // the next Monday
    h.tg.clear();
    const other = await h.startSender({ recover: false });
    try {
      const [one, two] = await Promise.all([h.services.digest.prepareDue(), h.services.digest.prepareDue()]);
      expect(one.queued + two.queued).toBeGreaterThanOrEqual(2);
      await Promise.all([h.sender.drain(), other.drain()]);
    } finally {
      await other.stop();
    }
    const chats = digestCalls().map((c) => c.payload.chat_id);
    expect(chats.sort()).toEqual([migrated.id, groupB.id].sort());
    expect(await h.services.deps.prisma.digestDelivery.count({ where: { week: '2026-W50' } })).toBe(2);
    // the second week's period starts where the first ended
    const dubna = String(digestCalls().find((c) => c.payload.chat_id === migrated.id)!.payload.text);
    expect(dubna).toContain('30.11.2026 — 07.12.2026');
    // compared with the values stored with last week's record: 13 of 40 → 20 of 40 got «2»
    expect(dubna).toContain('Показатели, которые изменились с прошлой сводки');
    expect(dubna).toMatch(/32,5 % → 50 %/);
    const yelnya = String(digestCalls().find((c) => c.payload.chat_id === groupB.id)!.payload.text);
    expect(yelnya).toContain('Без изменений');
  });

  it('403 (bot removed) unbinds the group once; the other group still gets its digest', async () => {
    h.clock.set('2026-12-14T07:00:00Z');
    h.tg.clear();
    h.tg.blockBot(groupB.id);
    await sendDue();
    expect(digestCalls().map((c) => c.payload.chat_id)).toEqual([migrated.id]);
    expect(await h.services.committeeChats.find(groupB.id)).toBeNull();
    h.tg.blockBot(groupB.id, false);
    const row = await h.services.deps.prisma.outboxMessage.findUnique({
      where: { dedupeKey: `digest:2026-W51:${groupB.id}` },
    });
    expect(row?.state).toBe('blocked');
    expect((await h.services.digest.counts()).failed).toBe(1);
    // the group's record of the week says so too, with Telegram's reason
    const record = await h.services.deps.prisma.digestDelivery.findUnique({
      where: { chatId_week: { chatId: BigInt(groupB.id), week: '2026-W51' } },
    });
    expect(record?.status).toBe('blocked');
    expect(record?.error).toContain('403');
  });
});
