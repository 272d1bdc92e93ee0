import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createDatabase, dropDatabase, postgresBinaries, startPostgres } from '../support/postgres.ts';

// Skipped only on a developer machine without the server binaries; CI installs them, so
// there their absence is a failure.
const available = postgresBinaries() !== undefined;
const runHere = available || Boolean(process.env.CI);

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.runIf(runHere)('throwaway PostgreSQL server', () => {
  it('starts, answers queries, gives isolated databases and stops', async () => {
    const startedAt = Date.now();
    const server = await startPostgres();
    const startMs = Date.now() - startedAt;
    try {
      expect(server.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(await query<{ one: number }>(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      const [encoding] = await query<{ server_encoding: string }>(server.url, 'show server_encoding');
      expect(encoding?.server_encoding).toBe('UTF8');

      const isolatedUrl = await createDatabase(server.url, 'kurator_isolated');
      await query(isolatedUrl, "create table school (name text); insert into school values ('Школа №1')");
      expect(await query(isolatedUrl, 'select name from school')).toEqual([{ name: 'Школа №1' }]);
      await expect(query(server.url, 'select name from school')).rejects.toThrow('does not exist');
      await dropDatabase(server.url, 'kurator_isolated');
    } finally {
      const stoppedAt = Date.now();
      await server.stop();
      console.info(`PostgreSQL start ${startMs} ms, stop ${Date.now() - stoppedAt} ms`);
    }
    await expect(query(server.url, 'select 1')).rejects.toThrow();
  });

  it('fails in CI when the binaries are missing instead of skipping', () => {
    expect(available, 'PostgreSQL server binaries are missing (CI must install the postgresql package)').toBe(true);
  });
});
