import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { DataDirLockedError, lockDataDir } from '../../src/db/dataDirLock.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

describe('database on the configured backend', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('comes up with every migration applied', async () => {
    expect(db.appliedMigrations.length).toBeGreaterThan(0);
    expect(db.appliedMigrations[0]).toMatch(/^\d{14}_init$/);
    expect(await db.prisma.school.count()).toBe(0);
  });

  it('rolls a failed transaction back completely', async () => {
    const region = await db.prisma.region.create({ data: { name: 'Откат' } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.municipality.create({ data: { regionId: region.id, name: 'Временный' } });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.prisma.municipality.count({ where: { regionId: region.id } })).toBe(0);
  });

  it('keeps the school code unique', async () => {
    const region = await db.prisma.region.create({ data: { name: 'Уникальность' } });
    const municipality = await db.prisma.municipality.create({ data: { regionId: region.id, name: 'М' } });
    const data = {
      code: 'sch000001',
      municipalityId: municipality.id,
      fullName: 'Ш',
      shortName: 'Ш',
      type: 'СОШ',
      settlement: 'п',
      rural: false,
    };
    await db.prisma.school.create({ data });
    await expect(db.prisma.school.create({ data })).rejects.toThrow();
  });
});

describe('embedded database directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-lock-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('refuses a second opener while the first holds it, and frees it on close', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    await expect(openDatabase({ kind: 'pglite', dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.prisma.region.create({ data: { name: 'Сохранится' } });
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.prisma.region.count({ where: { name: 'Сохранится' } })).toBe(1);
    await second.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const staleDir = join(dir, 'stale');
    lockDataDir(staleDir).release();
    // PID 2^22+1 is above Linux's default pid_max, so no process has it.
    await writeFile(join(staleDir, 'kurator.lock'), String(4_194_305));
    const lock = lockDataDir(staleDir);
    lock.release();
  });
});
