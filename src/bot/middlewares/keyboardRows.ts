/**
 * Drops empty rows from every inline keyboard the bot sends. grammY's `.row()` after a list's
 * last button (`for (…) keyboard.text(…).row()`) leaves an empty row at the end, which a client
 * draws as a gap under the buttons; built in a loop, the last row cannot be known in advance.
 * Installed on bot.api and, as autoRetry, on the conversations' own api (src/bot/index.ts).
 */
import type { Transformer } from 'grammy';

export const dropEmptyKeyboardRows: Transformer = (prev, method, payload, signal) => {
  const markup = (payload as { reply_markup?: { inline_keyboard?: unknown[][] } }).reply_markup;
  const rows = markup?.inline_keyboard;
  if (!rows?.some((row) => row.length === 0)) return prev(method, payload, signal);
  return prev(
    method,
    { ...payload, reply_markup: { ...markup, inline_keyboard: rows.filter((row) => row.length > 0) } },
    signal,
  );
};
