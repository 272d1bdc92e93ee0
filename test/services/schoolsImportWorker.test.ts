// A large registry is imported on a worker thread with its own connection (issue 9: other chats
// must not wait while one uploads): the rows and their audit entries arrive as from the main
// thread, a second import of the same file changes nothing, and a failure in the middle of the
// write leaves nothing behind (one transaction, all-or-nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx } from '../helpers/rawXlsxWriter.ts';
import { SCHOOL_COLUMNS } from '../../src/files/xlsx/read/schoolsSheet.ts';
import { WORKER_THRESHOLD_BYTES } from '../../src/files/xlsx/read/resultsParseWorker.ts';
import { CLI_ACTOR, createServices, type Services } from '../../src/services/index.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

const ROWS = 12_000;
let db: TestDatabase;
let services: Services;

function registry(
  rows: number,
  name = (i: number) => `СОШ № ${i + 1}`,
  municipality = (i: number) => `Район ${1 + Math.floor(i / 1000)}`,
): Uint8Array {
  function* data() {
    yield Object.values(SCHOOL_COLUMNS);
    for (let i = 0; i < rows; i++)
      yield [
        municipality(i),
        `sch${String(500_001 + i)}`,
        `Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № ${i + 1}»`,
        name(i),
        'СОШ',
        `с. Населённый пункт ${1 + (i % 97)}`,
        i % 3 === 0 ? 'да' : 'нет',
      ];
  }
  return buildXlsx([{ name: 'Реестр', rows: data() }]);
}

beforeAll(async () => {
  db = await openTestDatabase();
  services = createServices({
    prisma: db.prisma,
    now: () => new Date('2026-11-30T09:00:00Z'),
    workerDatabase: { url: db.url, applicationName: db.applicationName },
    settings: { adminTelegramIds: [1000], inviteTtlDays: 7, regionName: 'Тестовая область' },
  });
});
afterAll(async () => db?.close());

describe('registry import on a worker thread', () => {
  it('writes every school with its audit entry; the same file again changes nothing', async () => {
    const bytes = registry(ROWS);
    expect(bytes.byteLength).toBeGreaterThan(WORKER_THRESHOLD_BYTES);
    const result = await services.schools.importFile(CLI_ACTOR, bytes);
    expect(result).toMatchObject({ ok: true, created: ROWS, updated: 0, unchanged: 0, municipalitiesCreated: 12 });
    expect(await db.prisma.school.count()).toBe(ROWS);
    expect(await db.prisma.auditLog.count({ where: { action: 'school.create' } })).toBe(ROWS);
    const one = await db.prisma.school.findUniqueOrThrow({
      where: { code: 'sch512000' },
      include: { municipality: true },
    });
    expect(one).toMatchObject({ shortName: 'СОШ № 12000', rural: false, municipality: { name: 'Район 12' } });
    expect(one.createdAt.toISOString()).toBe('2026-11-30T09:00:00.000Z');

    const again = await services.schools.importFile(CLI_ACTOR, bytes);
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: ROWS, municipalitiesCreated: 0 });

    // one more school in a municipality already there: a new school, no new municipality
    const more = await services.schools.importFile(
      CLI_ACTOR,
      registry(ROWS + 1, undefined, (i) => `Район ${Math.min(12, 1 + Math.floor(i / 1000))}`),
    );
    expect(more).toMatchObject({ ok: true, created: 1, updated: 0, unchanged: ROWS, municipalitiesCreated: 0 });
  });

  it('a failure in the middle of the write leaves every school as it was', async () => {
    await db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_school() RETURNS trigger AS $$
      BEGIN
        IF NEW."shortName" = 'сбой' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_school BEFORE UPDATE ON "School" FOR EACH ROW EXECUTE FUNCTION refuse_school()`,
    );
    // Every school renamed, the last one to the name the trigger refuses.
    const bytes = registry(ROWS, (i) => (i === ROWS - 1 ? 'сбой' : `Школа ${i + 1}`));
    await expect(services.schools.importFile(CLI_ACTOR, bytes)).rejects.toThrow(/refused for the test/);
    expect(await db.prisma.school.count({ where: { shortName: { startsWith: 'Школа' } } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: 'school.update' } })).toBe(0);
  });
});
