/**
 * The bot's outbox sender while idle (issue 8: the bot's idle memory): between passes nobody
 * asked for it only looks through the bot's lock connection, so the pool's connections — each a
 * PostgreSQL backend — close; a message another process queued (a CLI command) still goes out
 * within about a second, without a kick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireBotLock, type BotLock } from '../../src/db/botLock.ts';
import type { OutboxSender } from '../../src/delivery/sender.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { openTestDatabase, testClock, type TestDatabase } from '../helpers/testDatabase.ts';
import { startTestSender } from '../helpers/testBot.ts';

describe('the outbox sender while the bot is idle', () => {
  let db: TestDatabase;
  let tg: BotApiServer;
  let lock: BotLock;
  let sender: OutboxSender;
  const lookups: string[] = [];
  const clock = testClock();

  beforeAll(async () => {
    db = await openTestDatabase();
    tg = await startBotApiServer();
    lock = await acquireBotLock(db.url, 'kurator-test-lock');
    sender = await startTestSender(db.prisma, tg, clock.now, {
      pollMs: 100,
      lookup: (query, values) => {
        lookups.push(query);
        return lock.lookup(query, values);
      },
    });
  });
  /** A message queued as another process would (a CLI command): a row, and no kick. */
  const queue = (key: string, chatId: number, title: string, nextAt: Date) =>
    db.prisma.outboxMessage.create({
      data: {
        dedupeKey: key,
        chatId: BigInt(chatId),
        kind: 'campaign.reopened',
        payload: { kind: 'campaign.reopened', campaignId: 1, title },
        nextAt,
      },
    });

  afterAll(async () => {
    await sender?.stop();
    await lock?.release();
    await tg?.close();
    await db?.close();
  });

  it('looks through the lock connection, and sends a row another process wrote without a kick', async () => {
    await sender.drain();
    const looked = lookups.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // idle: the looks go on, through the lock connection
    expect(lookups.length).toBeGreaterThan(looked);
    expect(tg.callsOf('sendMessage')).toHaveLength(0);

    await queue('test:idle-cli', 601, 'Анкета', clock.now());
    const sent = await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === 601, 5_000);
    expect(String(sent.payload.text)).toContain('Анкета');
    await sender.drain();
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'test:idle-cli' } });
    expect(row.state).toBe('sent');
    expect(tg.callsOf('sendMessage')).toHaveLength(1);
  });

  it('a retry that comes due later is found by the look and sent once', async () => {
    await queue('test:idle-later', 602, 'Позже', new Date(clock.now().getTime() + 60_000));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(tg.callsOf('sendMessage').filter((call) => call.payload.chat_id === 602)).toHaveLength(0);
    clock.advance(61_000);
    await tg.waitFor((call) => call.method === 'sendMessage' && call.payload.chat_id === 602, 5_000);
    await sender.drain();
    expect(tg.callsOf('sendMessage').filter((call) => call.payload.chat_id === 602)).toHaveLength(1);
  });
});
