/**
 * The monitoring calendar on a timer (issue 13 §3): once an hour, coordinators get
 * «пора запускать …» for the built-in forms their seed schedules this month (each once a month,
 * recorded before it is sent), with a button that launches it; and the roadmap reminders
 * (3 days before an item's due date, the day after it if still open).
 */
import { InlineKeyboard, type Api } from 'grammy';
import type { Logger } from 'pino';
import { sendToMany } from '../delivery/notify.ts';
import { formatDate } from '../text/format.ts';
import { endOfDay } from '../domain/campaigns/schedule.ts';
import { t } from '../i18n.ts';
import type { Services } from '../services/index.ts';
import { calendarLaunchData } from '../callbackData.ts';

export async function calendarPass(services: Services, api: Api, logger?: Logger) {
  const due = await services.calendar.due();
  if (due.length === 0) return { sent: 0, failed: 0 };
  const result = await sendToMany(
    api,
    due.map((notice) => ({
      chatId: notice.telegramId,
      text: t(notice.audience === 'listed' ? 'calendar-time-listed' : 'calendar-time-all', {
        title: notice.title,
        deadline: formatDate(endOfDay(notice.deadline)),
      }),
      keyboard: new InlineKeyboard().text(t('calendar-button-launch'), calendarLaunchData.pack({ key: notice.key })),
    })),
    logger,
  );
  logger?.info(result, 'calendar notices sent');
  return result;
}

/** Roadmap items: 3 days before the due date and the day after it (the reminders' offsets). */
export async function roadmapReminderPass(services: Services, api: Api, logger?: Logger) {
  const due = await services.roadmaps.dueReminders();
  const messages = due.flatMap((reminder) =>
    reminder.recipients.map((chatId) => ({
      chatId,
      text: t(reminder.offset < 0 ? 'roadmap-reminder-overdue' : 'roadmap-reminder-before', {
        id: reminder.itemId,
        number: reminder.number,
        title: reminder.title,
        date: formatDate(endOfDay(reminder.dueDate)),
        responsible: reminder.responsible,
      }),
    })),
  );
  if (messages.length === 0) return { sent: 0, failed: 0 };
  const result = await sendToMany(api, messages, logger);
  logger?.info(result, 'roadmap reminders sent');
  return result;
}

export function startCalendarScheduler(options: {
  services: Services;
  api: Api;
  logger?: Logger;
  intervalMs?: number;
}) {
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = calendarPass(options.services, options.api, options.logger)
      .then(() => roadmapReminderPass(options.services, options.api, options.logger))
      .catch((error: unknown) => options.logger?.error({ err: error }, 'calendar pass failed'));
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
