// /identify and /status through the real bot (createBot, grammY) against the local Bot API
// server, on the hand-checked ФИОКО dataset (issue #4 acceptance: the chat shows the same list as
// the CLI for the coordinator's scope, and a director cannot run it).
import ExcelJS from 'exceljs';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../src/delivery/jobs.ts';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, user } from '../support/updates.ts';
import { NORTH, SOUTH, expectedFor, loadDataset } from '../helpers/identificationDataset.ts';
import { startTestBot, type TestBot } from '../helpers/testBot.ts';

const coordinator = user(2001, 'Борис');
const committee = user(2101, 'Галина');
const director = user(3001, 'Вера');
const southCoordinator = user(2002, 'Дарья');

let h: TestBot;
let ids: Awaited<ReturnType<typeof loadDataset>>;

beforeAll(async () => {
  h = await startTestBot();
  const prisma = h.services.deps.prisma;
  ids = await loadDataset(prisma, h.services.deps.settings.regionName);
  const regionId = ids.region.id;
  const person = (
    who: typeof coordinator,
    data: { role: 'coordinator' | 'committee' | 'director'; municipalityId?: number; schoolId?: number },
  ) => prisma.user.create({ data: { telegramId: BigInt(who.id), firstName: who.first_name, regionId, ...data } });
  await person(coordinator, { role: 'coordinator', municipalityId: ids.north.id });
  await person(southCoordinator, { role: 'coordinator', municipalityId: ids.south.id });
  await person(committee, { role: 'committee', municipalityId: ids.north.id });
  await person(director, { role: 'director', schoolId: ids.schoolIds.get('sch100001')! });
});
afterAll(async () => h?.close());

const flaggedNorth = expectedFor(NORTH)
  .schools.filter((school) => school.flagged)
  .map((school) => school.code);

