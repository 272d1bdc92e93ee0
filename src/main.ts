/**
 * The bot process: config → database (migrated) → bot → long polling or webhook.
 * SIGINT/SIGTERM stop taking updates, finish the ones in flight and close the database.
 */
import 'dotenv/config';
import { createServer } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback } from 'grammy';
import { openApp } from './app.ts';
import { setDefaultCommands } from './bot/commandsMenu.ts';
import { createBot } from './bot/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/dataDirLock.ts';
import { t } from './i18n.ts';
import { createLogger } from './logger.ts';
import { startScheduler } from './scheduler/reminders.ts';
import { startDigestScheduler } from './scheduler/digest.ts';
import { startCalendarScheduler } from './scheduler/calendar.ts';
import { createDigestSender } from './digest/sender.ts';

/** Real time, or (KURATOR_CLOCK_START) real time shifted to start at a given moment. */
function processClock(start: Date | undefined): (() => Date) | undefined {
  if (!start) return undefined;
  const shift = start.getTime() - Date.now();
  return () => new Date(Date.now() + shift);
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config: Config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = createLogger(config.logLevel);
let app: Awaited<ReturnType<typeof openApp>>;
try {
  app = await openApp(config, { now: processClock(config.clockStart) });
} catch (error) {
  if (error instanceof DataDirLockedError) fail(t('db-locked', { dir: error.dataDir, pid: error.ownerPid }));
  throw error;
}
logger.info({ backend: app.db.target.kind, migrations: app.db.appliedMigrations }, 'database ready');

const bot = createBot({ services: app.services, logger }, { token: config.botToken, apiRoot: config.telegramApiRoot });
await bot.init();
await setDefaultCommands(bot.api);

let stopUpdates: () => Promise<void>;
if (config.webhook) {
  const { url, secret, host, port } = config.webhook;
  const handle = webhookCallback(bot, 'http', { secretToken: secret });
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'webhook request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  await bot.api.setWebhook(url, {
    secret_token: secret,
    allowed_updates: ['message', 'callback_query', 'my_chat_member'],
  });
  logger.info({ url, port }, 'webhook mode');
  stopUpdates = () => new Promise((resolve) => server.close(() => resolve()));
} else {
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ['message', 'callback_query', 'my_chat_member'] } },
  });
  logger.info({ bot: bot.botInfo.username }, 'long polling');
  stopUpdates = async () => {
    if (runner.isRunning()) await runner.stop();
  };
}

// Reminders of campaigns, once the bot takes updates.
const scheduler = startScheduler({ services: app.services, api: bot.api, logger });
// The committee's weekly digest (issue 13): its own paced Api and exactly-once record.
const digests = startDigestScheduler({
  sender: createDigestSender({
    services: app.services,
    api: { token: config.botToken, apiRoot: config.telegramApiRoot },
    logger,
  }),
  intervalMs: config.digestCheckMs,
  logger,
});
// «пора запускать …»: the monitoring calendar of the built-in forms (issue 13 §3).
const calendar = startCalendarScheduler({ services: app.services, api: bot.api, logger });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took too long, exiting');
    process.exit(1);
  }, 15_000);
  force.unref();
  await stopUpdates();
  await scheduler.stop();
  await digests.stop();
  await calendar.stop();
  await app.db.close();
  logger.info('stopped');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
