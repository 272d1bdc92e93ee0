/**
 * The weekly digest on a timer (issue 13 §1), like the campaign reminders (reminders.ts): a pass
 * a minute; each pass records the digests that came due and sends them (src/digest/sender.ts).
 * Whether a week is due is decided from the clock each pass, so a week missed while the bot was
 * down goes out on the first pass after the start (within that week).
 */
import type { Logger } from 'pino';
import type { DigestSender, DigestSendReport } from '../digest/sender.ts';

export interface DigestSchedulerHandle {
  tick(): Promise<DigestSendReport>;
  stop(): Promise<void>;
}

export function startDigestScheduler(options: {
  sender: DigestSender;
  /** default one minute */
  intervalMs?: number;
  logger?: Logger;
}): DigestSchedulerHandle {
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    const run = options.sender.sendDue();
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
