/** Numbers and dates the Russian way, for the bot, the CLI and the spreadsheets alike. */

const TIME_ZONE = 'Europe/Moscow';

const dateFormat = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});
const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

export const formatDate = (at: string | Date): string => dateFormat.format(new Date(at));
export const formatDateTime = (at: string | Date): string => dateTimeFormat.format(new Date(at));
export const formatNumber = (value: number): string => numberFormat.format(value);
/** 0.325 → «32,5 %» */
export const formatPercent = (share: number): string => `${numberFormat.format(share * 100)} %`;

/** Telegram refuses messages over 4096 characters: long lists go out in several messages. */
const MESSAGE_LIMIT = 4000;

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
