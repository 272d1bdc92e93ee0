// Roadmaps (issue 13 §2): the seed 001 example imports with every deadline parsed; bad files
// change nothing and name row and cell; «каждая школа из перечня» fans out to the ШНОР list;
// marking done shows in progress and in the next digest.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/policy.ts';
import { renderIssue } from '../../src/text/sheetIssues.ts';
import { writeRoadmapWorkbook } from '../../src/files/xlsx/write/roadmapTemplate.ts';
import type { Services } from '../../src/services/index.ts';
import { digestText } from '../../src/text/digest.ts';
import { t } from '../../src/i18n.ts';
import { renderMessage } from '../../src/delivery/messages.ts';
import type { OutboxPayload } from '../../src/services/outbox.ts';
import { rawXlsx } from '../fixtures/xlsx/build.ts';
import { seedSchools } from '../helpers/testBot.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

const HEADER = ['№', 'Мероприятие', 'Срок', 'Ответственный', 'Ожидаемый результат'];
let db: TestDatabase;
let services: Services;
let coordinator: Actor;
let ids: Awaited<ReturnType<typeof seedSchools>>;
const clock = testClock('2026-10-05T09:00:00Z');

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  ids = await seedSchools(services);
  const user = await db.prisma.user.create({
    data: {
      telegramId: 5001n,
      firstName: 'Дарья',
      role: 'coordinator',
      regionId: ids.region.id,
      municipalityId: ids.yelnya.id,
    },
  });
  coordinator = {
    userId: user.id,
    role: 'coordinator',
    scope: { kind: 'municipality', regionId: ids.region.id, municipalityId: ids.yelnya.id },
  };
});
afterAll(async () => db?.close());

const roadmapCount = () => db.prisma.roadmapItem.count();

describe('roadmap import', () => {
  it('the seed 001 example (Приложение 2, 24 rows) imports with every deadline parsed', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../../examples/roadmap-seed001.xlsx', import.meta.url)));
    const dry = await services.roadmaps.importFile(coordinator, bytes, 'roadmap-seed001.xlsx', { dryRun: true });
    expect(dry).toMatchObject({ ok: true, dryRun: true, items: 24, scope: 'Ельнинский район' });
    expect(await roadmapCount()).toBe(0);
    const outcome = await services.roadmaps.importFile(coordinator, bytes, 'roadmap-seed001.xlsx', {
      title: 'Комплекс мер 2019–2021',
    });
    expect(outcome).toMatchObject({ ok: true, items: 24, rows: 24 });
    const items = await db.prisma.roadmapItem.findMany({ orderBy: { position: 'asc' } });
    expect(items.map((item) => item.number)).toEqual(Array.from({ length: 24 }, (_, i) => `${i + 1}.`));
    expect(items.map((item) => (item.deadline as { kind: string }).kind)).not.toContain(undefined);
    expect(items[2]).toMatchObject({ deadlineText: 'Сентябрь – октябрь', dueDate: '2026-10-31' });
    expect(items[0]!.deadline).toMatchObject({ kind: 'schedule' });
    expect(items[6]!.deadline).toEqual({ kind: 'continuous' });
  });

  it('the seed 000 example (Раздел III) imports with its sections', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../../examples/roadmap-seed000.xlsx', import.meta.url)));
    const outcome = await services.roadmaps.importFile(coordinator, bytes, 'roadmap-seed000.xlsx', { dryRun: true });
    expect(outcome).toMatchObject({ ok: true, items: 21 });
    if (outcome.ok)
      expect(outcome.sections).toEqual([
        'I. Организационное обеспечение',
        'II. Ресурсное и финансовое обеспечение',
        'III. Развитие кадрового потенциала',
        'IV. Совещание с руководителями ОО',
        'V. Методическое обеспечение',
      ]);
  });

  it('a deadline in another format, a missing one and an unknown school: every error named, nothing written', async () => {
    const before = await roadmapCount();
    const bytes = await writeRoadmapWorkbook({
      titleLines: ['План мероприятий'],
      rows: [
        ['1.', 'Анализ результатов', 'к концу осени', 'Комитет', ''],
        ['2.', 'Совещание', '', 'Комитет', ''],
        ['3.', 'Программа перехода', 'октябрь', 'sch999999', ''],
        ['4.', 'Мониторинг', 'ежегодно, июнь', 'Комитет', ''],
      ],
    });
    const outcome = await services.roadmaps.importFile(coordinator, bytes, 'bad.xlsx');
    expect(outcome.ok).toBe(false);
    const messages = outcome.ok ? [] : outcome.issues.filter((i) => i.severity === 'error').map(renderIssue);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('3');
    expect(messages[0]).toContain('«к концу осени» не распознан');
    expect(messages[0]).toContain('«до 1 декабря 2024»');
    expect(messages[1]).toContain('не указан срок');
    expect(messages[2]).toContain('sch999999');
    expect(await roadmapCount()).toBe(before);
  });

  it('merged cells: reported, nothing written', async () => {
    const before = await roadmapCount();
    const bytes = rawXlsx([
      {
        name: 'ДК',
        rows: [HEADER, ['1.', 'Совещание', 'октябрь', 'Комитет', ''], ['2.', 'Семинар', null, 'Комитет', '']],
        merges: ['C2:C3'],
      },
    ]);
    const outcome = await services.roadmaps.importFile(coordinator, bytes, 'merged.xlsx');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues.map(renderIssue).join('\n')).toContain('объединены');
    expect(await roadmapCount()).toBe(before);
  });

  it('«каждая школа из перечня» fans out to the ШНОР schools; without a list it is refused', async () => {
    const bytes = await writeRoadmapWorkbook({
      rows: [['1.', 'Программа перехода в эффективный режим', 'до 1 декабря 2026', 'каждая школа из перечня', '']],
    });
    const refused = await services.roadmaps.importFile(coordinator, bytes, 'each.xlsx');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(renderIssue(refused.issues[0]!)).toContain('перечня ШНОР');
    const school = await db.prisma.school.findUniqueOrThrow({ where: { code: 'sch670001' } });
    const run = await db.prisma.identificationRun.create({
      data: {
        method: 'fioco',
        year: '2025/2026',
        municipalityId: ids.yelnya.id,
        actorLabel: 'test',
        rules: {},
        at: clock.now(),
      },
    });
    await db.prisma.identificationVerdict.create({
      data: { runId: run.id, schoolId: school.id, flagged: true, criteria: [], evidence: [] },
    });
    const outcome = await services.roadmaps.importFile(coordinator, bytes, 'each.xlsx');
    expect(outcome).toMatchObject({ ok: true, items: 1, fannedOut: 1 });
    const item = await db.prisma.roadmapItem.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(item.responsible).toBe('sch670001');
  });
});

