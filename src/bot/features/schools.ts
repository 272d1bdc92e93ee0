/** /schools: the registry of the person's scope. */
import { Composer } from 'grammy';
import { actorOf } from '../../services/index.ts';
import type { RegisteredContext } from '../context.ts';
import { replyLines } from '../format.ts';

export function schoolsFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.chatType('private').command('schools', async (ctx) => {
    const actor = actorOf(ctx.person);
    const schools = await ctx.services.schools.list(actor);
    if (schools.length === 0) {
      await ctx.reply(ctx.t('registry-empty'));
      return;
    }
    const lines = [ctx.t('registry-title', { count: schools.length })];
    let municipality = '';
    for (const school of schools) {
      if (school.municipality !== municipality) {
        municipality = school.municipality;
        const count = schools.filter((s) => s.municipality === municipality).length;
        lines.push('', ctx.t('registry-municipality', { name: municipality, count }));
      }
      lines.push(
        ctx.t('registry-school', {
          code: school.code,
          name: school.shortName || school.fullName,
          // empty fields are left out, not shown as «(НОШ, , сельская)» (issue 10)
          details: [school.type, school.settlement, school.rural ? ctx.t('registry-rural') : '']
            .map((part) => part?.trim())
            .filter(Boolean)
            .join(', '),
        }),
      );
    }
    if (actor.role === 'admin' || actor.role === 'coordinator') lines.push('', ctx.t('registry-upload-hint'));
    await replyLines(ctx, lines);
  });
  return feature;
}
