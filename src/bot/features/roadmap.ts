/**
 * /roadmap (issue 13 §2): progress by section and what is due (private chats and committee
 * groups); in private chats also `/roadmap done N комментарий` (the responsible school or a
 * coordinator; a document sent with the command as its caption is kept with the mark) and
 * `/roadmap reopen N` (a coordinator).
 */
import { Composer } from 'grammy';
import { renderIssueList } from '../../text/sheetIssues.ts';
import { actorOf } from '../../services/index.ts';
import { roadmapLines } from '../../text/roadmap.ts';
import type { BotContext, RegisteredContext } from '../context.ts';
import { splitLines } from '../format.ts';

export function roadmapFeature() {
  const feature = new Composer<BotContext>();

  feature.chatType(['group', 'supergroup']).command('roadmap', async (ctx) => {
    const chat = await ctx.services.committeeChats.find(ctx.chat.id);
    if (!chat) return void (await ctx.reply(ctx.t('digest-not-bound')));
    const roadmaps = await ctx.services.roadmaps.forScope(chat.scope);
    // In a group: progress and dates only, no usage of private commands.
    for (const chunk of splitLines(roadmapLines(ctx.t, roadmaps).slice(0, -2))) await ctx.reply(chunk);
  });

  const privateChats = feature.chatType('private');
  const handle = async (ctx: BotContext, text: string, fileId?: string) => {
    if (!ctx.person) return void (await ctx.reply(ctx.t('digest-private-none')));
    const actor = actorOf(ctx.person);
    const [verb, id, ...comment] = text.trim().split(/\s+/);
    if (verb === 'done' || verb === 'reopen') {
      const itemId = Number(id);
      if (!Number.isInteger(itemId) || itemId <= 0) return void (await ctx.reply(ctx.t('roadmap-usage')));
      const item =
        verb === 'done'
          ? await ctx.services.roadmaps.done(actor, itemId, comment.join(' '), fileId)
          : await ctx.services.roadmaps.reopen(actor, itemId);
      await ctx.reply(
        ctx.t(verb === 'done' ? 'roadmap-marked-done' : 'roadmap-reopened', { number: item.number, title: item.title }),
      );
      return;
    }
    if (verb) return void (await ctx.reply(ctx.t('roadmap-usage')));
    for (const chunk of splitLines(roadmapLines(ctx.t, await ctx.services.roadmaps.mine(actor))))
      await ctx.reply(chunk);
  };
  privateChats.command('roadmap', (ctx) => handle(ctx, ctx.match));
  // A document with the caption «/roadmap done 12 …»: the file is kept with the mark.
  privateChats.on('message:document').filter(
    (ctx) => /^\/roadmap(@\w+)?\s+done\s/i.test(ctx.message.caption ?? ''),
    (ctx) =>
      handle(ctx, (ctx.message.caption ?? '').replace(/^\/roadmap(@\w+)?\s+/i, ''), ctx.message.document.file_id),
  );
  return feature;
}

/** A roadmap .xlsx sent in chat (routed here by the upload feature from its header). */
export async function replyToRoadmapUpload(ctx: RegisteredContext, bytes: Uint8Array, fileName: string): Promise<void> {
  const outcome = await ctx.services.roadmaps.importFile(actorOf(ctx.person), bytes, fileName);
  if (!outcome.ok) {
    for (const chunk of splitLines([ctx.t('roadmap-import-failed'), renderIssueList(outcome.issues, { limit: 30 })]))
      await ctx.reply(chunk);
    return;
  }
  await ctx.reply(
    ctx.t('roadmap-imported', {
      dryRun: 'no',
      title: outcome.title,
      scope: outcome.scope,
      rows: outcome.rows,
      items: outcome.items,
      fannedOut: outcome.fannedOut,
    }),
  );
}
