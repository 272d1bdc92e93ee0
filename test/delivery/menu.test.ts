/**
 * Issue 9: a person's command menu failing to update after an invite was redeemed — the person
 * gets the welcome (never «что-то пошло не так»), the failure is logged and retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../src/services/index.ts';
import { command, user } from '../support/updates.ts';
import { sentTexts } from '../support/botDriver.ts';
import { seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

describe('the person menu after /start', () => {
  let h: TestBot;
  beforeAll(async () => {
    h = await startTestBot();
    await seedSchools(h.services);
  });
  afterAll(async () => h?.close());

  it('a failed setMyCommands is not shown to the person and is retried in the background', async () => {
    const invite = await h.services.invites.create(CLI_ACTOR, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710001' },
    });
    h.tg.failNext('setMyCommands', { error_code: 400, description: 'Bad Request: BOT_COMMANDS_TOO_MUCH' });
    const director = user(5151, 'Дарья');
    const calls = await h.driver.send(command(director, '/start', invite.code));
    const texts = sentTexts(calls);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatch(/^Добро пожаловать, Дарья!/);
    expect(texts.join('')).not.toContain('что-то пошло не так');
    expect(await h.services.people.find({ id: director.id, first_name: 'Дарья' })).not.toBeNull();
    // The retry, two seconds later, sets the director's menu.
    await h.tg.waitFor(
      (call) =>
        call.method === 'setMyCommands' && call.payload.scope?.chat_id === director.id && call.response?.ok === true,
      10_000,
    );
    const menu = h.tg.myCommands({ type: 'chat', chat_id: director.id }).map((c) => c.command);
    expect(menu).toEqual(expect.arrayContaining(['forms', 'roadmap']));
    // the director marks roadmap items done: /help says so, as the menu does
    const help = sentTexts(await h.driver.send(command(director, '/help'))).join('\n');
    expect(help).toContain('/roadmap done НОМЕР');
  });
});
