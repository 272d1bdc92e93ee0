/**
 * The embedded PostgreSQL server as people meet it (issue 8): real processes on one DATA_DIR.
 * - With the bot running, `kurator` commands connect to the bot's server and exit when done;
 *   the bot stops the server when it stops.
 * - `kill -9` in the middle of a 90,000-row results import, the postmaster killed too (a power
 *   cut): the next start recovers the server by itself, the import is not there at all, the
 *   registry is intact, and the same import then goes through completely.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { clusterDir, ensureEmbeddedServer } from '../../src/db/embeddedServer.ts';
import { generateRegionResults, sampleSchools } from '../helpers/regionSample.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { isAlive, stopLeftoverServer } from '../support/leftoverServer.ts';
import { command, user } from '../support/updates.ts';
import { startBotProcess } from '../helpers/botProcess.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnNode(args: string[], env: Record<string, string>, cwd: string): Run {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const kurator = (env: Record<string, string>, cwd: string, ...argv: string[]) =>
  spawnNode([join(ROOT, 'bin/kurator.js'), ...argv], env, cwd);

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').catch(() => '');
  return text ? Number(text.split('\n')[0]) : undefined;
}

async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one embedded server per DATA_DIR, shared by the bot and the CLI', () => {
  let tg: BotApiServer;
  let cwd: string;
  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-embedded-process-'));
  });
  afterAll(async () => {
    // a failed test may leave a server behind: stop it before removing its folder
    for (const name of ['data', 'crash']) await stopLeftoverServer(join(cwd, name));
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('CLI commands work next to the running bot and exit when done; the bot stops the server on exit', async () => {
    const dataDir = join(cwd, 'data');
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', REGION_NAME: 'Тестовая область' };
    const bot = startBotProcess(env, { tg, cwd });
    try {
      await bot.polling();
      const server = await postmasterPid(dataDir);
      expect(server && isAlive(server)).toBe(true);

      const users = kurator(env, cwd, 'users');
      expect(await users.exited).toBe(0);
      expect(users.output().trim()).toBe('Пользователей нет.');

      const invite = kurator(env, cwd, 'invite', '--role', 'coordinator', '--region');
      expect(await invite.exited).toBe(0);
      expect(invite.output()).toMatch(/^Приглашение № \d+: .*координатор/);

      const out = join(cwd, 'results-template.xlsx');
      const template = kurator(env, cwd, 'template', 'results', '--out', out);
      expect(await template.exited).toBe(0);
      expect((await stat(out)).size).toBeGreaterThan(1000);

      // the commands used the bot's server and left it running for the bot
      expect(await postmasterPid(dataDir)).toBe(server);
      expect(isAlive(server!)).toBe(true);
      tg.queueUpdate(command(user(4242, 'Гость'), '/start'));
      await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === 4242, 20_000);

      expect(await bot.stop()).toBe(0);
      expect(isAlive(server!)).toBe(false);
      expect(await postmasterPid(dataDir)).toBeUndefined();
    } finally {
      await bot.killGroup();
    }
  }, 180_000);

  it('kill -9 mid-import (the server killed too): the next start recovers, the import is all or nothing', async () => {
    const dataDir = join(cwd, 'crash');
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', REGION_NAME: 'Бенчмарк' };
    // An installation with its registry of 1,000 schools.
    {
      const db = await openDatabase({ kind: 'embedded', dataDir }, { migrate: true });
      const region = await db.prisma.region.create({ data: { name: 'Бенчмарк' } });
      const registry = sampleSchools(1000);
      const municipalities = new Map<string, number>();
      for (const name of new Set(registry.map((school) => school.municipality))) {
        municipalities.set(name, (await db.prisma.municipality.create({ data: { regionId: region.id, name } })).id);
      }
      await db.prisma.school.createMany({
        data: registry.map((school) => ({
          code: school.code,
          municipalityId: municipalities.get(school.municipality)!,
          fullName: school.name,
          shortName: school.name,
          type: 'СОШ',
          settlement: 'п. Тест',
          rural: false,
        })),
      });
      await db.close();
    }
    const sample = generateRegionResults({ schools: 1000 });
    expect(sample.rows).toBe(90_000);
    const file = join(cwd, 'region.xlsx');
    await writeFile(file, sample.bytes);

    const importing = kurator(env, cwd, 'import', 'results', file);
    // Watch the server from outside until the import's transaction is writing rows.
    await waitUntil(async () => (await postmasterPid(dataDir)) !== undefined, 60_000, 'the server');
    const watcher = await ensureEmbeddedServer(dataDir);
    const client = new pg.Client({ connectionString: watcher.url });
    await client.connect();
    try {
      await waitUntil(
        async () => {
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE state IN ('active', 'idle in transaction') AND xact_start IS NOT NULL
                AND query ILIKE 'COPY "AssessmentResult"%' AND pid <> pg_backend_pid()`,
          );
          return (rows[0]?.n ?? 0) > 0;
        },
        120_000,
        'the import to write rows',
      );
    } finally {
      await client.end();
    }
    importing.child.kill('SIGKILL');
    process.kill(watcher.pid, 'SIGKILL'); // and the postmaster: a power cut, not a tidy stop
    await importing.exited;
    await waitUntil(() => !isAlive(watcher.pid), 10_000, 'the postmaster to die');

    // The bot starts on the same DATA_DIR: the server recovers by itself.
    const bot = startBotProcess(env, { tg, cwd });
    try {
      await bot.polling(120_000).catch((error: unknown) => {
        throw new Error(`bot did not start: ${String(error)}\n${bot.output()}`);
      });
      const db = await openDatabase({ kind: 'embedded', dataDir }, { requireUpToDate: true });
      try {
        expect(await db.prisma.assessmentResult.count()).toBe(0);
        expect(await db.prisma.school.count()).toBe(1000);
      } finally {
        await db.close();
      }
      // the same file then goes through completely, next to the running bot
      const again = kurator(env, cwd, 'import', 'results', file);
      expect(await again.exited, again.output()).toBe(0);
      const after = await openDatabase({ kind: 'embedded', dataDir }, { requireUpToDate: true });
      try {
        expect(await after.prisma.assessmentResult.count()).toBe(90_000);
      } finally {
        await after.close();
      }
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, 300_000);
});
