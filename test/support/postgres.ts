// A throwaway Debian PostgreSQL server (CI's second pass runs the suites on it). The cluster logic lives in pgCluster.mjs so that .ci/run can use it without tsx.
import pg from 'pg';
import { findPgBin, startCluster } from './pgCluster.mjs';

export interface TestPostgres {
  /** postgresql://postgres@127.0.0.1:PORT/postgres */
  url: string;
  /** Fast shutdown, then removes the cluster's folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Folder with initdb/pg_ctl ($PG_BIN or the newest /usr/lib/postgresql/<v>/bin), if any. */
export const postgresBinaries = (): string | undefined => findPgBin();

/**
 * initdb into a temporary folder and start a server on a free port of 127.0.0.1
 * (fsync off, trust auth, UTF8). Under root it runs as the `postgres` system user.
 * The server is also stopped if the process exits without calling stop().
 */
export async function startPostgres(): Promise<TestPostgres> {
  const cluster = await startCluster();
  let stopping: Promise<void> | undefined;
  return {
    url: cluster.url,
    stop: () => (stopping ??= cluster.stop()),
  };
}

/**
 * Creates an empty database on the server of `url` and returns the URL that points at it,
 * so each test file (or test) can work in isolation on one server.
 */
export async function createDatabase(url: string, name: string, template = 'template0'): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Database name "${name}" must be lower-case letters, digits and _, at most 63 characters.`);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template.replace(/"/g, '""')}" ENCODING 'UTF8'`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drops a database made by createDatabase, closing connections still open to it. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
