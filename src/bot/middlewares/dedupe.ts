import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';

/**
 * The inbox, bot side. Telegram may deliver an update again (webhook retries, restarts) and a
 * crash may cut one mid-way: each update_id is begun in the database (stored with its payload
 * if the polling loop has not stored it already), handled, and marked done. One that was begun
 * but never finished is handled again at the next start (src/delivery/inbox.ts); one finished
 * before is skipped. An update that reached the error boundary counts as finished.
 */
export function dedupeUpdates() {
  const inFlight = new Set<number>();
  return async (ctx: BotContext, next: NextFunction) => {
    const id = ctx.update.update_id;
    if (inFlight.has(id)) {
      ctx.logger.info('duplicate update skipped (in flight)');
      return;
    }
    inFlight.add(id);
    try {
      const state = await ctx.services.updates.begin(ctx.update);
      if (state === 'duplicate') {
        ctx.logger.info('duplicate update skipped');
        return;
      }
      if (state === 'poison') {
        ctx.logger.error({ update: id }, 'update given up after repeated crashes while handling it');
        if (ctx.chat) await ctx.reply(ctx.t('delivery-update-given-up')).catch(() => undefined);
        return;
      }
      if (state === 'retry') ctx.logger.info({ update: id }, 'unfinished update handled again');
      try {
        await next();
      } finally {
        await ctx.services.updates.finish(id);
      }
    } finally {
      inFlight.delete(id);
    }
  };
}
