/**
 * The inbox at start and at stop: updates received (stored by the polling loop or the webhook
 * before Telegram considers them delivered) but not finished — the process died or stopped
 * while they waited or ran — are handled now, in update order, through the whole bot (so the
 * dedupe middleware still lets each through once; one cut by crashes three times is given up).
 */
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from '../bot/context.ts';
import type { Services } from '../services/index.ts';

export async function handleUnfinished(
  bot: Bot<BotContext>,
  services: Services,
  logger: Logger,
  options: { deadline?: number; stop?: () => boolean } = {},
): Promise<{ handled: number; left: number }> {
  let handled = 0;
  for (let round = 0; round < 20; round++) {
    const pending = (await services.updates.unfinished(200)) as Update[];
    if (pending.length === 0) return { handled, left: 0 };
    if (round === 0) logger.info({ updates: pending.length }, 'inbox: handling updates left unfinished');
    for (const update of pending) {
      if (options.stop?.() || (options.deadline !== undefined && Date.now() > options.deadline)) {
        return { handled, left: (await services.updates.unfinished()).length };
      }
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        logger.error({ err: error, update: update.update_id }, 'inbox: update failed');
        await services.updates.finish(update.update_id).catch(() => undefined);
      }
      handled++;
    }
  }
  return { handled, left: (await services.updates.unfinished()).length };
}
