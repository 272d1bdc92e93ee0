/**
 * Issue #12 acceptance: `kurator indicators --json` on a district with three years of results,
 * two campaigns and identification runs matches a table computed by hand (below, row by row,
 * from test/helpers/districtDataset.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_IDS } from '../../src/domain/indicators/index.ts';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { DISTRICT, loadDistrict, loadDistrictRoadmap, SCHOOLS, Y, Y1 } from '../helpers/districtDataset.ts';
import { testClock, testServices } from '../helpers/testDatabase.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Json {
  year: string;
  scope: { kind: string; name: string; schools: number };
  indicators: Array<{
    id: string;
    title: string;
    source: string;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    unit: string;
    missing: string | null;
  }>;
}

/**
 * The hand computation, scope «Дубенский район» (D1–D5), year 2023/2024 (Y), previous 2022/2023 (Y1).
 * [id, numerator, denominator]
 */
const BY_HAND: Array<[string, number, number | null, string]> = [
  // Region ОГЭ рус. Y: participants 20+10+15+12+8+25+10 = 100, failed 4+0+3+0+2+1+0 = 10 → 10 %.
  // D1 20 % > 10 ✓, D2 0 ✗, D3 20 % ✓, D4 0 ✗, D5 25 % ✓ → 3 / 5
  ['001-1', 3, 5, 'ОГЭ рус. доля ниже минимума выше региональной'],
  // Region ОГЭ мат. Y: 100 participants, failed 6+1+0+2+0+1+0 = 10 → 10 %.
  // D1 30 % ✓, D2 10 % (not above) ✗, D3 0 ✗, D4 16,7 % ✓, D5 0 ✗ → 2 / 5
  ['001-2', 2, 5, 'ОГЭ мат. доля ниже минимума выше региональной'],
  // ОГЭ рус. mean Y2 → Y1 → Y: D1 25→23→22 ✓, D2 28→29→30 ✗, D3 26→25→24 ✓, D4 27→29→28 ✗, D5 only Y → 2 / 4
  ['001-3', 2, 4, 'средний балл ОГЭ рус. снижается два года'],
  // ОГЭ мат. mean: D1 14→13→12 ✓, D2 16→17→16 ✗, D3 17→16→15 ✓, D4 16→15→14 ✓ → 3 / 4
  ['001-4', 3, 4, 'средний балл ОГЭ мат. снижается два года'],
  // ОГЭ мат. share Y1 → Y: D1 20 %→30 % ✓, D2 20 %→10 % ✗, D3 6,7 %→0 ✗, D4 8,3 %→16,7 % ✓, D5 no Y1 → 2 / 4
  ['001-5', 2, 4, 'доля ниже минимума ОГЭ мат. растёт'],
  // Region ЕГЭ рус. mean = (10·60 + 8·70 + 6·65 + 10·72 + 6·68) / 40 = 2678 / 40 = 66,95.
  // D1 60 ✓, D2 70 ✗, D4 65 ✓ (D3, D5 no ЕГЭ) → 2 / 3
  ['001-6', 2, 3, 'средний балл ЕГЭ рус. ниже регионального'],
  // Rus + math, every procedure of Y in D1–D5: ОГЭ рус. 65 / 9, ОГЭ мат. 65 / 9, ЕГЭ рус. 24 / 0,
  // ВПР-5 мат. 83 / 13, ВПР-5 рус. 73 / 8 → failed 39 of 310
  ['002-1', 39, 310, 'обучающиеся ниже минимума по обязательным предметам'],
  // ШНОР Y (latest run: D1, D5 — the earlier run also had D2). ГИА Y: D1 ОГЭ рус. 20/4, ОГЭ мат. 20/6,
  // ЕГЭ рус. 10/0; D5 ОГЭ рус. 8/2, ОГЭ мат. 8/0 → 66 participants, 12 failed → 54 passed
  ['002-VI.3', 54, 66, 'успешно прошедшие ГИА в ШНОР'],
  // ФИОКО Y: 2 flagged of 5 evaluated
  ['000-E.1', 2, 5, 'доля ШНОР (цель до 20 %)'],
  ['002-E.1', 2, 5, 'доля ШНОР (цель до 6,3 %)'],
  // ШНОР Y1 = D1, D3, D5; not flagged in Y: D3 → 1 / 3
  ['000-1', 1, 3, 'ШНОР, перешедшие в эффективный режим'],
  // ШНОР Y, all procedures: D1 Y 16/106 = 15,1 % vs Y1 15/100 = 15 % ✗; D5 Y 3/26 = 11,5 % vs Y1 4/10 = 40 % ✓ → 1 / 2
  ['000-2', 1, 2, 'ШНОР с положительной динамикой'],
  // ГИА мат.: D1 Y 6/20 = 30 % vs Y1 4/20 = 20 % ✗; D5 has no ГИА in Y1 → 0 / 1
  ['003-2.3.1.1', 0, 1, 'ШНОР с положительной динамикой ГИА мат.'],
  // ГИА рус.: D1 Y (4+0)/(20+10) = 13,3 % vs Y1 2/20 = 10 % ✗ → 0 / 1
  ['003-2.3.1.2', 0, 1, 'ШНОР с положительной динамикой ГИА рус.'],
  // risk Y: D1, D3 of 5
  ['003-3.3.1.1', 2, 5, 'ОУ с рисками'],
  // risk Y1: D1, D2, D4; still flagged in Y: D1 → D2, D4 left → 2 / 3
  ['003-3.3.1.3', 2, 3, 'ОУ, устранившие риски'],
  // resource deficits (material-base or staff) in Y: D3 (staff) → 1 / 5
  ['003-3.3.2.1', 1, 5, 'ОУ с ресурсными дефицитами'],
  // deficits in Y1: D1 (staff), D4 (material-base); in Y: D1 only 'results', D4 clear → 2 / 2
  ['003-3.3.2.2', 2, 2, 'ОУ, устранившие ресурсные дефициты'],
  // ВПР мат. 4 кл. Y1 → 5 кл. Y: D1 20 %→14,3 % ✓, D2 10 %→15 % ✗, D3 20 %→20 % ✗, D5 40 %→10 % ✓ (D4 no 5th) → 2 / 4
  ['003-3.3.3.1', 2, 4, 'ВПР мат. 4→5 класс'],
  // ВПР рус.: D1 10 %→7,1 % ✓, D2 20 %→10 % ✓, D3 8 %→16 % ✗ → 2 / 3
  ['003-3.3.3.2', 2, 3, 'ВПР рус. 4→5 класс'],
  // ОГЭ рус. Y without failures: D2, D4 of 5
  ['003-3.3.3.3', 2, 5, 'нет «2» ОГЭ рус.'],
  // ОГЭ мат. Y without failures: D3, D5 of 5
  ['003-3.3.3.4', 2, 5, 'нет «2» ОГЭ мат.'],
  // «Профилактика» v2, submitted D1 (да), D2 (нет), D3 (да); D4 not submitted → 2 / 3
  ['003-4.3.1', 2, 3, 'ОУ с системой профилактики'],
  // ИОМ: (6 + 5 + 2) / (10 + 5 + 8) = 13 / 23
  ['003-4.3.2', 13, 23, 'доля слабоуспевающих с ИОМ'],
  // дополнительные занятия: (3 + 1) / (4 + 2) — D3 skipped 3.1 and 3.2
  ['003-4.3.3', 4, 6, 'доля неуспевающих на доп. занятиях'],
  // «Итоговый мониторинг» from ШНОР Y (D1, D5): D1 14.7 = 2 > 0 ✓, D5 zeros → count 1; share 1 / 2
  ['000-7', 1, null, 'ШНОР на консультациях и семинарах'],
  ['003-2.3.3.5', 1, 2, 'ШНОР, вовлечённые в мероприятия'],
  // forms of both campaigns: 5 + 5, submitted 3 + 3 → 6 / 10
  ['004-6', 6, 10, 'мониторинг: сданные анкеты'],
  // ФИОКО Y evaluated all 5 schools of 5
  ['004-2', 5, 5, 'идентификация проведена'],
  // The roadmap of 2023/2024 (loadDistrictRoadmap): items addressed to D1 (2, 4, 5), D5 (2), D3 (3).
  // ШНОР Y = D1, D5, both with an item → 2
  ['000-5', 2, null, 'ШНОР, охваченные методической работой (дорожная карта)'],
  // done and addressed: D1 (item 2), D3 (item 3, not ШНОР); D5's item 2 is open → 1
  ['000-6', 1, null, 'ШНОР, которым оказана адресная помощь (дорожная карта)'],
];

