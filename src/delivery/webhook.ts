/**
 * Webhook mode with an inbox: the secret is checked, the body is read up to a cap (Telegram's
 * updates are small; a larger body is refused before it is buffered), the update is stored in
 * the inbox and acknowledged at once, then handled (tracked, so a stop waits for it). Telegram
 * does not redeliver an acknowledged update, and a crash before it was handled leaves it in the
 * inbox for the next start. Malformed JSON is a warning and a 400.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import type { BotContext } from '../bot/context.ts';
import type { Services } from '../services/index.ts';
import { sleep } from './startup.ts';

/** Telegram's updates are a few KB; documents come by file_id, not in the body. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export interface WebhookServer {
  server: Server;
  stop(waitMs: number): Promise<{ unfinished: number }>;
}

class TooLarge extends Error {}

async function readCapped(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const sameSecret = (given: string | string[] | undefined, secret: string) => {
  if (typeof given !== 'string' || given.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
};

export async function startWebhookServer(options: {
  bot: Bot<BotContext>;
  services: Services;
  logger: Logger;
  secret: string;
  host: string;
  port: number;
  bodyLimit?: number;
}): Promise<WebhookServer> {
  const { bot, services, logger, secret } = options;
  const limit = options.bodyLimit ?? WEBHOOK_BODY_LIMIT;
  const running = new Set<Promise<void>>();
  let stopping = false;

  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], secret)) {
      response.writeHead(401).end();
      request.resume();
      return;
    }
    if (stopping) {
      // Telegram retries later (and the next instance answers).
      response.writeHead(503).end();
      request.resume();
      return;
    }
    void (async () => {
      let update: Update;
      try {
        const body = await readCapped(request, limit);
        update = JSON.parse(body.toString('utf8')) as Update;
        if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number')
          throw new SyntaxError('no update_id');
      } catch (error) {
        if (error instanceof TooLarge) {
          logger.warn({ limit }, 'webhook body over the limit refused');
          response.writeHead(413, { connection: 'close' }).end();
          request.destroy();
        } else {
          logger.warn(
            { error: error instanceof Error ? error.message : String(error) },
            'webhook body is not an update',
          );
          response.writeHead(400).end();
        }
        return;
      }
      try {
        await services.updates.storeReceived([update]);
      } catch (error) {
        logger.error({ err: error }, 'webhook update not stored; Telegram will retry');
        response.writeHead(500).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      const handled = bot.handleUpdate(update).catch((error: unknown) => {
        logger.error({ err: error, update: update.update_id }, 'update handling failed');
      });
      running.add(handled);
      void handled.finally(() => running.delete(handled));
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));

  return {
    server,
    async stop(waitMs) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = sleep(waitMs).then(() => 'timeout' as const);
      while (running.size > 0) {
        const outcome = await Promise.race([Promise.all([...running]).then(() => 'done' as const), deadline]);
        if (outcome === 'timeout') break;
      }
      server.closeAllConnections();
      await closed;
      return { unfinished: running.size };
    },
  };
}
