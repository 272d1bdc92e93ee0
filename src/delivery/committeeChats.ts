/**
 * What the outbox sender's chat events mean for committee chats (issue 13 §1): a group that
 * refuses the bot (403: removed, or not allowed to post) is unbound — logged once, the first time —
 * and a group that became a supergroup keeps its binding under the new id.
 */
import type { Logger } from 'pino';
import type { Services } from '../services/index.ts';
import type { ChatEvent } from './sender.ts';

export function committeeChatEvents(services: Services, logger?: Logger): (event: ChatEvent) => Promise<void> {
  return async (event) => {
    if (event.kind === 'migrated') {
      if (await services.committeeChats.migrate(event.from, event.to))
        logger?.info({ from: event.from, to: event.to }, 'committee chat migrated to a supergroup');
      return;
    }
    if (event.chatId >= 0) return; // a person blocked the bot: not a committee chat
    if (await services.committeeChats.unbind(event.chatId, 'forbidden'))
      logger?.warn(
        { chat: event.chatId, reason: event.description },
        'committee chat unbound: the bot cannot write there',
      );
  };
}
