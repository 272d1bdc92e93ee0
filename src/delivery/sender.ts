/**
 * The outbox sender: delivers the rows of OutboxMessage, paced within Telegram's limits by
 * @grammyjs/transformer-throttler (≈30 messages/s overall, 1/s per chat, 20/min per group),
 * 429 and 5xx retried by @grammyjs/auto-retry.
 *
 * Exactly once per dedupe key, as far as a crash allows: a row is marked `sending` in the
 * database immediately before its HTTP request leaves (inside the api's transformer chain, after
 * the throttler has let it through), and `sent` after Telegram answered. An answer that says the
 * message was NOT delivered (429, 5xx, «group migrated») puts the row back to `pending` at once,
 * so a crash while auto-retry waits out a 429 leaves it to be sent after the restart. A row still
 * `sending` when the process starts was cut by a crash in that window (its turn at the wire, a
 * few tens of milliseconds at most, plus the request's round trip): Telegram may or may not have it. Those rows become
 * `unknown` and are NOT sent again — at most once per key — and the coordinator's launch summary
 * counts them.
 *
 * Pacing (issue 13, bench:digest): the global limit is a steady 35 ms between messages (≤ 30 in
 * any second) rather than the plugin's default reservoir of 30 refilled each second, which loses
 * the unused part of every second and bursts across refills. Rows are fetched ahead while the
 * previous ones are sent, so the throttler never waits for the database.
 *
 * Photos: a renderer may return a picture (the digest's chart) with a key; the sender renders it
 * once, uploads it once and sends Telegram's file_id to the other chats.
 *
 * 403 (the person blocked the bot) → `blocked`, recorded per recipient; 400 → `failed`; network
 * errors and 5xx after auto-retry gave up → back to `pending` with a growing pause, `failed`
 * after MAX_ATTEMPTS. When every message of a batch (a campaign launch) is settled, the summary
 * with the counts is queued for the coordinator, once (its own dedupe key, in one transaction
 * with marking the batch reported).
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, GrammyError, HttpError, InputFile } from 'grammy';
import type { Logger } from 'pino';
import type { Prisma, PrismaClient } from '../db/client.ts';
import { enqueueMessages, type OutboxPayload, settleDigestRecords } from '../services/outbox.ts';
import { renderMessage } from './messages.ts';

export interface SenderOptions {
  prisma: PrismaClient;
  token: string;
  apiRoot?: string;
  logger: Logger;
  now?: () => Date;
  /** how often to look for new rows when nobody kicks the sender; default 1 s */
  pollMs?: number;
  /**
   * A cheap look, between passes nobody asked for, through a connection that is open anyway (the
   * bot's lock connection, src/db/botLock.ts): a pass's own queries every second would keep one
   * of the pool's connections — a PostgreSQL backend, ~15 MB — alive while the bot is idle.
   * Without it every poll is a pass.
   */
  lookup?: (query: string, values: unknown[]) => Promise<unknown[]>;
  /**
   * rows handled at once (default 8): enough that the database round trips of one never hold the
   * throttler up; a row is claimed only inside its HTTP call, so this bounds the crash window too
   */
  concurrency?: number;
  /** mark rows left `sending` by a crash as `unknown` (the bot process: yes; the CLI: no) */
  recover?: boolean;
  /**
   * told when Telegram refuses a chat for good (403) or names its new id (a group became a
   * supergroup; the chat's pending rows follow it) — e.g. committee chats unbind/migrate
   */
  onChatEvent?: (event: ChatEvent) => Promise<void>;
}

export type ChatEvent =
  | { kind: 'forbidden'; chatId: number; messageKind: string; description: string }
  | { kind: 'migrated'; from: number; to: number };

/**
 * Telegram's limits for the throttler: overall one message every 35 ms (≤ 30 in any second, with room for jitter);
 * per group one a second and 20 a minute, per private chat one a second (the plugin's defaults).
 */
const TELEGRAM_LIMITS: NonNullable<Parameters<typeof apiThrottler>[0]> = {
  global: { minTime: 35 },
  group: {
    maxConcurrent: 1,
    minTime: 1000,
    reservoir: 20,
    reservoirRefreshAmount: 20,
    reservoirRefreshInterval: 60_000,
  },
  out: { maxConcurrent: 1, minTime: 1000 },
};

