/**
 * A fresh database per test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (that is how .ci/run runs the same suite on a real
 * server). Migrations are applied exactly as at start-up.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { createDatabase, dropDatabase } from '../support/postgres.ts';

export interface TestDatabase extends Database {
  backend: 'pglite' | 'postgres';
}

export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || options.dataDir) {
    const db = await openDatabase({ kind: 'pglite', dataDir: options.dataDir ?? null });
    return { ...db, backend: 'pglite' };
  }
  const name = `kurator_test_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(serverUrl, name);
  const db = await openDatabase({ kind: 'postgres', url });
  return {
    ...db,
    backend: 'postgres',
    async close() {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** A clock tests can move. */
export function testClock(start = '2026-11-25T09:00:00Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = new Date(iso).getTime();
    },
  };
}

export function testServices(
  db: Database,
  options: { now?: () => Date; adminTelegramIds?: number[]; regionName?: string } = {},
): Services {
  return createServices({
    prisma: db.prisma,
    now: options.now ?? (() => new Date()),
    settings: {
      adminTelegramIds: options.adminTelegramIds ?? [1000],
      inviteTtlDays: 7,
      regionName: options.regionName ?? 'Тестовая область',
    },
  });
}
