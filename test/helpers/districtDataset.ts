/**
 * A small district (issue #12 acceptance): «Дубенский район» with five schools and a neighbour
 * municipality with two (for the regional comparisons of seed 001), three years of ОГЭ/ЕГЭ/ВПР
 * results, identification runs for two years (ШНОР by ФИОКО and the risk zone, one superseded
 * run), and two questionnaire campaigns launched in 2023/2024 with answers. Small enough that
 * every indicator is computed by hand in test/cli/indicators.test.ts.
 */
import type { PrismaClient } from '../../src/db/client.ts';
import type { Services } from '../../src/services/index.ts';
import { writeRoadmapWorkbook } from '../../src/files/xlsx/write/roadmapTemplate.ts';
import { CLI_ACTOR } from '../../src/services/index.ts';

export const DISTRICT = 'Дубенский район';
export const NEIGHBOUR = 'Ельнинский район';
export const Y = '2023/2024';
export const Y1 = '2022/2023';
export const Y2 = '2021/2022';

export const SCHOOLS = {
  D1: { code: 'sch710001', name: 'Воскресенская СОШ' },
  D2: { code: 'sch710002', name: 'Дубенская СОШ № 2' },
  D3: { code: 'sch710003', name: 'Протасовская ООШ' },
  D4: { code: 'sch710004', name: 'Дубенская СОШ № 1' },
  D5: { code: 'sch710005', name: 'Новопавшинская ООШ' },
  E1: { code: 'sch670001', name: 'Ельнинская СОШ № 1' },
  E2: { code: 'sch670002', name: 'Ельнинская СОШ № 2' },
} as const;
type Key = keyof typeof SCHOOLS;

type Row = [Key, string, 'VPR' | 'OGE' | 'EGE', string, number, number, number, number | null];
const RUS = 'Русский язык';
const MATH = 'Математика';

/** school, year, kind, subject, grade, participants, failed, mean score */
const RESULT_ROWS: Row[] = [
  // ОГЭ русский язык
  ['D1', Y, 'OGE', RUS, 9, 20, 4, 22],
  ['D2', Y, 'OGE', RUS, 9, 10, 0, 30],
  ['D3', Y, 'OGE', RUS, 9, 15, 3, 24],
  ['D4', Y, 'OGE', RUS, 9, 12, 0, 28],
  ['D5', Y, 'OGE', RUS, 9, 8, 2, 20],
  ['E1', Y, 'OGE', RUS, 9, 25, 1, 29],
  ['E2', Y, 'OGE', RUS, 9, 10, 0, 31],
  ['D1', Y1, 'OGE', RUS, 9, 20, 2, 23],
  ['D2', Y1, 'OGE', RUS, 9, 10, 1, 29],
  ['D3', Y1, 'OGE', RUS, 9, 15, 3, 25],
  ['D4', Y1, 'OGE', RUS, 9, 12, 1, 29],
  ['D1', Y2, 'OGE', RUS, 9, 20, 3, 25],
  ['D2', Y2, 'OGE', RUS, 9, 10, 0, 28],
  ['D3', Y2, 'OGE', RUS, 9, 15, 2, 26],
  ['D4', Y2, 'OGE', RUS, 9, 12, 1, 27],
  // ОГЭ математика
  ['D1', Y, 'OGE', MATH, 9, 20, 6, 12],
  ['D2', Y, 'OGE', MATH, 9, 10, 1, 16],
  ['D3', Y, 'OGE', MATH, 9, 15, 0, 15],
  ['D4', Y, 'OGE', MATH, 9, 12, 2, 14],
  ['D5', Y, 'OGE', MATH, 9, 8, 0, 13],
  ['E1', Y, 'OGE', MATH, 9, 25, 1, 17],
  ['E2', Y, 'OGE', MATH, 9, 10, 0, 18],
  ['D1', Y1, 'OGE', MATH, 9, 20, 4, 13],
  ['D2', Y1, 'OGE', MATH, 9, 10, 2, 17],
  ['D3', Y1, 'OGE', MATH, 9, 15, 1, 16],
  ['D4', Y1, 'OGE', MATH, 9, 12, 1, 15],
  ['D1', Y2, 'OGE', MATH, 9, 20, 5, 14],
  ['D2', Y2, 'OGE', MATH, 9, 10, 1, 16],
  ['D3', Y2, 'OGE', MATH, 9, 15, 2, 17],
  ['D4', Y2, 'OGE', MATH, 9, 12, 2, 16],
  // ЕГЭ русский язык
  ['D1', Y, 'EGE', RUS, 11, 10, 0, 60],
  ['D2', Y, 'EGE', RUS, 11, 8, 0, 70],
  ['D4', Y, 'EGE', RUS, 11, 6, 0, 65],
  ['E1', Y, 'EGE', RUS, 11, 10, 0, 72],
  ['E2', Y, 'EGE', RUS, 11, 6, 0, 68],
  // ВПР: 4 класс прошлого года, 5 класс этого
  ['D1', Y1, 'VPR', MATH, 4, 30, 6, null],
  ['D2', Y1, 'VPR', MATH, 4, 20, 2, null],
  ['D3', Y1, 'VPR', MATH, 4, 25, 5, null],
  ['D4', Y1, 'VPR', MATH, 4, 15, 3, null],
  ['D5', Y1, 'VPR', MATH, 4, 10, 4, null],
  ['D1', Y, 'VPR', MATH, 5, 28, 4, null],
  ['D2', Y, 'VPR', MATH, 5, 20, 3, null],
  ['D3', Y, 'VPR', MATH, 5, 25, 5, null],
  ['D5', Y, 'VPR', MATH, 5, 10, 1, null],
  ['D1', Y1, 'VPR', RUS, 4, 30, 3, null],
  ['D2', Y1, 'VPR', RUS, 4, 20, 4, null],
  ['D3', Y1, 'VPR', RUS, 4, 25, 2, null],
  ['D1', Y, 'VPR', RUS, 5, 28, 2, null],
  ['D2', Y, 'VPR', RUS, 5, 20, 2, null],
  ['D3', Y, 'VPR', RUS, 5, 25, 4, null],
];

