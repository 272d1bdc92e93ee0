/**
 * `npm start` as a person runs it: a real process, a real (local) Bot API server, the embedded
 * database in a temporary DATA_DIR.
 */
import { createServer } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDir } from '../../src/db/embeddedServer.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { isAlive, stopLeftoverServer } from '../support/leftoverServer.ts';
import { command, user } from '../support/updates.ts';
import { startBotProcess } from '../helpers/botProcess.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the bot process', () => {
  let tg: BotApiServer;
  let cwd: string;
  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-start-'));
  });
  afterAll(async () => {
    await stopLeftoverServer(join(cwd, 'npm-data'));
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('without BOT_TOKEN prints one clear line and exits 1', async () => {
    const run = startBotProcess({}, { cwd });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ошибка настройки: BOT_TOKEN: не задан/);
  });

  it('DATABASE_URL pointing at a server that is down: one Russian line naming it, exit 1, no stack', async () => {
    const port = await freePort(); // nothing listens there
    const run = startBotProcess(
      { DATABASE_URL: `postgresql://kurator:secret@127.0.0.1:${port}/kurator`, LOG_LEVEL: 'warn' },
      { tg, cwd },
    );
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Не удалось подключиться к PostgreSQL по DATABASE_URL \(.+\)\. Проверьте, что сервер запущен/,
    );
    expect(run.output()).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('answers /start over long polling, and a second process on the same DATA_DIR refuses to start', async () => {
    const env = { DATA_DIR: join(cwd, 'data'), LOG_LEVEL: 'warn' };
    const first = startBotProcess(env, { tg, cwd });
    try {
      await first.polling(60_000);
      tg.queueUpdate(command(user(4242, 'Гость'), '/start'));
      const reply = await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === 4242, 20_000);
      expect(reply.payload.text).toContain('Доступ открывается только по приглашению');

      const second = startBotProcess(env, { tg, cwd });
      expect(await second.exited).toBe(1);
      expect(second.output().trim()).toMatch(/^Бот уже запущен на этой базе данных \(процесс \d+\)/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });

  it('in webhook mode registers the webhook with its secret and rejects requests without it', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram`;
    const secret = 'webhook-secret-for-tests';
    const run = startBotProcess(
      {
        DATA_DIR: join(cwd, 'webhook-data'),
        WEBHOOK_URL: url,
        WEBHOOK_SECRET: secret,
        WEBHOOK_HOST: '127.0.0.1',
        WEBHOOK_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      { tg, cwd },
    );
    try {
      const registered = await tg.waitFor((call) => call.method === 'setWebhook', 60_000);
      expect(registered.payload).toMatchObject({ url, secret_token: secret });
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'wrong-secret-value' },
        body: JSON.stringify(command(user(5151), '/start')),
      });
      expect(forged.status).toBe(401);
      tg.queueUpdate(command(user(5252, 'Гость'), '/start'));
      const reply = await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === 5252, 20_000);
      expect(reply.payload.text).toContain('Доступ открывается только по приглашению');
      expect(tg.callsOf('sendMessage').some((call) => call.payload.chat_id === 5151)).toBe(false);
    } finally {
      expect(await run.stop()).toBe(0);
    }
  });

  it('`npm start` stopped by SIGTERM to npm alone (a service manager, a terminal): the bot stops cleanly, npm exits 0', async () => {
    const dataDir = join(cwd, 'npm-data');
    const npm = startBotProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' }, { tg, launch: 'npm' });
    try {
      await npm.polling();
    } catch (error) {
      await npm.killGroup();
      throw error;
    }
    const postmaster = Number((await readFile(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(isAlive(postmaster)).toBe(true);
    // Only npm gets the signal (not its process group): npm passes it on to the bot.
    expect(await npm.stop()).toBe(0);
    expect(npm.output()).toMatch(/"msg":"stopped"/);
    // the bot stopped its embedded server on the way out, and nothing of it is left
    expect(isAlive(postmaster)).toBe(false);
    await expect(readFile(join(clusterDir(dataDir), 'postmaster.pid'))).rejects.toThrow();
  }, 120_000);
});
