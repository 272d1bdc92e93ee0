/**
 * Reminders of open campaigns (issue #5): before the deadline (by default 3 days and 1 day
 * before) and the day after it for the late ones, only to schools that have not submitted,
 * once per offset and deadline. `dueReminders` decides (pure); `startScheduler` runs it on a
 * timer, records what is due and sends the messages.
 *
 * A due reminder is recorded and its messages written to the outbox in one transaction
 * (src/delivery/sender.ts delivers them, once per key). After downtime only the latest due reminder of a school goes out, and none that
 * is older than REMINDER_GRACE_MS.
 */
import type { Logger } from 'pino';
import { REMINDER_GRACE_MS, daysLeft, reminderKey, reminderTime } from '../domain/campaigns/schedule.ts';
import { formatDate } from '../bot/format.ts';
import { t } from '../i18n.ts';
import type { ReminderCampaign } from '../services/campaigns.ts';
import type { Services } from '../services/index.ts';

export interface DueReminder {
  campaignId: number;
  title: string;
  deadline: Date;
  schoolId: number;
  /** the reminder to send (days before the deadline, negative after), or null: only record */
  offset: number | null;
  /** every key that came due, to record as sent */
  keys: string[];
}

export function dueReminders(campaigns: readonly ReminderCampaign[], now: Date): DueReminder[] {
  const due: DueReminder[] = [];
  for (const campaign of campaigns) {
    const offsets = campaign.reminderDays
      .map((offset) => ({
        offset,
        at: reminderTime(campaign.deadline, offset),
        key: reminderKey(offset, campaign.deadline),
      }))
      .filter((reminder) => reminder.at.getTime() <= now.getTime())
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    if (offsets.length === 0) continue;
    for (const school of campaign.schools) {
      const sent = new Set(school.remindersSent);
      const pending = offsets.filter((reminder) => !sent.has(reminder.key));
      if (pending.length === 0) continue;
      const latest = pending[0]!;
      const fresh = now.getTime() - latest.at.getTime() <= REMINDER_GRACE_MS;
      // «3 days left» makes no sense once the deadline has passed.
      const meaningful = latest.offset < 0 || now.getTime() < campaign.deadline.getTime();
      due.push({
        campaignId: campaign.id,
        title: campaign.title,
        deadline: campaign.deadline,
        schoolId: school.schoolId,
        offset: fresh && meaningful ? latest.offset : null,
        keys: pending.map((reminder) => reminder.key),
      });
    }
  }
  return due;
}

export function reminderText(
  reminder: Pick<DueReminder, 'title' | 'deadline'> & { offset: number },
  now: Date,
): string {
  const deadline = formatDate(reminder.deadline);
  if (reminder.offset < 0) return t('campaigns-reminder-after', { title: reminder.title, deadline });
  const days = daysLeft(reminder.deadline, now);
  return t(days === 0 ? 'campaigns-reminder-today' : 'campaigns-reminder-before', {
    title: reminder.title,
    deadline,
    days,
  });
}

export interface SchedulerOptions {
  services: Services;
  /** reminders were queued in the outbox: wake its sender */
  onQueued?: () => Promise<void> | void;
  now?: () => Date;
  /** how often to look for due reminders; default 10 minutes */
  intervalMs?: number;
  logger?: Logger;
}

export interface SchedulerHandle {
  /** one pass now (also what the timer runs); passes never overlap */
  tick(): Promise<{ reminded: number; queued: number }>;
  stop(): Promise<void>;
}

export function startScheduler(options: SchedulerOptions): SchedulerHandle {
  const { services, logger } = options;
  const now = options.now ?? services.deps.now;
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const pass = async () => {
    const moment = now();
    const due = dueReminders(await services.campaigns.reminderCampaigns(), moment);
    if (due.length === 0) return { reminded: 0, queued: 0 };
    // Recorded and queued in one transaction; the outbox sender delivers them, paced.
    const { reminded, queued } = await services.campaigns.queueReminders(due);
    logger?.info({ schools: reminded, queued }, 'reminders queued');
    if (queued > 0) await options.onQueued?.();
    return { reminded, queued };
  };

  const tick = () => {
    const run = chain.then(pass);
    chain = run.catch((error: unknown) => logger?.error({ err: error }, 'reminder pass failed'));
    return run;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick().catch(() => undefined);
  }, options.intervalMs ?? 600_000);
  timer.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await chain;
    },
  };
}
