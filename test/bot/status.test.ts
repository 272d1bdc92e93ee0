// /status through the real bot against the local Bot API server, on the district dataset
// (issue #12 acceptance: «/status воскресенск» finds the school; the card and its chart arrive;
// a director sees their own school).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, user } from '../support/updates.ts';
import { DISTRICT, loadDistrict, loadDistrictRoadmap, NEIGHBOUR, SCHOOLS } from '../helpers/districtDataset.ts';
import { startTestBot, type TestBot } from '../helpers/testBot.ts';

const coordinator = user(2001, 'Борис');
const committee = user(2101, 'Галина');
const director = user(3001, 'Вера');
const neighbourCoordinator = user(2002, 'Дарья');

let h: TestBot;

beforeAll(async () => {
  h = await startTestBot();
  h.clock.set('2024-01-10T09:00:00Z');
  const district = await loadDistrict(h.services, h.clock);
  await loadDistrictRoadmap(h.services, h.clock);
  const prisma = h.services.deps.prisma;
  const region = await prisma.region.findFirstOrThrow();
  const neighbour = await prisma.municipality.findFirstOrThrow({ where: { name: NEIGHBOUR } });
  const person = (
    who: typeof coordinator,
    data: { role: 'coordinator' | 'committee' | 'director'; municipalityId?: number; schoolId?: number },
  ) =>
    prisma.user.create({
      data: { telegramId: BigInt(who.id), firstName: who.first_name, regionId: region.id, ...data },
    });
  await person(coordinator, { role: 'coordinator', municipalityId: district.districtId });
  await person(committee, { role: 'committee', municipalityId: district.districtId });
  await person(director, { role: 'director', schoolId: district.ids.D1 });
  await person(neighbourCoordinator, { role: 'coordinator', municipalityId: neighbour.id });
}, 120_000);
afterAll(async () => h?.close());

const PNG = [0x89, 0x50, 0x4e, 0x47];

function photoOf(calls: Awaited<ReturnType<TestBot['driver']['send']>>) {
  const photos = calls.filter((call) => call.method === 'sendPhoto');
  expect(photos).toHaveLength(1);
  const file = photos[0]!.files![0]!;
  return { caption: photos[0]!.payload.caption as string, bytes: new Uint8Array(file.bytes) };
}

