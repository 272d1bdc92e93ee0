/**
 * Opens the database: always PostgreSQL through @prisma/adapter-pg. The server is the one named
 * by DATABASE_URL, or the embedded server of DATA_DIR (src/db/embeddedServer.ts), found running
 * or started here. Migrations run only when asked (bot start, `kurator db migrate`); other
 * callers check that the database is up to date (src/db/migrationStatus.ts).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaClient } from './generated/client.ts';
import { ensureEmbeddedServer, type EmbeddedServer, type EmbeddedServerOptions } from './embeddedServer.ts';

export type { PrismaClient } from './generated/client.ts';
export { Prisma } from './generated/client.ts';
import type { Prisma } from './generated/client.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** The embedded server of a DATA_DIR. */
  | { kind: 'embedded'; dataDir: string; server?: EmbeddedServerOptions };

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Connection URL in use (for the embedded server: its current port and password). */
  url: string;
  /** application_name of this opener's connections (a worker thread's own client uses it too). */
  applicationName: string;
  /** The embedded server, when the target is one. */
  server: EmbeddedServer | undefined;
  /** Migrations applied while opening. */
  appliedMigrations: string[];
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * Apply pending migrations (bot start, `kurator db migrate`, tests and benches on a fresh
   * DATA_DIR). Default: true unless requireUpToDate is set — CLI commands only check.
   */
  migrate?: boolean;
  /** Fail unless every migration in prisma/migrations is applied (CLI commands). Default: false. */
  requireUpToDate?: boolean;
  /**
   * Stop the embedded server on close when no other client is connected. The bot passes true;
   * otherwise the server is stopped only by the process that started it.
   */
  stopServerOnClose?: boolean;
}

let opened = 0;
/**
 * application_name of the connections of one opener (`kurator-<pid>-<n>`): the server's
 * session list then tells our own connections from everyone else's.
 */
export const applicationName = (role: string = String(++opened)) => `kurator-${process.pid}-${role}`;

/**
 * A client of its own for a worker thread (the registry import, src/services/schoolsImportWorker.ts):
 * connections cannot cross threads. Same application_name as the opener, so the embedded server's
 * "anyone else connected?" check at close does not count it.
 */
export function connectWorkerClient(url: string, applicationName: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(probedPool({ connectionString: url, max: 2, application_name: applicationName }), {
      disposeExternalPool: true,
    }),
  });
}

/** The statement that tells which driver connection runs a transaction (see `transactionConnection`). */
const PROBE = '/* kurator: transaction connection */ SELECT $1::text AS probe';
/** probe token → the connection that carried it */
const probed = new Map<string, pg.PoolClient>();

/**
 * A pool whose connections notice the probe statement as it is sent: the connection under a
 * transaction is then known whatever sits between us and the server (a pooler such as PgBouncer
 * hands out process ids that are not the server's).
 */
function probedPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        const config = args[0] as { text?: unknown; values?: unknown[] } | null;
        if (typeof config === 'object' && config?.text === PROBE) probed.set(String(config.values?.[0]), client);
        return query(...args);
      },
    });
  });
  return pool;
}

/**
 * The driver's own connection under an interactive transaction of a client opened here, for the
 * few region-sized statements (bulk inserts) whose parameters are megabytes: through Prisma's
 * query compiler each such statement's values are copied into and out of its WASM (issue 8:
 * ~0.4 s of CPU in a 90,000-row import). Statements sent on it are part of the transaction and
 * queue with Prisma's on `tx` in the order they are sent (one connection runs one at a time).
 */
export async function transactionConnection(tx: Prisma.TransactionClient): Promise<pg.PoolClient> {
  const token = randomUUID();
  await tx.$queryRawUnsafe(PROBE, token);
  const client = probed.get(token);
  probed.delete(token);
  if (!client) throw new Error('transactionConnection: the transaction is not on a connection opened here');
  return client;
}

export async function openDatabase(target: DatabaseTarget, options: OpenDatabaseOptions = {}): Promise<Database> {
  const server = target.kind === 'embedded' ? await ensureEmbeddedServer(target.dataDir, target.server) : undefined;
  const url = server ? server.url : (target as { url: string }).url;
  const appName = applicationName();
  const stopServer = async () => {
    if (!server) return;
    if ((server.startedHere || options.stopServerOnClose) && (await server.otherSessions(appName)) === 0) {
      await server.stop();
    }
  };
  const poolConfig = { connectionString: url, max: 10, application_name: appName };
  const factory = new PrismaPg(probedPool(poolConfig), { disposeExternalPool: true });
  try {
    let appliedMigrations: string[] = [];
    if (options.migrate ?? !options.requireUpToDate) {
      // The schema engine (WASM) costs ~15 MB that the bot would keep for its whole life: load it
      // only when a migration is pending (a restart on an up-to-date database does not need it).
      const { migrationStatus } = await import('./migrationStatus.ts');
      if ((await migrationStatus(url)).pending.length > 0) {
        const { applyMigrations } = await import('./migrate.ts');
        // a factory of its own: the engine disposes of it, pool and all
        appliedMigrations = await applyMigrations(new PrismaPg(poolConfig));
      }
    } else if (options.requireUpToDate) {
      const { assertUpToDate } = await import('./migrationStatus.ts');
      await assertUpToDate(url);
    }
    // A burst (200 directors submitting at once on a busy machine) can keep all pooled
    // connections busy for seconds; Prisma's default 2 s wait for one then fails the submit.
    const prisma = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
    let closing: Promise<void> | undefined;
    return {
      prisma,
      target,
      url,
      applicationName: appName,
      server,
      appliedMigrations,
      close: () =>
        (closing ??= (async () => {
          await prisma.$disconnect();
          await stopServer();
        })()),
    };
  } catch (error) {
    await stopServer().catch(() => undefined);
    throw error;
  }
}
