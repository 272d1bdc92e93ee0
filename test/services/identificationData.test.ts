// Issue 11 as use cases, in a real database: «Контингент» makes seed 001's two other main criteria
// run; «по региону» is labelled when not every municipality has data, or replaced by an entered
// figure; the official ШНОР list is imported per year and compared with the computed one. Files
// are real .xlsx (the template the CLI writes, filled in with ExcelJS).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeContingentTemplate,
  writeOfficialListTemplate,
} from '../../src/files/xlsx/write/identificationTemplates.ts';
import { t } from '../../src/i18n.ts';
import { CLI_ACTOR, UserError, type Services } from '../../src/services/index.ts';
import type { MethodOutcome } from '../../src/services/identification/index.ts';
import { methodSummaryLines } from '../../src/text/identification.ts';
import { officialComparisonLines } from '../../src/text/identificationData.ts';
import { dataset, loadDataset } from '../helpers/identificationDataset.ts';
import { openTestDatabase, testClock, testServices, type TestDatabase } from '../helpers/testDatabase.ts';

let db: TestDatabase;
let services: Services;
const clock = testClock('2026-11-25T09:00:00Z');
const L = '2024/2025';

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db, { now: clock.now });
  const ids = await loadDataset(db.prisma, services.deps.settings.regionName);
  // a third municipality whose school has no results loaded: the data covers 2 of 3
  const east = await db.prisma.municipality.create({ data: { regionId: ids.region.id, name: 'Восточный район' } });
  await db.prisma.school.create({
    data: {
      code: 'sch300001',
      municipalityId: east.id,
      fullName: 'МБОУ «Восточная СОШ»',
      shortName: 'Восточная СОШ',
      type: 'СОШ',
      settlement: 'с. Восток',
      rural: true,
    },
  });
});
afterAll(async () => db?.close());

const done = (outcome: MethodOutcome | undefined) => {
  if (outcome?.state !== 'done') throw new Error(`expected a stored run, got ${JSON.stringify(outcome)}`);
  return outcome.run;
};