/** Codes listed under «Входят в перечень:» in the first method's paragraph (ФИОКО). */
function listedFlagged(text: string): string[] {
  const paragraph = text.split('\n\n').find((part) => part.startsWith('ШНОР (методика ФИОКО)'))!;
  const lines = paragraph.split('\n');
  const from = lines.indexOf('Входят в перечень:');
  return lines.slice(from + 1).flatMap((line) => /^ {2}(sch\d+) /.exec(line)?.[1] ?? []);
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('/identify', () => {
  let summaryMessage: Message;

  it('a coordinator runs it for the municipality and sees the same flagged list as the CLI for that scope', async () => {
    const calls = await h.driver.send(command(coordinator, '/identify'));
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('Идентификация школ — Северный район');
    expect(text).toContain('Школ в реестре зоны: 14.');
    expect(text).toContain(
      'ШНОР (методика ФИОКО), 2023/2024: в перечне 5 из 14 школ; не хватает данных для решения — 3.',
    );
    expect(text).toContain('Первый запуск для этой зоны');
    expect(listedFlagged(text)).toEqual(flaggedNorth);
    expect(text).toContain('sch100001 МБОУ СОШ № 1 — низкие результаты не менее чем по двум процедурам в 2023/2024');
    expect(text).not.toMatch(/sch1000(1[5-9]|2\d)/); // nothing from the south
    expect(text).toContain('Школы в зоне риска снижения результатов: нет данных анкеты «Контекстные данные ОУ»');
    // the same list the CLI's service call gives for that municipality
    const cli = await h.services.identification.run(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      { methods: ['fioco'], municipalityId: ids.north.id },
    );
    expect(cli.methods[0]!.cli.schools.filter((school) => school.flagged).map((school) => school.code)).toEqual(
      listedFlagged(text),
    );
    summaryMessage = sentMessages(calls).at(-1)!;
    expect(summaryMessage.reply_markup?.inline_keyboard.flat().map((button) => button.text)).toEqual([
      'Полный список (.xlsx)',
    ]);
  });

  it('the button delivers an .xlsx that opens and lists the flagged schools with their evidence', async () => {
    const calls = await h.driver.click(coordinator, summaryMessage, 'Полный список (.xlsx)');
    const documents = calls.filter((call) => call.method === 'sendDocument');
    expect(documents).toHaveLength(1);
    expect(documents[0]!.payload.caption).toContain('Северный район');
    const file = documents[0]!.files![0]!;
    expect(file.filename).toMatch(/\.xlsx$/);
    const workbook = await workbookOf(file.bytes);
    const sheet = workbook.getWorksheet('ШНОР (ФИОКО)')!;
    const rows = sheet.getRows(3, sheet.rowCount - 2)!;
    const flagged = [
      ...new Set(
        rows.filter((row) => row.getCell(4).value === 'входит в перечень').map((row) => String(row.getCell(1).value)),
      ),
    ];
    expect(flagged.sort()).toEqual([...flaggedNorth].sort());
    expect(rows.every((row) => row.getCell(3).value === NORTH)).toBe(true);
    const evidence = rows
      .filter((row) => row.getCell(1).value === 'sch100005')
      .map((row) => [row.getCell(7).value, row.getCell(8).value, row.getCell(11).value]);
    expect(evidence).toEqual([
      ['2023/2024', 'ВПР по математике (5 класс)', 0.3],
      ['2023/2024', 'ВПР по русскому языку (5 класс)', 0.4],
      ['2022/2023', 'ВПР по математике (5 класс)', 0.5],
    ]);
    expect(workbook.worksheets.map((ws) => ws.name)).toContain('Правила');
  });

  it('a director cannot run it', async () => {
    const before = await h.services.deps.prisma.identificationRun.count();
    const calls = await h.driver.send(command(director, '/identify'));
    expect(sentTexts(calls)).toEqual([expect.stringContaining('недоступно для вашей роли')]);
    expect(await h.services.deps.prisma.identificationRun.count()).toBe(before);
    // since issue #12 a director's /status is their own school's card
    const status = await h.driver.send(command(director, '/status', 'sch100001'));
    expect(sentTexts(status)[0]).toContain('(sch100001)');
  });

  it('a committee member reads the last stored run of the scope without running a new one', async () => {
    const before = await h.services.deps.prisma.identificationRun.count();
    const calls = await h.driver.send(command(committee, '/identify'));
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('Последний запуск:');
    expect(listedFlagged(text)).toEqual(flaggedNorth);
    expect(await h.services.deps.prisma.identificationRun.count()).toBe(before);
    const message = sentMessages(calls).at(-1)!;
    const download = await h.driver.click(committee, message, 'Полный список (.xlsx)');
    expect(download.filter((call) => call.method === 'sendDocument')).toHaveLength(1);
  });

  it('after the results change, the next run shows who entered and who left', async () => {
    h.clock.advance(86_400_000);
    const prisma = h.services.deps.prisma;
    await prisma.assessmentResult.updateMany({
      where: { schoolId: ids.schoolIds.get('sch100002')!, year: '2023/2024', kind: 'VPR', grade: 5 },
      data: { failed: 3000 },
    });
    await prisma.assessmentResult.updateMany({
      where: { schoolId: ids.schoolIds.get('sch100001')!, year: '2023/2024', kind: 'VPR', grade: 5 },
      data: { failed: 29 },
    });
    const calls = await h.driver.send(command(coordinator, '/identify'));
    const text = sentTexts(calls).join('\n');
    expect(text).toMatch(
      /С прошлого запуска \(\d\d\.\d\d\.\d{4}, \d\d:\d\d\):\n {2}вошли: sch100002 МБОУ СОШ № 2\n {2}вышли: sch100001 МБОУ СОШ № 1/,
    );
  });

  it('/status shows a school’s verdict with evidence and when it entered and left the list', async () => {
    const calls = await h.driver.send(command(committee, '/status', 'sch100001'));
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('МБОУ СОШ № 1 (sch100001), Северный район');
    expect(text).toContain('ШНОР (методика ФИОКО) — не входит в перечень (данные 2023/2024');
    expect(text).toMatch(/\d\d\.\d\d\.\d{4}, \d\d:\d\d — вошла: ШНОР \(методика ФИОКО\) \(2023\/2024\)/);
    expect(text).toMatch(/вышла: ШНОР \(методика ФИОКО\) \(2023\/2024\)/);
    const flagged = sentTexts(await h.driver.send(command(coordinator, '/status', 'sch100005'))).join('\n');
    expect(flagged).toContain('ШНОР (методика ФИОКО) — входит в перечень');
    expect(flagged).toContain(
      '• ВПР по русскому языку (5 класс), 2023/2024: не справились 20 из 50 — 40 % (порог 30 %)',
    );
    const foreign = await h.driver.send(command(coordinator, '/status', 'sch100020'));
    // issue 10: a foreign code is answered like an unknown one, its existence is not revealed
    expect(sentTexts(foreign)[0]).toContain('нет в вашей зоне');
    // since issue #12 /status alone is the overview of the scope
    const overview = await h.driver.send(command(coordinator, '/status'));
    expect(sentTexts(overview)[0]).toContain('Северный район');
  });

  it('after a results import the coordinators of the affected municipality are told what changed', async () => {
    const prisma = h.services.deps.prisma;
    await prisma.assessmentResult.updateMany({
      where: { schoolId: ids.schoolIds.get('sch100016')!, year: '2023/2024' },
      data: { failed: 0 },
    });
    // The follow-up job an import writes with its commit: rerun, then the announcements through the outbox.
    const jobs = createJobRunner({ services: h.services });
    const rerunAfterImport = async () => {
      await prisma.deliveryJob.create({
        data: { kind: 'identification.rerun', payload: { municipalityIds: [ids.south.id], importId: 0 } },
      });
      const changes = await jobs.runPending();
      await h.sender.drain();
      return changes;
    };
    h.clock.advance(60_000);
    h.tg.clear();
    const first = await rerunAfterImport();
    // the south's first run: its flagged schools "entered"; the north coordinator is not told
    expect(first[0]!.recipients).toEqual([southCoordinator.id]);
    const messages = h.tg.callsOf('sendMessage').filter((call) => call.payload.chat_id === southCoordinator.id);
    expect(messages).toHaveLength(1);
    const text = String(messages[0]!.payload.text);
    expect(text).toContain(`После загрузки результатов изменились перечни школ — ${SOUTH}:`);
    expect(text).toContain('ШНОР (методика ФИОКО), 2023/2024: в перечне');
    expect(text).not.toContain('sch100016');
    expect(h.tg.callsOf('sendMessage').some((call) => call.payload.chat_id === coordinator.id)).toBe(false);

    h.clock.advance(60_000);
    h.tg.clear();
    const unchanged = await rerunAfterImport();
    expect(unchanged.every((change) => !change.changed)).toBe(true);
    expect(h.tg.callsOf('sendMessage')).toHaveLength(0);
  });

  it('the coordinator’s help lists /identify and /status', async () => {
    const calls = await h.driver.send(command(coordinator, '/help'));
    expect(sentTexts(calls)[0]).toContain('/identify');
    expect(sentTexts(calls)[0]).toContain('/status');
  });
});
