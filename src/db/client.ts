/**
 * Opens the database: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise the
 * embedded PGlite (real PostgreSQL compiled to WASM, in-process) under DATA_DIR, locked against a
 * second process. Pending migrations are applied on open.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/client.ts';
import { lockDataDir } from './dataDirLock.ts';
import { applyMigrations } from './migrate.ts';

export type { PrismaClient } from './generated/client.ts';
export { Prisma } from './generated/client.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir null: an in-memory database (tests). */
  | { kind: 'pglite'; dataDir: string | null };

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Migrations applied while opening. */
  appliedMigrations: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  migrate?: boolean;
}

export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (target.kind === 'postgres') {
    const factory = new PrismaPg({ connectionString: target.url, max: 10 });
    const appliedMigrations = migrate ? await applyMigrations(factory) : [];
    const prisma = new PrismaClient({ adapter: factory });
    return { prisma, target, appliedMigrations, close: () => prisma.$disconnect() };
  }

  const lock = target.dataDir ? lockDataDir(target.dataDir) : null;
  try {
    const pglite = new PGlite(target.dataDir ? join(target.dataDir, 'pglite') : undefined);
    await pglite.waitReady;
    const factory: SqlMigrationAwareDriverAdapterFactory = new PrismaPGlite(pglite);
    const appliedMigrations = migrate ? await applyMigrations(factory) : [];
    const prisma = new PrismaClient({ adapter: factory });
    let closed = false;
    return {
      prisma,
      target,
      appliedMigrations,
      async close() {
        if (closed) return;
        closed = true;
        await prisma.$disconnect();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
