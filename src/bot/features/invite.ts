/** Invites: /invite (a conversation), /invites with their state, revoking by button. */
import { Composer } from 'grammy';
import { createConversation } from '@grammyjs/conversations';
import { actorOf } from '../../services/index.ts';
import type { ConversationContext, RegisteredContext } from '../context.ts';
import { INVITE_CONVERSATION, inviteConversation } from '../conversations/invite.ts';
import { formatDate } from '../format.ts';
import { revokeKeyboard } from '../keyboards/invite.ts';
import { inviteRevokeData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

export function inviteFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.use(createConversation<RegisteredContext, ConversationContext>(inviteConversation, INVITE_CONVERSATION));

  privateChats.command('invite', async (ctx) => {
    await ctx.conversation.enter(INVITE_CONVERSATION);
  });

  privateChats.command('invites', async (ctx) => {
    const invites = await ctx.services.invites.list(actorOf(ctx.person));
    if (invites.length === 0) {
      await ctx.reply(ctx.t('invite-list-empty'));
      return;
    }
    const lines = invites.map((invite) =>
      ctx.t('invite-list-item', {
        id: invite.number,
        roleName: ctx.t('role-name', { role: invite.role }),
        scope: invite.scopeLabel,
        state: invite.state,
        expires: formatDate(invite.expiresAt),
        usedBy: invite.usedBy ? ` (${invite.usedBy})` : '',
      }),
    );
    const active = invites
      .filter((invite) => invite.state === 'active')
      .map((invite) => ({ id: invite.id, number: invite.number }));
    await ctx.reply([ctx.t('invite-list-title', { count: invites.length }), ...lines].join('\n'), {
      reply_markup: revokeKeyboard(ctx.t, active.slice(0, 20)),
    });
  });

  onButton(privateChats, inviteRevokeData, async (ctx, { id }) => {
    const { number } = await ctx.services.invites.revoke(actorOf(ctx.person), id);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t('invite-revoked', { id: number }));
  });

  return feature;
}
