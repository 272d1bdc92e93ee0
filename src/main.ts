/**
 * The bot process: config → database (migrated) → bot → long polling or webhook.
 * SIGINT/SIGTERM stop taking updates, finish the ones in flight and close the database.
 * Delivery (inbox, outbox, jobs, calm start): src/delivery.
 */
import './v8Flags.ts';
import 'dotenv/config';
import { Api } from 'grammy';
import { openApp } from './app.ts';
import { setDefaultCommands } from './bot/commandsMenu.ts';
import { createBot } from './bot/index.ts';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { acquireBotLock, type BotLock } from './db/botLock.ts';
import { applicationName } from './db/client.ts';
import { committeeChatEvents } from './delivery/committeeChats.ts';
import { handleUnfinished } from './delivery/inbox.ts';
import { createJobRunner } from './delivery/jobs.ts';
import { startPolling } from './delivery/polling.ts';
import { startOutboxSender } from './delivery/sender.ts';
import { isUnauthorized, retryInBackground, untilDone } from './delivery/startup.ts';
import { startWebhookServer } from './delivery/webhook.ts';
import { t } from './i18n.ts';
import { createLogger } from './logger.ts';
import { startScheduler } from './scheduler/reminders.ts';
import { startDigestScheduler } from './scheduler/digest.ts';
import { startCalendarScheduler } from './scheduler/calendar.ts';
import { databaseErrorMessage } from './text/database.ts';
import { builtinCatalog } from './domain/questionnaires/builtin/index.ts';

/** How long a stop waits for handlers in flight, and for everything. */
const STOP_WAIT_HANDLERS_MS = Number(process.env.STOP_WAIT_MS ?? 10_000);
const STOP_TOTAL_MS = STOP_WAIT_HANDLERS_MS * 2 + 5_000;

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

// The built-in questionnaires validate on first use: here, so a broken one stops the start.
builtinCatalog.ids();
const logger = createLogger(config.logLevel);
let app: Awaited<ReturnType<typeof openApp>>;
let botLock: BotLock;
try {
  // The bot migrates at start and keeps the embedded server running until it stops.
  app = await openApp(config, {
    migrate: true,
    stopServerOnClose: true,
    workerWrites: true,
    now: processClock(config.clockStart),
  });
} catch (error) {
  const message = databaseErrorMessage(error);
  if (message) fail(message);
  throw error;
}
try {
  botLock = await acquireBotLock(app.db.url, applicationName('bot'));
} catch (error) {
  await app.db.close();
  const message = databaseErrorMessage(error);
  if (message) fail(message);
  throw error;
}
logger.info(
  { backend: app.db.target.kind, server: app.db.server?.pid, migrations: app.db.appliedMigrations },
  'database ready',
);

// Delivery: the outbox sender, follow-up jobs, the inbox (src/delivery). A stop may come at
// any moment, also while the start waits for the Bot API: the handlers are set first.
const token = config.botToken;
const apiRoot = config.telegramApiRoot;
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;
const starting = new AbortController();
let stopping = false;
let stopUpdates: ((waitMs: number) => Promise<{ unfinished: number }>) | undefined;
let stopScheduler: (() => Promise<void>) | undefined;
let stopSender: (() => Promise<void>) | undefined;
let drainInbox: ((deadline: number) => Promise<unknown>) | undefined;