describe('kurator indicators (issue #12)', () => {
  let cli: CliEnvironment;
  let json: Json;

  beforeAll(async () => {
    cli = await cliEnvironment();
    const db = await cli.openDatabase();
    const clock = testClock('2024-01-10T09:00:00Z');
    const services = testServices(db, { now: clock.now, regionName: 'Тестовая область' });
    await loadDistrict(services, clock);
    await loadDistrictRoadmap(services, clock);
    const region = await db.prisma.region.findFirstOrThrow();
    await db.prisma.municipality.create({ data: { regionId: region.id, name: 'Пустой район' } });
    await db.close();
    const run = await cli.run('indicators', '--municipality', DISTRICT, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    json = JSON.parse(run.stdout) as Json;
  }, 120_000);

  afterAll(() => cli?.close());

  it('prints the year with data and the scope', () => {
    expect(json.year).toBe(Y);
    expect(json.scope).toEqual({ kind: 'municipality', name: DISTRICT, schools: 5 });
    expect(json.indicators.map((indicator) => indicator.id)).toEqual(INDICATOR_IDS);
  });

  it.each(BY_HAND)('%s matches the hand computation (%s / %s: %s)', (id, numerator, denominator) => {
    const indicator = json.indicators.find((entry) => entry.id === id)!;
    expect(indicator.missing).toBeNull();
    expect([indicator.numerator, indicator.denominator]).toEqual([numerator, denominator]);
    expect(indicator.value).toBeCloseTo(denominator === null ? numerator : numerator / denominator, 10);
  });

  it('indicators without data say what is missing and where it comes from, never a zero', () => {
    const missing = json.indicators.filter((indicator) => indicator.missing !== null);
    expect(missing.length).toBeGreaterThan(10);
    for (const indicator of missing) {
      expect(indicator.value).toBeNull();
      expect(indicator.numerator).toBeNull();
    }
    const regional = json.indicators.find((indicator) => indicator.id === '003-2.3.1.3')!;
    expect(regional.missing).toContain('краевых диагностических работ');
    const teachers = json.indicators.find((indicator) => indicator.id === '000-4')!;
    expect(teachers.missing).toContain('диагностики педагогов');
  });

  it('keeps every indicator of the seeds with its source, all listed in docs/indicators.md', () => {
    const docs = readFileSync(new URL('../../docs/indicators.md', import.meta.url), 'utf8');
    for (const indicator of json.indicators) {
      expect(docs).toContain(`\`${indicator.id}\``);
      expect(indicator.source).toMatch(/^seed 00\d/);
    }
    const byPrefix = (prefix: string) => json.indicators.filter((indicator) => indicator.id.startsWith(prefix)).length;
    expect(byPrefix('000-')).toBe(8); // 7 passport indicators + the expected result
    expect(byPrefix('001-')).toBe(6);
    expect(byPrefix('003-3.3.')).toBe(9);
    expect(byPrefix('003-4.3.')).toBe(3);
    expect(byPrefix('004-')).toBe(12);
  });

  it('prints a readable table without --json, and a year with nothing stored is refused in Russian', async () => {
    const table = await cli.run('indicators', '--municipality', DISTRICT);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`Показатели программ — ${DISTRICT}, ${Y} учебный год`);
    expect(table.stdout).toContain('40 % (2 из 5) · цель до 20 % · не достигнута');
    const empty = await cli.run('indicators', '--year', '2019/2020');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('За 2019/2020 по области «Тестовая область» ничего не хранится');
    const noSchools = await cli.run('indicators', '--municipality', 'Пустой район');
    expect(noSchools.code).toBe(1);
    expect(noSchools.stderr).toContain(
      'В муниципалитете «Пустой район» нет ни одной школы: отчёт и обзор строить не по чему.',
    );
    const badYear = await cli.run('indicators', '--year', 'прошлый');
    expect(badYear.stderr).toContain('Учебный год «прошлый» не распознан.');
    const unknown = await cli.run('indicators', '--municipality', 'Нет такого');
    expect(unknown.stderr).toContain('Муниципалитета «Нет такого» нет в реестре');
    const school = await cli.run('indicators', '--school', '710003', '--json');
    expect((JSON.parse(school.stdout) as Json).scope.name).toBe('sch710003 Протасовская ООШ');
  });

  it('kurator status: the card as text and JSON, the chart as PNG, matches to choose from', async () => {
    const text = await cli.run('status', 'воскресенск');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('🏫 Воскресенская СОШ (sch710001), Дубенский район');
    const json = JSON.parse((await cli.run('status', '710001', '--json')).stdout) as {
      school: { code: string };
      flags: Array<{ method: string; status: string }>;
      trend: Array<{ procedure: string; latest: { share: number }; previous: { share: number } | null }>;
    };
    expect(json.school.code).toBe('sch710001');
    expect(json.flags.map((flag) => [flag.method, flag.status])).toEqual([
      ['fioco', 'flagged'],
      ['risk', 'flagged'],
    ]);
    const math = json.trend.find((entry) => entry.procedure === 'ОГЭ, Математика')!;
    expect([math.latest.share, math.previous!.share]).toEqual([0.3, 0.2]);
    const png = join(cli.dir, 'card.png');
    const written = await cli.run('status', 'sch710001', '--png', png);
    expect(written.code).toBe(0);
    expect([...readFileSync(png).subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
    const several = await cli.run('status', 'дубенская');
    expect(several.code).toBe(1);
    expect(several.stdout).toContain('sch710004  Дубенская СОШ № 1 (Дубенский район)');
    const overview = await cli.run('status', '--municipality', DISTRICT);
    expect(overview.stdout).toContain('📊 Дубенский район: 5 школ');
    const unknown = await cli.run('status', 'sch999999');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Школы «sch999999» нет в вашей зоне');
  });

  // Runs last: it adds runs to the shared database.
  it('a later «look» into a past year (issue 10) does not rewrite that year: only the current runs count', async () => {
    const db = await cli.openDatabase();
    const district = await db.prisma.municipality.findFirstOrThrow({ where: { name: DISTRICT } });
    const schools = await db.prisma.school.findMany({ where: { municipalityId: district.id } });
    // looks into 2022/2023 made in September 2024: ФИОКО would list D2 and D4 (the current run: D1, D3, D5),
    // the risk zone nobody (the current run: D1, D2, D4)
    const look = async (method: string, flagged: readonly string[]) => {
      const run = await db.prisma.identificationRun.create({
        data: {
          method,
          year: Y1,
          look: true,
          municipalityId: district.id,
          actorLabel: 'тест',
          rules: { labels: {} },
          at: new Date('2024-09-10T09:00:00Z'),
        },
      });
      await db.prisma.identificationVerdict.createMany({
        data: schools.map((school) => ({
          runId: run.id,
          schoolId: school.id,
          flagged: flagged.includes(school.code),
          criteria: flagged.includes(school.code) ? ['two-procedures'] : [],
          evidence: { status: flagged.includes(school.code) ? 'flagged' : 'clear', undetermined: [], items: [] },
        })),
      });
    };
    await look('fioco', [SCHOOLS.D2.code, SCHOOLS.D4.code]);
    await look('risk', []);
    await db.close();
    const run = await cli.run('indicators', '--municipality', DISTRICT, '--json');
    const after = JSON.parse(run.stdout) as Json;
    const figures = (id: string) => {
      const indicator = after.indicators.find((entry) => entry.id === id)!;
      return [indicator.numerator, indicator.denominator];
    };
    // with the looks counted: ШНОР Y1 = D2, D4, neither flagged in Y → 2 / 2; risk Y1 empty → no data
    expect(figures('000-1')).toEqual([1, 3]);
    expect(figures('003-3.3.1.3')).toEqual([2, 3]);
    expect(figures('003-3.3.2.2')).toEqual([2, 2]);
    // the past year itself is read from its current runs too
    const past = JSON.parse(
      (await cli.run('indicators', '--municipality', DISTRICT, '--year', Y1, '--json')).stdout,
    ) as Json;
    const share = past.indicators.find((entry) => entry.id === '000-E.1')!;
    expect([share.numerator, share.denominator]).toEqual([3, 5]);
  });
});