export interface OutboxSender {
  /** look for rows now (called after a commit that queued some) */
  kick(): void;
  /** resolves when no pending row is due (tests, the CLI) */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_ATTEMPTS = 8;
/** Rows handled at once by default: also the most that can be on the wire when the process dies. */
export const SENDER_CONCURRENCY = 8;
const BATCH = 50;
/** Launch batches not yet reported whose every message is settled: a pass reports them. */
const SETTLED_BATCHES = `SELECT b."key" FROM "OutboxBatch" b
  WHERE b."reportedAt" IS NULL AND NOT EXISTS (
    SELECT 1 FROM "OutboxMessage" m WHERE m."batchKey" = b."key" AND m."state" IN ('pending', 'sending'))`;
const retryPauseMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** A message row whose fate is decided by the HTTP outcome. */
type Claim = { id: number; claimed: boolean };

export async function startOutboxSender(options: SenderOptions): Promise<OutboxSender> {
  const { prisma, logger } = options;
  const now = options.now ?? (() => new Date());
  const concurrency = options.concurrency ?? SENDER_CONCURRENCY;

  // After a crash: what was being sent is unknown; never resend it (at most once per key).
  const cut =
    options.recover === false
      ? { count: 0 }
      : await prisma.$transaction(async (tx) => {
          const marked = await tx.outboxMessage.updateMany({
            where: { state: 'sending' },
            data: { state: 'unknown', error: 'the process stopped while this message was being sent' },
          });
          await settleDigestRecords(tx);
          return marked;
        });
  if (cut.count > 0) logger.warn({ messages: cut.count }, 'outbox: messages cut by a crash are not sent again');

  const claims = new WeakMap<object, Claim>();
  // The throttler spaces the calls 35 ms apart, but each then waits for its claim's round trip to
  // the database, which bunches them: bench:digest saw 37 requests in one second at the server.
  // The last step before HTTP keeps the spacing at the wire too (≤ 30 in any second).
  let nextDeparture = 0;
  const departure = async () => {
    const at = Math.max(Date.now(), nextDeparture);
    nextDeparture = at + TELEGRAM_LIMITS.global!.minTime!;
    if (at > Date.now()) await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
  };
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  // Installed first = innermost: runs after the throttler let the call through, just before HTTP.
  // Every HTTP attempt claims the row (auto-retry's second attempt too): `sending` means «a
  // request may be in Telegram's hands», nothing else.
  api.config.use(async (prev, method, payload, signal) => {
    const claim = payload ? claims.get(payload as object) : undefined;
    if (!claim) return prev(method, payload, signal);
    const marked = await prisma.outboxMessage.updateMany({
      where: { id: claim.id, state: 'pending' },
      data: { state: 'sending', ...(claim.claimed ? {} : { attempts: { increment: 1 } }) },
    });
    if (marked.count !== 1) throw new SkippedError();
    claim.claimed = true;
    await departure();
    const response = await prev(method, payload, signal);
    if (!response.ok && (response.error_code === 429 || response.error_code >= 500)) {
      // Telegram did not take it: pending again (auto-retry tries once more in this process; a
      // crash meanwhile leaves it to the next start, after Telegram's pause).
      const pause = (response.parameters?.retry_after ?? 0) * 1000;
      await prisma.outboxMessage.update({
        where: { id: claim.id },
        data: { state: 'pending', nextAt: new Date(now().getTime() + pause) },
      });
    }
    return response;
  });
  api.config.use(apiThrottler(TELEGRAM_LIMITS));
  api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));

  let stopped = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> = Promise.resolve();
  let idleWaiters: (() => void)[] = [];

  /**
   * Pictures by key: rendered once; the first chat's upload is awaited by the others, which then
   * send Telegram's file_id (a failed upload lets the next one try).
   */
  const pictures = new Map<string, { bytes?: Uint8Array; fileId?: string; uploading?: Promise<unknown> }>();

  const send = async (chatId: number, message: ReturnType<typeof renderMessage>, id: number) => {
    const markup = message.keyboard ? { reply_markup: message.keyboard } : {};
    if (!message.photo) {
      const payload = { chat_id: chatId, text: message.text, ...markup };
      claims.set(payload, { id, claimed: false });
      return { payload, call: () => api.raw.sendMessage(payload) };
    }
    const { key, render, fileName } = message.photo;
    if (pictures.size > 100) pictures.clear();
    const picture = pictures.get(key) ?? {};
    pictures.set(key, picture);
    if (!picture.fileId && picture.uploading) await picture.uploading.catch(() => undefined);
    const upload = !picture.fileId;
    let uploaded = () => {};
    if (upload) {
      picture.bytes ??= render();
      // The others wait for this upload from now on (before the call is even made).
      picture.uploading = new Promise<void>((resolve) => {
        uploaded = resolve;
      });
    }
    const payload = {
      chat_id: chatId,
      photo: picture.fileId ?? new InputFile(picture.bytes!, fileName),
      caption: message.text,
      ...markup,
    };
    claims.set(payload, { id, claimed: false });
    return {
      payload,
      call: async () => {
        try {
          const sent = await api.raw.sendPhoto(payload);
          const fileId = sent.photo.at(-1)?.file_id;
          if (fileId) {
            picture.fileId = fileId;
            picture.bytes = undefined;
          }
          return sent;
        } finally {
          if (upload) {
            picture.uploading = undefined;
            uploaded();
          }
        }
      },
    };
  };

  /** A message's new state; a digest's record follows it in the same transaction. */
  const settle = async (row: { id: number; kind: string }, data: Prisma.OutboxMessageUpdateInput) => {
    if (row.kind !== 'digest') {
      await prisma.outboxMessage.update({ where: { id: row.id }, data });
      return;
    }
    await prisma.$transaction(async (tx) => {
      await tx.outboxMessage.update({ where: { id: row.id }, data });
      await settleDigestRecords(tx, row.id);
    });
  };

  const deliver = async (row: { id: number; chatId: bigint; kind: string; payload: unknown; attempts: number }) => {
    const message = renderMessage(row.payload as OutboxPayload, now());
    const chatId = Number(row.chatId);
    const { payload, call } = await send(chatId, message, row.id);
    try {
      await call();
      await settle(row, { state: 'sent', sentAt: now(), error: null });
    } catch (error) {
      if (error instanceof SkippedError) return; // someone else took it
      const claimed = claims.get(payload)?.claimed ?? false;
      const attempts = row.attempts + (claimed ? 1 : 0);
      const description = error instanceof Error ? error.message.slice(0, 500) : String(error);
      const migratedTo = error instanceof GrammyError ? error.parameters.migrate_to_chat_id : undefined;
      if (migratedTo !== undefined) {
        // The group became a supergroup: its pending messages (this one too) follow the new id.
        await prisma.outboxMessage.updateMany({
          where: { chatId: row.chatId, state: { in: ['pending', 'sending'] } },
          data: { chatId: BigInt(migratedTo), state: 'pending', nextAt: now() },
        });
        await prisma.outboxMessage.update({
          where: { id: row.id },
          data: { chatId: BigInt(migratedTo), state: 'pending' },
        });
        logger.info({ from: chatId, to: migratedTo }, 'outbox: chat migrated to a supergroup');
        await options.onChatEvent?.({ kind: 'migrated', from: chatId, to: migratedTo });
        return;
      }
      let state: 'blocked' | 'failed' | 'pending';
      if (error instanceof GrammyError && error.error_code === 403) state = 'blocked';
      else if (error instanceof GrammyError && error.error_code === 400) state = 'failed';
      else if (attempts >= MAX_ATTEMPTS) state = 'failed';
      else state = 'pending';
      await settle(row, {
        state,
        error: description,
        ...(claimed ? {} : { attempts: { increment: 1 } }),
        ...(state === 'pending' ? { nextAt: new Date(now().getTime() + retryPauseMs(attempts)) } : {}),
      });
      const level = state === 'pending' || error instanceof HttpError ? 'warn' : 'info';
      logger[level]({ outbox: row.id, chat: chatId, state, error: description }, 'outbox: not delivered');
      if (state === 'blocked' && error instanceof GrammyError)
        await options.onChatEvent?.({
          kind: 'forbidden',
          chatId,
          messageKind: row.kind,
          description: error.description,
        });
    }
  };

  /** Batches with nothing left to send: queue their summaries (once). */
  const settleBatches = async () => {
    const done = await prisma.$queryRawUnsafe<{ key: string }[]>(SETTLED_BATCHES);
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

  /**
   * One pass: every due row, `concurrency` at a time; the next rows are fetched while the
   * current ones are sent (by id, after the last fetched), so the pacing never waits for the
   * database. Rows that come due during the pass (a retry's pause) wait for the next pass.
   * True when it found work.
   */
  const pass = async (): Promise<boolean> => {
    const queue: Array<{ id: number; chatId: bigint; kind: string; payload: unknown; attempts: number }> = [];
    let after = 0;
    let found = 0;
    let exhausted = false;
    let fetching: Promise<void> | null = null;
    const fetchMore = () => {
      fetching ??= (async () => {
        const rows = await prisma.outboxMessage.findMany({
          where: { state: 'pending', nextAt: { lte: now() }, id: { gt: after } },
          orderBy: { id: 'asc' },
          take: BATCH,
          select: { id: true, chatId: true, kind: true, payload: true, attempts: true },
        });
        if (rows.length < BATCH) exhausted = true;
        if (rows.length > 0) after = rows.at(-1)!.id;
        found += rows.length;
        queue.push(...rows);
      })().finally(() => {
        fetching = null;
      });
      return fetching;
    };
    const worker = async () => {
      while (!stopped) {
        if (!exhausted && queue.length <= BATCH / 2) {
          const more = fetchMore();
          if (queue.length === 0) await more;
        }
        const row = queue.shift();
        if (!row) {
          if (exhausted) break;
          continue;
        }
        await deliver(row);
      }
    };
    await fetchMore();
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker));
    const settled = await settleBatches();
    return found > 0 || settled > 0;
  };

  /** Is a row due, or a batch ready to be reported? What a pass would find, in one query. */
  const anythingDue = async (): Promise<boolean> => {
    if (!options.lookup) return true;
    const rows = await options
      .lookup(
        `SELECT EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "state" = 'pending' AND "nextAt" <= $1)
             OR EXISTS (${SETTLED_BATCHES}) AS "due"`,
        [now()],
      )
      .catch(() => [{ due: true }]); // the pass then says what is wrong
    return (rows[0] as { due?: boolean } | undefined)?.due !== false;
  };

  const run = async () => {
    let kicked = true; // the first pass right away (rows left by the last run)
    while (!stopped) {
      let busy = false;
      try {
        if (kicked || (await anythingDue())) busy = await pass();
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
      kicked = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.pollMs ?? 1_000);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve(true);
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
