import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/services/index.ts';
import { renderIssue } from '../../src/text/sheetIssues.ts';
import { seedSchools } from '../helpers/testBot.ts';
import { openTestDatabase, testServices, type TestDatabase } from '../helpers/testDatabase.ts';
import { resultsSheet } from '../helpers/workbooks.ts';
import type { Services } from '../../src/services/index.ts';
import type { Actor } from '../../src/domain/access/policy.ts';

let db: TestDatabase;
let services: Services;
let yelnyaCoordinator: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  services = testServices(db);
  const { region, yelnya } = await seedSchools(services);
  yelnyaCoordinator = {
    userId: null,
    role: 'coordinator',
    scope: { kind: 'municipality', regionId: region.id, municipalityId: yelnya.id },
  };
});
afterAll(async () => db?.close());

const stored = () =>
  db.prisma.assessmentResult.findMany({
    orderBy: [{ schoolId: 'asc' }, { kind: 'asc' }, { subject: 'asc' }],
    select: {
      year: true,
      kind: true,
      subject: true,
      grade: true,
      participants: true,
      failed: true,
      school: { select: { code: true } },
    },
  });

describe('results import', () => {
  it('replaces a school × year × procedure row and keeps the old values in the audit log', async () => {
    const first = await resultsSheet([
      ['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 28, 9],
      ['2023/2024', 'sch710002', '', 'ВПР', 'Русский язык', 6, 15, 2],
    ]);
    expect((await services.results.importFile(CLI_ACTOR, first)).ok).toBe(true);
    const corrected = await resultsSheet([
      ['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 28, 7],
      ['2023/2024', 'sch710002', '', 'ВПР', 'Русский язык', 6, 15, 2],
      ['2022/2023', 'sch710001', '', 'ВПР', 'Математика', 5, 30, 12],
    ]);
    const preview = await services.results.preview(CLI_ACTOR, corrected);
    expect(preview.ok && preview.summary).toMatchObject({ newRows: 1, replacedRows: 1, unchangedRows: 1 });
    const outcome = await services.results.importFile(CLI_ACTOR, corrected);
    expect(outcome.ok && outcome.summary).toMatchObject({ newRows: 1, replacedRows: 1, unchangedRows: 1 });
    const rows = await stored();
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.school.code === 'sch710001' && row.year === '2023/2024')?.failed).toBe(7);
    const replaced = await db.prisma.auditLog.findFirst({ where: { action: 'results.replace' } });
    expect(replaced?.before).toMatchObject({ failed: 9, participants: 28 });
    expect(replaced?.after).toMatchObject({ failed: 7 });
    expect(Math.abs(replaced!.at.getTime() - Date.now())).toBeLessThan(60_000); // stamped now
    // the import's own entry counts the replaced rows; the rows themselves are in their entries
    const imported = await db.prisma.auditLog.findFirst({
      where: { action: 'results.import', entityId: String(outcome.ok && outcome.importId) },
    });
    expect(imported?.after).toMatchObject({ newRows: 1, replacedRows: 1, unchangedRows: 1 });
    expect(imported?.after).not.toHaveProperty('replacements');
  });

  it('the same file twice changes nothing the second time', async () => {
    const file = await resultsSheet([['2023/2024', 'sch670001', '', 'ОГЭ', 'Математика', '', 18, 5]]);
    await services.results.importFile(CLI_ACTOR, file);
    const auditBefore = await db.prisma.auditLog.count();
    const importsBefore = await db.prisma.resultImport.count();
    const again = await services.results.importFile(CLI_ACTOR, file);
    expect(again.ok && again.summary).toMatchObject({ newRows: 0, replacedRows: 0, unchangedRows: 1 });
    expect(await db.prisma.auditLog.count()).toBe(auditBefore);
    expect(await db.prisma.resultImport.count()).toBe(importsBefore);
  });

  it('a failure in the middle of writing leaves the data as it was', async () => {
    const before = await stored();
    const auditBefore = await db.prisma.auditLog.count();
    // The database refuses one row, after the replaced rows were already deleted inside the transaction.
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_failure_subject() RETURNS trigger AS $$
      BEGIN
        IF NEW.subject = 'Сбой' THEN RAISE EXCEPTION 'disk full'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_failure_subject BEFORE INSERT ON "AssessmentResult" FOR EACH ROW EXECUTE FUNCTION refuse_failure_subject()`,
    );
    try {
      const file = await resultsSheet([
        ['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 28, 1],
        ['2023/2024', 'sch710002', '', 'ВПР', 'Сбой', 6, 10, 1],
      ]);
      await expect(services.results.importFile(CLI_ACTOR, file)).rejects.toThrow();
    } finally {
      await db.prisma.$executeRawUnsafe(`DROP TRIGGER refuse_failure_subject ON "AssessmentResult"`);
      await db.prisma.$executeRawUnsafe(`DROP FUNCTION refuse_failure_subject()`);
    }
    expect(await stored()).toEqual(before);
    expect(await db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('an error in the last row undoes the rows already written before it: nothing stays, the row is named', async () => {
    const before = await stored();
    const importsBefore = await db.prisma.resultImport.count();
    const auditBefore = await db.prisma.auditLog.count();
    // Rows go to the database batch by batch while the file is still being read.
    const file = await resultsSheet([
      ['2023/2024', 'sch710001', '', 'ВПР', 'История', 5, 20, 2],
      ['2023/2024', 'sch710002', '', 'ВПР', 'История', 5, 20, 2],
      ['2023/2024', 'sch670001', '', 'ВПР', 'История', 5, 20, 25],
    ]);
    const outcome = await services.results.importFile(CLI_ACTOR, file);
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.filter((issue) => issue.severity === 'error').map(renderIssue)).toEqual([
      expect.stringMatching(/^строка 4, /),
    ]);
    expect(await stored()).toEqual(before);
    expect(await db.prisma.resultImport.count()).toBe(importsBefore);
    expect(await db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it("a municipal coordinator cannot import another municipality's school: the row and code are named", async () => {
    const file = await resultsSheet([
      ['2023/2024', 'sch670001', '', 'ВПР', 'Математика', 5, 20, 2],
      ['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 6, 20, 2],
    ]);
    const outcome = await services.results.importFile(yelnyaCoordinator, file);
    expect(outcome.ok).toBe(false);
    const messages = outcome.issues.map(renderIssue);
    expect(messages).toEqual([
      expect.stringMatching(/^строка 3, столбец B «Код ОО»: школа sch710001 вне вашей зоны ответственности/),
    ]);
    expect(await db.prisma.assessmentResult.count({ where: { subject: 'Математика', grade: 6 } })).toBe(0);
  });

  it('a director and a committee member may not import', async () => {
    const file = await resultsSheet([['2023/2024', 'sch670001', '', 'ВПР', 'Математика', 5, 20, 2]]);
    const committee: Actor = { ...yelnyaCoordinator, role: 'committee' };
    await expect(services.results.importFile(committee, file)).rejects.toThrow(/access denied/);
  });
});
