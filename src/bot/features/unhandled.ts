import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

/** Last in the chain: whatever no feature took gets a hint instead of silence. */
export function unhandledFeature() {
  const feature = new Composer<BotContext>();
  feature.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('unhandled') });
  });
  feature.chatType('private').on('message', async (ctx) => {
    await ctx.reply(ctx.t('unhandled'));
  });
  return feature;
}