describe('marking done', () => {
  it('shows in progress and in the next digest; the coordinator can reopen', async () => {
    const [roadmap] = await services.roadmaps.mine(coordinator);
    expect(roadmap!.title).toBe('Комплекс мер 2019–2021');
    expect(roadmap!.done).toBe(0);
    const identificationItem = roadmap!.items.find((item) => item.number === '3.')!;
    clock.set('2026-10-07T09:00:00Z');
    await expect(services.roadmaps.done(coordinator, identificationItem.id, ' ')).rejects.toThrow(
      'roadmap-done-comment',
    );
    await services.roadmaps.done(coordinator, identificationItem.id, 'Перечень утверждён приказом № 12');
    const after = (await services.roadmaps.mine(coordinator))[0]!;
    expect(after.done).toBe(1);
    expect(after.sections[0]).toMatchObject({ done: 1, total: 24 });

    clock.set('2026-10-12T06:30:00Z'); // Monday 09:30 Moscow
    const text = digestText(t, await services.digest.previewForActor(coordinator));
    expect(text).toContain('Дорожная карта «Комплекс мер 2019–2021»: выполнено 1 из 24');
    expect(text).toContain('Выполнено за неделю (1):');
    expect(text).toContain('3. Идентификация образовательных организаций со стабильно низкими результатами');

    const reopened = await services.roadmaps.reopen(coordinator, identificationItem.id);
    expect(reopened.status).toBe('open');
    expect((await services.roadmaps.mine(coordinator))[0]!.done).toBe(0);
  });
});

describe('roadmap reminders', () => {
  it('3 days before the due date and the day after it, each once, to the coordinators, through the outbox', async () => {
    clock.set('2026-10-28T06:59:00Z'); // 09:59 Moscow: not yet
    expect(await services.roadmaps.queueReminders()).toEqual([]);
    clock.set('2026-10-28T07:00:00Z'); // 10:00 Moscow, three days before 31 October
    const before = await services.roadmaps.queueReminders();
    expect(before.map((reminder) => [reminder.number, reminder.offset])).toEqual([
      ['2.', 3],
      ['3.', 3],
      ['4.', 3],
      ['5.', 3],
      ['6.', 3],
    ]);
    expect(before[0]!.recipients).toEqual([5001]);
    // recorded on the item and queued in the outbox together: one row per item and person
    const queued = await db.prisma.outboxMessage.findMany({
      where: { kind: 'roadmap.reminder' },
      orderBy: { id: 'asc' },
    });
    expect(queued.map((row) => [Number(row.chatId), (row.payload as { number: string }).number])).toEqual([
      [5001, '2.'],
      [5001, '3.'],
      [5001, '4.'],
      [5001, '5.'],
      [5001, '6.'],
    ]);
    const text = renderMessage(queued[0]!.payload as unknown as OutboxPayload, clock.now()).text;
    expect(text).toMatch(
      /^Дорожная карта: срок мероприятия 2\. «.+» — до 31\.10\.2026 \(ответственный: .+\)\. Когда будет выполнено: \/roadmap done \d+ что сделано\.$/,
    );
    expect(await services.roadmaps.queueReminders()).toEqual([]);
    clock.set('2026-11-01T07:30:00Z');
    expect((await services.roadmaps.queueReminders()).map((reminder) => reminder.offset)).toEqual([-1, -1, -1, -1, -1]);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'roadmap.reminder' } })).toBe(10);
  });
});

