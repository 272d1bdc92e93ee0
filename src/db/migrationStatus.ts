/**
 * Is the database up to date with prisma/migrations? A cheap check for CLI commands: compares the
 * finished rows of Prisma's `_prisma_migrations` table with the migration folders, without
 * loading the WASM schema engine (which costs seconds and hundreds of megabytes).
 */
import { readdir } from 'node:fs/promises';
import pg from 'pg';
import { MIGRATIONS_DIR } from './paths.ts';

export class DatabaseOutdatedError extends Error {
  constructor(
    /** Folders not applied yet (the database is older than the program). */
    readonly pending: string[],
    /** Applied migrations this program does not know (the database is newer than the program). */
    readonly unknown: string[],
  ) {
    super(`database migrations: pending ${pending.join(', ') || '—'}; unknown ${unknown.join(', ') || '—'}`);
  }
}

export async function migrationFolders(dir = MIGRATIONS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((row) => row.name);
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return []; // no table: nothing applied yet
    throw error;
  } finally {
    await client.end();
  }
}

/** Migration folders not applied yet, and applied migrations this program does not know. */
export async function migrationStatus(url: string): Promise<{ pending: string[]; unknown: string[] }> {
  const [folders, applied] = await Promise.all([migrationFolders(), appliedMigrations(url)]);
  const done = new Set(applied);
  const known = new Set(folders);
  return {
    pending: folders.filter((name) => !done.has(name)),
    unknown: applied.filter((name) => !known.has(name)),
  };
}

export async function assertUpToDate(url: string): Promise<void> {
  const { pending, unknown } = await migrationStatus(url);
  if (pending.length || unknown.length) throw new DatabaseOutdatedError(pending, unknown);
}
