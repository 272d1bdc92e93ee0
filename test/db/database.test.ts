import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireBotLock } from '../../src/db/botLock.ts';
import { openDatabase } from '../../src/db/client.ts';
import { clusterDir, ensureEmbeddedServer } from '../../src/db/embeddedServer.ts';
import { appliedMigrations, migrationFolders } from '../../src/db/migrationStatus.ts';
import { databaseErrorMessage } from '../../src/text/database.ts';
import { TEST_SERVER_SETTINGS } from '../support/globalDatabase.ts';
import { createTestDatabaseUrl, openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

const settings = TEST_SERVER_SETTINGS;

/** The Russian line a start-up fault produces (what the bot and the CLI print). */
async function faultMessage(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeDefined();
  const message = databaseErrorMessage(error);
  if (!message) throw error;
  return message;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('database on the configured backend', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  it('comes up from the template with every migration applied', async () => {
    const applied = await appliedMigrations(db.url);
    expect(applied).toEqual(await migrationFolders());
    expect(applied[0]).toMatch(/^\d{14}_init$/);
    expect(await db.prisma.school.count()).toBe(0);
  });

  it('rolls a failed transaction back completely', async () => {
    const region = await db.prisma.region.create({ data: { name: 'Откат' } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.municipality.create({ data: { regionId: region.id, name: 'Временный' } });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.prisma.municipality.count({ where: { regionId: region.id } })).toBe(0);
  });

  it('keeps the school code unique', async () => {
    const region = await db.prisma.region.create({ data: { name: 'Уникальность' } });
    const municipality = await db.prisma.municipality.create({ data: { regionId: region.id, name: 'М' } });
    const data = {
      code: 'sch000001',
      municipalityId: municipality.id,
      fullName: 'Ш',
      shortName: 'Ш',
      type: 'СОШ',
      settlement: 'п',
      rural: false,
    };
    await db.prisma.school.create({ data });
    await expect(db.prisma.school.create({ data })).rejects.toThrow();
  });

  it('tells a command on an out-of-date database how to fix it, without migrating it', async () => {
    const empty = await createTestDatabaseUrl('kurator_outdated');
    try {
      const client = new pg.Client({ connectionString: empty.url });
      await client.connect();
      await client.query(`DELETE FROM _prisma_migrations`);
      await client.end();
      const message = await faultMessage(openDatabase({ kind: 'postgres', url: empty.url }, { requireUpToDate: true }));
      expect(message).toMatch(
        /^База данных не обновлена до этой версии «Куратора» \(не применены миграции: \d{14}_init/,
      );
      expect(message).toContain('npx kurator db migrate');
      expect(await appliedMigrations(empty.url)).toEqual([]);
    } finally {
      await empty.drop();
    }
  });

  it('lets one bot hold the database; a second is refused until the first lets go', async () => {
    const first = await acquireBotLock(db.url, 'kurator-111-bot');
    const message = await faultMessage(acquireBotLock(db.url, 'kurator-222-bot'));
    expect(message).toMatch(/^Бот уже запущен на этой базе данных \(процесс 111\)/);
    await first.release();
    const second = await acquireBotLock(db.url, 'kurator-222-bot');
    await second.release();
  });
});

describe('the embedded server of a DATA_DIR', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-embedded-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('is created on first use, shared by a second opener, and stopped by its starter when it is the last', async () => {
    const dataDir = join(dir, 'shared');
    const first = await openDatabase({ kind: 'embedded', dataDir, server: { settings } }, { migrate: true });
    expect(first.server?.startedHere).toBe(true);
    expect(first.appliedMigrations).toEqual(await migrationFolders());
    // only the owner may read the password; the server listens on 127.0.0.1
    expect((await import('node:fs')).statSync(join(dataDir, 'postgres.password')).mode & 0o777).toBe(0o600);
    expect(first.url).toMatch(/^postgresql:\/\/kurator:[^@]+@127\.0\.0\.1:\d+\/kurator$/);

    const second = await openDatabase({ kind: 'embedded', dataDir }, { requireUpToDate: true });
    expect(second.server?.startedHere).toBe(false);
    expect(second.server?.pid).toBe(first.server?.pid);
    // the bot's start on an up-to-date database applies nothing (and leaves the schema engine unloaded)
    const restart = await openDatabase({ kind: 'embedded', dataDir }, { migrate: true });
    expect(restart.appliedMigrations).toEqual([]);
    await restart.close();
    // the server's own log (no logger process): one file in the cluster folder
    expect((await import('node:fs')).existsSync(join(dataDir, 'postgres', 'server.log'))).toBe(true);
    await first.prisma.region.create({ data: { name: 'Видна обоим' } });
    expect(await second.prisma.region.count({ where: { name: 'Видна обоим' } })).toBe(1);

    // the starter leaves while the other is connected: the server stays up for it
    await first.close();
    expect(isAlive(first.server!.pid)).toBe(true);
    expect(await second.prisma.region.count()).toBe(1);
    await second.close(); // did not start it: leaves it running
    expect(isAlive(first.server!.pid)).toBe(true);

    // the next opener reuses it, and a bot-style close stops it once nobody else is connected
    const third = await openDatabase({ kind: 'embedded', dataDir }, { requireUpToDate: true, stopServerOnClose: true });
    expect(third.server?.pid).toBe(first.server?.pid);
    await third.close();
    expect(isAlive(first.server!.pid)).toBe(false);
  });

  it('starts over a postmaster.pid left by a dead server or naming a process that is not PostgreSQL', async () => {
    const dataDir = join(dir, 'stale');
    const server = await ensureEmbeddedServer(dataDir, { settings });
    await server.stop();
    const pidFile = join(clusterDir(dataDir), 'postmaster.pid');
    // PID 2^22+1 is above Linux's default pid_max: no process has it.
    await writeFile(pidFile, `4194305\n${clusterDir(dataDir)}\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
    const again = await ensureEmbeddedServer(dataDir, { settings });
    expect(again.startedHere).toBe(true);
    await again.stop();
    // a live PID of another program (after a reboot PIDs are reused): PostgreSQL itself would refuse
    await writeFile(pidFile, `${process.pid}\n${clusterDir(dataDir)}\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
    const third = await ensureEmbeddedServer(dataDir, { settings });
    expect(third.startedHere).toBe(true);
    expect(Number((await readFile(pidFile, 'utf8')).split('\n')[0])).toBe(third.pid);
    await third.stop();
  });

  it('names each fault in one Russian line: a file as DATA_DIR, old PGlite data, a taken port, no binaries', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a folder');
    expect(await faultMessage(ensureEmbeddedServer(file))).toBe(
      `DATA_DIR ${file} — это файл, а не папка. Укажите в DATA_DIR папку (её можно не создавать заранее) или уберите этот файл.`,
    );
    expect(await faultMessage(ensureEmbeddedServer(join(file, 'below')))).toMatch(/это файл, а не папка/);

    const old = join(dir, 'old');
    await mkdir(join(old, 'pglite'), { recursive: true });
    expect(await faultMessage(ensureEmbeddedServer(old))).toMatch(
      new RegExp(`^В ${join(old, 'pglite')} лежит база прежней версии «Куратора» \\(PGlite\\).*Укажите новый DATA_DIR`),
    );

    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      expect(await faultMessage(ensureEmbeddedServer(join(dir, 'port'), { port, settings }))).toBe(
        `Порт 127.0.0.1:${port} для встроенной базы занят другой программой. Освободите его или уберите EMBEDDED_PG_PORT (тогда порт выбирается сам).`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }

    expect(await faultMessage(ensureEmbeddedServer(join(dir, 'nobin'), { binDir: join(dir, 'no-such-bin') }))).toMatch(
      /^Для этой платформы \(linux-x64\) нет встроенного PostgreSQL .*укажите его в DATABASE_URL\.$/,
    );
  });
});

// Faults that need root to stage: a tmpfs of 3 MB (a full disk) and a folder the bot's user may
// not write (the bot then runs as `nobody`). CI runs as root; elsewhere these two are skipped.
const root = typeof process.getuid === 'function' && process.getuid() === 0;

describe.runIf(root)('faults staged as root', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-faults-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('a full disk: one line naming the folder and the fix, nothing half-made left behind', async () => {
    const mountPoint = join(dir, 'small');
    await mkdir(mountPoint);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]);
    try {
      const dataDir = join(mountPoint, 'data');
      expect(await faultMessage(ensureEmbeddedServer(dataDir))).toBe(
        `На диске с папкой данных ${dataDir} кончилось место. Освободите место (нужно хотя бы 100 МБ) и запустите снова.`,
      );
      expect((await import('node:fs')).existsSync(clusterDir(dataDir))).toBe(false);
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  });

  it('a DATA_DIR its user may not write: the bot prints one line and exits 1', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked, { mode: 0o755 }); // root's; `nobody` may read but not write
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
      uid: 65534,
      gid: 65534,
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        BOT_TOKEN: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        DATA_DIR: join(locked, 'data'),
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`.trim()).toBe(
      `В папку данных ${join(locked, 'data')} нельзя писать. Дайте пользователю, от которого запущен «Куратор», право записи (chown/chmod) или укажите другой DATA_DIR.`,
    );
  });
});
