/**
 * Bulk writes of a results import (src/db/bulkInserts.ts): values travel as array literals, and
 * the foreign keys are checked once per set when the role may skip the per-row triggers — or row
 * by row as usual when it may not. Either way a row of a school not in the registry is refused.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { resultColumns, resultRowsInsert, withSetChecks, type ResultRowInsert } from '../../src/db/bulkInserts.ts';
import { transactionConnection } from '../../src/db/client.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

describe('bulk insert of result rows', () => {
  let db: TestDatabase;
  let schoolIds: number[];
  let importId: number;
  beforeAll(async () => {
    db = await openTestDatabase();
    const region = await db.prisma.region.create({ data: { name: 'Область' } });
    const municipality = await db.prisma.municipality.create({ data: { regionId: region.id, name: 'Район' } });
    schoolIds = [];
    for (const code of ['s1', 's2']) {
      const school = await db.prisma.school.create({
        data: {
          code,
          municipalityId: municipality.id,
          fullName: code,
          shortName: code,
          type: 'СОШ',
          settlement: 'с. Тест',
          rural: true,
        },
      });
      schoolIds.push(school.id);
    }
    importId = (
      await db.prisma.resultImport.create({
        data: { actorLabel: 'тест', fileName: 'f.xlsx', rowsTotal: 0, rowsNew: 0, rowsReplaced: 0, rowsUnchanged: 0 },
      })
    ).id;
    // A role like a managed database's owner: no superuser, so no session_replication_role.
    await db.prisma.$executeRawUnsafe(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kurator_plain') THEN CREATE ROLE kurator_plain NOSUPERUSER; END IF;
    END $$`);
    await db.prisma.$executeRawUnsafe('GRANT ALL ON ALL TABLES IN SCHEMA public TO kurator_plain');
    await db.prisma.$executeRawUnsafe('GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO kurator_plain');
  });
  afterAll(async () => db?.close());

  const row = (schoolId: number, subject: string, extra: Partial<ResultRowInsert> = {}): ResultRowInsert => ({
    schoolId,
    year: '2024/25',
    kind: 'VPR',
    subject,
    grade: 5,
    participants: 30,
    failed: 3,
    m2: 3,
    m3: null,
    m4: 10,
    m5: 7,
    meanScore: 3.75,
    ...extra,
  });

  it('stores text with quotes, backslashes, commas and braces, and nulls, exactly', async () => {
    const subjects = ['Русский язык', 'Математика "профиль", {углуб.}', 'C:\\путь\\к, предмету', 'NULL'];
    const rows = subjects.map((subject, index) =>
      row(schoolIds[0]!, subject, { grade: 5 + index, meanScore: index === 1 ? null : 3.75 }),
    );
    await db.prisma.$transaction(async (tx) => {
      const connection = await transactionConnection(tx);
      await withSetChecks(tx, [schoolIds[0]!], () =>
        resultRowsInsert(connection, resultColumns(rows), importId, new Date())(),
      );
    });
    const stored = await db.prisma.assessmentResult.findMany({
      where: { schoolId: schoolIds[0]! },
      orderBy: { grade: 'asc' },
    });
    expect(stored.map((result) => result.subject)).toEqual(subjects);
    expect(stored.map((result) => result.meanScore)).toEqual([3.75, null, 3.75, 3.75]);
    expect(stored.every((result) => result.m3 === null && result.m4 === 10 && result.importId === importId)).toBe(true);
  });

  it('refuses rows of a school not in the registry, with the set check and with the per-row check', async () => {
    const missing = Math.max(...schoolIds) + 1000;
    for (const role of ['kurator', 'kurator_plain']) {
      await expect(
        db.prisma.$transaction(async (tx) => {
          if (role === 'kurator_plain') await tx.$executeRawUnsafe('SET LOCAL ROLE kurator_plain');
          const [may] = await tx.$queryRaw<{ may: boolean }[]>`
            SELECT has_parameter_privilege('session_replication_role', 'SET') AS may`;
          expect(may!.may).toBe(role === 'kurator');
          const connection = await transactionConnection(tx);
          await withSetChecks(tx, [schoolIds[1]!, missing], () =>
            resultRowsInsert(
              connection,
              resultColumns([row(schoolIds[1]!, 'История'), row(missing, 'История')]),
              importId,
              new Date(),
            )(),
          );
        }),
      ).rejects.toThrow(role === 'kurator' ? /schools not in the registry/ : /foreign key/i);
    }
    expect(await db.prisma.assessmentResult.count({ where: { subject: 'История' } })).toBe(0);
  });

  it('leaves the per-row checks on for the rest of the transaction', async () => {
    const missing = Math.max(...schoolIds) + 2000;
    await expect(
      db.prisma.$transaction(async (tx) => {
        const connection = await transactionConnection(tx);
        await withSetChecks(tx, [schoolIds[1]!], () =>
          resultRowsInsert(connection, resultColumns([row(schoolIds[1]!, 'География')]), importId, new Date())(),
        );
        const [setting] = await tx.$queryRaw<
          { role: string }[]
        >`SELECT current_setting('session_replication_role') AS role`;
        expect(setting!.role).toBe('origin');
        await resultRowsInsert(connection, resultColumns([row(missing, 'География')]), importId, new Date())();
      }),
    ).rejects.toThrow(/foreign key/i);
    expect(await db.prisma.assessmentResult.count({ where: { subject: 'География' } })).toBe(0);
  });

  it('writes on the connection of the transaction: seen inside it, gone with its rollback, stamped in UTC', async () => {
    const at = new Date('2026-03-01T21:30:00.250Z'); // already 2 March in Moscow
    // a server process in Moscow time: the stamp is still UTC, as Prisma writes DateTime
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Moscow';
    onTestFinished(() => {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });
    await expect(
      db.prisma.$transaction(async (tx) => {
        const connection = await transactionConnection(tx);
        await resultRowsInsert(connection, resultColumns([row(schoolIds[0]!, 'Химия')]), importId, at)();
        // Prisma's queries in the same transaction see the row; other connections do not
        const inside = await tx.assessmentResult.findMany({ where: { subject: 'Химия' } });
        expect(inside.map((result) => result.updatedAt.toISOString())).toEqual([at.toISOString()]);
        expect(await db.prisma.assessmentResult.count({ where: { subject: 'Химия' } })).toBe(0);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await db.prisma.assessmentResult.count({ where: { subject: 'Химия' } })).toBe(0);
    // the connection went back to the pool in a clean state: the next transaction finds it
    await db.prisma.$transaction(async (tx) => {
      const connection = await transactionConnection(tx);
      expect(await resultRowsInsert(connection, resultColumns([row(schoolIds[0]!, 'Химия')]), importId, at)()).toBe(1);
    });
    expect(await db.prisma.assessmentResult.count({ where: { subject: 'Химия' } })).toBe(1);
  });
});
