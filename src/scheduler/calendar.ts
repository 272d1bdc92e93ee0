/**
 * The monitoring calendar on a timer (issue 13 §3): once an hour, coordinators get
 * «пора запускать …» for the built-in forms their seed schedules this month (each once a month),
 * with a button that launches it; and the roadmap reminders (3 days before an item's due date,
 * the day after it if still open). Both are recorded and queued in the outbox in one transaction
 * (services/calendar.ts, services/roadmaps.ts); the outbox sender delivers them, paced, once.
 */
import type { Logger } from 'pino';
import type { Services } from '../services/index.ts';

export interface CalendarPassResult {
  /** «пора запускать …» notices queued */
  notices: number;
  /** roadmap reminders queued (one per item; each to several people) */
  reminders: number;
  /** messages queued in all */
  messages: number;
}

/** One pass: what came due is recorded and queued; `onQueued` wakes the outbox sender. */
export async function calendarPass(
  services: Services,
  options: { onQueued?: () => void; logger?: Logger } = {},
): Promise<CalendarPassResult> {
  const notices = await services.calendar.queueNotices();
  const reminders = await services.roadmaps.queueReminders();
  const result = {
    notices: notices.length,
    reminders: reminders.length,
    messages: notices.length + reminders.reduce((sum, reminder) => sum + reminder.recipients.length, 0),
  };
  if (result.messages > 0) {
    options.logger?.info(result, 'calendar notices and roadmap reminders queued');
    options.onQueued?.();
  }
  return result;
}

export function startCalendarScheduler(options: {
  services: Services;
  /** messages were queued in the outbox: wake its sender */
  onQueued?: () => void;
  logger?: Logger;
  intervalMs?: number;
}) {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = calendarPass(options.services, options).catch((error: unknown) =>
      options.logger?.error({ err: error }, 'calendar pass failed'),
    );
    return current;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 3_600_000);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await current;
    },
  };
}
