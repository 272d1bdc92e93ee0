/**
 * Closing and reopening the embedded database (as a restart or redeploy does) loses nothing:
 * people, invites and a conversation left in the middle.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, user } from '../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

const admin = user(ADMIN_ID, 'Анна');

describe('restart of the bot and the embedded database', () => {
  let dir: string;
  let h: TestBot;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kurator-restart-'));
    h = await startTestBot({ dataDir: dir });
    await seedSchools(h.services);
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps people, invites and an unfinished /invite conversation', async () => {
    await h.driver.send(command(admin, '/start'));
    const pending = await h.services.invites.create(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      {
        role: 'director',
        scope: { kind: 'school', code: 'sch710002' },
      },
    );
    // The admin starts /invite and picks a role, then the process goes away.
    let calls = await h.driver.send(command(admin, '/invite'));
    calls = await h.driver.click(admin, sentMessages(calls).at(-1)!, 'член комитета');
    const scopeQuestion = sentMessages(calls).at(-1)!;
    expect(scopeQuestion.text).toContain('За что будет отвечать член комитета?');

    await h.restart({ reopenDatabase: true });

    expect(await h.db.prisma.user.count({ where: { telegramId: BigInt(ADMIN_ID) } })).toBe(1);
    // The conversation resumes exactly where it stopped: the scope buttons still work.
    calls = await h.driver.click(admin, scopeQuestion, 'Ельнинский район');
    expect(sentTexts(calls).at(-1)).toContain('Приглашение создано: член комитета, Ельнинский район');
    // The invite made before the restart still works.
    calls = await h.driver.send(command(user(3005, 'Дарья'), '/start', pending.code));
    expect(sentTexts(calls)[0]).toContain('Вы зарегистрированы: представитель школы, школа Воскресенская СОШ');
  });
});
