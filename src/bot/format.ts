/** Small renderers shared by features: a person's scope in words, dates in Russian. */
import type { Person } from '../services/index.ts';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function whereSuffix(t: Translate, person: Pick<Person, 'role' | 'where'>): string {
  if (person.where.school) return t('start-where-school', { school: person.where.school.name });
  if (person.where.municipality) return t('start-where-municipality', { municipality: person.where.municipality });
  if (person.where.region && person.role !== 'admin') return t('start-where-region', { region: person.where.region });
  return '';
}

export { formatDate, formatDateTime } from '../text/format.ts';

/** Telegram refuses messages over 4096 characters: long lists go out in several messages. */
export const MESSAGE_LIMIT = 4000;

export function splitLines(lines: readonly string[], limit = MESSAGE_LIMIT): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const piece = line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
    if (current && current.length + 1 + piece.length > limit) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}

export async function replyLines(
  ctx: { reply(text: string): Promise<unknown> },
  lines: readonly string[],
): Promise<void> {
  for (const chunk of splitLines(lines)) await ctx.reply(chunk);
}
