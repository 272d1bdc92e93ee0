/**
 * The registered person behind an update. `bot.filter(isRegistered)` narrows the context for the
 * features behind it, so they read `ctx.person` as a Person (never null, no `!`); strangers go
 * past them to `strangerAnswer`.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext, RegisteredContext } from '../context.ts';

export const isRegistered = (ctx: BotContext): ctx is RegisteredContext => ctx.person !== null;

/** Strangers get one polite answer in a private chat and no data; elsewhere, silence. */
export function strangerAnswer(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.person) return next();
    if (ctx.chat?.type !== 'private') return;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('stranger'), show_alert: true });
    else await ctx.reply(ctx.t('stranger'));
  };
}
