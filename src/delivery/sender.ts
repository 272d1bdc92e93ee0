/**
 * The outbox sender: delivers the rows of OutboxMessage, paced within Telegram's limits by
 * @grammyjs/transformer-throttler (≈30 messages/s overall, 1/s per chat, 20/min per group),
 * 429 and 5xx retried by @grammyjs/auto-retry.
 *
 * Exactly once per dedupe key, as far as a crash allows: a row is marked `sending` in the
 * database immediately before its HTTP request leaves (inside the api's transformer chain, after
 * the throttler has let it through), and `sent` after Telegram answered. A row still `sending`
 * when the process starts was cut by a crash in that window (a fraction of a millisecond plus
 * the request's round trip): Telegram may or may not have it. Those rows become `unknown` and
 * are NOT sent again — at most once per key — and the coordinator's launch summary counts them.
 *
 * 403 (the person blocked the bot) → `blocked`, recorded per recipient; 400 → `failed`; network
 * errors and 5xx after auto-retry gave up → back to `pending` with a growing pause, `failed`
 * after MAX_ATTEMPTS. When every message of a batch (a campaign launch) is settled, the summary
 * with the counts is queued for the coordinator, once (its own dedupe key, in one transaction
 * with marking the batch reported).
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, HttpError } from 'grammy';
import type { Logger } from 'pino';
import type { PrismaClient } from '../db/client.ts';
import { enqueueMessages, type OutboxPayload } from '../services/outbox.ts';
import { renderMessage } from './messages.ts';

export interface SenderOptions {
  prisma: PrismaClient;
  token: string;
  apiRoot?: string;
  logger: Logger;
  now?: () => Date;
  /** how often to look for new rows when nobody kicks the sender; default 1 s */
  pollMs?: number;
  /** messages in flight at once (the throttler paces them); default 4 — also the crash window */
  concurrency?: number;
  /** mark rows left `sending` by a crash as `unknown` (the bot process: yes; the CLI: no) */
  recover?: boolean;
}

