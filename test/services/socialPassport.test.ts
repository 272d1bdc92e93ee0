// Issue 11, ШНСУ: with «Социальный паспорт школы» filled for a municipality's schools the social
// method runs, says how many schools have a passport, and its evidence lists every indicator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/access/policy.ts';
import { t } from '../../src/i18n.ts';
import { CLI_ACTOR, type Services } from '../../src/services/index.ts';
import type { MethodOutcome } from '../../src/services/identification/index.ts';
import { evidenceText, methodSummaryLines, noDataLine } from '../../src/text/identification.ts';
import { loadDataset } from '../helpers/identificationDataset.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock('2026-11-25T09:00:00Z');
let ids: Awaited<ReturnType<typeof loadDataset>>;
let northCoordinator: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  ids = await loadDataset(db.prisma, services.deps.settings.regionName);
  northCoordinator = {
    userId: null,
    role: 'coordinator',
    scope: { kind: 'municipality', regionId: ids.region.id, municipalityId: ids.north.id },
  };
});
afterAll(async () => db?.close());

describe('ШНСУ from the school passport', () => {
  it('without passports the method is not run and says what to do', async () => {
    const summary = await services.identification.run(CLI_ACTOR, { methods: ['social'] });
    const outcome = summary.methods[0]!;
    expect(outcome.state).toBe('no-data');
    expect(noDataLine(t, 'social', 'questionnaire')).toContain('«Социальный паспорт школы»');
  });

  it('with passports filled for a municipality it runs; the evidence lists each indicator', async () => {
    const version = await db.prisma.questionnaireVersion.create({
      data: {
        key: 'school-passport',
        version: 1,
        title: 'Социальный паспорт школы',
        source: 'seed 004',
        definition: {},
      },
    });
    const campaign = await db.prisma.campaign.create({
      data: {
        questionnaireVersionId: version.id,
        title: 'Паспорт 2026',
        deadline: new Date('2026-10-31'),
        reminderDays: [],
      },
    });
    // north: sch100001–sch100014; the first three fill the passport, sch100001 in hard conditions
    const passports: Record<string, Record<string, number | boolean>> = {
      sch100001: { '1.1': 55, '1.2': 50, '1.3': 12, '1.4': 10, '2.1': 20, '2.2': false, '2.3': 20, '2.4': 25 },
      sch100002: { '1.1': 10, '1.2': 20, '1.3': 1, '1.4': 60, '2.1': 3, '2.2': true, '2.3': 70, '2.4': 70 },
      sch100003: { '1.1': 15, '1.2': 25, '1.3': 2, '1.4': 45, '2.1': 5, '2.2': true, '2.3': 55, '2.4': 60 },
    };
    for (const [code, answers] of Object.entries(passports)) {
      const schoolId = ids.schoolIds.get(code)!;
      await db.prisma.campaignSchool.create({
        data: { campaignId: campaign.id, schoolId, status: 'submitted', submittedAt: clock.now() },
      });
      await db.prisma.answer.createMany({
        data: Object.entries(answers).map(([itemNumber, value]) => ({
          campaignId: campaign.id,
          schoolId,
          itemNumber,
          value,
          questionnaireVersion: 1,
        })),
      });
    }
    const summary = await services.identification.run(northCoordinator, { methods: ['social'] });
    const outcome: MethodOutcome = summary.methods[0]!;
    if (outcome.state !== 'done') throw new Error('social did not run');
    const run = outcome.run;
    expect(run.passports).toEqual({ filled: 3, schools: 14 });
    expect(methodSummaryLines(t, run).join('\n')).toContain('Социальный паспорт заполнен у 3 из 14 школ');
    expect(run.verdicts.map((verdict) => [verdict.code, verdict.status])).toEqual([
      ['sch100001', 'flagged'],
      ['sch100002', 'clear'],
      ['sch100003', 'clear'],
    ]);
    const hard = run.verdicts[0]!;
    expect(hard.evidence.map((entry) => (entry.kind === 'index' ? entry.indicator : ''))).toEqual([
      'lowIncomeFamilies',
      'singleParentFamilies',
      'familiesAtRisk',
      'parentsWithHigherEducation',
      'pupilsAtRisk',
      'supportSpecialist',
      'extracurricular',
      'parentsAtMeetings',
    ]);
    const lines = hard.evidence.map((entry) => evidenceText(t, entry, run.labels));
    expect(lines[0]).toBe(
      'доля обучающихся из малоимущих семей: 55 % (чем больше, тем хуже: благополучие 45 %) × вес 1',
    );
    expect(lines[5]).toBe('педагог-психолог или социальный педагог в школе: нет × вес 1');
  });
});
