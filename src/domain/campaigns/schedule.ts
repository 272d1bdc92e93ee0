/**
 * Deadlines and reminders of a campaign (issue #5, «Campaigns»), pure.
 *
 * A deadline is typed as a date (дд.мм.гггг) and means the end of that day in the installation's
 * time zone (domain/timeZone.ts), like every date the bot shows. Reminders are offsets in days from the deadline: 3 and 1 are
 * «3 days / 1 day before», −1 is «the day after, for the late ones». A reminder is identified
 * by its offset *and* the deadline it was computed for, so extending a deadline re-arms them.
 */
import { parseDateText } from '../questionnaires/answers.ts';
import { localDate, localMoment } from '../timeZone.ts';

export const DEFAULT_REMINDER_DAYS: readonly number[] = [3, 1, -1];
/** Offsets allowed when a coordinator sets them: up to a month before, a week after. */
const REMINDER_DAYS_MIN = -7;
const REMINDER_DAYS_MAX = 30;
/** Reminders that came due while the bot was down are still sent within this window, not later. */
export const REMINDER_GRACE_MS = 2 * 86_400_000;

const DAY_MS = 86_400_000;

/** The last millisecond of an ISO date (`2026-12-01`) in the installation's time zone. */
export function endOfDay(isoDate: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(localMoment(year, month, day + 1).getTime() - 1);
}

export type DeadlineParse =
  | { ok: true; deadline: Date; date: string }
  | { ok: false; reason: 'campaigns-deadline-format' | 'campaigns-deadline-past'; params: Record<string, string> };

/** «15.12» → the next 15 December from today's local date (this year's when still ahead), as ISO. */
function nextDayMonth(text: string, now: Date): string | null {
  const match = /^(\d{1,2})[./](\d{1,2})\.?$/.exec(text);
  if (!match) return null;
  const today = localDate(now);
  const year = Number(today.slice(0, 4));
  for (const candidate of [year, year + 1]) {
    const iso = parseDateText(`${match[1]}.${match[2]}.${candidate}`);
    if (!iso) return null;
    if (iso >= today) return iso;
  }
  return null;
}

/** «01.12.2026» (also «1.12.2026», «2026-12-01», «15.12» — the next one) → the end of that day; today or later only. */
export function parseDeadline(text: string, now: Date): DeadlineParse {
  const date = nextDayMonth(text.trim(), now) ?? parseDateText(text.trim());
  if (!date) return { ok: false, reason: 'campaigns-deadline-format', params: { input: text.trim() } };
  const deadline = endOfDay(date);
  if (deadline.getTime() <= now.getTime())
    return { ok: false, reason: 'campaigns-deadline-past', params: { input: text.trim() } };
  return { ok: true, deadline, date };
}

export type ReminderDaysParse =
  | { ok: true; days: number[] }
  | { ok: false; reason: 'campaigns-reminders-format'; params: Record<string, string | number> };

/** «7, 3, 1, -1» → [7, 3, 1, -1]: distinct whole days, sorted from the earliest reminder. */
export function parseReminderDays(text: string): ReminderDaysParse {
  const pieces = text
    .split(/[\s,;]+/)
    .map((p) => p.replace(/[\u2212\u2013]/g, '-'))
    .filter(Boolean);
  const days = pieces.map((p) => (/^[+-]?\d{1,2}$/.test(p) ? Number(p) : Number.NaN));
  const fail: ReminderDaysParse = {
    ok: false,
    reason: 'campaigns-reminders-format',
    params: { input: text.trim(), min: REMINDER_DAYS_MIN, max: REMINDER_DAYS_MAX },
  };
  if (days.length === 0 || days.length > 6) return fail;
  if (days.some((d) => !Number.isInteger(d) || d === 0 || d < REMINDER_DAYS_MIN || d > REMINDER_DAYS_MAX)) return fail;
  return { ok: true, days: [...new Set(days)].sort((a, b) => b - a) };
}

/** Reminders go out in the morning (10:00 local time), not at the deadline's hour of the night. */
const REMINDER_HOUR = 10;

/** When the reminder with this offset is due: 10:00 of the day `offsetDays` before the deadline's day. */
export function reminderTime(deadline: Date, offsetDays: number): Date {
  const [year, month, day] = localDate(deadline).split('-').map(Number) as [number, number, number];
  return localMoment(year, month, day - offsetDays, REMINDER_HOUR);
}

export function reminderKey(offsetDays: number, deadline: Date): string {
  return `${offsetDays}@${deadline.toISOString()}`;
}

/**
 * Keys of the reminders whose time has already passed when a campaign is launched or its
 * deadline moved: they are recorded as sent so that nobody gets a «3 days left» right after
 * being told the deadline is tomorrow.
 */
export function passedReminderKeys(deadline: Date, offsets: readonly number[], now: Date): string[] {
  return offsets
    .filter((offset) => reminderTime(deadline, offset).getTime() <= now.getTime())
    .map((offset) => reminderKey(offset, deadline));
}

/** Calendar days (local) from today to the deadline's day: 3 on the 7th for the 10th, 0 on the day itself. */
export function daysLeft(deadline: Date, now: Date): number {
  const day = (moment: Date) => Date.parse(`${localDate(moment)}T00:00:00Z`);
  return Math.max(0, Math.round((day(deadline) - day(now)) / DAY_MS));
}

export function normaliseReminderDays(value: unknown): number[] {
  return Array.isArray(value) && value.every((d) => Number.isInteger(d))
    ? (value as number[])
    : [...DEFAULT_REMINDER_DAYS];
}
