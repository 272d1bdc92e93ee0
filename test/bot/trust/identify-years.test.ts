/**
 * Issue 10 «Identification runs»: a run for an explicit past year is a look into that year and
 * never replaces the current lists or their history; future years and years without data are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, user } from '../../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2001, 'Борис');

let h: TestBot;
let scope = { kind: 'municipality' as const, regionId: 0, municipalityId: 0 };
beforeAll(async () => {
  h = await startTestBot();
  const seeded = await seedSchools(h.services);
  scope = { kind: 'municipality', regionId: seeded.region.id, municipalityId: seeded.dubna.id };
  const prisma = h.services.deps.prisma;
  // sch710001 is low in 2023/2024 only, sch710002 in 2024/2025 only.
  const rows: [string, string, number][] = [
    ['sch710001', '2023/2024', 15],
    ['sch710001', '2024/2025', 1],
    ['sch710002', '2023/2024', 1],
    ['sch710002', '2024/2025', 15],
  ];
  for (const [code, year, failed] of rows) {
    const school = await prisma.school.findUniqueOrThrow({ where: { code } });
    for (const subject of ['Математика', 'Русский язык']) {
      await prisma.assessmentResult.create({
        data: { schoolId: school.id, year, kind: 'VPR', subject, grade: 5, participants: 30, failed },
      });
    }
  }
  await h.driver.send(command(admin, '/start'));
  const adminPerson = await h.services.people.find(admin);
  const invite = await h.services.invites.create(
    { userId: adminPerson!.userId, role: 'admin', scope: { kind: 'all' } },
    { role: 'coordinator', scope: { kind: 'municipality', name: 'Дубенский район' } },
  );
  await h.driver.send(command(coordinator, '/start', invite.code));
});
afterAll(async () => h?.close());

const run = async (year?: string) => sentTexts(await h.driver.send(command(coordinator, '/identify', year))).join('\n');

describe('identification for a chosen year', () => {
  it('a past year is a look: the current list, /status and the next plain run are untouched', async () => {
    const current = await run();
    expect(current).toContain('sch710002');
    const look = await run('2023/2024');
    expect(look).toContain('Просмотр за 2023/2024');
    expect(look).toContain('sch710001');
    expect(look).not.toContain('вошли');

    const status = sentTexts(await h.driver.send(command(coordinator, '/status', 'sch710001'))).join('\n');
    // the verdicts and the history are the current year's; the look left no trace in them
    expect(status).toContain('данные 2024/2025');
    expect(status).not.toMatch(/данные 2023\/2024|\(2023\/2024\)/);
    const committeeView = await h.services.identification.latest({
      userId: null,
      role: 'committee',
      scope,
    });
    expect(committeeView.runs.every((r) => r.year === '2024/2025')).toBe(true);

    const again = await run();
    expect(again).toContain('перечень не изменился');
    expect(again).not.toContain('вошли');
    expect(again).not.toContain('вышли');
  });

  it('a future year and a year without data are refused with the years that have data', async () => {
    const before = await h.services.deps.prisma.identificationRun.count();
    for (const year of ['2030', '2019/2020']) {
      const text = await run(year);
      expect(text).toContain('нет данных');
      expect(text).toContain('2023/2024, 2024/2025');
    }
    expect(await h.services.deps.prisma.identificationRun.count()).toBe(before);
  });
});
