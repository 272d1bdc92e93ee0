/**
 * A fresh database per test file: a copy of the migrated template database on the run's one
 * server (test/support/globalDatabase.ts: the embedded server, or DATABASE_URL's in CI's second
 * pass), made with CREATE DATABASE … TEMPLATE — no per-file migration. With `dataDir`, the
 * embedded server of that DATA_DIR instead, opened exactly as the bot opens it (started,
 * migrated, stopped on close): restart and process tests use that.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { TEST_SERVER_SETTINGS } from '../support/globalDatabase.ts';
import { createDatabase, dropDatabase } from '../support/postgres.ts';

export interface TestDatabase extends Database {
  /** 'postgres': the server of DATABASE_URL; 'embedded': the embedded PostgreSQL server. */
  backend: 'embedded' | 'postgres';
}

/** A new database copied from the migrated template; returns its URL and how to drop it. */
export async function createTestDatabaseUrl(prefix = 'kurator_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('databaseServerUrl');
  const template = inject('databaseTemplate');
  if (!serverUrl || !template)
    throw new Error('test database server missing: is test/support/globalDatabase.ts set up?');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(serverUrl, name, template);
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (options.dataDir) {
    const db = await openDatabase(
      { kind: 'embedded', dataDir: options.dataDir, server: { settings: TEST_SERVER_SETTINGS } },
      { migrate: true, stopServerOnClose: true },
    );
    return { ...db, backend: 'embedded' };
  }
  const { url, drop } = await createTestDatabaseUrl();
  const db = await openDatabase({ kind: 'postgres', url }, { migrate: false }); // the template is migrated
  return {
    ...db,
    backend: process.env.DATABASE_URL ? 'postgres' : 'embedded',
    async close() {
      await db.close();
      await drop();
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
