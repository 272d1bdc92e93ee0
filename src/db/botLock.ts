/**
 * One bot per database: two pollers on one token would steal each other's updates. The bot holds
 * a session-level advisory lock on a connection of its own for as long as it runs; PostgreSQL
 * releases it when that connection ends, also when the bot is killed. CLI commands never take it,
 * so they are welcome while the bot runs.
 */
import pg from 'pg';

/** Arbitrary constant key of the bot's advisory lock ("kurator" in ASCII). */
const BOT_LOCK_KEY = '30246956629782386'; // 0x6b757261746f72; hex literals need PostgreSQL 16+

export class BotAlreadyRunningError extends Error {
  constructor(readonly holder: string) {
    super(`another bot holds the database lock (${holder})`);
  }
}

export interface BotLock {
  release(): Promise<void>;
  /**
   * A query through the lock's connection, which stays open for the bot's life anyway: periodic
   * looks (the outbox's «anything due?») then leave the pool's connections to close when idle.
   */
  lookup(query: string, values: unknown[]): Promise<unknown[]>;
}

export async function acquireBotLock(url: string, applicationName: string): Promise<BotLock> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName, keepAlive: true });
  // A dropped lock connection (server stopped under us) is logged by whoever notices the pool
  // errors; here it must not crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${BOT_LOCK_KEY}::bigint) AS locked`,
    );
    if (!rows[0]?.locked) {
      const holder = await client.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted
            AND ((l.classid::bigint << 32) | l.objid::bigint) = ${BOT_LOCK_KEY}::bigint`,
      );
      // application_name kurator-<pid>-bot: report the other bot's PID
      throw new BotAlreadyRunningError(/^kurator-(\d+)/.exec(holder.rows[0]?.name ?? '')?.[1] ?? '?');
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    release: () => (released ??= client.end().catch(() => undefined)),
    lookup: async (query, values) => (await client.query(query, values)).rows,
  };
}
