import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';

/** A child logger per update, so every line of one update carries its id and who sent it. */
export function updateLogger() {
  return async (ctx: BotContext, next: NextFunction) => {
    ctx.logger = ctx.logger.child({ update_id: ctx.update.update_id, from: ctx.from?.id, chat: ctx.chat?.id });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.logger.debug({ ms: Math.round(performance.now() - started) }, 'update handled');
    }
  };
}
