import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';

export function helpFeature() {
  const feature = new Composer<BotContext>();
  feature.command('help', async (ctx) => {
    const role = ctx.person!.role;
    await ctx.reply(`${ctx.t('help-intro', { roleName: ctx.t('role-name', { role }) })}\n${ctx.t(`help-${role}`)}`);
  });
  return feature;
}
