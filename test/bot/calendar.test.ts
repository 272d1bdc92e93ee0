// The monitoring calendar (issue 13 §3): in October the coordinator is told «пора запускать
// «Контекстные данные ОУ»» once; one tap launches it for every school and invites the directors.
// In June the final monitoring goes to the ШНОР list, and without a list the tap explains why not.
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
    expect(await calendarPass(h.services, h.bot.api)).toEqual({ sent: 2, failed: 0 });
    const notice = h.tg.messagesIn(COORDINATOR).find((m) => m.text?.includes('«Контекстные данные ОУ»'));
    expect(notice!.text).toContain('Пора запускать «Контекстные данные ОУ»');
    expect(notice!.text).toContain('до 31.10.2026');
    expect(await calendarPass(h.services, h.bot.api)).toEqual({ sent: 0, failed: 0 });

    const calls = await h.driver.click({ id: COORDINATOR, is_bot: false, first_name: 'Борис' }, notice!, 'Запустить');
    const texts = calls.filter((c) => c.method === 'sendMessage').map((c) => [c.payload.chat_id, c.payload.text]);
    expect(texts.find(([chat]) => chat === COORDINATOR)![1]).toContain('Запущено: «Контекстные данные ОУ» — школ 2');
    expect(texts.find(([chat]) => chat === DIRECTOR)![1]).toContain(
      'Координатор запустил мониторинг «Контекстные данные ОУ»',
    );
    expect(await h.services.deps.prisma.campaign.count()).toBe(1);
  });

  it('June: the final monitoring is for the ШНОР list; without a list the tap explains', async () => {
    h.clock.set('2026-06-02T07:00:00Z');
    h.tg.clear();
    await calendarPass(h.services, h.bot.api);
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
});
