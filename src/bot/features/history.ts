/** /history КОД — the audit log of a school: who changed what, when, before → after (issue 10). */
import { Composer } from 'grammy';
import { actorOf } from '../../services/index.ts';
import { historyLines } from '../../text/history.ts';
import type { RegisteredContext } from '../context.ts';
import { replyLines } from '../format.ts';

export function historyFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.chatType('private').command('history', async (ctx) => {
    const code = ctx.match.trim();
    if (!code) {
      await ctx.reply(ctx.t('history-usage'));
      return;
    }
    const found = await ctx.services.history.school(actorOf(ctx.person), code);
    await replyLines(ctx, historyLines(ctx.t, found));
  });
  return feature;
}
