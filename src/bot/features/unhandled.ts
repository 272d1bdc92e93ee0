import { Composer } from 'grammy';
import type { RegisteredContext } from '../context.ts';

/** Last in the chain: whatever no feature took gets a hint instead of silence. */
export function unhandledFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.on('callback_query', async (ctx) => {
    // a button this bot no longer knows (or data no button of it ever carried)
    await ctx.answerCallbackQuery({ text: ctx.t('callback-unknown'), show_alert: true });
  });
  feature.chatType('private').on('message', async (ctx) => {
    await ctx.reply(ctx.t('unhandled'));
  });
  return feature;
}
