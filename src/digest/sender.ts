/**
 * Sends the weekly digests that are due, exactly once per chat and week (issue 13 §1).
 *
 * Small and on purpose apart from the rest: when the general notification outbox (issue 9)
 * lands, this file is what moves onto it. The record lives in DigestDelivery (services/digest.ts).
 *
 * Pacing: @grammyjs/transformer-throttler on a dedicated Api — ≈30 messages/s overall, and
 * per group at most one message a second and 20 a minute. A second transformer inside the
 * throttler's slot claims the row (pending → sending) right before the HTTP call and settles it
 * from Telegram's answer, so a crash while waiting in the queue or out a 429 leaves the row
 * `pending` (sent after a restart), and a row is `sending` only during its one HTTP call.
 */
import { randomBytes } from 'node:crypto';
import { Api, GrammyError, InlineKeyboard, type Transformer } from 'grammy';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Logger } from 'pino';
import type { DigestContent } from '../domain/digest/content.ts';
import { t } from '../i18n.ts';
import type { Services } from '../services/index.ts';
import { digestReportData } from '../callbackData.ts';
import { digestText } from '../text/digest.ts';

/** 429s retried per digest in one pass; a digest still not through stays pending for the next pass. */
const MAX_ATTEMPTS = 6;

class NotClaimed extends Error {}

/**
 * Telegram's limits for the throttler. Overall: one message every 34 ms (≈29.4 a second in any
 * sliding second — the plugin's default reservoir of 30 refilled each second lets ~60 through
 * around a refill). Per group: one a second, at most 20 a minute (the plugin's group defaults).
 */
export const TELEGRAM_LIMITS: NonNullable<Parameters<typeof apiThrottler>[0]> = {
  global: { minTime: 34 },
  group: {
    maxConcurrent: 1,
    minTime: 1000,
    reservoir: 20,
    reservoirRefreshAmount: 20,
    reservoirRefreshInterval: 60_000,
  },
  out: { maxConcurrent: 1, minTime: 1000 },
};

export interface DigestApiOptions {
  token: string;
  apiRoot?: string;
  /** Bottleneck settings; the defaults are Telegram's limits */
  throttle?: Parameters<typeof apiThrottler>[0];
}

export interface DigestSendReport {
  week: string | null;
  sent: number;
  /** still pending after this pass (429s beyond the retries) */
  pending: number;
  failed: number;
  /** 429 answers seen and retried */
  retried429: number;
  skipped: number;
}

export interface DigestSender {
  /** Records what is due and sends it. Passes never overlap inside one process. */
  sendDue(): Promise<DigestSendReport>;
}

export function digestKeyboard(content: DigestContent): InlineKeyboard | undefined {
  if (content.reportRunIds.length === 0) return undefined;
  return new InlineKeyboard().text(
    t('digest-button-report'),
    digestReportData.pack({ runIds: [...content.reportRunIds] }),
  );
}

export function createDigestSender(options: {
  services: Services;
  api: DigestApiOptions;
  logger?: Logger;
}): DigestSender {
  const { services, logger } = options;
  const worker = `${process.pid}:${randomBytes(3).toString('hex')}`;
  const api = new Api(options.api.token, { apiRoot: options.api.apiRoot });
  /** chat id → the delivery row being sent there (one digest per chat at a time) */
  const jobs = new Map<number, number>();

  const settle: Transformer = async (prev, method, payload, signal) => {
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    const id = method === 'sendMessage' ? jobs.get(chatId) : undefined;
    if (id === undefined) return prev(method, payload, signal);
    if (!(await services.digest.claim(id, worker))) throw new NotClaimed();
    let response: Awaited<ReturnType<typeof prev>>;
    try {
      response = await prev(method, payload, signal);
    } catch (error) {
      // No answer from Telegram (network): try again later.
      await services.digest.finish(id, { state: 'retry', error: String(error) });
      throw error;
    }
    if (response.ok) {
      await services.digest.finish(id, {
        state: 'sent',
        messageId: (response.result as { message_id: number }).message_id,
      });
    } else if (response.error_code === 429 || response.error_code >= 500 || response.parameters?.migrate_to_chat_id) {
      await services.digest.finish(id, { state: 'retry', error: `${response.error_code} ${response.description}` });
    } else {
      await services.digest.finish(id, { state: 'failed', error: `${response.error_code} ${response.description}` });
    }
    return response;
  };
  // Installed first = innermost: runs inside the throttler's slot.
  api.config.use(settle);
  api.config.use(apiThrottler(options.api.throttle ?? TELEGRAM_LIMITS));

  let chain: Promise<unknown> = Promise.resolve();

  const deliver = async (
    delivery: { id: number; chatId: number; content: DigestContent },
    report: DigestSendReport,
  ): Promise<void> => {
    let chatId = delivery.chatId;
    const text = digestText(t, delivery.content);
    const keyboard = digestKeyboard(delivery.content);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const target = chatId;
      jobs.set(target, delivery.id);
      try {
        await api.sendMessage(chatId, text, keyboard ? { reply_markup: keyboard } : {});
        report.sent++;
        return;
      } catch (error) {
        if (error instanceof NotClaimed) {
          report.skipped++;
          return;
        }
        if (error instanceof GrammyError && error.error_code === 429) {
          report.retried429++;
          await sleep((error.parameters.retry_after ?? 1) * 1000);
          continue;
        }
        if (error instanceof GrammyError && error.parameters.migrate_to_chat_id) {
          const next = error.parameters.migrate_to_chat_id;
          await services.committeeChats.migrate(chatId, next);
          logger?.info({ from: chatId, to: next }, 'committee chat migrated to a supergroup');
          chatId = next;
          continue;
        }
        if (error instanceof GrammyError && error.error_code === 403) {
          // The bot was removed from the group (or blocked): unbind; log only the first time.
          if (await services.committeeChats.unbind(chatId, 'forbidden'))
            logger?.warn({ chat: chatId, reason: error.description }, 'committee chat unbound: bot cannot write there');
          report.failed++;
          return;
        }
        if (error instanceof GrammyError && error.error_code >= 500) {
          await sleep(1000);
          continue;
        }
        if (error instanceof GrammyError) {
          logger?.warn({ chat: chatId, reason: error.description }, 'digest not delivered');
          report.failed++;
          return;
        }
        logger?.warn({ err: error, chat: chatId }, 'digest send failed; will retry on the next pass');
        report.pending++;
        return;
      } finally {
        jobs.delete(target);
      }
    }
    report.pending++;
  };

  const pass = async (): Promise<DigestSendReport> => {
    const due = await services.digest.prepareDue();
    const report: DigestSendReport = {
      week: due[0]?.week ?? null,
      sent: 0,
      pending: 0,
      failed: 0,
      retried429: 0,
      skipped: 0,
    };
    await Promise.all(due.map((delivery) => deliver(delivery, report)));
    if (due.length > 0) logger?.info(report, 'weekly digests sent');
    return report;
  };

  return {
    sendDue() {
      const run = chain.then(pass);
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