export interface District {
  ids: Record<Key, number>;
  districtId: number;
  campaigns: { prevention: number; final: number };
}

/** Puts the district into a database; `services` must run on a clock the caller can set. */
export async function loadDistrict(services: Services, clock: { set(iso: string): void }): Promise<District> {
  const prisma: PrismaClient = services.deps.prisma;
  const region = await prisma.region.upsert({
    where: { name: services.deps.settings.regionName },
    create: { name: services.deps.settings.regionName },
    update: {},
  });
  const district = await prisma.municipality.create({ data: { regionId: region.id, name: DISTRICT } });
  const neighbour = await prisma.municipality.create({ data: { regionId: region.id, name: NEIGHBOUR } });
  const ids = {} as Record<Key, number>;
  for (const [key, school] of Object.entries(SCHOOLS) as Array<[Key, (typeof SCHOOLS)[Key]]>) {
    const created = await prisma.school.create({
      data: {
        code: school.code,
        municipalityId: key.startsWith('D') ? district.id : neighbour.id,
        fullName: `МБОУ «${school.name}»`,
        shortName: school.name,
        type: key === 'D3' || key === 'D5' ? 'ООШ' : 'СОШ',
        settlement: key.startsWith('D') ? 'п. Дубна' : 'г. Ельня',
        rural: true,
      },
    });
    ids[key] = created.id;
  }
  const upload = await prisma.resultImport.create({
    data: {
      actorLabel: 'тест',
      fileName: 'результаты 2022–2024.xlsx',
      rowsTotal: RESULT_ROWS.length,
      rowsNew: RESULT_ROWS.length,
      rowsReplaced: 0,
      rowsUnchanged: 0,
      at: new Date('2024-07-01T10:00:00Z'),
    },
  });
  await prisma.assessmentResult.createMany({
    data: RESULT_ROWS.map(([key, year, kind, subject, grade, participants, failed, meanScore]) => ({
      schoolId: ids[key],
      year,
      kind,
      subject,
      grade,
      participants,
      failed,
      meanScore,
      importId: upload.id,
    })),
  });

  // Identification runs as /identify stores them (municipal runs of the district).
  /** one line of evidence per flagged school, as the identification domain stores it */
  const EVIDENCE: Record<string, Record<string, unknown>> = {
    fioco: {
      kind: 'result',
      procedure: 'oge-math',
      participants: 20,
      failed: 6,
      share: 0.3,
      threshold: 0.3,
      comparison: '>=',
    },
    risk: {
      kind: 'answer',
      criterion: 'staff',
      item: '2.1',
      value: 0.15,
      threshold: 0.1,
      comparison: '>',
      source: 'questionnaire',
    },
  };
  const run = async (
    method: string,
    year: string,
    at: string,
    verdicts: Array<[Key, boolean, string[]]>,
  ): Promise<void> => {
    const stored = await prisma.identificationRun.create({
      data: {
        method,
        year,
        municipalityId: district.id,
        actorLabel: 'тест',
        rules: { labels: { 'oge-math': 'ОГЭ по математике' }, citations: [], previousYear: null },
        at: new Date(at),
      },
    });
    await prisma.identificationVerdict.createMany({
      data: verdicts.map(([key, flagged, criteria]) => ({
        runId: stored.id,
        schoolId: ids[key],
        flagged,
        criteria,
        evidence: {
          status: flagged ? 'flagged' : 'clear',
          undetermined: [],
          items: flagged ? [{ ...EVIDENCE[method], year }] : [],
        },
      })) as never,
    });
  };
  const all = (flagged: Partial<Record<Key, string[]>>): Array<[Key, boolean, string[]]> =>
    (['D1', 'D2', 'D3', 'D4', 'D5'] as const).map((key) => [key, key in flagged, flagged[key] ?? []]);
  await run(
    'fioco',
    Y1,
    '2023-08-20T09:00:00Z',
    all({ D1: ['two-procedures'], D3: ['two-procedures'], D5: ['two-procedures'] }),
  );
  await run(
    'risk',
    Y1,
    '2023-08-20T09:05:00Z',
    all({ D1: ['staff', 'results'], D2: ['contingent'], D4: ['material-base'] }),
  );
  // superseded by the later run of the same year
  await run(
    'fioco',
    Y,
    '2024-08-01T09:00:00Z',
    all({ D1: ['two-procedures'], D2: ['two-procedures'], D5: ['two-procedures'] }),
  );
  await run('fioco', Y, '2024-08-20T09:00:00Z', all({ D1: ['two-procedures'], D5: ['two-procedures'] }));
  await run('risk', Y, '2024-08-20T09:05:00Z', all({ D1: ['results'], D3: ['staff'] }));

  // The official ШНОР list of 2023/2024 (issue 11 imports it; stored here as the import leaves it)
  await prisma.officialList.create({
    data: {
      regionId: region.id,
      year: Y,
      orderNumber: '112',
      orderDate: '02.09.2024',
      fileName: 'перечень ШНОР 2024.xlsx',
      actorLabel: 'тест',
      schools: { create: [{ schoolId: ids.D1 }, { schoolId: ids.D5 }] },
    },
  });

  // Two campaigns of 2023/2024, answers stored as the form flow stores them.
  const district5 = (['D1', 'D2', 'D3', 'D4', 'D5'] as const).map((key) => SCHOOLS[key].code);
  const launch = async (key: string, at: string, deadline: string) => {
    clock.set(at);
    const list = await services.questionnaires.list(CLI_ACTOR);
    const entry = list.find((q) => q.key === key)!;
    const launched = await services.campaigns.launch(CLI_ACTOR, {
      questionnaireVersionId: entry.versionId,
      schools: district5,
      deadline: new Date(deadline),
    });
    return { id: launched.campaignId, version: entry.version };
  };
  const prevention = await launch('failure-prevention', '2024-01-10T09:00:00Z', '2024-01-25T20:59:59Z');
  const final = await launch('final-monitoring', '2024-05-20T09:00:00Z', '2024-06-10T20:59:59Z');
  const answer = async (
    campaign: { id: number; version: number },
    key: Key,
    items: Record<string, unknown>,
    submitted: boolean,
  ) => {
    await prisma.answer.createMany({
      data: Object.entries(items).map(([itemNumber, value]) => ({
        campaignId: campaign.id,
        schoolId: ids[key],
        itemNumber,
        value: value as never,
        questionnaireVersion: campaign.version,
        answeredAt: new Date('2024-01-20T10:00:00Z'),
      })),
    });
    if (submitted)
      await prisma.campaignSchool.update({
        where: { campaignId_schoolId: { campaignId: campaign.id, schoolId: ids[key] } },
        data: { status: 'submitted', submittedAt: new Date('2024-01-21T10:00:00Z') },
      });
  };
  await answer(prevention, 'D1', { '1': true, '2.1': 10, '2.2': 6, '3.1': 4, '3.2': 3 }, true);
  await answer(prevention, 'D2', { '1': false, '2.1': 5, '2.2': 5, '3.1': 2, '3.2': 1 }, true);
  await answer(prevention, 'D3', { '1': true, '2.1': 8, '2.2': 2, '3.1': null, '3.2': null }, true);
  await answer(prevention, 'D4', { '1': true, '2.1': 20, '2.2': 20 }, false);
  await answer(final, 'D1', { '14.7': 2, '14.8': 0 }, true);
  await answer(final, 'D2', { '14.7': 3, '14.8': 1 }, true);
  await answer(final, 'D5', { '14.7': 0, '14.8': 0 }, true);
  clock.set('2024-09-15T09:00:00Z');
  return { ids, districtId: district.id, campaigns: { prevention: prevention.id, final: final.id } };
}

