/**
 * When the weekly digest is due (issue 13, «Every week … default Monday 09:00 Moscow»), pure.
 *
 * A week is named by the ISO week of its due moment in the installation's time zone
 * (`2026-W49`); that name is the key of the exactly-once record (one digest per chat and week).
 * A week missed while the bot was down is still due until the next week's moment.
 */

import { DEFAULT_TIME_ZONE, zoneOffsetMs } from '../timeZone.ts';

export interface DigestSchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
  /** IANA time zone, e.g. Europe/Moscow */
  timeZone: string;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { weekday: 1, hour: 9, minute: 0, timeZone: DEFAULT_TIME_ZONE };

const DAY_MS = 86_400_000;

/** The local calendar date and ISO weekday of a moment in the zone. */
function localDay(moment: Date, timeZone: string): { date: number; weekday: number } {
  const local = moment.getTime() + zoneOffsetMs(moment, timeZone);
  const date = Math.floor(local / DAY_MS) * DAY_MS;
  const weekday = ((new Date(date).getUTCDay() + 6) % 7) + 1;
  return { date, weekday };
}

/** The UTC moment of a local wall-clock time (local midnight `date` + hours) in the zone. */
function atLocal(date: number, hour: number, minute: number, timeZone: string): Date {
  const guess = date + hour * 3_600_000 + minute * 60_000;
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

/** ISO week name (`2026-W49`) of a local calendar date (ms of its UTC-midnight). */
export function isoWeekName(date: number): string {
  const thursday = date - ((new Date(date).getUTCDay() + 6) % 7) * DAY_MS + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const week = 1 + Math.floor((thursday - week1Monday) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface DigestWeek {
  week: string;
  /** the moment the digest of this week is due */
  dueAt: Date;
  /** the next week's due moment: until then a missed digest is still sent */
  nextDueAt: Date;
}

/** The latest digest week whose due moment is at or before `now`. */
export function currentDigestWeek(now: Date, schedule: DigestSchedule): DigestWeek {
  const { date, weekday } = localDay(now, schedule.timeZone);
  let dayOfDue = date - ((weekday - schedule.weekday + 7) % 7) * DAY_MS;
  let dueAt = atLocal(dayOfDue, schedule.hour, schedule.minute, schedule.timeZone);
  if (dueAt.getTime() > now.getTime()) {
    dayOfDue -= 7 * DAY_MS;
    dueAt = atLocal(dayOfDue, schedule.hour, schedule.minute, schedule.timeZone);
  }
  return {
    week: isoWeekName(dayOfDue),
    dueAt,
    nextDueAt: atLocal(dayOfDue + 7 * DAY_MS, schedule.hour, schedule.minute, schedule.timeZone),
  };
}

/** The local month (1–12) of a moment: the calendar of the seeds is by month. */
export function localMonth(now: Date, timeZone: string): number {
  return new Date(now.getTime() + zoneOffsetMs(now, timeZone)).getUTCMonth() + 1;
}

const WEEKDAYS: Record<string, number> = {
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  пн: 1,
  вт: 2,
  ср: 3,
  чт: 4,
  пт: 5,
  сб: 6,
  вс: 7,
  понедельник: 1,
  вторник: 2,
  среда: 3,
  четверг: 4,
  пятница: 5,
  суббота: 6,
  воскресенье: 7,
};

/** DIGEST_DAY: «1»…«7», «mon», «monday», «пн», «понедельник» → ISO weekday; null if not understood. */
export function parseWeekday(text: string): number | null {
  return WEEKDAYS[text.trim().toLowerCase()] ?? null;
}

/** DIGEST_TIME: «09:00», «9:30» → hour and minute; null if not understood. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}
