/** Small renderers shared by features: a person's scope in words, dates in Russian. */
import type { Person } from '../services/index.ts';

export function whereSuffix(t: Translate, person: Pick<Person, 'role' | 'where'>): string {
  if (person.where.school) return t('start-where-school', { school: person.where.school.name });
  if (person.where.municipality) return t('start-where-municipality', { municipality: person.where.municipality });
  if (person.where.region && person.role !== 'admin') return t('start-where-region', { region: person.where.region });
  return '';
}

export { formatDate } from '../text/format.ts';

export { splitLines } from '../text/format.ts';
import { splitLines } from '../text/format.ts';
import type { Translate } from '../domain/translate.ts';

export async function replyLines(
  ctx: { reply(text: string): Promise<unknown> },
  lines: readonly string[],
): Promise<void> {
  for (const chunk of splitLines(lines)) await ctx.reply(chunk);
}
