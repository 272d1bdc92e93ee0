/**
 * Numbers and dates the Russian way, for the bot, the CLI, the scheduler and the documents alike:
 * the one date/time formatter. Moments read in the installation's time zone (config TZ_NAME,
 * domain/timeZone.ts); a calendar date with no zone (an Excel date cell) is formatted in UTC.
 */
import { timeZone } from '../domain/timeZone.ts';

const formats = new Map<string, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

function formatsIn(zone: string) {
  let found = formats.get(zone);
  if (!found) {
    const date = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: zone } as const;
    found = {
      date: new Intl.DateTimeFormat('ru-RU', date),
      dateTime: new Intl.DateTimeFormat('ru-RU', { ...date, hour: '2-digit', minute: '2-digit' }),
    };
    formats.set(zone, found);
  }
  return found;
}
const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** «01.12.2026» */
export const formatDate = (at: string | Date, zone = timeZone()): string => formatsIn(zone).date.format(new Date(at));
/** «01.12.2026, 23:59» */
export const formatDateTime = (at: string | Date, zone = timeZone()): string =>
  formatsIn(zone).dateTime.format(new Date(at));
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
