// The monitoring calendar (issue 13 §3): in October the coordinator is told «пора запускать
// «Контекстные данные ОУ»» once; one tap launches it for every school and invites the directors,
// each once. In June the final monitoring goes to the ШНОР list, and without a list the tap
// explains why not. Notices go through the outbox (issue 9): recorded and queued together, a
// coordinator who blocked the bot is recorded as such.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarPass } from '../../src/scheduler/calendar.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

const COORDINATOR = 2401;
const DIRECTOR = 3401;
let h: TestBot;

beforeAll(async () => {
  h = await startTestBot();
  const { region, dubna } = await seedSchools(h.services);
  const prisma = h.services.deps.prisma;
  await prisma.user.create({
    data: {
      telegramId: BigInt(COORDINATOR),
      firstName: 'Борис',
      role: 'coordinator',
      regionId: region.id,
      municipalityId: dubna.id,
    },
  });
  const school = await prisma.school.findUniqueOrThrow({ where: { code: 'sch710001' } });
  await prisma.user.create({
    data: {
      telegramId: BigInt(DIRECTOR),
      firstName: 'Вера',
      role: 'director',
      regionId: region.id,
      schoolId: school.id,
    },
  });
});
afterAll(async () => h?.close());

describe('«пора запускать …»', () => {
  it('October: the risk-zone survey, once; one tap launches it for all schools of the scope', async () => {
    h.clock.set('2026-10-05T07:00:00Z');
    h.tg.clear();
    // October names two built-in forms: «Контекстные данные ОУ» and the school passport.
    expect(await calendarPass(h.services)).toEqual({ notices: 2, reminders: 0, messages: 2 });
    await h.sender.drain();
    expect(h.tg.messagesIn(COORDINATOR)).toHaveLength(2);
    const notice = h.tg.messagesIn(COORDINATOR).find((m) => m.text?.includes('«Контекстные данные ОУ»'));
    expect(notice!.text).toContain('Пора запускать «Контекстные данные ОУ»');
    expect(notice!.text).toContain('до 31.10.2026');
    expect(await calendarPass(h.services)).toEqual({ notices: 0, reminders: 0, messages: 0 });
    await h.sender.drain();
    expect(h.tg.messagesIn(COORDINATOR)).toHaveLength(2);

    const calls = await h.driver.click({ id: COORDINATOR, is_bot: false, first_name: 'Борис' }, notice!, 'Запустить');
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => [c.payload.chat_id, c.payload.text]);
    expect(texts.find(([chat]) => chat === COORDINATOR)![1]).toMatch(
      /^Мониторинг № 1 «Контекстные данные ОУ» запущен: школ — 2, срок — до 31\.10\.2026/,
    );
    // one invitation (the launch's outbox rows), not a second one sent by the button's handler
    const invitations = texts.filter(([chat]) => chat === DIRECTOR);
    expect(invitations).toHaveLength(1);
    expect(invitations[0]![1]).toContain('Координатор запустил мониторинг «Контекстные данные ОУ»');
    expect(await h.services.deps.prisma.campaign.count()).toBe(1);
  });

  it('June: the final monitoring is for the ШНОР list; without a list the tap explains', async () => {
    h.clock.set('2026-06-02T07:00:00Z');
    h.tg.clear();
    await calendarPass(h.services);
    await h.sender.drain();
    const texts = h.tg.messagesIn(COORDINATOR).map((m) => m.text ?? '');
    const final = h.tg.messagesIn(COORDINATOR).find((m) => m.text?.includes('«Итоговый мониторинг'))!;
    expect(final.text).toContain('для школ из перечня ШНОР');
    expect(texts.some((text) => text.includes('Пора запускать «Профилактика учебной неуспешности»'))).toBe(true);
    const calls = await h.driver.click({ id: COORDINATOR, is_bot: false, first_name: 'Борис' }, final, 'Запустить');
    expect(
      calls
        .filter((c) => c.method === 'sendMessage')
        .map((c) => c.payload.text)
        .join(),
    ).toContain('Перечня ШНОР пока нет');
  });

  it('a coordinator who blocked the bot: the notice is recorded as blocked, not retried, not sent twice', async () => {
    h.clock.set('2026-10-05T07:00:00Z');
    const prisma = h.services.deps.prisma;
    const region = await prisma.region.findFirstOrThrow();
    const blocked = await prisma.user.create({
      data: { telegramId: 2402n, firstName: 'Глеб', role: 'coordinator', regionId: region.id, municipalityId: null },
    });
    h.tg.blockBot(2402);
    h.tg.clear();
    expect((await calendarPass(h.services)).notices).toBeGreaterThan(0);
    await h.sender.drain();
    const rows = await prisma.outboxMessage.findMany({ where: { chatId: 2402n } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.kind === 'calendar.notice' && row.state === 'blocked')).toBe(true);
    expect(await prisma.calendarNotice.count({ where: { userId: blocked.id } })).toBe(rows.length);
    await calendarPass(h.services);
    await h.sender.drain();
    expect(await prisma.outboxMessage.count({ where: { chatId: 2402n } })).toBe(rows.length);
    expect(h.tg.callsOf('sendMessage').filter((call) => call.payload.chat_id === 2402)).toHaveLength(rows.length);
  });
});
