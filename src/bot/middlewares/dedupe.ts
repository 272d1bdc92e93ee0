import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';

/** Telegram may deliver an update again (webhook retries, restarts): handle each update_id once. */
export function dedupeUpdates() {
  return async (ctx: BotContext, next: NextFunction) => {
    if (!(await ctx.services.updates.claim(ctx.update.update_id))) {
      ctx.logger.info('duplicate update skipped');
      return;
    }
    await next();
  };
}
