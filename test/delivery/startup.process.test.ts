/**
 * Issue 9, «Start-up and polling faults», with the real bot process and injected Bot API errors:
 * the bot either serves /start once the API answers or exits with one Russian line; never a
 * stack trace on the terminal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { command, user } from '../support/updates.ts';
import { sleep, startBotProcess } from '../helpers/botProcess.ts';

const STACK = /\n\s+at |\\n\s+at /;

describe('start-up and polling faults', () => {
  let tg: BotApiServer;
  let cwd: string;
  let run = 0;
  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-faults-'));
  });
  afterAll(async () => {
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });
  // Retries pause 50 ms doubling to 0.5 s here (1 s doubling to 10 s by default): the same
  // retries and log lines, without 45 s of waiting for the nine failures injected below.
  const env = (extra: Record<string, string> = {}) => ({
    BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DATA_DIR: join(cwd, `data-${++run}`),
    LOG_LEVEL: 'warn',
    BOT_API_RETRY_MS: '50',
    ...extra,
  });

  it('setMyCommands 404/400/500, deleteWebhook 500 ×6 and getUpdates 409: logged, retried, /start served', async () => {
    tg.failNext('setMyCommands', { error_code: 404 });
    tg.failNext('deleteWebhook', { error_code: 500 }, 6);
    tg.failNext('getUpdates', { error_code: 409 }, 3);
    const bot = startBotProcess(env(), { cwd });
    try {
      const asker = user(6161, 'Гость');
      // Polling again after the three 409s (a fourth getUpdates has arrived).
      const started = Date.now();
      while (tg.callsOf('getUpdates').length < 4) {
        if (Date.now() - started > 300_000) throw new Error(bot.output());
        await sleep(200);
      }
      tg.queueUpdate(command(asker, '/start'));
      const reply = await tg.waitFor((c) => c.method === 'sendMessage' && c.payload.chat_id === asker.id, 60_000);
      expect(reply.payload.text).toContain('Доступ открывается только по приглашению');
      const log = bot.output();
      expect(log.match(/"call":"deleteWebhook"/g)).toHaveLength(6); // a warning per failure
      expect(log).toContain('retryAt');
      expect(log.match(/another instance is polling this bot \(409\)/g)).toHaveLength(1);
      expect(log).toContain('"call":"setMyCommands"');
      expect(log).not.toMatch(STACK);
    } finally {
      expect(await bot.stop()).toBe(0);
    }
  }, 420_000);

  it('getMe 401 (a revoked token): one Russian line, exit 1', async () => {
    tg.failNext('getMe', { error_code: 401 });
    const bot = startBotProcess(env(), { cwd });
    expect(await bot.exited).toBe(1);
    const lines = bot.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Ошибка: Telegram не принимает BOT_TOKEN \(401 Unauthorized\)/);
  }, 300_000);

  it('401 in the middle of polling: one Russian line, exit 1', async () => {
    const bot = startBotProcess(env(), { tg, cwd });
    await bot.polling(240_000);
    tg.failNext('getUpdates', { error_code: 401 });
    // The long poll waiting now ends when an update comes; the next getUpdates gets the 401.
    tg.queueUpdate(command(user(6262), '/help'));
    expect(await bot.exited).toBe(1);
    const out = bot.output().trim().split('\n');
    expect(out.at(-1)).toMatch(/^Ошибка: Telegram не принимает BOT_TOKEN/);
    expect(bot.output()).not.toMatch(STACK);
  }, 300_000);

  it('Bot API unreachable at start: a warning with the next retry time, no stack', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const bot = startBotProcess(env({ TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` }), { cwd });
    try {
      const started = Date.now();
      while (!bot.output().includes('Bot API call failed; will retry') && Date.now() - started < 60_000)
        await sleep(100);
      const line = bot
        .output()
        .split('\n')
        .find((l) => l.includes('Bot API call failed; will retry'))!;
      expect(JSON.parse(line)).toMatchObject({ level: 40, call: 'getMe', retryAt: expect.any(String) });
      expect(bot.output()).not.toMatch(STACK);
    } finally {
      await bot.stop();
    }
  }, 300_000);
});
