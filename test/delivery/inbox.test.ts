/**
 * The inbox in-process: updates stored on receipt but never finished (the process died) are
 * handled at the next start, once; a finished one is not handled again.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleUnfinished } from '../../src/delivery/inbox.ts';
import { command, user } from '../support/updates.ts';
import { startTestBot, type TestBot } from '../helpers/testBot.ts';

describe('the inbox', () => {
  let h: TestBot;
  beforeAll(async () => {
    h = await startTestBot();
  });
  afterAll(async () => h?.close());

  it('handles received-but-unfinished updates once, in order, and skips finished ones', async () => {
    const a = { ...command(user(8181, 'Гость'), '/start'), update_id: 880_001 };
    const b = { ...command(user(8282, 'Гость'), '/start'), update_id: 880_002 };
    h.tg.observeUpdate(a);
    h.tg.observeUpdate(b);
    await h.services.updates.storeReceived([a, b]);
    await h.driver.send(b); // b was handled before the «crash»; a was not
    h.tg.clear();
    const outcome = await handleUnfinished(h.bot, h.services, pino({ level: 'silent' }));
    await h.tg.idle();
    expect(outcome).toEqual({ handled: 1, left: 0 });
    const replies = h.tg.callsOf('sendMessage').map((call) => call.payload.chat_id);
    expect(replies).toEqual([8181]);
    const again = await handleUnfinished(h.bot, h.services, pino({ level: 'silent' }));
    expect(again).toEqual({ handled: 0, left: 0 });
    const states = await h.db.prisma.processedUpdate.findMany({
      where: { updateId: { in: [880_001n, 880_002n] } },
      orderBy: { updateId: 'asc' },
    });
    expect(states.map((row) => [row.state, row.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
    ]);
  });
});
