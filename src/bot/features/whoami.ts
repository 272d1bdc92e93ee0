import { Composer } from 'grammy';
import type { RegisteredContext } from '../context.ts';

export function whoamiFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.command('whoami', async (ctx) => {
    const person = ctx.person;
    const { where } = person;
    const scope = where.school
      ? ctx.t('whoami-scope-school', {
          school: where.school.name,
          code: where.school.code,
          municipality: where.municipality ?? '',
        })
      : where.municipality
        ? ctx.t('whoami-scope-municipality', { municipality: where.municipality, region: where.region ?? '' })
        : person.role === 'admin'
          ? ctx.t('whoami-scope-all')
          : ctx.t('whoami-scope-region', { region: where.region ?? '' });
    await ctx.reply(
      ctx.t('whoami', {
        name: person.name,
        roleName: ctx.t('role-name', { role: person.role }),
        scope,
        telegramId: String(person.telegramId),
      }),
    );
  });
  return feature;
}
