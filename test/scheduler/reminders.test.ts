/**
 * Reminders with a controllable clock (issue #5): only responders of schools that have not
 * submitted are reminded, once per offset; after downtime only the latest due reminder goes
 * out; a new deadline re-arms them.
 */
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOfDay } from '../../src/domain/campaigns/schedule.ts';
import type { OutboxSender } from '../../src/delivery/sender.ts';
import { dueReminders, startScheduler, type SchedulerHandle } from '../../src/scheduler/reminders.ts';
import { CLI_ACTOR, actorOf, type Services } from '../../src/services/index.ts';
import type { ReminderCampaign } from '../../src/services/campaigns.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { launchFor, registerPerson } from '../helpers/campaigns.ts';
import { seedSchools, startTestSender } from '../helpers/testBot.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

const deadline = endOfDay('2026-12-10');

describe('dueReminders', () => {
  const campaign = (schools: ReminderCampaign['schools']): ReminderCampaign[] => [
    { id: 1, title: 'Анкета', deadline, reminderDays: [3, 1, -1], schools },
  ];

  it('nothing before the first reminder, then the due offset for every pending school', () => {
    const schools = [
      { schoolId: 1, remindersSent: [] },
      { schoolId: 2, remindersSent: [] },
    ];
    expect(dueReminders(campaign(schools), new Date('2026-12-07T06:59:00Z'))).toEqual([]);
    expect(
      dueReminders(campaign(schools), new Date('2026-12-07T07:00:00Z')).map((r) => [r.schoolId, r.offset, r.keys]),
    ).toEqual([
      [1, 3, ['3@2026-12-10T20:59:59.999Z']],
      [2, 3, ['3@2026-12-10T20:59:59.999Z']],
    ]);
  });

  it('once per offset; after downtime only the latest one is sent, the missed ones are recorded', () => {
    const sent3 = [{ schoolId: 1, remindersSent: ['3@2026-12-10T20:59:59.999Z'] }];
    expect(dueReminders(campaign(sent3), new Date('2026-12-08T12:00:00Z'))).toEqual([]);
    const none = [{ schoolId: 1, remindersSent: [] }];
    expect(
      dueReminders(campaign(none), new Date('2026-12-09T12:00:00Z')).map((r) => [r.offset, r.keys.length]),
    ).toEqual([[1, 2]]);
  });

  it('«days left» reminders are not sent once the deadline passed; late ones are, within two days', () => {
    const none = [{ schoolId: 1, remindersSent: [] }];
    expect(dueReminders(campaign(none), new Date('2026-12-11T08:00:00Z')).map((r) => r.offset)).toEqual([-1]);
    const sent = [{ schoolId: 1, remindersSent: ['3@2026-12-10T20:59:59.999Z', '1@2026-12-10T20:59:59.999Z'] }];
    expect(dueReminders(campaign(sent), new Date('2026-12-20T08:00:00Z')).map((r) => [r.offset, r.keys])).toEqual([
      [null, ['-1@2026-12-10T20:59:59.999Z']],
    ]);
  });
});

describe('the reminder scheduler', () => {
  let db: TestDatabase;
  let services: Services;
  let tg: BotApiServer;
  let scheduler: SchedulerHandle;
  let sender: OutboxSender;
  const clock = testClock('2026-11-25T09:00:00Z');
  let campaignId: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    services = testServices(db, { now: clock.now });
    tg = await startBotApiServer();
    await seedSchools(services);
    await registerPerson(services, 401, 'director', { school: 'sch710001' }, 'Анна'); // will submit
    await registerPerson(services, 402, 'director', { school: 'sch710002' }, 'Вера');
    await registerPerson(services, 403, 'director', { school: 'sch710002' }, 'Вениамин'); // Vera's deputy
    await registerPerson(services, 404, 'director', { school: 'sch670001' }, 'Галина');
    await registerPerson(services, 405, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
    campaignId = (await launchFor(services, 'failure-prevention', { deadline })).campaignId;
    // Reminders go through the outbox; here its sender delivers them before tick() returns.
    sender = await startTestSender(db.prisma, tg, clock.now);
    await sender.drain(); // the launch's invitations
    scheduler = startScheduler({ services, now: clock.now, intervalMs: 3_600_000, onQueued: () => sender.drain() });
    // Anna's school submits: it is never reminded.
    const anna = actorOf((await services.people.find({ id: 401, first_name: 'Анна' }))!);
    await services.forms.save(anna, campaignId, '1', true);
    expect((await services.forms.submit(anna, campaignId)).ok).toBe(true);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await sender?.stop();
    await tg?.close();
    await db?.close();
  });

  const remindersSince = (seq: number) =>
    tg
      .callsOf('sendMessage')
      .filter((call) => call.seq > seq)
      .map((call) => [call.payload.chat_id as number, call.payload.text as string]);
  const lastSeq = () => tg.calls.at(-1)?.seq ?? 0;

  it('reminds only the responders of schools that have not submitted, 3 days before, once', async () => {
    expect(await scheduler.tick()).toEqual({ reminded: 0, queued: 0 });
    clock.set('2026-12-07T07:05:00Z');
    const before = lastSeq();
    expect(await scheduler.tick()).toEqual({ reminded: 2, queued: 3 });
    const sent = remindersSince(before);
    expect(sent.map(([chat]) => chat).sort()).toEqual([402, 403, 404]);
    expect(sent[0]![1]).toBe(
      'Напоминание: анкета «Профилактика учебной неуспешности» ждёт ответов до 10.12.2026 — осталось 3 дня. Нажмите «Заполнить», чтобы продолжить с того места, где остановились.',
    );
    const message = tg.callsOf('sendMessage').at(-1)!.response as { result: Message };
    expect(message.result.reply_markup!.inline_keyboard[0]![0]).toMatchObject({
      text: 'Заполнить',
      callback_data: `form:open:${campaignId}`,
    });
    clock.advance(3_600_000);
    expect(await scheduler.tick()).toMatchObject({ reminded: 0 });
  });

  it('1 day before and the day after, for the late ones', async () => {
    clock.set('2026-12-09T08:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ reminded: 2, queued: 3 });
    clock.set('2026-12-11T08:00:00Z');
    const before = lastSeq();
    expect(await scheduler.tick()).toMatchObject({ reminded: 2, queued: 3 });
    expect(remindersSince(before)[0]![1]).toBe(
      'Срок сдачи анкеты «Профилактика учебной неуспешности» прошёл 10.12.2026, а анкета вашей школы ещё не отправлена. Пожалуйста, заполните и отправьте её как можно скорее.',
    );
    expect(await scheduler.tick()).toMatchObject({ reminded: 0 });
  });

  it('a new deadline re-arms the reminders; a closed campaign reminds nobody', async () => {
    await services.campaigns.extend(CLI_ACTOR, campaignId, endOfDay('2026-12-18'));
    expect(await scheduler.tick()).toMatchObject({ reminded: 0 });
    clock.set('2026-12-15T07:30:00Z');
    expect(await scheduler.tick()).toMatchObject({ reminded: 2, queued: 3 });
    await services.campaigns.close(CLI_ACTOR, campaignId);
    clock.set('2026-12-17T07:30:00Z');
    expect(await scheduler.tick()).toMatchObject({ reminded: 0 });
  });
});
