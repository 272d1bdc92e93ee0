/**
 * The installation's time zone (config `TZ_NAME`, issue 14): the day a deadline ends, the day a
 * reminder is due, the date and time people read. Set once at start-up from the configuration
 * (`openApp`, src/app.ts, for the bot and the CLI alike); Moscow until then, the programme's own
 * zone. A setting read at every use rather than an argument threaded through every rule and
 * renderer: the zone is one per installation and never changes while it runs.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

let installationZone = DEFAULT_TIME_ZONE;

/** At start-up (and in tests that play another installation). Throws on an unknown zone name. */
export function setTimeZone(name: string): void {
  new Intl.DateTimeFormat('ru-RU', { timeZone: name });
  installationZone = name;
}

export function timeZone(): string {
  return installationZone;
}

// building an Intl formatter costs far more than using one: one per zone, kept
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** Offset of the zone from UTC at a moment, in ms (Moscow: +3 h). */
export function zoneOffsetMs(moment: Date, timeZone: string): number {
  const parts = wallClock(timeZone).formatToParts(moment);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(moment.getTime() / 1000) * 1000;
}

/** The local calendar date of a moment, as ISO `YYYY-MM-DD`. */
export function localDate(moment: Date, zone = installationZone): string {
  return new Date(moment.getTime() + zoneOffsetMs(moment, zone)).toISOString().slice(0, 10);
}

/** The local calendar date as a person types it, `ДД.ММ.ГГГГ` (message parameters of refusals). */
export function localDateTyped(moment: Date, zone = installationZone): string {
  return localDate(moment, zone).split('-').reverse().join('.');
}

/** The moment the local clock shows this date and time (days and hours may overflow: day + 1 is the next day). */
export function localMoment(year: number, month: number, day: number, hour = 0, zone = installationZone): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  // the offset at the wall time read as UTC is right except near a clock change; correct once
  const first = wall - zoneOffsetMs(new Date(wall), zone);
  return new Date(wall - zoneOffsetMs(new Date(first), zone));
}
