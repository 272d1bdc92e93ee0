// Issue 11: a director's correction of a share the risk-zone form prefilled from ВПР (items 4.1–4.4,
// seed 003 §3.2) is what the risk verdict uses; the evidence shows both values and who corrected —
// from the answers stored in a real database to the Russian line the bot and the .xlsx show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n.ts';
import { CLI_ACTOR, type Services } from '../../src/services/index.ts';
import type { MethodOutcome } from '../../src/services/identification/index.ts';
import { evidenceText } from '../../src/text/identification.ts';
import { loadDataset } from '../helpers/identificationDataset.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock('2026-11-25T09:00:00Z');
let ids: Awaited<ReturnType<typeof loadDataset>>;

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  ids = await loadDataset(db.prisma, services.deps.settings.regionName);
});
afterAll(async () => db?.close());

const done = (outcome: MethodOutcome | undefined) => {
  if (outcome?.state !== 'done') throw new Error(`expected a stored run, got ${JSON.stringify(outcome)}`);
  return outcome.run;
};

async function answer(campaignId: number, schoolId: number, answers: Record<string, boolean | number>, by: number) {
  for (const [itemNumber, value] of Object.entries(answers)) {
    await db.prisma.answer.upsert({
      where: { campaignId_schoolId_itemNumber: { campaignId, schoolId, itemNumber } },
      create: { campaignId, schoolId, itemNumber, value, questionnaireVersion: 1, answeredById: by },
      update: { value, answeredById: by },
    });
  }
}

describe('corrections of the prefilled ВПР shares', () => {
  it('a corrected 4.3 changes the risk verdict; the evidence shows both values and who corrected', async () => {
    const schoolId = ids.schoolIds.get('sch100001')!;
    // ВПР 2024/2025: математика 4 класс 5 of 20 (25 %), русский язык 4 класс 2 of 20 (10 %)
    await db.prisma.assessmentResult.createMany({
      data: [
        { schoolId, year: '2024/2025', kind: 'VPR', subject: 'Математика', grade: 4, participants: 20, failed: 5 },
        { schoolId, year: '2024/2025', kind: 'VPR', subject: 'Русский язык', grade: 4, participants: 20, failed: 2 },
      ],
    });
    const director = await db.prisma.user.create({
      data: { telegramId: 5550001n, firstName: 'Анна', lastName: 'Иванова', role: 'director', schoolId },
    });
    const version = await db.prisma.questionnaireVersion.create({
      data: { key: 'context-data', version: 1, title: 'Контекстные данные ОУ', source: 'seed 003', definition: {} },
    });
    const campaign = await db.prisma.campaign.create({
      data: {
        questionnaireVersionId: version.id,
        title: 'Контекст',
        deadline: new Date('2026-10-31'),
        reminderDays: [],
      },
    });
    await db.prisma.campaignSchool.create({
      data: { campaignId: campaign.id, schoolId, status: 'submitted', submittedAt: clock.now() },
    });
    const base = {
      '1.1': true,
      '1.2': true,
      '1.3/physics': true,
      '1.3/chemistry': true,
      '1.3/biology': true,
      '1.3/geography': true,
      '1.3/technology': true,
      '2.1': 5,
      '2.2': 0,
      '3.1': 1,
      '3.2': 1,
      '3.3': 1,
      '3.4': 1,
      '4.2': 5,
      '4.4': 5,
      '4.5': 2,
    };
    // the prefill accepted: 4.1 = 25 %, 4.3 = 10 % → one item ≥ 20 %: not at risk
    await answer(campaign.id, schoolId, { ...base, '4.1': 25, '4.3': 10 }, director.id);
    const before = done((await services.identification.run(CLI_ACTOR, { methods: ['risk'] })).methods[0]);
    expect(before.verdicts.find((verdict) => verdict.code === 'sch100001')!.flagged).toBe(false);

    // the director corrects 4.3 to 30 %
    await answer(campaign.id, schoolId, { '4.3': 30 }, director.id);
    const after = done((await services.identification.run(CLI_ACTOR, { methods: ['risk'] })).methods[0]);
    const verdict = after.verdicts.find((entry) => entry.code === 'sch100001')!;
    expect(verdict).toMatchObject({ flagged: true, criteria: ['results'] });
    const corrected = verdict.evidence.find((entry) => entry.kind === 'answer' && entry.item === '4.3')!;
    expect(corrected).toMatchObject({
      source: 'correction',
      value: 0.3,
      resultsValue: 0.1,
      correctedBy: 'Анна Иванова',
    });
    expect(evidenceText(t, corrected, after.labels)).toBe(
      '4.3. Доля обучающихся, получивших неудовлетворительный результат за ВПР по русскому языку, 4 класс: 30 % — исправлено в анкете (Анна Иванова); по загруженным результатам ВПР 2024/2025 было 10 % (2 из 20); порог 20 %',
    );
    // the run entered the school: it shows in entered
    expect(after.entered.map((school) => school.code)).toContain('sch100001');
  });
});