async function start(): Promise<void> {
  const startApi = new Api(token, apiRoot ? { apiRoot } : undefined);
  const signal = starting.signal;
  const retry = { signal, firstPauseMs: config.botApiRetryMs };
  const botInfo = await untilDone('getMe', () => startApi.getMe(), logger, retry);

  const sender = await startOutboxSender({
    prisma: app.db.prisma,
    token,
    apiRoot,
    logger,
    // the services' clock (KURATOR_CLOCK_START shifts it): rows are due by the time they were written with
    now: app.services.deps.now,
    onChatEvent: committeeChatEvents(app.services, logger),
    lookup: (query, values) => botLock.lookup(query, values),
  });
  stopSender = () => sender.stop();
  const jobs = createJobRunner({ services: app.services, logger, onQueued: () => sender.kick() });
  const delivery = {
    kick: async () => sender.kick(),
    afterCommit: async () => {
      await jobs.runPending();
      sender.kick();
    },
  };
  const bot = createBot({ services: app.services, logger, delivery }, { token, apiRoot, botInfo });
  drainInbox = (deadline) => handleUnfinished(bot, app.services, logger, { deadline });
  // The command menu is not needed to serve: retried in the background, never fatal.
  void retryInBackground('setMyCommands', () => setDefaultCommands(startApi), logger);

  // Work left by a crash: follow-up jobs, then the updates received but not finished.
  await jobs.runPending();
  await handleUnfinished(bot, app.services, logger, { stop: () => stopping });
  if (stopping) return;

  if (config.updates.mode === 'webhook') {
    const { url, secret, host, port } = config.updates;
    const webhook = await startWebhookServer({ bot, services: app.services, logger, secret, host, port });
    stopUpdates = (waitMs) => webhook.stop(waitMs);
    await untilDone(
      'setWebhook',
      () => startApi.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }),
      logger,
      retry,
    );
    logger.info({ url, port }, 'webhook mode');
  } else {
    await untilDone('deleteWebhook', () => startApi.deleteWebhook(), logger, retry);
    if (stopping) return;
    const polling = startPolling({
      bot,
      services: app.services,
      logger,
      token,
      apiRoot,
      allowedUpdates: ALLOWED_UPDATES,
      firstRetryPauseMs: config.botApiRetryMs,
      onFatal: () => void failAfterClose(t('delivery-token-revoked')),
    });
    stopUpdates = (waitMs) => polling.stop(waitMs);
    logger.info({ bot: botInfo.username }, 'long polling');
  }

  // Reminders of campaigns, once the bot takes updates.
  const scheduler = startScheduler({ services: app.services, logger, onQueued: () => sender.kick() });
  // The committee's weekly digest (issue 13): recorded with its outbox messages, delivered by
  // the outbox sender; the monitoring calendar and roadmap reminders.
  const digests = startDigestScheduler({
    services: app.services,
    onQueued: () => sender.kick(),
    intervalMs: config.digestCheckMs,
    logger,
  });
  const calendar = startCalendarScheduler({ services: app.services, logger, onQueued: () => sender.kick() });
  stopScheduler = async () => {
    await scheduler.stop();
    await digests.stop();
    await calendar.stop();
  };
}

/**
 * A clean stop: stop taking updates, wait for the handlers in flight (bounded), handle what the
 * inbox still holds (bounded), stop the reminders and the sender (messages in flight finish;
 * the rest stay queued), then close the database. Whatever is cut stays in the inbox/outbox.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took too long, exiting; unfinished updates stay in the inbox');
    process.exit(1);
  }, STOP_TOTAL_MS);
  force.unref();
  starting.abort();
  await startup.catch(() => undefined);
  if (stopUpdates) {
    const { unfinished } = await stopUpdates(STOP_WAIT_HANDLERS_MS);
    if (unfinished > 0) logger.warn({ unfinished }, 'handlers still running at stop; they resume at the next start');
    else await drainInbox?.(Date.now() + STOP_WAIT_HANDLERS_MS);
  }
  await stopScheduler?.();
  await stopSender?.();
  await botLock.release();
  await app.db.close();
  logger.info('stopped');
  process.exit(0);
}

/** One Russian line, after the sender stopped and the database is closed, exit 1. */
async function failAfterClose(message: string): Promise<never> {
  stopping = true;
  starting.abort();
  // Handlers in flight finish before the database closes (else they fail with a stack in the log).
  await stopUpdates?.(STOP_WAIT_HANDLERS_MS).catch(() => undefined);
  await stopScheduler?.().catch(() => undefined);
  await stopSender?.().catch(() => undefined);
  await botLock.release().catch(() => undefined);
  await app.db.close().catch(() => undefined);
  console.error(message);
  process.exit(1);
}

process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
const startup = start().catch(async (error: unknown) => {
  if (stopping) return;
  if (isUnauthorized(error)) await failAfterClose(t('delivery-token-revoked'));
  logger.fatal({ err: error }, 'start failed');
  await botLock.release().catch(() => undefined);
  await app.db.close().catch(() => undefined);
  process.exit(1);
});
