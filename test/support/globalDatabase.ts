/**
 * vitest globalSetup: one PostgreSQL server for the whole run and one migrated template database.
 * Each test file then gets a fresh database with `CREATE DATABASE … TEMPLATE …` (milliseconds)
 * instead of running the migrations again (seconds, through the WASM schema engine).
 *
 * The server is the embedded one (a temporary DATA_DIR, fsync off), or the server named by
 * DATABASE_URL — that is how .ci/run repeats the database suites on Debian's PostgreSQL 15.
 * Test files read the URLs with inject('databaseServerUrl') / inject('databaseTemplate').
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { TestProject } from 'vitest/node';
import { ensureEmbeddedServer, withDatabase, type EmbeddedServer } from '../../src/db/embeddedServer.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createDatabase, dropDatabase } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database on the test server with rights to CREATE DATABASE (the server's maintenance DB). */
    databaseServerUrl: string;
    /** Name of the migrated template database. */
    databaseTemplate: string;
  }
}

/** Settings for a throwaway server: durability is not needed, speed is. */
export const TEST_SERVER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };

export default async function setup(project: TestProject) {
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'kurator-test-server-'));
    server = await ensureEmbeddedServer(dataDir, { settings: TEST_SERVER_SETTINGS });
    serverUrl = withDatabase(server.url, 'postgres');
  }
  const template = `kurator_template_${randomBytes(4).toString('hex')}`;
  try {
    const templateUrl = await createDatabase(serverUrl, template);
    await applyMigrations(new PrismaPg({ connectionString: templateUrl, max: 2 }));
  } catch (error) {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('databaseServerUrl', serverUrl);
  project.provide('databaseTemplate', template);

  return async () => {
    await dropDatabase(serverUrl, template).catch(() => undefined);
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
