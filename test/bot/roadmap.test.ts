// /roadmap through the real bot (issue 13 §2 acceptance): the seed 001 example imported,
// an item marked done in chat shows on /roadmap, in the group's /roadmap and in the next digest.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/services/index.ts';
import { sentTexts } from '../support/botDriver.ts';
import { command, documentMessage, groupChat, groupCommand, user } from '../support/updates.ts';
import { writeRoadmapWorkbook } from '../../src/files/xlsx/write/roadmapTemplate.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

const darya = user(2301, 'Дарья');
const director = user(3301, 'Вера');
const committeeGroup = groupChat(-4_000_000_301, 'Комитет Ельня');
let h: TestBot;

beforeAll(async () => {
  h = await startTestBot();
  const { region, yelnya } = await seedSchools(h.services);
  const prisma = h.services.deps.prisma;
  await prisma.user.create({
    data: {
      telegramId: BigInt(darya.id),
      firstName: 'Дарья',
      role: 'coordinator',
      regionId: region.id,
      municipalityId: yelnya.id,
    },
  });
  const school = await prisma.school.findUniqueOrThrow({ where: { code: 'sch670001' } });
  await prisma.user.create({
    data: {
      telegramId: BigInt(director.id),
      firstName: 'Вера',
      role: 'director',
      regionId: region.id,
      schoolId: school.id,
    },
  });
  h.clock.set('2026-10-05T09:00:00Z');
  const person = await h.services.people.find(darya);
  const bytes = new Uint8Array(await readFile(new URL('../../examples/roadmap-seed001.xlsx', import.meta.url)));
  const outcome = await h.services.roadmaps.importFile(actorOf(person!), bytes, 'roadmap-seed001.xlsx');
  expect(outcome.ok).toBe(true);
  await h.driver.send(groupCommand(darya, '/digest', 'here', { chat: committeeGroup }));
});
afterAll(async () => h?.close());

const text = async (update: Parameters<TestBot['driver']['send']>[0]) =>
  sentTexts(await h.driver.send(update)).join('\n');

describe('/roadmap', () => {
  it('shows progress by section and what is due; marking done shows there and in the digest', async () => {
    const before = await text(command(darya, '/roadmap'));
    // the roadmap is named by its own title (seed 001, Приложение № 2, printed over two lines under the
    // «Приложение № 2» stamp), not by the file's name
    expect(before).toContain(
      'Дорожная карта «План мероприятий (дорожная карта) по реализации Комплекса мер по работе со школами с низкими результатами обучения и школ, функционирующими в неблагоприятных социальных условиях в Ельнинском районе Смоленской области на 2019–2021 гг.» (Ельнинский район): выполнено 0 из 24',
    );
    expect(before).not.toContain('roadmap-seed001');
    expect(before).toContain(': 0 из 24');
    const items = (await h.services.roadmaps.mine(actorOf((await h.services.people.find(darya))!)))[0]!.items;
    const id = items.find((item) => item.number === '3.')!.id;

    expect(await text(command(darya, '/roadmap', `done ${id}`))).toContain('Добавьте комментарий');
    expect(await text(command(darya, '/roadmap', `done ${id} Перечень утверждён приказом № 12`))).toContain(
      'Отмечено выполненным: 3. «Идентификация образовательных организаций со стабильно низкими результатами»',
    );
    expect(await text(command(darya, '/roadmap'))).toContain('выполнено 1 из 24');
    expect(await text(groupCommand(darya, '/roadmap', undefined, { chat: committeeGroup }))).toContain(
      'выполнено 1 из 24',
    );
    expect(await text(command(director, '/roadmap'))).toContain('доступна координаторам');

    h.clock.set('2026-10-12T06:30:00Z'); // the next Monday, 09:30 Moscow
    const digest = await text(groupCommand(darya, '/digest', undefined, { chat: committeeGroup }));
    expect(digest).toContain('выполнено 1 из 24');
    expect(digest).toContain('Выполнено за неделю (1):');
    expect(await text(command(darya, '/roadmap', `reopen ${id}`))).toContain('Возвращено в работу');
  });

  it('a roadmap .xlsx sent in chat is recognised and imported; a bad one is refused row by row', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../../examples/roadmap-seed000.xlsx', import.meta.url)));
    const good = h.tg.registerFile(bytes, { fileName: 'roadmap-seed000.xlsx' });
    expect(await text(documentMessage(darya, good))).toContain(
      'Загружена дорожная карта «Раздел III. Комплекс мероприятий по реализации Программы» (Ельнинский район): строк 26, мероприятий 21',
    );
    // the coordinator's /status overview names the roadmap just loaded, with its progress
    const overview = await text(command(darya, '/status'));
    expect(overview).not.toContain('Дорожные карты не загружены');
    expect(overview).toContain('«Раздел III. Комплекс мероприятий по реализации Программы»: выполнено 0 из 21');
    const bad = h.tg.registerFile(
      await writeRoadmapWorkbook({ rows: [['1.', 'Совещание', 'когда-нибудь', 'Комитет', '']] }),
      { fileName: 'плохая.xlsx' },
    );
    const refused = await text(documentMessage(darya, bad));
    expect(refused).toContain('Дорожная карта не загружена, ничего не записано');
    expect(refused).toContain('«когда-нибудь» не распознан');
    expect(refused).toMatch(/строка 2/i);
  });

  it("a coordinator's /status overview shows the roadmap of their own municipality's region", async () => {
    // a municipality whose region is not the configured one (REGION_NAME): /roadmap and the digest
    // read the coordinator's own region, and so must the overview (QA: «Дорожные карты не загружены»)
    const prisma = h.services.deps.prisma;
    const tula = await prisma.region.create({ data: { name: 'Тульская область' } });
    const odoev = await prisma.municipality.create({ data: { regionId: tula.id, name: 'Одоевский район' } });
    await prisma.school.create({
      data: {
        code: 'sch710101',
        municipalityId: odoev.id,
        fullName: 'МБОУ «Одоевская СОШ»',
        shortName: 'Одоевская СОШ',
        type: 'СОШ',
        settlement: 'п. Одоев',
        rural: true,
      },
    });
    const olga = user(2302, 'Ольга');
    await prisma.user.create({
      data: {
        telegramId: BigInt(olga.id),
        firstName: 'Ольга',
        role: 'coordinator',
        regionId: tula.id,
        municipalityId: odoev.id,
      },
    });
    const bytes = new Uint8Array(await readFile(new URL('../../examples/roadmap-seed000.xlsx', import.meta.url)));
    const file = h.tg.registerFile(bytes, { fileName: 'roadmap-seed000.xlsx' });
    expect(await text(documentMessage(olga, file))).toContain('(Одоевский район): строк 26, мероприятий 21');
    expect(await text(command(olga, '/roadmap'))).toContain('выполнено 0 из 21');
    const overview = await text(command(olga, '/status'));
    expect(overview).not.toContain('Дорожные карты не загружены');
    expect(overview).toContain('«Раздел III. Комплекс мероприятий по реализации Программы»: выполнено 0 из 21');
    expect(overview).toContain('просрочено 21');
  });
});
