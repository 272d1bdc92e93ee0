/**
 * Group chats (issue 10): a committee's group sees only what is meant for a group — never a
 * person's role, Telegram id or the coordinator's commands. Reusable by any feature that works
 * in groups (the weekly digest): add its command to `GROUP_COMMANDS` or pass your own list.
 */
import type { Context, MiddlewareFn } from 'grammy';
import { groupChatButtons } from '../../callbackData.ts';

/** Commands that make sense in a group chat; everything else there is left unanswered. */
const GROUP_COMMANDS: readonly string[] = ['help', 'digest', 'roadmap'];

export function isGroupChat(ctx: Pick<Context, 'chat'>): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup' || ctx.chat?.type === 'channel';
}

/** The command of a message (`/help@kurator_bot` → `help`), or null. */
function commandOf(ctx: Context): string | null {
  const text = ctx.message?.text ?? ctx.channelPost?.text;
  const entity = (ctx.message?.entities ?? ctx.channelPost?.entities)?.[0];
  if (!text || entity?.type !== 'bot_command' || entity.offset !== 0) return null;
  const [name, bot] = text.slice(1, entity.length).split('@');
  if (bot && ctx.me && bot.toLowerCase() !== ctx.me.username.toLowerCase()) return null; // meant for another bot
  return name!.toLowerCase();
}

/**
 * A filter predicate: true for updates outside groups, and in groups only for membership
 * changes of the bot and the listed commands. Use as `composer.filter(meantForThisChat(), …)`.
 */
function meantForThisChat(commands: readonly string[] = GROUP_COMMANDS) {
  return (ctx: Context): boolean => {
    if (!isGroupChat(ctx)) return true;
    if (ctx.myChatMember || ctx.chatMember) return true;
    // a group becoming a supergroup: the committee's binding follows the new id (issue 13)
    if (ctx.message?.migrate_to_chat_id) return true;
    const data = ctx.callbackQuery?.data;
    if (data && groupChatButtons.some((codec) => codec.filter.test(data))) return true;
    const command = commandOf(ctx);
    return command !== null && commands.includes(command);
  };
}

/** Middleware form: stops (silently) whatever in a group is not meant for the group. */
export function groupChatGate<C extends Context>(commands: readonly string[] = GROUP_COMMANDS): MiddlewareFn<C> {
  const meant = meantForThisChat(commands);
  return async (ctx, next) => {
    if (!meant(ctx)) {
      // a tap on a stale button in a group still gets its spinner stopped
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    await next();
  };
}