describe('/status', () => {
  it('«/status воскресенск» finds the school; the card and its chart arrive', async () => {
    const calls = await h.driver.send(command(committee, '/status', 'воскресенск'));
    const [card] = sentTexts(calls);
    expect(card!.length).toBeLessThanOrEqual(4096);
    expect(card).toContain(`🏫 Воскресенская СОШ (sch710001), ${DISTRICT}`);
    expect(card).toContain('🔴 ШНОР (методика ФИОКО) — входит в перечень (данные 2023/2024');
    expect(card).toContain('• ОГЭ по математике, 2023/2024: не справились 6 из 20 — 30 % (порог 30 %)');
    expect(card).toContain('📋 Официальный перечень ШНОР 2023/2024: входит (приказ № 112 от 02.09.2024)');
    // latest year against the previous: ОГЭ математика 30 % (6 of 20) after 20 % (4 of 20)
    expect(card).toContain('ОГЭ, Математика: 30 % ↑ (было 20 %, 2022/2023), средний балл 12');
    expect(card).toContain('ОГЭ, Русский язык: 20 % ↑ (было 10 %, 2022/2023), средний балл 22');
    expect(card).toContain('✅ «Профилактика учебной неуспешности» — отправлена');
    expect(card).toContain('✅ «Итоговый мониторинг');
    // 002-1 for the school: (4+6+0+4+2) / (20+20+10+28+28) = 16 / 106
    expect(card).toContain('002-1 Доля обучающихся');
    // only procedures of the school's latest year are compared; a share over one school is not shown
    expect(card).not.toContain('4 класс');
    expect(card).not.toContain('000-E.1');
    expect(card).toContain('15,09 % (16 из 106) (цель не более 5 %)');
    expect(card).toMatch(/\d\d\.\d\d\.\d{4}, \d\d:\d\d — вошла: ШНОР \(методика ФИОКО\) \(2022\/2023\)/);
    // the roadmap items addressed to the school (test/helpers/districtDataset.ts loadDistrictRoadmap)
    expect(card).toContain(
      '🗺 Дорожная карта «Дорожная карта 2024»: выполнено 1 из 3 мероприятий · в работе 1 · просрочено 1',
    );
    expect(card).toContain('⏰ 5. Участие в семинаре по объективности оценивания — срок 31.01.2024');
    const photo = photoOf(calls);
    expect(photo.caption).toContain('Воскресенская СОШ: доля «2»');
    expect([...photo.bytes.subarray(0, 4)]).toEqual(PNG);
    expect(photo.bytes.length).toBeGreaterThan(10_000);
    if (process.env.KURATOR_KEEP_CHART) writeFileSync(process.env.KURATOR_KEEP_CHART, photo.bytes);
  });

  it('finds by code without «sch» and by words with a typo («СОШ 2 Дубна», «воскресеская»)', async () => {
    const byCode = sentTexts(await h.driver.send(command(coordinator, '/status', '710003')))[0];
    expect(byCode).toContain('Протасовская ООШ (sch710003)');
    const byWords = sentTexts(await h.driver.send(command(coordinator, '/status', 'СОШ 2 Дубна')))[0];
    expect(byWords).toContain('Дубенская СОШ № 2 (sch710002)');
    const typo = sentTexts(await h.driver.send(command(coordinator, '/status', 'воскресеская')))[0];
    expect(typo).toContain('Воскресенская СОШ (sch710001)');
  });

  it('several matches come as buttons, and a button opens the card', async () => {
    const calls = await h.driver.send(command(coordinator, '/status', 'дубенская'));
    const message = sentMessages(calls)[0]!;
    expect(message.text).toBe('По запросу «дубенская» найдены 2 школы. Выберите:');
    const buttons = message.reply_markup!.inline_keyboard.flat().map((button) => button.text);
    expect(buttons).toEqual([`${SCHOOLS.D4.name} (sch710004)`, `${SCHOOLS.D2.name} (sch710002)`]);
    const opened = await h.driver.click(coordinator, message, /sch710004/);
    expect(sentTexts(opened)[0]).toContain('Дубенская СОШ № 1 (sch710004)');
    expect(sentTexts(opened)[0]).toContain('📋 Официальный перечень ШНОР 2023/2024: не входит');
    expect(opened.filter((call) => call.method === 'sendPhoto')).toHaveLength(1);
  });

  it('a director sees their own school with /status', async () => {
    const calls = await h.driver.send(command(director, '/status'));
    expect(sentTexts(calls)[0]).toContain('🏫 Воскресенская СОШ (sch710001)');
    expect(photoOf(calls).bytes.length).toBeGreaterThan(10_000);
    const other = await h.driver.send(command(director, '/status', 'sch710002'));
    expect(sentTexts(other)).toEqual([
      'Школы «sch710002» нет в вашей зоне. Пришлите код (sch710102 или 710102) или часть названия, например: /status воскресенск',
    ]);
  });

  it('bad input gets a specific message, never an empty card', async () => {
    const unknown = await h.driver.send(command(coordinator, '/status', 'гимназия 99'));
    expect(sentTexts(unknown)).toEqual([
      'Школы «гимназия 99» нет в вашей зоне. Пришлите код (sch710102 или 710102) или часть названия, например: /status воскресенск',
    ]);
    const foreign = await h.driver.send(command(coordinator, '/status', 'sch670001'));
    // a school of another municipality is answered like an unknown one (its existence is not revealed)
    expect(sentTexts(foreign)[0]).toContain('Школы «sch670001» нет в вашей зоне.');
    const foreignName = await h.driver.send(command(coordinator, '/status', 'ельнинская'));
    expect(sentTexts(foreignName)[0]).toContain('Школы «ельнинская» нет в вашей зоне.');
    // a school without any results: no chart, and the card says so
    const neighbour = await h.driver.send(command(neighbourCoordinator, '/status', 'sch670002'));
    expect(sentTexts(neighbour)[0]).toContain('Ельнинская СОШ № 2 (sch670002)');
    expect(sentTexts(neighbour)[0]).toContain('Школа ещё не попадала ни в один запуск идентификации.');
  });

  it('/status alone is the overview of the scope: counts, attention first, campaigns, indicators vs targets', async () => {
    const calls = await h.driver.send(command(committee, '/status'));
    const text = sentTexts(calls)[0]!;
    expect(text).toContain(`📊 ${DISTRICT}: 5 школ`);
    expect(text).toContain('• ШНОР (методика ФИОКО), 2023/2024: 2 из 5');
    expect(text).toContain('• Школы в зоне риска снижения результатов, 2023/2024: 2 из 5');
    expect(text).toContain('«Профилактика учебной неуспешности» — 3 из 5');
    expect(text).toContain(
      '❌ 000-E.1 Снижение доли школ с низкими образовательными результатами … — 40 % (2 из 5) (цель до 20 %)',
    );
    // the scope's roadmap: the committee's items and every school's, the overdue ones named
    expect(text).toContain('• «Дорожная карта 2024»: выполнено 3 из 6 мероприятий · в работе 1 · просрочено 2');
    expect(text).toContain('  ⏰ 2. Разработка школьной программы повышения качества образования — срок 01.12.2023');
    expect(text).toContain('  ⏰ 5. Участие в семинаре по объективности оценивания — срок 31.01.2024');
    const schools = text.split('Школы, требующие внимания, — первыми (стр. 1 из 1):\n')[1]!.split('\n').slice(0, 5);
    // D1 is on both lists, D3 and D5 on one each, then the others
    expect(schools[0]).toMatch(/^🔴 sch710001 Воскресенская СОШ — ШНОР/);
    expect(
      schools
        .slice(1, 3)
        .map((line) => line.split(' ')[1])
        .sort(),
    ).toEqual(['sch710003', 'sch710005']);
    expect(schools[3]).toMatch(/^(🟢|⏰) sch7100/);
  });
});

