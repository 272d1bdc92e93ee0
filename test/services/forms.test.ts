import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDeniedError, type Actor } from '../../src/domain/access/policy.ts';
import { actorOf, CLI_ACTOR, UserError, type Services } from '../../src/services/index.ts';
import { launchFor, registerPerson } from '../helpers/campaigns.ts';
import { seedSchools } from '../helpers/testBot.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock();
let anna: Actor; // director of sch710001
let boris: Actor; // deputy of sch710001
let vera: Actor; // director of sch710002
let campaignId: number;

const actor = async (telegramId: number) => actorOf((await services.people.find({ id: telegramId, first_name: 'x' }))!);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) =>
      error instanceof UserError ? error.key : error instanceof AccessDeniedError ? 'access-denied' : String(error),
  );

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  await seedSchools(services);
  await registerPerson(services, 501, 'director', { school: 'sch710001' });
  await registerPerson(services, 502, 'director', { school: 'sch710001' });
  await registerPerson(services, 503, 'director', { school: 'sch710002' });
  [anna, boris, vera] = [await actor(501), await actor(502), await actor(503)];
  campaignId = (await launchFor(services, 'context-data', { schools: ['sch710001', 'sch710002'] })).campaignId;
});
afterAll(async () => db?.close());

describe('forms of a school', () => {
  it('lists the open forms of my school with progress', async () => {
    expect(await services.forms.mine(anna)).toEqual([
      expect.objectContaining({
        campaignId,
        title: 'Контекстные данные ОУ',
        submitted: false,
        answered: 0,
        items: 18,
        late: false,
      }),
    ]);
  });

  it('saves an answer checked against its item; skipping a required item is refused', async () => {
    expect(await services.forms.save(anna, campaignId, '2.1', 12.5)).toEqual({ value: 12.5 });
    expect(await refusal(services.forms.save(anna, campaignId, '2.1', 140))).toBe('forms-error-percent-range');
    expect(await refusal(services.forms.save(anna, campaignId, '1.1', 'да'))).toBe('forms-error-not-yes-no');
    expect(await refusal(services.forms.save(anna, campaignId, '1.1', null))).toBe('forms-skip-required');
    expect(await refusal(services.forms.save(anna, campaignId, '9.9', true))).toBe('forms-item-unknown');
    const { form } = await services.forms.load(anna, campaignId);
    expect(form.answers).toEqual({ '2.1': 12.5 });
  });

  it('answers belong to the school: a colleague sees them, another school does not', async () => {
    expect((await services.forms.load(boris, campaignId)).form.answers).toEqual({ '2.1': 12.5 });
    expect((await services.forms.load(vera, campaignId)).form.answers).toEqual({});
    expect(await refusal(services.forms.load(CLI_ACTOR, campaignId))).toBe('access-denied');
  });

  it('two responders: different items both stay; the same item — the last write wins and the audit keeps both', async () => {
    await Promise.all([
      services.forms.save(anna, campaignId, '1.1', true),
      services.forms.save(boris, campaignId, '1.2', false),
    ]);
    await services.forms.save(anna, campaignId, '3.1', 4);
    await services.forms.save(boris, campaignId, '3.1', 5);
    const { form } = await services.forms.load(anna, campaignId);
    expect(form.answers).toMatchObject({ '1.1': true, '1.2': false, '3.1': 5 });
    const school = await db.prisma.school.findUniqueOrThrow({ where: { code: 'sch710001' } });
    const trail = await db.prisma.auditLog.findMany({
      where: { entity: 'Answer', entityId: `${campaignId}:${school.id}:3.1` },
      orderBy: { id: 'asc' },
    });
    expect(trail.map((entry) => [entry.actorId, entry.before, entry.after])).toEqual([
      [anna.userId, null, 4],
      [boris.userId, 4, 5],
    ]);
  });

  it('concurrent saves of one item are ordered: each audit entry starts from the value the previous one left', async () => {
    await services.forms.save(anna, campaignId, '3.2', 0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => services.forms.save(i % 2 ? anna : boris, campaignId, '3.2', i + 1)),
    );
    const school = await db.prisma.school.findUniqueOrThrow({ where: { code: 'sch710001' } });
    const trail = await db.prisma.auditLog.findMany({
      where: { entityId: `${campaignId}:${school.id}:3.2` },
      orderBy: { id: 'asc' },
    });
    expect(trail).toHaveLength(21);
    for (let i = 1; i < trail.length; i++) expect(trail[i]!.before).toEqual(trail[i - 1]!.after);
    expect((await services.forms.load(anna, campaignId)).form.answers['3.2']).toEqual(trail.at(-1)!.after);
  });

  it('submitting needs every required item; then the form is read-only', async () => {
    const missing = await services.forms.submit(anna, campaignId);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.missing).toContain('1.3/physics');
    const { questionnaire } = await services.forms.load(anna, campaignId);
    for (const section of questionnaire.sections) {
      for (const item of section.items)
        await services.forms.save(anna, campaignId, item.key, item.type === 'yesNo' ? true : 10);
    }
    const submitted = await services.forms.submit(boris, campaignId);
    expect(submitted).toEqual({ ok: true, submittedAt: clock.now().toISOString() });
    expect(await refusal(services.forms.save(anna, campaignId, '2.1', 1))).toBe('forms-already-submitted');
    expect(await refusal(services.forms.submit(anna, campaignId))).toBe('forms-already-submitted');
    expect((await services.forms.mine(anna))[0]).toMatchObject({ submitted: true, answered: 18 });
    // the other school still answers
    expect(await services.forms.save(vera, campaignId, '2.1', 3)).toEqual({ value: 3 });
  });

  it('after the coordinator reopens it, the school answers again; a closed campaign takes no answers', async () => {
    await services.campaigns.reopen(CLI_ACTOR, campaignId, 'sch710001');
    expect(await services.forms.save(anna, campaignId, '2.1', 2)).toEqual({ value: 2 });
    await services.campaigns.close(CLI_ACTOR, campaignId);
    expect(await refusal(services.forms.save(anna, campaignId, '2.1', 3))).toBe('forms-closed');
    expect(await services.forms.mine(anna)).toEqual([]);
  });

  it('suggests 4.1–4.4 from the latest imported ВПР results of the school', async () => {
    const school = await db.prisma.school.findUniqueOrThrow({ where: { code: 'sch710002' } });
    const result = (year: string, subject: string, grade: number, participants: number, failed: number) => ({
      schoolId: school.id,
      year,
      kind: 'VPR' as const,
      subject,
      grade,
      participants,
      failed,
    });
    await db.prisma.assessmentResult.createMany({
      data: [
        result('2024/2025', 'Математика', 4, 40, 3),
        result('2025/2026', 'Математика', 4, 50, 6),
        result('2025/2026', 'Русский язык', 8, 30, 9),
      ],
    });
    const other = (await launchFor(services, 'context-data', { schools: ['sch710002'] })).campaignId;
    const suggestions = await services.forms.prefill(vera, other);
    expect(suggestions.map((s) => [s.key, s.value, s.year])).toEqual([
      ['4.1', 12, '2025/2026'],
      ['4.4', 30, '2025/2026'],
    ]);
  });
});
