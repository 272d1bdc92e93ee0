// Runs updates through a bot without long polling and tells what the bot did in reply, as
// seen by the Bot API server (so calls from inside conversations are included).
import type { Bot } from 'grammy';
import type { InlineKeyboardButton, Message, Update, User } from 'grammy/types';
import type { BotApiCall, BotApiServer } from './botApiServer.ts';
import { callbackQuery } from './updates.ts';

export interface BotDriverOptions {
  /**
   * 'throw' (default): an error in a handler rejects send() so the test sees it.
   * 'bot-catch': pass it to the bot's error handler (bot.catch), as long polling does.
   */
  errors?: 'throw' | 'bot-catch';
}

export interface BotDriver {
  readonly bot: Bot<any>;
  /** Handles one update; resolves with the Bot API calls made meanwhile (getUpdates excluded). */
  send(update: Update): Promise<BotApiCall[]>;
  /** Presses the inline button whose text (or callback_data) matches, on a message the bot sent. */
  click(from: User, message: Message, button: string | RegExp): Promise<BotApiCall[]>;
}

/** Calls `bot.init()` (getMe against the fake server) and returns the driver. */
export async function createBotDriver(
  bot: Bot<any>,
  tg: BotApiServer,
  options: BotDriverOptions = {},
): Promise<BotDriver> {
  if (!bot.isInited()) await bot.init();
  // idle() then waits for the bot's calls from the moment they are made, not only once they arrive
  bot.api.config.use(tg.tracker);
  const errors = options.errors ?? 'throw';
  // Updates are handled one after another, as grammY's polling does; also keeps the
  // attribution of calls to updates exact.
  let chain: Promise<unknown> = Promise.resolve();

  const handle = async (update: Update): Promise<BotApiCall[]> => {
    tg.observeUpdate(update);
    const before = tg.calls.at(-1)?.seq ?? 0;
    const madeSince = (): BotApiCall[] =>
      tg.calls.filter((c) => c.seq > before && c.method.toLowerCase() !== 'getupdates');
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      if (errors === 'bot-catch') {
        await bot.errorHandler(error as Parameters<Bot<any>['errorHandler']>[0]);
      } else {
        await tg.idle();
        throw Object.assign(error as Error, { calls: madeSince() });
      }
    }
    await tg.idle();
    return madeSince();
  };

  const send = (update: Update): Promise<BotApiCall[]> => {
    const result = chain.then(() => handle(update));
    chain = result.catch(() => undefined);
    return result;
  };

  return {
    bot,
    send,
    click: (from, message, button) => {
      const buttons: InlineKeyboardButton[] = (message.reply_markup?.inline_keyboard ?? []).flat();
      const matches = (b: InlineKeyboardButton): boolean => {
        const data = 'callback_data' in b ? b.callback_data : undefined;
        return typeof button === 'string' ? b.text === button || data === button : button.test(b.text);
      };
      const found = buttons.find(matches);
      if (!found || !('callback_data' in found)) {
        const available = buttons.map((b) => JSON.stringify(b.text)).join(', ') || 'none';
        throw new Error(`No callback button ${String(button)} on message ${message.message_id}; buttons: ${available}`);
      }
      return send(callbackQuery(from, found.callback_data, { message }));
    },
  };
}

/** Texts the user received or saw edited, in order: sendMessage/editMessageText texts and captions. */
export function sentTexts(calls: readonly BotApiCall[]): string[] {
  return calls
    .filter((c) => c.response?.ok)
    .map((c) =>
      typeof c.payload.text === 'string'
        ? c.payload.text
        : typeof c.payload.caption === 'string'
          ? c.payload.caption
          : undefined,
    )
    .filter((t): t is string => t !== undefined);
}

/** The Message objects the server returned for successful send... and edit... calls. */
export function sentMessages(calls: readonly BotApiCall[]): Message[] {
  return calls
    .filter((c) => /^(send|edit)/i.test(c.method) && c.response?.ok && typeof c.response.result === 'object')
    .map((c) => (c.response as { result: Message }).result);
}
