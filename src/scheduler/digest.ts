/**
 * The weekly digest on a timer (issue 13 §1), like the campaign reminders (reminders.ts): a pass
 * a minute records the digests that came due — each with its outbox messages, in one
 * transaction — and kicks the outbox sender (src/delivery/sender.ts), which delivers them paced.
 * Whether a week is due is decided from the clock each pass, so a week missed while the bot was
 * down goes out on the first pass after the start (within that week).
 */
import type { Logger } from 'pino';
import type { Services } from '../services/index.ts';

type PrepareReport = Awaited<ReturnType<Services['digest']['prepareDue']>>;

export interface DigestSchedulerHandle {
  tick(): Promise<PrepareReport>;
  stop(): Promise<void>;
}

export function startDigestScheduler(options: {
  services: Services;
  /** after each scope's digests are committed (kick the outbox sender) */
  onQueued: () => void;
  /** default one minute */
  intervalMs?: number;
  logger?: Logger;
}): DigestSchedulerHandle {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    // Passes never overlap inside one process (the unique keys guard two processes).
    const run = current.then(async () => {
      const report = await options.services.digest.prepareDue(options.onQueued);
      if (report.queued > 0) options.logger?.info(report, 'weekly digests recorded and queued');
      return report;
    });
    current = run.catch((error: unknown) => options.logger?.error({ err: error }, 'digest pass failed'));
    return run;
  };
  const timer = setInterval(() => {
    if (!stopped) void tick().catch(() => undefined);
  }, options.intervalMs ?? 60_000);
  timer.unref();
  // The first pass right away: a week missed while the bot was down.
  void tick().catch(() => undefined);
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
