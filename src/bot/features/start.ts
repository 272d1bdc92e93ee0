/** /start with or without an invite code (the gate for strangers is filters/registered.ts). */
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { updateChatCommands } from '../commandsMenu.ts';
import { whereSuffix } from '../format.ts';
import { answerRedeem, inviteOutcomeFeature } from './inviteOutcome.ts';

export function startFeature() {
  const feature = new Composer<BotContext>();

  feature.chatType('private').command('start', async (ctx) => {
    const code = ctx.match.trim();
    let afterGreeting: () => Promise<void> = async () => {};
    if (code) {
      const answered = await answerRedeem(ctx, await ctx.services.invites.redeem(ctx.from, code));
      if (!answered) return;
      ctx.person = answered.person;
      afterGreeting = answered.tellInviter;
    }
    const person = ctx.person;
    if (!person) {
      await ctx.reply(ctx.t('stranger'));
      return;
    }
    const vars = {
      name: person.name,
      roleName: ctx.t('role-name', { role: person.role }),
      where: whereSuffix(ctx.t, person),
    };
    await ctx.reply(ctx.t(code || person.firstContact ? 'start-welcome-new' : 'start-welcome-back', vars));
    await afterGreeting();
    // The menu of the role: a failure is logged and retried in the background, never shown.
    await updateChatCommands(ctx.api, ctx.chat.id, person.role, ctx.logger);
  });

  feature.use(inviteOutcomeFeature());

  return feature;
}