describe('repeating deadlines roll over (the clock moves a year on)', () => {
  it('«ежегодно, июнь», «1 раз в четверть», «постоянно», «по графику»: due again in the next period; done applies to the current one', async () => {
    clock.set('2027-06-10T09:00:00Z');
    const bytes = await writeRoadmapWorkbook({
      rows: [
        ['1.', 'Итоговый мониторинг ШНОР', 'ежегодно, июнь', 'Отдел образования', ''],
        ['2.', 'Совещание с руководителями ШНОР', '1 раз в четверть', 'Отдел образования', ''],
        ['3.', 'Методическое сопровождение ШНОР', 'постоянно', 'МОЦ', ''],
        ['4.', 'Посещение уроков', 'по графику', 'МОЦ', ''],
      ],
    });
    expect(
      await services.roadmaps.importFile(coordinator, bytes, 'annual.xlsx', { title: 'Ежегодный план' }),
    ).toMatchObject({ ok: true, items: 4 });
    const plan = async () => (await services.roadmaps.mine(coordinator)).find((r) => r.title === 'Ежегодный план')!;
    const item = async (number: string) => (await plan()).items.find((entry) => entry.number === number)!;

    // June 2027: the June item is due this month; the term item is past the fourth term (May).
    expect(await item('1.')).toMatchObject({ status: 'open', dueDate: '2027-06-30' });
    expect(await item('2.')).toMatchObject({ status: 'open', dueDate: '2027-05-31' });
    expect((await plan()).overdue.map((entry) => entry.number)).toEqual(['2.']);
    expect(await item('3.')).toMatchObject({ status: 'open', dueDate: '2027-08-31' });

    clock.set('2027-06-15T09:00:00Z');
    await services.roadmaps.done(coordinator, (await item('1.')).id, 'Мониторинг проведён');
    await services.roadmaps.done(coordinator, (await item('3.')).id, 'Сопровождение за год');
    await expect(services.roadmaps.done(coordinator, (await item('1.')).id, 'ещё раз')).rejects.toThrow(
      'roadmap-already-done',
    );

    // 2 September: the June item stays done (for June 2027); «постоянно» opens for the new school year.
    clock.set('2027-09-02T09:00:00Z');
    expect(await item('1.')).toMatchObject({ status: 'done', dueDate: '2027-06-30' });
    expect(await item('3.')).toMatchObject({ status: 'open', dueDate: '2028-08-31' });
    expect(await item('2.')).toMatchObject({ status: 'open', dueDate: '2027-10-31' });
    expect((await plan()).overdue).toEqual([]);

    // June 2028: the June item is due again; reminded three days before this June's end, once.
    clock.set('2028-06-27T06:59:00Z');
    expect(await item('1.')).toMatchObject({ status: 'open', dueDate: '2028-06-30' });
    const ours = async () =>
      (await services.roadmaps.queueReminders()).filter((reminder) => reminder.title === 'Итоговый мониторинг ШНОР');
    await ours(); // reminders of other items that came due meanwhile
    clock.set('2028-06-27T07:00:00Z');
    expect((await ours()).map((reminder) => [reminder.offset, reminder.dueDate])).toEqual([[3, '2028-06-30']]);
    expect(await ours()).toEqual([]);

    // Not marked by July: overdue for this June, in /roadmap and in the digest.
    clock.set('2028-07-03T06:30:00Z'); // Monday 09:30 Moscow
    expect((await plan()).overdue.map((entry) => entry.number)).toContain('1.');
    const text = digestText(t, await services.digest.previewForActor(coordinator));
    expect(text).toMatch(/Просрочено \(\d+\):[\s\S]*1\. Итоговый мониторинг ШНОР — ежегодно, июнь/);
    // Marking it now closes this June's period.
    await services.roadmaps.done(coordinator, (await item('1.')).id, 'Проведён с опозданием');
    expect(await item('1.')).toMatchObject({ status: 'done', dueDate: '2028-06-30' });
  });
});
