// A throwaway PostgreSQL cluster from Debian's server binaries (/usr/lib/postgresql/<v>/bin).
// Plain JavaScript so that scripts/pg-cluster.mjs (used by .ci/run) runs it without tsx;
// test/support/postgres.ts is the typed entry point for tests.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, chownSync, rmSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folder with initdb and pg_ctl: $PG_BIN, else the newest /usr/lib/postgresql/<version>/bin. */
export function findPgBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/**
 * initdb and the server refuse to run as root. Under root the cluster belongs to the
 * `postgres` system user (created by Debian's package; $PG_USER overrides) and every
 * PostgreSQL binary is spawned with that uid/gid.
 */
function systemUser() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const name = process.env.PG_USER ?? 'postgres';
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { name, uid, gid };
  } catch {
    throw new Error(
      `Running as root, PostgreSQL needs an unprivileged user but "${name}" does not exist (install Debian's postgresql package, or set PG_USER).`,
    );
  }
}

function run(binary, args, { runAs, cwd }) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd,
      // pg_ctl leaves the server running with its output in the log file; keep our pipes
      // out of it so nothing waits on them.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C.UTF-8', PGTZ: 'UTC' },
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const alive = new Map();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test process that dies without stop() must not leave a server behind.
  process.on('exit', () => {
    for (const cluster of alive.values()) stopSync(cluster);
  });
}

function stopSync({ binDir, dataDir, baseDir, runAs }) {
  spawnSync(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], {
    stdio: 'ignore',
    cwd: '/',
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });
  rmSync(baseDir, { recursive: true, force: true });
}

/**
 * Starts a new cluster in a temporary folder on a free port of 127.0.0.1.
 * Options: { stopOnExit = true } — false keeps it running after this process exits (CLI).
 * Returns { url, port, dataDir, binDir, runAs, stop() }.
 */
export async function startCluster({ stopOnExit = true } = {}) {
  const binDir = findPgBin();
  if (!binDir) {
    throw new Error(
      'PostgreSQL server binaries not found: install Debian\'s "postgresql" package or set PG_BIN to the folder with initdb and pg_ctl.',
    );
  }
  const runAs = systemUser();
  // Under root the postgres user must reach the folder: /tmp is world-traversable.
  const parent = process.env.PG_TMPDIR ?? (runAs ? '/tmp' : tmpdir());
  const baseDir = mkdtempSync(join(parent, 'kurator-pg-'));
  const dataDir = join(baseDir, 'data');
  if (runAs) chownSync(baseDir, runAs.uid, runAs.gid);
  const opts = { runAs, cwd: baseDir };

  try {
    let init = await run(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      opts,
    );
    if (init.code !== 0 && /locale/i.test(init.output)) {
      rmSync(dataDir, { recursive: true, force: true });
      init = await run(
        join(binDir, 'initdb'),
        ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
        opts,
      );
    }
    if (init.code !== 0) throw new Error(`initdb failed:\n${init.output}`);

    // The port is free when chosen but could be taken before the server binds it: retry.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const serverOptions = [
        `-p ${port}`,
        `-k ${baseDir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
      ].join(' ');
      const logFile = join(baseDir, 'server.log');
      const started = await run(
        join(binDir, 'pg_ctl'),
        ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start'],
        opts,
      );
      if (started.code === 0) {
        const cluster = {
          url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
          port,
          dataDir,
          baseDir,
          binDir,
          runAs,
        };
        if (stopOnExit) {
          alive.set(baseDir, cluster);
          installExitHook();
        }
        return { ...cluster, stop: () => stopCluster(cluster) };
      }
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      if (attempt >= 3 || !/already in use|could not bind/i.test(log + started.output)) {
        throw new Error(`pg_ctl start failed:\n${started.output}\n${log}`);
      }
    }
  } catch (error) {
    rmSync(baseDir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops a cluster started by startCluster (fast shutdown) and removes its folder. */
export async function stopCluster({ binDir, dataDir, baseDir, runAs }) {
  alive.delete(baseDir);
  if (existsSync(dataDir)) {
    const stopped = await run(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], { runAs, cwd: '/' });
    if (stopped.code !== 0 && !/Is server running\?|No such file/i.test(stopped.output)) {
      throw new Error(`pg_ctl stop failed:\n${stopped.output}`);
    }
  }
  rmSync(baseDir, { recursive: true, force: true });
}
