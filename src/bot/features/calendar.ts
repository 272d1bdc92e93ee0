/**
 * The one-tap launch under «пора запускать …» (issue 13 §3): launches the built-in form for the
 * coordinator's schools (all, or the ШНОР list), due by the end of the month. As /launch does, the
 * launch writes every invitation to the outbox with the campaign; the sender delivers them and the
 * coordinator gets the summary with the counts when delivery ends.
 */
import { Composer } from 'grammy';
import { actorOf } from '../../services/index.ts';
import type { BotContext } from '../context.ts';
import { formatDate } from '../format.ts';
import { calendarLaunchData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

export function calendarFeature() {
  const feature = new Composer<BotContext>();
  onButton(feature.chatType('private'), calendarLaunchData, async (ctx, { key }) => {
    await ctx.answerCallbackQuery();
    if (!ctx.person) return;
    const result = await ctx.services.calendar.launch(actorOf(ctx.person), key);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const params = { id: result.number, title: result.title, deadline: formatDate(result.deadline) };
    if (result.alreadyLaunched) {
      await ctx.reply(ctx.t('delivery-launch-again', params));
      return;
    }
    await ctx.reply(
      ctx.t('delivery-launch-queued', { ...params, schools: result.schools, queued: result.recipients.length }),
    );
    await ctx.delivery.kick();
  });
  return feature;
}