export interface OutboxSender {
  /** look for rows now (called after a commit that queued some) */
  kick(): void;
  /** resolves when no pending row is due (tests, the CLI) */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 8;
const BATCH = 50;
const retryPauseMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** A message row whose fate is decided by the HTTP outcome. */
type Claim = { id: number; claimed: boolean };

export async function startOutboxSender(options: SenderOptions): Promise<OutboxSender> {
  const { prisma, logger } = options;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? 4;

  // After a crash: what was being sent is unknown; never resend it (at most once per key).
  const cut =
    options.recover === false
      ? { count: 0 }
      : await prisma.outboxMessage.updateMany({
          where: { state: 'sending' },
          data: { state: 'unknown', error: 'the process stopped while this message was being sent' },
        });
  if (cut.count > 0) logger.warn({ messages: cut.count }, 'outbox: messages cut by a crash are not sent again');

  const claims = new WeakMap<object, Claim>();
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  // Installed first = innermost: runs after the throttler let the call through, just before HTTP.
  api.config.use(async (prev, method, payload, signal) => {
    const claim = payload ? claims.get(payload as object) : undefined;
    if (claim && !claim.claimed) {
      const marked = await prisma.outboxMessage.updateMany({
        where: { id: claim.id, state: 'pending' },
        data: { state: 'sending', attempts: { increment: 1 } },
      });
      if (marked.count !== 1) throw new SkippedError();
      claim.claimed = true;
    }
    return prev(method, payload, signal);
  });
  api.config.use(apiThrottler());
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  let stopped = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> = Promise.resolve();
  let idleWaiters: (() => void)[] = [];

  const deliver = async (row: { id: number; chatId: bigint; payload: unknown; attempts: number }) => {
    const message = renderMessage(row.payload as OutboxPayload, now());
    const payload = {
      chat_id: Number(row.chatId),
      text: message.text,
      ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
    };
    claims.set(payload, { id: row.id, claimed: false });
    try {
      await api.raw.sendMessage(payload);
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: { state: 'sent', sentAt: now(), error: null },
      });
    } catch (error) {
      if (error instanceof SkippedError) return; // someone else took it
      const claimed = claims.get(payload)?.claimed ?? false;
      const attempts = row.attempts + (claimed ? 1 : 0);
      const description = error instanceof Error ? error.message.slice(0, 500) : String(error);
      let state: 'blocked' | 'failed' | 'pending';
      if (error instanceof GrammyError && error.error_code === 403) state = 'blocked';
      else if (error instanceof GrammyError && error.error_code === 400) state = 'failed';
      else if (attempts >= MAX_ATTEMPTS) state = 'failed';
      else state = 'pending';
      await prisma.outboxMessage.update({
        where: { id: row.id },
        data: {
          state,
          error: description,
          ...(claimed ? {} : { attempts: { increment: 1 } }),
          ...(state === 'pending' ? { nextAt: new Date(now().getTime() + retryPauseMs(attempts)) } : {}),
        },
      });
      const level = state === 'pending' || error instanceof HttpError ? 'warn' : 'info';
      logger[level]({ outbox: row.id, chat: Number(row.chatId), state, error: description }, 'outbox: not delivered');
    }
  };

  /** Batches with nothing left to send: queue their summaries (once). */
  const settleBatches = async () => {
    const done = await prisma.$queryRaw<{ key: string }[]>`
      SELECT b."key" FROM "OutboxBatch" b
      WHERE b."reportedAt" IS NULL AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" m WHERE m."batchKey" = b."key" AND m."state" IN ('pending', 'sending'))`;
    for (const { key } of done) {
      await prisma.$transaction(async (tx) => {
        const marked = await tx.outboxBatch.updateMany({
          where: { key, reportedAt: null },
          data: { reportedAt: now() },
        });
        if (marked.count !== 1) return;
        const batch = await tx.outboxBatch.findUniqueOrThrow({ where: { key } });
        if (batch.reportTo === null) return;
        const rows = await tx.outboxMessage.findMany({
          where: { batchKey: key },
          select: { state: true, chatId: true, payload: true },
        });
        const info = batch.payload as {
          campaignId: number;
          number?: number;
          title: string;
          schools: number;
          withoutResponders: string[];
        };
        const count = (state: string) => rows.filter((row) => row.state === state).length;
        await enqueueMessages(
          tx,
          [
            {
              dedupeKey: `${key}:summary`,
              chatId: Number(batch.reportTo),
              payload: {
                kind: 'launch.summary',
                campaignId: info.campaignId,
                ...(info.number !== undefined ? { number: info.number } : {}),
                title: info.title,
                schools: info.schools,
                sent: count('sent'),
                blocked: rows
                  .filter((row) => row.state === 'blocked')
                  .map((row) => ({
                    chatId: Number(row.chatId),
                    school: (row.payload as { school?: string }).school ?? String(row.chatId),
                  })),
                failed: count('failed'),
                unknown: count('unknown'),
                withoutResponders: info.withoutResponders,
              },
            },
          ],
          now(),
        );
      });
    }
    return done.length;
  };

  /** One pass: every due row, `concurrency` at a time; true when it found work. */
  const pass = async (): Promise<boolean> => {
    const rows = await prisma.outboxMessage.findMany({
      where: { state: 'pending', nextAt: { lte: now() } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, chatId: true, payload: true, attempts: true },
    });
    let next = 0;
    const worker = async () => {
      while (!stopped && next < rows.length) await deliver(rows[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    const settled = await settleBatches();
    return rows.length > 0 || settled > 0;
  };

  const run = async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await pass();
      } catch (error) {
        if (stopped) break;
        logger.warn(
          { error: error instanceof Error ? error.message.slice(0, 300) : String(error) },
          'outbox pass failed; retrying',
        );
      }
      if (busy) continue;
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs ?? 1_000);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
    for (const resolve of idleWaiters) resolve();
  };
  loop = run();

  return {
    kick() {
      wake?.();
    },
    drain() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

class SkippedError extends Error {
  constructor() {
    super('outbox row taken by another sender');
  }
}
