/**
 * Buttons through their codecs (src/callbackData.ts): `onButton(composer, codec, handler)` hands
 * the handler the decoded values; data with the button's prefix but broken fields (forged, cut,
 * or from an older format) gets a specific answer and reaches no handler.
 */
import type { CallbackQueryContext, Composer } from 'grammy';
import type { CallbackCodec, Field, Values } from '../../callbackData.ts';
import type { BotContext } from '../context.ts';

/** The label of the button that sent this data, when the message still shows it. */
function buttonLabel(ctx: CallbackQueryContext<BotContext>): string | undefined {
  const data = ctx.callbackQuery.data;
  for (const row of ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [])
    for (const button of row) if ('callback_data' in button && button.callback_data === data) return button.text;
  return undefined;
}

async function answerGarbledButton(ctx: CallbackQueryContext<BotContext>): Promise<void> {
  ctx.logger.warn({ data: ctx.callbackQuery.data }, 'garbled callback data');
  await ctx.answerCallbackQuery({
    text: ctx.t('callback-garbled', { button: buttonLabel(ctx) ?? 'none' }),
    show_alert: true,
  });
}

export function onButton<C extends BotContext, F extends Record<string, Field<unknown>>>(
  composer: Composer<C>,
  codec: CallbackCodec<F>,
  handler: (ctx: CallbackQueryContext<C>, values: Values<F>) => unknown,
): void {
  composer.callbackQuery(codec.filter, async (ctx) => {
    const values = codec.unpack(ctx.callbackQuery.data);
    if (values === null) return answerGarbledButton(ctx as unknown as CallbackQueryContext<BotContext>);
    await handler(ctx, values);
  });
}
