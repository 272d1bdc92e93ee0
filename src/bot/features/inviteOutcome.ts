/**
 * What an invite link does to someone already registered (issue 10): the change is shown and
 * confirmed with buttons, a demotion is refused, and the person who made the link learns the
 * outcome. The callback data carries the code: it is shown only in the person's own chat.
 */
import { Composer, InlineKeyboard, type Api } from 'grammy';
import type { BotContext } from '../context.ts';
import { setCommandsForChat } from '../commandsMenu.ts';
import { whereSuffix } from '../format.ts';
import type { Person } from '../../services/index.ts';
import type { InviterNote, OfferedPlace, RedeemResult } from '../../services/invites.ts';
import { inviteAcceptData, inviteDeclineData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

const placeText = (t: Translate, place: Pick<Person, 'role' | 'where'>): string =>
  `${t('role-name', { role: place.role })}${whereSuffix(t, place)}`;

/** The inviter is told by a direct message; a blocked bot or a vanished chat must not fail the joiner's update. */
async function tellInviter(ctx: BotContext, inviter: InviterNote | null, text: string): Promise<void> {
  if (!inviter || inviter.telegramId === ctx.from?.id) return;
  try {
    await (ctx.api as Api).sendMessage(inviter.telegramId, text);
  } catch (error) {
    ctx.logger.warn({ err: error, chat: inviter.telegramId }, 'invite outcome not delivered to the inviter');
  }
}

const inviteConfirmKeyboard = (t: Translate, code: string) =>
  new InlineKeyboard()
    .text(t('invite-confirm-yes'), inviteAcceptData.pack({ code }))
    .row()
    .text(t('invite-confirm-no'), inviteDeclineData.pack({ code }));

/**
 * Answers a /start <code> (or «Да, сменить»): returns the person to greet and the note to
 * send the inviter after the greeting, or null when a message has already been sent instead.
 */
export async function answerRedeem(
  ctx: BotContext,
  result: RedeemResult,
): Promise<{ person: Person; tellInviter: () => Promise<void> } | null> {
  const name = ctx.from ? [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' ') : '';
  if (result.ok) {
    if (!result.unchanged) {
      const text = result.previous
        ? ctx.t('invite-outcome-changed', {
            name,
            place: placeText(ctx.t, result.person),
            before: placeText(ctx.t, result.previous),
          })
        : ctx.t('invite-outcome-joined', { name, place: placeText(ctx.t, result.person) });
      return { person: result.person, tellInviter: () => tellInviter(ctx, result.inviter, text) };
    }
    return { person: result.person, tellInviter: async () => undefined };
  }
  switch (result.reason) {
    case 'confirm':
      await ctx.reply(
        ctx.t('invite-confirm', {
          current: placeText(ctx.t, result.current),
          offered: placeText(ctx.t, result.offered),
        }),
        { reply_markup: inviteConfirmKeyboard(ctx.t, ctx.match?.toString().trim() ?? '') },
      );
      return null;
    case 'demotion':
      await ctx.reply(
        ctx.t('invite-demotion', {
          current: placeText(ctx.t, result.current),
          offered: placeText(ctx.t, result.offered),
          offeredRole: result.offered.role,
        }),
      );
      await tellInviter(
        ctx,
        result.inviter,
        ctx.t('invite-outcome-refused', {
          name,
          place: placeText(ctx.t, result.offered),
          current: placeText(ctx.t, result.current),
        }),
      );
      return null;
    default:
      await ctx.reply(ctx.t(`start-invite-${result.reason}`));
      return null;
  }
}

export function inviteOutcomeFeature() {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType('private');

  onButton(privateChats, inviteAcceptData, async (ctx, { code }) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const result = await ctx.services.invites.redeem(ctx.from, code, { confirmed: true });
    const answered = await answerRedeem(ctx, result);
    if (!answered) return;
    const { person } = answered;
    ctx.person = person;
    await setCommandsForChat(ctx.api, ctx.chat.id, person.role);
    await ctx.reply(
      ctx.t('start-welcome-new', {
        name: person.name,
        roleName: ctx.t('role-name', { role: person.role }),
        where: whereSuffix(ctx.t, person),
      }),
    );
    await answered.tellInviter();
  });

  onButton(privateChats, inviteDeclineData, async (ctx, { code }) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const result = await ctx.services.invites.decline(ctx.from, code);
    if (!result.ok) {
      await ctx.reply(ctx.t(`start-invite-${result.reason}`));
      return;
    }
    const name = [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' ');
    await ctx.reply(ctx.t('invite-declined', { current: result.current ? placeText(ctx.t, result.current) : '' }));
    await tellInviter(
      ctx,
      result.inviter,
      ctx.t('invite-outcome-declined', {
        name,
        place: placeText(ctx.t, result.offered as OfferedPlace),
        current: result.current ? placeText(ctx.t, result.current) : '',
      }),
    );
  });
  return feature;
}
