/**
 * /status (issue #12): the school card and the overview of a scope.
 * - a director: `/status` → their own school's card;
 * - a coordinator / committee member / admin: `/status 710102`, `/status sch710102`,
 *   `/status воскресенск`, `/status СОШ 2 Дубна` → the card (several matches → buttons);
 *   `/status` alone → the overview of their scope, paginated with buttons.
 * The card is one message (≤ 4096 characters) followed by the chart of «2» / below-minimum shares.
 */
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { failShareChartPng } from '../../documents/charts/failShareChart.ts';
import { actorOf } from '../../services/index.ts';
import type { SchoolCard } from '../../services/status.ts';
import { cardChart, cardText, overviewLines, overviewPages } from '../../text/status.ts';
import type { BotContext, RegisteredContext } from '../context.ts';
import { statusCardData, statusPageData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

const CHOICES_SHOWN = 8;

async function sendCard(ctx: BotContext, card: SchoolCard): Promise<void> {
  await ctx.reply(cardText(ctx.t, card));
  const chart = cardChart(ctx.t, card);
  if (!chart) {
    await ctx.reply(ctx.t('status-no-chart'));
    return;
  }
  await ctx.replyWithChatAction('upload_photo');
  const png = failShareChartPng(chart);
  await ctx.replyWithPhoto(new InputFile(png, `${card.school.code}.png`), {
    caption: ctx.t('status-chart-caption', { name: card.school.name }),
  });
}

function pageKeyboard(ctx: BotContext, page: number, pages: number): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (page > 1) keyboard.text(ctx.t('status-button-prev'), statusPageData.pack({ page: page - 1 }));
  if (page < pages) keyboard.text(ctx.t('status-button-next'), statusPageData.pack({ page: page + 1 }));
  return keyboard;
}

export function statusFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.command('status', async (ctx) => {
    const actor = actorOf(ctx.person);
    await ctx.replyWithChatAction('typing');
    const found = await ctx.services.status.lookup(actor, ctx.match);
    if (found.kind === 'card') {
      await sendCard(ctx, found.card);
      return;
    }
    if (found.kind === 'choose') {
      const keyboard = new InlineKeyboard();
      for (const school of found.schools.slice(0, CHOICES_SHOWN))
        keyboard.text(`${school.name} (${school.code})`, statusCardData.pack({ code: school.code })).row();
      const lines = [ctx.t('status-choose', { query: found.query, count: found.schools.length })];
      if (found.schools.length > CHOICES_SHOWN) lines.push(ctx.t('status-choose-more', { shown: CHOICES_SHOWN }));
      await ctx.reply(lines.join('\n'), { reply_markup: keyboard });
      return;
    }
    const pages = overviewPages(found.overview);
    await ctx.reply(overviewLines(ctx.t, found.overview, 1).join('\n'), {
      reply_markup: pageKeyboard(ctx, 1, pages),
    });
  });

  onButton(privateChats, statusCardData, async (ctx, { code }) => {
    await ctx.answerCallbackQuery();
    const card = await ctx.services.status.card(actorOf(ctx.person), code);
    await sendCard(ctx, card);
  });

  onButton(privateChats, statusPageData, async (ctx, values) => {
    await ctx.answerCallbackQuery();
    const overview = await ctx.services.status.overview(actorOf(ctx.person));
    const pages = overviewPages(overview);
    const page = Math.min(values.page, pages);
    await ctx.editMessageText(overviewLines(ctx.t, overview, page).join('\n'), {
      reply_markup: pageKeyboard(ctx, page, pages),
    });
  });

  return feature;
}
