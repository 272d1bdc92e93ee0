/** Issue 10: in a group chat the bot answers only what is meant for a group and shows nothing personal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentTexts } from '../../support/botDriver.ts';
import { command, groupCommand, groupTextMessage, supergroupChat, user } from '../../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2001, 'Борис');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await h.driver.send(command(admin, '/start'));
  const adminPerson = await h.services.people.find(admin);
  const invite = await h.services.invites.create(
    { userId: adminPerson!.userId, role: 'admin', scope: { kind: 'all' } },
    { role: 'coordinator', scope: { kind: 'municipality', name: 'Дубенский район' } },
  );
  await h.driver.send(command(coordinator, '/start', invite.code));
});
afterAll(async () => h?.close());

describe('group chats', () => {
  it('/whoami in a group reveals nothing: no role, no Telegram id', async () => {
    for (const update of [
      groupCommand(coordinator, '/whoami'),
      groupCommand(coordinator, '/whoami', undefined, { botUsername: 'kurator_test_bot', chat: supergroupChat() }),
      groupCommand(coordinator, '/schools'),
      groupCommand(coordinator, '/status', 'sch710001'),
      groupTextMessage(coordinator, 'привет'),
    ]) {
      const texts = sentTexts(await h.driver.send(update)).join('\n');
      expect(texts).toBe('');
    }
  });

  it('/help in a group lists no coordinator commands and points to the private chat', async () => {
    const texts = sentTexts(await h.driver.send(groupCommand(coordinator, '/help'))).join('\n');
    expect(texts).toContain('в личном чате с ботом');
    expect(texts).toContain('/digest here');
    expect(texts).not.toContain('/launch');
    expect(texts).not.toContain('координатор');
  });

  it('the same commands still work in the private chat', async () => {
    const texts = sentTexts(await h.driver.send(command(coordinator, '/whoami'))).join('\n');
    expect(texts).toContain('Telegram id: 2001');
  });
});