/** Fills the «Контингент» template the CLI writes: figures by row, keyed by the prefilled code. */
async function filledContingent(figures: (code: string, index: number) => unknown[] | null, year = L) {
  const template = await writeContingentTemplate(
    dataset.schools.map((school) => ({ code: school.code, name: school.name })),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Контингент')!;
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const code = String(row.getCell(2).value);
    const values = figures(code, number - 2);
    if (values === null) {
      row.values = [];
      return;
    }
    row.getCell(1).value = year;
    values.forEach((value, i) => {
      row.getCell(4 + i).value = value as ExcelJS.CellValue;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('«Контингент»: seed 001’s continuation and olympiad criteria', () => {
  it('a year with no «Контингент» data: both criteria are named as not checked, with the year and what to load', async () => {
    const run = done((await services.identification.run(CLI_ACTOR, { methods: ['regional'], year: L })).methods[0]);
    expect(run.notEvaluated).toEqual(['continuation-below', 'olympiad-low']);
    const text = methodSummaryLines(t, run).join('\n');
    expect(text).toContain(`нет данных «Контингент» за ${L}`);
    expect(text).toContain('/template contingent');
  });

  it('a file with an unknown code and an impossible row changes nothing and names the rows', async () => {
    const bytes = await filledContingent((_code, i) => [300, 30, i === 0 ? 31 : 20, null, null, 2, 0]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    workbook.getWorksheet('Контингент')!.addRow([L, 'sch999999', 'Нет такой', 100, 10, 5, null, null, 1, 0]);
    const outcome = await services.identificationData.importContingent(
      CLI_ACTOR,
      new Uint8Array(await workbook.xlsx.writeBuffer()),
    );
    expect(outcome.ok).toBe(false);
    const messages = outcome.issues.map((issue) => `${issue.row}:${t(issue.code, issue.params)}`);
    expect(messages).toContainEqual(expect.stringMatching(/^2:продолжили обучение в 10 классе \(31\) больше/));
    expect(await db.prisma.contingentRecord.count()).toBe(0);
    // the unknown code is only reported once the file itself is clean
    workbook.getWorksheet('Контингент')!.getRow(2).getCell(6).value = 20;
    const second = await services.identificationData.importContingent(
      CLI_ACTOR,
      new Uint8Array(await workbook.xlsx.writeBuffer()),
    );
    expect(second.ok).toBe(false);
    const secondErrors = second.issues.filter((issue) => issue.severity === 'error');
    expect(secondErrors.map((issue) => t(issue.code, issue.params))).toEqual([
      'школы с кодом sch999999 нет в реестре. Проверьте код или сначала загрузите школу в реестр.',
    ]);
    expect(secondErrors[0]!.row).toBe(dataset.schools.length + 2);
    expect(await db.prisma.contingentRecord.count()).toBe(0);
  });

  it('with «Контингент» imported, the two main criteria are evaluated for every school', async () => {
    // every third school keeps fewer than 60 % in grade 10; every fourth has no olympiad participants
    const bytes = await filledContingent((_code, i) => [
      400,
      40,
      i % 3 === 0 ? 20 : 30,
      50,
      20,
      i % 4 === 0 ? 0 : 6,
      0,
      null,
    ]);
    const outcome = await services.identificationData.importContingent(CLI_ACTOR, bytes, { fileName: 'k.xlsx' });
    expect(outcome).toMatchObject({ ok: true, years: [L], created: dataset.schools.length, replaced: 0 });
    const run = done((await services.identification.run(CLI_ACTOR, { methods: ['regional'], year: L })).methods[0]);
    expect(run.notEvaluated).toEqual([]);
    expect(run.missing.filter((gap) => gap.items.includes('continuation') || gap.items.includes('olympiad'))).toEqual(
      [],
    );
    const order = dataset.schools.map((school) => school.code);
    for (const verdict of run.verdicts) {
      const i = order.indexOf(verdict.code);
      const also = verdict.also ?? [];
      expect(also.includes('continuation-below'), verdict.code).toBe(i % 3 === 0);
      // olympiads: 6 of 400 = 1,5 % > 0,5 %; 0 of 400 ≤ 0,5 %
      expect(also.includes('olympiad-low'), verdict.code).toBe(i % 4 === 0);
      if (i % 3 === 0)
        expect(verdict.evidence).toContainEqual(
          expect.objectContaining({ criterion: 'continuation-below', value: 0.5, compareTo: 0.6 }),
        );
    }
    expect((await services.identificationData.contingentCoverage(CLI_ACTOR, L)).withData).toBe(dataset.schools.length);
  });

  it('«Контингент» of another year only: the run for 2023/2024 names the year that is missing', async () => {
    const run = done(
      (await services.identification.run(CLI_ACTOR, { methods: ['regional'], year: '2023/2024' })).methods[0],
    );
    expect(run.notEvaluated).toEqual(['continuation-below', 'olympiad-low']);
    expect(methodSummaryLines(t, run).join('\n')).toContain('нет данных «Контингент» за 2023/2024');
  });
});

describe('«по региону»: the whole region, or labelled, or entered', () => {
  it('results of some of the 3 municipalities: the run says so in its summary', async () => {
    const run = done((await services.identification.run(CLI_ACTOR, { methods: ['regional'], year: L })).methods[0]);
    // the municipalities (north: sch100001–sch100014, south: the rest) with results of L; the east has none
    const municipalitiesWithL = new Set(
      dataset.rows.filter((row) => row.year === L).map((row) => row.schoolCode <= 'sch100014'),
    );
    const withData = municipalitiesWithL.size;
    expect(run.coverage).toMatchObject({ municipalitiesWithData: withData, municipalitiesTotal: 3, partial: true });
    expect(methodSummaryLines(t, run).join('\n')).toContain(`по загруженным данным (${withData} из 3 муниципалитетов)`);
  });

  it('an entered regional figure for the year is used instead of the loaded data’s', async () => {
    await expect(
      services.identificationData.setRegionFigures(CLI_ACTOR, { year: L, ogeMathFailedShare: 8 }),
    ).rejects.toThrow(UserError);
    await services.identificationData.setRegionFigures(CLI_ACTOR, { year: L, ogeMathFailedShare: 0.99 });
    const run = done((await services.identification.run(CLI_ACTOR, { methods: ['regional'], year: L })).methods[0]);
    expect(run.coverage?.enteredFigures).toBe(true);
    // no school is above 99 %: nobody is «also» above the region in ОГЭ математика
    expect(run.verdicts.some((verdict) => verdict.also?.includes('oge-math-failed-above-region'))).toBe(false);
    expect(methodSummaryLines(t, run).join('\n')).toContain('введённые координатором');
  });
});

describe('the official ШНОР list', () => {
  async function listFile(rows: unknown[][]) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeOfficialListTemplate()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Перечень ШНОР')!;
    for (const row of rows) sheet.addRow(row);
    return new Uint8Array(await workbook.xlsx.writeBuffer());
  }

  it('codes not in the registry: the rows are named and nothing is stored', async () => {
    const outcome = await services.identificationData.importOfficialList(
      CLI_ACTOR,
      await listFile([
        ['2024/2025', 'sch100001', '', '412-п', '15.03.2025'],
        ['', 'sch777777'],
      ]),
    );
    expect(outcome.ok).toBe(false);
    const errors = outcome.issues.filter((issue) => issue.severity === 'error');
    expect(errors.map((issue) => [issue.row, t(issue.code, issue.params)])).toEqual([
      [3, 'школы с кодом sch777777 нет в реестре. Проверьте код или сначала загрузите школу в реестр.'],
    ]);
    expect(await db.prisma.officialList.count()).toBe(0);
  });

  it('a list without the order: refused, saying what is missing', async () => {
    const outcome = await services.identificationData.importOfficialList(
      CLI_ACTOR,
      await listFile([['2024/2025', 'sch100001']]),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.filter((issue) => issue.severity === 'error').map((issue) => t(issue.code))).toContain(
      'В перечне не указаны номер и дата приказа (столбцы «Номер приказа» и «Дата приказа»). Заполните их хотя бы в первой строке.',
    );
  });

  it('imported per year; official vs computed with the differences', async () => {
    await services.identification.run(CLI_ACTOR, { methods: ['fioco'] });
    const computed = (
      await db.prisma.identificationVerdict.findMany({
        where: { flagged: true, run: { method: 'fioco' } },
        select: { school: { select: { code: true } } },
      })
    ).map((verdict) => verdict.school.code);
    const officialCodes = [computed[0]!, computed[1]!, 'sch300001'];
    const outcome = await services.identificationData.importOfficialList(
      CLI_ACTOR,
      await listFile(
        officialCodes.map((code, i) => (i === 0 ? ['2024/2025', code, '', '412-п', '15.03.2025'] : ['', code])),
      ),
      { fileName: 'перечень.xlsx' },
    );
    expect(outcome).toMatchObject({ ok: true, year: '2024/2025', orderNumber: '412-п', schools: 3, replaced: false });
    const comparison = await services.identificationData.officialComparison(CLI_ACTOR);
    expect(comparison.official).toMatchObject({ year: '2024/2025', orderNumber: '412-п', orderDate: '15.03.2025' });
    expect(comparison.both.map((school) => school.code)).toEqual([computed[0], computed[1]].sort());
    expect(comparison.onlyOfficial.map((school) => school.code)).toEqual(['sch300001']);
    expect(comparison.onlyComputed.map((school) => school.code)).toEqual(computed.slice(2).sort());
    const text = officialComparisonLines(t, comparison).join('\n');
    expect(text).toContain('приказ № 412-п от 15.03.2025');
    expect(text).toContain('Только в официальном перечне — 1:\n  sch300001 Восточная СОШ');
    // the school card's view: listed officially, never evaluated (no results): nothing to compare
    const east = await services.identificationData.schoolOfficialStatus(CLI_ACTOR, 'sch300001');
    expect(east).toMatchObject({ official: { listed: true, orderNumber: '412-п' }, computed: null, differs: false });
    // computed as ШНОР but not on the official list: the card shows the difference
    const onlyComputed = await services.identificationData.schoolOfficialStatus(CLI_ACTOR, computed[2]!);
    expect(onlyComputed).toMatchObject({ official: { listed: false }, computed: { flagged: true }, differs: true });
    const both = await services.identificationData.schoolOfficialStatus(CLI_ACTOR, computed[0]!);
    expect(both).toMatchObject({ official: { listed: true }, computed: { flagged: true }, differs: false });
    const sets = await services.identificationData.targetSets(CLI_ACTOR);
    expect(sets.find((set) => set.id === 'official-list')!.codes).toEqual([...officialCodes].sort());
  });
});
