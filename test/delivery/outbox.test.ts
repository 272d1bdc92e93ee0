/**
 * The outbox with the real services, sender and a local Bot API server: invitations are written
 * with the launch, the same request twice makes one campaign, 403 is recorded per recipient and
 * named in the coordinator's summary, a 429 is waited out (retry_after) and the message then
 * delivered once, and a row cut by a crash while sending is never resent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/services/index.ts';
import { registerPerson } from '../helpers/campaigns.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

describe('the outbox', () => {
  let h: TestBot;
  beforeAll(async () => {
    h = await startTestBot();
    await seedSchools(h.services);
    await registerPerson(h.services, 501, 'director', { school: 'sch710001' }, 'Анна');
    await registerPerson(h.services, 502, 'director', { school: 'sch710002' }, 'Вера');
    await registerPerson(h.services, 503, 'director', { school: 'sch710002' }, 'Вениамин');
    await registerPerson(h.services, 505, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
  });
  afterAll(async () => h?.close());

  it('launch: one campaign per request, invitations delivered once, 403 recorded and reported', async () => {
    const boris = actorOf((await h.services.people.find({ id: 505, first_name: 'Борис' }))!);
    const list = await h.services.questionnaires.list(boris);
    const request = {
      questionnaireVersionId: list[0]!.versionId,
      schools: 'all' as const,
      deadline: new Date(h.clock.now().getTime() + 10 * 86_400_000),
    };
    h.tg.blockBot(503);
    const seq = h.tg.calls.at(-1)?.seq ?? 0;
    const first = await h.services.campaigns.launch(boris, request);
    expect(first).toMatchObject({ alreadyLaunched: false, queued: 3 });
    const again = await h.services.campaigns.launch(boris, request);
    expect(again).toMatchObject({ alreadyLaunched: true, queued: 0, campaignId: first.campaignId });
    expect(await h.db.prisma.campaign.count()).toBe(1);
    expect(await h.db.prisma.outboxMessage.count({ where: { kind: 'campaign.invitation' } })).toBe(3);

    await h.sender.drain();
    await h.sender.drain(); // the summary queued by the first pass
    const invitations = h.tg
      .callsOf('sendMessage')
      .filter((call) => call.seq > seq && String(call.payload.text).startsWith('Координатор запустил'))
      .sort((a, b) => a.payload.chat_id - b.payload.chat_id);
    expect(invitations.map((call) => [call.payload.chat_id, call.response?.ok])).toEqual([
      [501, true],
      [502, true],
      [503, false],
    ]);
    const rows = await h.db.prisma.outboxMessage.findMany({
      where: { kind: 'campaign.invitation' },
      orderBy: { chatId: 'asc' },
    });
    expect(rows.map((row) => [Number(row.chatId), row.state])).toEqual([
      [501, 'sent'],
      [502, 'sent'],
      [503, 'blocked'],
    ]);
    expect(rows[2]!.error).toContain('blocked');
    const summary = h.tg.callsOf('sendMessage').find((call) => call.payload.chat_id === 505)!;
    expect(summary.payload.text).toContain('доставлено 2 из 3');
    expect(summary.payload.text).toContain('Не доставлено — бот заблокирован (1): Воскресенская СОШ');
    // Drained again: nothing is sent twice.
    h.tg.clear();
    await h.sender.drain();
    expect(h.tg.callsOf('sendMessage')).toEqual([]);
  });

  it('a row left «sending» by a crash becomes «unknown» at the next start and is not sent again', async () => {
    await h.sender.stop();
    const row = await h.db.prisma.outboxMessage.create({
      data: {
        dedupeKey: 'test:cut-by-crash',
        chatId: 501n,
        kind: 'campaign.reopened',
        payload: { kind: 'campaign.reopened', campaignId: 1, title: 'Анкета' },
        state: 'sending',
      },
    });
    h.tg.clear();
    const sender = await h.startSender(); // the next start's: recovers what the crash cut
    h.sender = sender;
    await sender.drain();
    expect((await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).state).toBe('unknown');
    expect(h.tg.callsOf('sendMessage')).toEqual([]);
  });

  it('429 Too Many Requests: the sender waits retry_after, then delivers the message once', async () => {
    const row = await h.db.prisma.outboxMessage.create({
      data: {
        dedupeKey: 'test:after-429',
        chatId: 502n,
        kind: 'campaign.reopened',
        payload: { kind: 'campaign.reopened', campaignId: 1, title: 'Анкета' },
        nextAt: h.clock.now(),
      },
    });
    h.tg.clear();
    h.tg.failNext('sendMessage', { error_code: 429, retry_after: 2 });
    h.sender.kick();
    await h.sender.drain();
    const calls = h.tg.callsOf('sendMessage');
    expect(calls.map((call) => [call.payload.chat_id, call.response?.ok])).toEqual([
      [502, false],
      [502, true],
    ]);
    // honoured: the second try came no sooner than retry_after
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1_900);
    const stored = await h.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect([stored.state, stored.attempts]).toEqual(['sent', 1]);
  });
});
