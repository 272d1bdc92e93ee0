import { renderAnswersExport } from '../../src/documents/answersExport.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedError, type Actor } from '../../src/domain/access/policy.ts';
import { endOfDay } from '../../src/domain/campaigns/schedule.ts';
import { actorOf, CLI_ACTOR, UserError, type Services } from '../../src/services/index.ts';
import { registerPerson } from '../helpers/campaigns.ts';
import { seedSchools } from '../helpers/testBot.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock('2026-11-25T09:00:00Z');
let boris: Actor; // coordinator, Дубенский район
let elena: Actor; // coordinator, Ельнинский район
let committee: Actor; // committee member, Дубенский район
let anna: Actor; // director, sch710001
let contextData: number;

const actor = async (telegramId: number) => actorOf((await services.people.find({ id: telegramId, first_name: 'x' }))!);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) =>
      error instanceof UserError
        ? [error.key, error.params]
        : error instanceof AccessDeniedError
          ? 'access-denied'
          : String(error),
  );

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  await seedSchools(services);
  await registerPerson(services, 601, 'coordinator', { municipality: 'Дубенский район' });
  await registerPerson(services, 602, 'coordinator', { municipality: 'Ельнинский район' });
  await registerPerson(services, 603, 'committee', { municipality: 'Дубенский район' });
  await registerPerson(services, 604, 'director', { school: 'sch710001' });
  [boris, elena, committee, anna] = [await actor(601), await actor(602), await actor(603), await actor(604)];
  contextData = (await services.questionnaires.list(CLI_ACTOR)).find((q) => q.key === 'context-data')!.versionId;
});
afterAll(async () => db?.close());

