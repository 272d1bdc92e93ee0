/**
 * Messages to many people at once (campaign invitations, reminders, deadline changes): a few
 * at a time, so Telegram's limit of about 30 messages a second is respected (429s are retried
 * by the auto-retry plugin of the bot's api). A person who blocked the bot is counted, not fatal.
 */
import type { Api, InlineKeyboard } from 'grammy';
import type { Logger } from 'pino';

export interface Outgoing {
  chatId: number;
  text: string;
  keyboard?: InlineKeyboard;
}

const CONCURRENCY = 4;

export async function sendToMany(
  api: Api,
  messages: readonly Outgoing[],
  logger?: Logger,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const message = messages[next++]!;
      try {
        await api.sendMessage(message.chatId, message.text, message.keyboard ? { reply_markup: message.keyboard } : {});
        sent++;
      } catch (error) {
        failed++;
        logger?.warn({ err: error, chat: message.chatId }, 'notification not delivered');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));
  return { sent, failed };
}
