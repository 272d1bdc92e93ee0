/**
 * Issue 10 «Identification runs»: a run for an explicit past year is a look into that year and
 * never replaces the current lists or their history; future years and years without data are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, documentMessage, groupChat, groupCommand, user } from '../../support/updates.ts';
import { writeRoadmapWorkbook } from '../../../src/files/xlsx/write/roadmapTemplate.ts';
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

  it("the ШНОР list a roadmap fans out to and the digest's lists are the current ones, not the look", async () => {
    // the latest run is the look into 2023/2024 (sch710001); the current list is sch710002 alone
    await run('2023/2024');
    const file = h.tg.registerFile(
      await writeRoadmapWorkbook({
        rows: [['1.', 'Программа перехода в эффективный режим', 'до 1 декабря 2026', 'каждая школа из перечня', '']],
      }),
      { fileName: 'Дорожная карта.xlsx' },
    );
    expect(sentTexts(await h.driver.send(documentMessage(coordinator, file))).join('\n')).toContain(
      'по перечню ШНОР разнесено 1',
    );
    const card = async (code: string) =>
      sentTexts(await h.driver.send(command(coordinator, '/status', code))).join('\n');
    expect(await card('sch710002')).toContain('🗺 Дорожная карта «Дорожная карта»: выполнено 0 из 1');
    expect(await card('sch710001')).toContain('🗺 Дорожная карта: мероприятий, адресованных школе, нет.');

    const group = groupChat(-4_000_000_701, 'Комитет Дубна');
    await h.driver.send(groupCommand(coordinator, '/digest', 'here', { chat: group }));
    const digest = sentTexts(
      await h.driver.send(groupCommand(coordinator, '/digest', undefined, { chat: group })),
    ).join('\n');
    expect(digest).toContain('ШНОР (методика ФИОКО): сейчас 1 школа\n+ вошли 1: Воскресенская СОШ\n');
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
