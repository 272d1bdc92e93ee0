/**
 * Long polling with an inbox. grammY's runner confirms updates to Telegram (the next getUpdates
 * offset) before their handlers finish, so a crash would lose them; here every batch is written
 * to the inbox (ProcessedUpdate, state `received`) BEFORE the next getUpdates can confirm it.
 * Handlers run in the runner's concurrent sink (sequentialized per chat by the bot); a stop
 * stops fetching, waits for the handlers in flight (bounded), then handles what is left in the
 * inbox. Fetch faults: 409 (another instance polling, e.g. an overlapping redeploy) is logged
 * once and retried with a growing pause; 401 (token revoked) is fatal; an unreachable Bot API is
 * a warning with the next retry time, and an info line when it is back.
 */
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import { Api, type Bot, GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from '../bot/context.ts';
import type { Services } from '../services/index.ts';
import { describeApiError, isUnauthorized, sleep } from './startup.ts';

export interface PollingOptions {
  bot: Bot<BotContext>;
  services: Services;
  logger: Logger;
  token: string;
  apiRoot?: string;
  allowedUpdates: readonly string[];
  /** the token was revoked mid-run: the process must end */
  onFatal: (reason: 'unauthorized') => void;
  /** long-poll timeout in seconds (tests shorten it); default 30 */
  timeoutSeconds?: number;
  /** first pause before a failed getUpdates is repeated, doubling to ten times it; default 1 s */
  firstRetryPauseMs?: number;
}

export interface Polling {
  /** stops fetching, waits for handlers in flight at most `waitMs` */
  stop(waitMs: number): Promise<{ unfinished: number }>;
  /** promises of handlers still running */
  inFlight(): number;
}

export function startPolling(options: PollingOptions): Polling {
  const { bot, services, logger } = options;
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  let offset = 0;
  let stopping = false;
  const running = new Set<Promise<void>>();

  const supplier = {
    async supply(batchSize: number, signal: { aborted: boolean }): Promise<Update[]> {
      const firstPause = options.firstRetryPauseMs ?? 1_000;
      let pause = firstPause;
      let conflictLogged = false;
      let down = false;
      for (;;) {
        try {
          const updates = await api.getUpdates(
            {
              offset,
              limit: Math.max(1, Math.min(batchSize, 100)),
              timeout: options.timeoutSeconds ?? 30,
              allowed_updates: options.allowedUpdates as never,
            },
            signal as never,
          );
          if (down) logger.info('Bot API reachable again; polling');
          if (conflictLogged) logger.info('getUpdates conflict is over; polling');
          // The inbox first: the next getUpdates (offset past these) confirms them to Telegram.
          await services.updates.storeReceived(updates);
          const last = updates.at(-1);
          if (last) offset = last.update_id + 1;
          return updates;
        } catch (error) {
          if (signal.aborted || stopping) throw error;
          if (isUnauthorized(error)) {
            options.onFatal('unauthorized');
            throw error;
          }
          if (error instanceof GrammyError && error.error_code === 409) {
            if (!conflictLogged)
              logger.warn(
                { error: describeApiError(error) },
                'another instance is polling this bot (409); retrying until it stops',
              );
            conflictLogged = true;
          } else {
            down = true;
            logger.warn(
              { error: describeApiError(error), retryAt: new Date(Date.now() + pause).toISOString() },
              'cannot fetch updates; will retry',
            );
          }
          await sleep(pause, signal as never);
          pause = Math.min(pause * 2, firstPause * 10);
        }
      }
    },
  };

  const track = (update: Update): Promise<void> => {
    const handled = bot.handleUpdate(update).catch((error: unknown) => {
      logger.error({ err: error, update: update.update_id }, 'update handling failed');
    });
    running.add(handled);
    void handled.finally(() => running.delete(handled));
    return handled;
  };
  const sink = createConcurrentSink<Update>({ consume: track }, async (error) => {
    logger.error({ err: error }, 'update sink failed');
  });
  const runner: RunnerHandle = createRunner(createSource(supplier), sink);
  runner.start();
  void runner.task()?.catch((error: unknown) => {
    if (!stopping && !isUnauthorized(error)) logger.error({ err: error }, 'polling stopped');
  });

  return {
    inFlight: () => running.size,
    async stop(waitMs) {
      stopping = true;
      await runner.stop()?.catch(() => undefined);
      const deadline = sleep(waitMs).then(() => 'timeout' as const);
      while (running.size > 0) {
        const outcome = await Promise.race([Promise.all([...running]).then(() => 'done' as const), deadline]);
        if (outcome === 'timeout') break;
      }
      return { unfinished: running.size };
    },
  };
}
