/**
 * A calm start: the calls the bot needs before it can serve (getMe, deleteWebhook/setWebhook)
 * are retried while the Bot API is down, with a warning that names the next retry time and an
 * info line when it is back; calls it can live without (the command menu) are retried in the
 * background and never stop the bot. A 401 (the token was revoked) is the one fatal answer.
 */
import { GrammyError, HttpError } from 'grammy';
import type { Logger } from 'pino';

class UnauthorizedError extends Error {
  constructor() {
    super('Bot API answered 401 Unauthorized');
  }
}

export const isUnauthorized = (error: unknown) =>
  error instanceof UnauthorizedError || (error instanceof GrammyError && error.error_code === 401);

/** A short description of an API failure for a log line (no stack, no payload). */
export function describeApiError(error: unknown): string {
  if (error instanceof GrammyError) return `${error.error_code} ${error.description}`;
  if (error instanceof HttpError) {
    const cause = error.error as { code?: string; message?: string } | undefined;
    return `network: ${cause?.code ?? cause?.message ?? error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      },
      { once: true },
    );
  });
}

/**
 * Calls `fn` until it succeeds. 401 → UnauthorizedError. Anything else: warn with the next retry
 * time, pause (`firstPauseMs`, default 1 s, doubling to ten times that), try again; info once it
 * works after a failure.
 */
export async function untilDone<T>(
  what: string,
  fn: () => Promise<T>,
  logger: Logger,
  options: { firstPauseMs?: number; signal?: AbortSignal } = {},
): Promise<T> {
  const firstPause = options.firstPauseMs ?? 1_000;
  let pause = firstPause;
  let failed = false;
  for (;;) {
    try {
      const result = await fn();
      if (failed) logger.info({ call: what }, 'Bot API call succeeded after retries');
      return result;
    } catch (error) {
      if (isUnauthorized(error)) throw new UnauthorizedError();
      failed = true;
      logger.warn(
        { call: what, error: describeApiError(error), retryAt: new Date(Date.now() + pause).toISOString() },
        'Bot API call failed; will retry',
      );
      await sleep(pause, options.signal);
      pause = Math.min(pause * 2, firstPause * 10);
    }
  }
}

/**
 * Runs a call the bot can live without; on failure logs and retries in the background (timers
 * that do not keep the process alive). Never throws.
 */
export function retryInBackground(
  what: string,
  fn: () => Promise<unknown>,
  logger: Logger,
  pausesMs: readonly number[] = [2_000, 10_000, 60_000, 300_000, 900_000],
): Promise<boolean> {
  let attempt = 0;
  return new Promise<boolean>((resolveFirst) => {
    const tryOnce = async () => {
      try {
        await fn();
        if (attempt > 0) logger.info({ call: what, attempt: attempt + 1 }, 'Bot API call succeeded after retries');
        if (attempt === 0) resolveFirst(true);
      } catch (error) {
        const pause = pausesMs[attempt];
        logger.warn(
          {
            call: what,
            error: describeApiError(error),
            retryAt: pause === undefined ? null : new Date(Date.now() + pause).toISOString(),
          },
          pause === undefined ? 'Bot API call failed; giving up' : 'Bot API call failed; will retry in the background',
        );
        if (attempt === 0) resolveFirst(false);
        if (pause === undefined || isUnauthorized(error)) return;
        attempt++;
        setTimeout(() => void tryOnce(), pause).unref();
      }
    };
    void tryOnce();
  });
}
