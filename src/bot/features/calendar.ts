/**
 * The one-tap launch under «пора запускать …» (issue 13 §3): launches the built-in form for the
 * coordinator's schools (all, or the ШНОР list), due by the end of the month, and invites the
 * directors as /launch does.
 */
import { Composer } from 'grammy';
import { actorOf } from '../../services/index.ts';
import type { BotContext } from '../context.ts';
import { formatDate } from '../format.ts';
import { openFormKeyboard } from '../keyboards/forms.ts';
import { sendToMany } from '../../delivery/notify.ts';
import { calendarLaunchData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

export function calendarFeature() {
  const feature = new Composer<BotContext>();
  onButton(feature.chatType('private'), calendarLaunchData, async (ctx, { key }) => {
    await ctx.answerCallbackQuery();
    if (!ctx.person) return;
    const result = await ctx.services.calendar.launch(actorOf(ctx.person), key);
    const { sent } = await sendToMany(
      ctx.api,
      result.recipients.map((recipient) => ({
        chatId: recipient.telegramId,
        text: ctx.t('campaigns-invitation', {
          title: result.title,
          school: recipient.schoolName,
          deadline: formatDate(result.deadline),
        }),
        keyboard: openFormKeyboard(ctx.t.bind(ctx), result.campaignId),
      })),
      ctx.logger,
    );
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(
      ctx.t('calendar-launched', {
        title: result.title,
        schools: result.schools,
        notified: sent,
        deadline: formatDate(result.deadline),
      }),
    );
  });
  return feature;
}
