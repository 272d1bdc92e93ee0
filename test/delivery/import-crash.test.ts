/**
 * An import cut by a crash (issue 9, «Updates in flight»): the coordinator's «Загрузить» was
 * fetched — the runner had already confirmed it to Telegram — and the process died before the
 * import committed, or after it committed but before the reply. At the next start the inbox
 * handles the tap again: the coordinator is told the outcome, every row is there once, and the
 * identification rerun recorded with the commit runs and is announced once.
 */
import pino from 'pino';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleUnfinished } from '../../src/delivery/inbox.ts';
import { createJobRunner } from '../../src/delivery/jobs.ts';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { callbackQuery, command, user } from '../support/updates.ts';
import { ADMIN_ID, registerCoordinator, sendFile, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { registrySheet, resultsSheet } from '../helpers/workbooks.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2300, 'Борис');
const silent = pino({ level: 'silent' });
let h: TestBot;

beforeAll(async () => {
  h = await startTestBot();
  await h.driver.send(command(admin, '/start'));
  await upload(await registrySheet('sch710001', 'sch710002'), 'реестр.xlsx');
  await registerCoordinator(h, coordinator);
});
afterAll(async () => h?.close());

const upload = (bytes: Uint8Array, fileName: string) => sendFile(h, admin, bytes, fileName);

/** The preview's «Загрузить» tap as Telegram delivered it: stored in the inbox, never handled. */
async function tapFetchedThenCrash(preview: Message) {
  const button = preview.reply_markup!.inline_keyboard.flat().find((b) => b.text === 'Загрузить')!;
  const tap = callbackQuery(admin, (button as { callback_data: string }).callback_data, { message: preview });
  h.tg.observeUpdate(tap);
  await h.services.updates.storeReceived([tap]);
}

/** The next start: a new bot instance, then the inbox's unfinished updates. */
async function restart() {
  await h.restart();
  h.tg.clear();
  expect(await handleUnfinished(h.bot, h.services, silent)).toEqual({ handled: 1, left: 0 });
  await h.sender.drain();
  return h.tg.calls;
}

/** The admin's import as the service commits it (rows and the follow-up job), with no bot around it. */
async function importAsAdmin(bytes: Uint8Array, fileName: string) {
  const person = await h.db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(admin.id) } });
  return h.services.results.importFile({ userId: person.id, role: 'admin', scope: { kind: 'all' } }, bytes, {
    fileName,
  });
}

const schoolResults = (code: string) => h.db.prisma.assessmentResult.count({ where: { school: { code } } });

describe('an import cut by a crash', () => {
  it('before the commit: after the restart the tap imports the file, the coordinator hears the result', async () => {
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 5, 20, 6],
      ['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Русский язык', 5, 20, 8],
    ]);
    const preview = sentMessages(await upload(bytes, 'впр.xlsx')).at(-1)!;
    await tapFetchedThenCrash(preview);
    expect(await schoolResults('sch710002')).toBe(0);

    const calls = await restart();
    const toAdmin = sentTexts(calls.filter((call) => call.payload.chat_id === admin.id));
    expect(toAdmin).toContain(
      'Загружено: новых строк — 2, заменено — 0, без изменений — 0. Прежние значения заменённых строк сохранены в журнале изменений.',
    );
    expect(await schoolResults('sch710002')).toBe(2);
    const announcements = sentTexts(calls.filter((call) => call.payload.chat_id === coordinator.id));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]).toContain('Дубенский район');
    expect(announcements[0]).toContain('sch710002');
    expect(await h.db.prisma.deliveryJob.count({ where: { state: { not: 'done' } } })).toBe(0);
  });

  it('after the commit, before the reply: the rows stay once, the coordinator is told, the rerun runs once', async () => {
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 20, 7],
      ['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Русский язык', 5, 20, 9],
    ]);
    const preview = sentMessages(await upload(bytes, 'впр-2.xlsx')).at(-1)!;
    await tapFetchedThenCrash(preview);
    // The handler got as far as the commit (rows and the follow-up job in one transaction) and died.
    expect((await importAsAdmin(bytes, 'впр-2.xlsx')).ok).toBe(true);
    expect(await h.db.prisma.deliveryJob.count({ where: { state: 'pending' } })).toBe(1);

    const calls = await restart();
    const toAdmin = sentTexts(calls.filter((call) => call.payload.chat_id === admin.id));
    expect(toAdmin).toContain(
      'Загружено: новых строк — 0, заменено — 0, без изменений — 2. Прежние значения заменённых строк сохранены в журнале изменений.',
    );
    expect(await schoolResults('sch710001')).toBe(2);
    const announcements = sentTexts(calls.filter((call) => call.payload.chat_id === coordinator.id));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]).toContain('sch710001');
    expect(await h.db.prisma.deliveryJob.count({ where: { state: { not: 'done' } } })).toBe(0);
  });

  it('the rerun and its announcement commit together: a failure writes neither, the retry both, once', async () => {
    const bytes = await resultsSheet([
      ['2024/2025', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 5, 20, 0],
      ['2024/2025', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Русский язык', 5, 20, 0],
    ]);
    // committed with its follow-up job; the job has not run yet
    expect((await importAsAdmin(bytes, 'впр-2025.xlsx')).ok).toBe(true);
    const runs = () => h.db.prisma.identificationRun.count();
    const announcements = () => h.db.prisma.outboxMessage.count({ where: { kind: 'identification.changes' } });
    const runsBefore = await runs();
    const announcedBefore = await announcements();

    // the announcement cannot be written (a real PostgreSQL error inside the transaction)
    await h.db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_announcement() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'no space left for the announcement (test)'; END $$ LANGUAGE plpgsql`);
    await h.db.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_announcement BEFORE INSERT ON "OutboxMessage"
      FOR EACH ROW WHEN (NEW.kind = 'identification.changes') EXECUTE FUNCTION refuse_announcement()`);
    const jobs = createJobRunner({ services: h.services });
    await jobs.runPending();
    // neither the new runs nor the announcement: the job stays pending to run again
    expect(await runs()).toBe(runsBefore);
    expect(await announcements()).toBe(announcedBefore);
    expect(await h.db.prisma.deliveryJob.count({ where: { state: 'pending' } })).toBe(1);

    await h.db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_announcement ON "OutboxMessage"');
    await h.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_announcement()');
    const changes = await jobs.runPending();
    expect(changes.some((change) => change.changed)).toBe(true);
    expect(await runs()).toBeGreaterThan(runsBefore);
    expect(await announcements()).toBe(announcedBefore + 1);
    expect(await h.db.prisma.deliveryJob.count({ where: { state: { not: 'done' } } })).toBe(0);
    // a run of the pending jobs again (another start) finds nothing to do and announces nothing more
    await jobs.runPending();
    expect(await announcements()).toBe(announcedBefore + 1);

    h.tg.clear();
    await h.sender.drain();
    const told = sentTexts(h.tg.calls.filter((call) => call.payload.chat_id === coordinator.id));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('sch710002');
  });
});