describe('campaigns', () => {
  let campaignId: number;

  it('a coordinator launches for all schools of the municipality; the responders are returned to be notified', async () => {
    const launched = await services.campaigns.launch(boris, {
      questionnaireVersionId: contextData,
      schools: 'all',
      deadline: endOfDay('2026-12-10'),
    });
    campaignId = launched.campaignId;
    expect(launched).toMatchObject({
      title: 'Контекстные данные ОУ',
      schools: 2,
      reminderDays: [3, 1, -1],
      deadline: '2026-12-10T20:59:59.999Z',
    });
    expect(launched.recipients).toEqual([
      { telegramId: 604, schoolId: expect.any(Number), schoolCode: 'sch710001', schoolName: 'Дубенская СОШ № 1' },
    ]);
    expect(launched.withoutResponders).toEqual([{ code: 'sch710002', name: 'Воскресенская СОШ' }]);
    expect(await db.prisma.auditLog.count({ where: { action: 'campaign.launch', entityId: String(campaignId) } })).toBe(
      1,
    );
  });

  it('refuses schools outside the scope, past deadlines and directors', async () => {
    expect(
      await refusal(
        services.campaigns.launch(boris, {
          questionnaireVersionId: contextData,
          schools: ['sch710001', 'sch670001'],
          deadline: endOfDay('2026-12-10'),
        }),
      ),
    ).toEqual(['campaigns-unknown-schools', { codes: 'sch670001', count: 1 }]);
    expect(
      await refusal(
        services.campaigns.launch(boris, {
          questionnaireVersionId: contextData,
          schools: 'all',
          deadline: endOfDay('2026-11-24'),
        }),
      ),
    ).toEqual(['campaigns-deadline-past', { input: '24.11.2026' }]);
    expect(
      await refusal(
        services.campaigns.launch(anna, {
          questionnaireVersionId: contextData,
          schools: 'all',
          deadline: endOfDay('2026-12-10'),
        }),
      ),
    ).toBe('access-denied');
  });

  it('is seen and managed inside its municipality only; the committee reads it', async () => {
    expect((await services.campaigns.list(boris)).map((c) => c.id)).toEqual([campaignId]);
    expect((await services.campaigns.list(committee)).map((c) => c.id)).toEqual([campaignId]);
    expect(await services.campaigns.list(elena)).toEqual([]);
    expect(await refusal(services.campaigns.status(elena, campaignId))).toEqual([
      'campaigns-not-found',
      { id: campaignId },
    ]);
    expect(await refusal(services.campaigns.close(committee, campaignId))).toBe('access-denied');
  });

  it('counts completion and lateness school by school', async () => {
    await services.forms.save(anna, campaignId, '1.1', true);
    let status = await services.campaigns.status(boris, campaignId);
    expect(status).toMatchObject({ total: 2, submitted: 0, inProgress: 1, notStarted: 1, late: 0 });
    expect(status.schools.map((s) => [s.code, s.status, s.answered, s.items, s.late])).toEqual([
      ['sch710002', 'not-started', 0, 18, false],
      ['sch710001', 'in-progress', 1, 18, false],
    ]);
    clock.set('2026-12-11T09:00:00Z');
    status = await services.campaigns.status(boris, campaignId);
    expect(status.late).toBe(2);
    expect(status.schools.every((s) => s.late)).toBe(true);
  });

  it('extending the deadline re-arms the reminders of every school', async () => {
    await db.prisma.campaignSchool.updateMany({
      where: { campaignId },
      data: { remindersSent: ['3@2026-12-10T20:59:59.999Z', '1@2026-12-10T20:59:59.999Z'] },
    });
    const extended = await services.campaigns.extend(boris, campaignId, endOfDay('2026-12-14'));
    expect(extended.deadline).toBe('2026-12-14T20:59:59.999Z');
    expect(extended.recipients.map((r) => r.telegramId)).toEqual([604]);
    const forms = await db.prisma.campaignSchool.findMany({ where: { campaignId } });
    // It is 12:00 of the 11th in Moscow: «3 days before the 14th» (the 11th, 10:00) has passed, the others are ahead.
    expect(forms.map((f) => f.remindersSent)).toEqual([['3@2026-12-14T20:59:59.999Z'], ['3@2026-12-14T20:59:59.999Z']]);
    expect((await services.campaigns.status(boris, campaignId)).late).toBe(0);
  });

  it('reopens a submitted form only; closing makes every form read-only', async () => {
    expect(await refusal(services.campaigns.reopen(boris, campaignId, 'sch710001'))).toEqual([
      'campaigns-school-not-submitted',
      { code: 'sch710001', school: 'Дубенская СОШ № 1' },
    ]);
    const { questionnaire } = await services.forms.load(anna, campaignId);
    for (const item of questionnaire.sections.flatMap((s) => s.items))
      await services.forms.save(anna, campaignId, item.key, item.type === 'yesNo' ? false : 1);
    await services.forms.submit(anna, campaignId);
    const reopened = await services.campaigns.reopen(boris, campaignId, 'SCH710001');
    expect(reopened.recipients.map((r) => r.telegramId)).toEqual([604]);
    expect((await services.forms.load(anna, campaignId)).form).toMatchObject({ submitted: false, open: true });
    const closed = await services.campaigns.close(boris, campaignId);
    expect(closed).toMatchObject({ status: 'closed', submitted: 0, total: 2 });
    expect(await refusal(services.campaigns.close(boris, campaignId))).toEqual([
      'campaigns-closed',
      { title: 'Контекстные данные ОУ' },
    ]);
  });

  it('exports one row per school and one column per item, headed with the source numbering', async () => {
    const exported = await renderAnswersExport(await services.campaigns.answers(committee, campaignId));
    expect(exported.fileName).toBe('Контекстные данные ОУ — ответы 11.12.2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Ответы')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toHaveLength(4 + 18);
    expect(header.slice(7, 10)).toEqual([
      '1.3 Оснащенность учебных кабинетов лабораторным оборудованием — химия',
      '1.3 Оснащенность учебных кабинетов лабораторным оборудованием — биология',
      '1.3 Оснащенность учебных кабинетов лабораторным оборудованием — география',
    ]);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      'sch710001',
      'Дубенская СОШ № 1',
      'заполняется',
      '',
      ...Array(7).fill('нет'),
      ...Array(11).fill(1),
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['sch710002', 'Воскресенская СОШ', 'не начата']);
    const about = book.getWorksheet('Сведения')!;
    expect(about.getCell('B5').value).toBe('0 из 2 школ отправили анкету');
  });
});