/**
 * The district's roadmap of 2023/2024 (issue 13's import, as a coordinator sends it), imported on
 * 01.02.2024 with three items marked done on 05.02.2024. On 15.09.2024 (the clock loadDistrict
 * leaves):
 * - committee item 1 done;
 * - item 2 «каждая школа из перечня» fanned out to the ШНОР list (D1, D5): D1 done, D5 overdue;
 * - item 3 for D3 done; item 4 for D1 continuous, in work; item 5 for D1 overdue (январь 2024).
 * Scope totals: 6 items, 3 done, 1 in work, 2 overdue. D1: 3 items, 1 done, 1 in work, 1 overdue.
 */
export async function loadDistrictRoadmap(
  services: Services,
  clock: { set(iso: string): void },
): Promise<{ roadmapId: number }> {
  clock.set('2024-02-01T09:00:00Z');
  const bytes = await writeRoadmapWorkbook({
    rows: [
      ['I.', 'Анализ и планирование', '', '', ''],
      ['1.', 'Анализ результатов ВПР и ГИА 2023 года', 'до 15.10.2023', 'Комитет', 'Аналитическая справка'],
      [
        '2.',
        'Разработка школьной программы повышения качества образования',
        'до 01.12.2023',
        'каждая школа из перечня',
        'Программа утверждена',
      ],
      ['II.', 'Методическая поддержка', '', '', ''],
      ['3.', 'Методический выезд в школу', '20.03.2024', SCHOOLS.D3.code, 'Рекомендации школе'],
      ['4.', 'Организация наставничества молодых учителей', 'В течение учебного года', SCHOOLS.D1.code, ''],
      ['5.', 'Участие в семинаре по объективности оценивания', 'январь 2024', SCHOOLS.D1.code, ''],
    ],
  });
  const outcome = await services.roadmaps.importFile(CLI_ACTOR, bytes, 'Дорожная карта 2024.xlsx', {
    municipality: DISTRICT,
  });
  if (!outcome.ok || outcome.roadmapId === null) throw new Error(`roadmap import failed: ${JSON.stringify(outcome)}`);
  const items = await services.deps.prisma.roadmapItem.findMany({ where: { roadmapId: outcome.roadmapId } });
  const ids = await services.deps.prisma.school.findMany({ select: { id: true, code: true } });
  const codeOf = new Map(ids.map((school) => [school.id, school.code]));
  clock.set('2024-02-05T09:00:00Z');
  for (const item of items) {
    const school = item.schoolId === null ? null : codeOf.get(item.schoolId);
    const done =
      (item.number === '1.' && school === null) ||
      (item.number === '2.' && school === SCHOOLS.D1.code) ||
      (item.number === '3.' && school === SCHOOLS.D3.code);
    if (done) await services.roadmaps.done(CLI_ACTOR, item.id, 'Сделано: приказ № 5');
  }
  clock.set('2024-09-15T09:00:00Z');
  return { roadmapId: outcome.roadmapId };
}
