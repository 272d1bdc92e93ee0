import { Composer } from 'grammy';
import { actorOf } from '../../services/index.ts';
import type { RegisteredContext } from '../context.ts';
import { replyLines, whereSuffix } from '../format.ts';

export function usersFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.chatType('private').command('users', async (ctx) => {
    const people = await ctx.services.people.list(actorOf(ctx.person));
    if (people.length === 0) {
      await ctx.reply(ctx.t('users-empty'));
      return;
    }
    const lines = people.map((person) =>
      ctx.t('users-item', {
        name: person.name,
        username: person.username ? ` (@${person.username})` : '',
        roleName: ctx.t('role-name', { role: person.role }),
        where: whereSuffix(ctx.t, person),
      }),
    );
    await replyLines(ctx, [ctx.t('users-title', { count: people.length }), ...lines]);
  });
  return feature;
}