describe('/report', () => {
  it('a committee member gets the .xlsx of their scope, and «/report справка» the .docx', async () => {
    const xlsx = await h.driver.send(command(committee, '/report'));
    const sent = xlsx.filter((call) => call.method === 'sendDocument');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.caption).toBe(`Отчёт — ${DISTRICT}, 2023/2024 учебный год`);
    const file = sent[0]!.files![0]!;
    expect(file.filename).toBe(`Отчёт — ${DISTRICT}, 2023-2024.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('ШНОР')!.getRow(2).getCell(1).value).toBe('sch710001');
    // «Дорожная карта»: every item of the scope with its state, the dates as dates
    const roadmap = workbook.getWorksheet('Дорожная карта')!;
    const rows: unknown[][] = [];
    roadmap.eachRow((row, number) => {
      if (number > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const states = rows.filter((row) => row[0] === 'Дорожная карта 2024').map((row) => [row[2], row[6], row[8]]);
    expect(states).toEqual([
      ['1.', 'Комитет', 'выполнено'],
      ['2.', 'Воскресенская СОШ (sch710001)', 'выполнено'],
      ['2.', 'Новопавшинская ООШ (sch710005)', 'просрочено'],
      ['3.', 'Протасовская ООШ (sch710003)', 'выполнено'],
      ['4.', 'Воскресенская СОШ (sch710001)', 'в работе'],
      ['5.', 'Воскресенская СОШ (sch710001)', 'просрочено'],
    ]);
    expect(rows.find((row) => row[2] === '3.')![5]).toEqual(new Date('2024-03-20T00:00:00Z'));
    expect(rows.flat()).toContain(
      `Дорожная карта «Дорожная карта 2024» (${DISTRICT}): выполнено 3 из 6 мероприятий · в работе 1 · просрочено 2`,
    );

    // the report still comes, and the chat says which parts have no data
    expect(sentTexts(xlsx)).toEqual([
      `Отчёт — ${DISTRICT}, 2023/2024 учебный год`,
      [
        'В отчёте 2 раздела без данных — он построен по тому, что есть:',
        '• Нет идентификации «ШНСУ (неблагоприятные социальные условия)» за 2023/2024: список не составлен (/identify 2023/2024).',
        '• Нет идентификации «Региональные показатели ШНОР» за 2023/2024: список не составлен (/identify 2023/2024).',
      ].join('\n'),
    ]);

    // the справка names who ran the identification, never the stored actor id (QA: «(user:2)»)
    const prisma = h.services.deps.prisma;
    const boris = await prisma.user.findFirstOrThrow({ where: { telegramId: BigInt(coordinator.id) } });
    await prisma.identificationRun.updateMany({ where: { method: 'fioco' }, data: { actorLabel: `user:${boris.id}` } });
    const docx = await h.driver.send(command(committee, '/report', 'справка'));
    const document = docx.filter((call) => call.method === 'sendDocument')[0]!;
    expect(document.payload.caption).toBe(`Аналитическая справка — ${DISTRICT}, 2023/2024 учебный год`);
    expect(document.files![0]!.filename).toMatch(/\.docx$/);
    expect(document.files![0]!.bytes.subarray(0, 2).toString()).toBe('PK');
    const docxPath = join(tmpdir(), `kurator-status-${process.pid}.docx`);
    writeFileSync(docxPath, document.files![0]!.bytes);
    let xml: string;
    try {
      xml = execFileSync('unzip', ['-p', docxPath, 'word/document.xml']).toString();
    } finally {
      rmSync(docxPath, { force: true });
    }
    expect(xml).toMatch(/Идентификация «ШНОР \(методика ФИОКО\)»: запуск [\d.]+, [\d:]+ \(Борис\)\./);
    expect(xml).toMatch(
      /Идентификация «Школы в зоне риска снижения результатов»: запуск [\d.]+, [\d:]+ \(автоматически после загрузки\)\./,
    );
    expect(xml).not.toMatch(/user:\d/);
  });

  it('a year with nothing stored and a director get specific messages', async () => {
    const empty = await h.driver.send(command(coordinator, '/report', '2019'));
    expect(sentTexts(empty)).toEqual([
      `За 2018/2019 по муниципалитету «${DISTRICT}» ничего не хранится: ни результатов, ни идентификации, ни анкет. Загрузите результаты за этот год или выберите другой.`,
    ]);
    // a coordinator of a municipality with no schools yet: the overview and the report say why there is nothing
    const prisma = h.services.deps.prisma;
    const region = await prisma.region.findFirstOrThrow();
    const emptyDistrict = await prisma.municipality.create({ data: { regionId: region.id, name: 'Пустой район' } });
    const lonely = user(2003, 'Егор');
    await prisma.user.create({
      data: {
        telegramId: BigInt(lonely.id),
        firstName: lonely.first_name,
        regionId: region.id,
        role: 'coordinator',
        municipalityId: emptyDistrict.id,
      },
    });
    const noSchools =
      'В муниципалитете «Пустой район» нет ни одной школы: отчёт и обзор строить не по чему. Загрузите реестр школ — пришлите .xlsx реестра в чат (шаблон: /template schools).';
    expect(sentTexts(await h.driver.send(command(lonely, '/status')))).toEqual([noSchools]);
    const report = await h.driver.send(command(lonely, '/report'));
    expect(sentTexts(report)).toEqual([noSchools]);
    expect(report.filter((call) => call.method === 'sendDocument')).toHaveLength(0);
    const refused = await h.driver.send(command(director, '/report'));
    expect(sentTexts(refused)[0]).toContain('недоступно для вашей роли');
    expect(refused.filter((call) => call.method === 'sendDocument')).toHaveLength(0);
  });
});

describe('/status overview pages', () => {
  it('a long list of schools is paginated with buttons that edit the message', async () => {
    const prisma = h.services.deps.prisma;
    const neighbour = await prisma.municipality.findFirstOrThrow({ where: { name: NEIGHBOUR } });
    for (let i = 3; i <= 17; i++)
      await prisma.school.create({
        data: {
          code: `sch6700${String(i).padStart(2, '0')}`,
          municipalityId: neighbour.id,
          fullName: `МБОУ «Ельнинская ООШ № ${i}»`,
          shortName: `Ельнинская ООШ № ${i}`,
          type: 'ООШ',
          settlement: 'г. Ельня',
          rural: false,
        },
      });
    const calls = await h.driver.send(command(neighbourCoordinator, '/status'));
    const first = sentMessages(calls)[0]!;
    expect(first.text).toContain(`📊 ${NEIGHBOUR}: 17 школ`);
    expect(first.text).toContain('Школы, требующие внимания, — первыми (стр. 1 из 2):');
    expect(first.reply_markup!.inline_keyboard.flat().map((button) => button.text)).toEqual(['Дальше ▶']);
    const next = await h.driver.click(neighbourCoordinator, first, 'Дальше ▶');
    const edited = next.find((call) => call.method === 'editMessageText')!;
    expect(edited.payload.text).toContain('(стр. 2 из 2)');
    expect((edited.payload.text as string).match(/^🟢 sch6700/gm)).toHaveLength(2);
    expect(JSON.stringify(edited.payload.reply_markup)).toContain('◀ Назад');
  });
});
