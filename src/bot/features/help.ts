import { Composer } from 'grammy';
import type { RegisteredContext } from '../context.ts';
import { isGroupChat } from '../filters/groupChats.ts';

export function helpFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.command('help', async (ctx) => {
    if (isGroupChat(ctx)) {
      await ctx.reply(ctx.t('help-group'));
      return;
    }
    const role = ctx.person.role;
    await ctx.reply(`${ctx.t('help-intro', { roleName: ctx.t('role-name', { role }) })}\n${ctx.t(`help-${role}`)}`);
  });
  return feature;
}
