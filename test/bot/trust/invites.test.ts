/**
 * Issue 10 «Access and identity»: an invite link opened by someone already registered never
 * changes their role or school silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { sentMessages, sentTexts } from '../../support/botDriver.ts';
import { command, user } from '../../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';
import type { Actor } from '../../../src/domain/access/policy.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2001, 'Борис');
const deputy = user(3002, 'Глеб');

let h: TestBot;
let adminActor: Actor;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await h.driver.send(command(admin, '/start'));
  const person = await h.services.people.find(admin);
  adminActor = { userId: person!.userId, role: 'admin', scope: { kind: 'all' } };
});
afterAll(async () => h?.close());

const lastMessage = (calls: Awaited<ReturnType<TestBot['driver']['send']>>): Message => sentMessages(calls).at(-1)!;
const roleOf = async (telegramId: number) =>
  h.services.deps.prisma.user.findUnique({ where: { telegramId: BigInt(telegramId) }, include: { school: true } });
const messagesTo = (calls: Awaited<ReturnType<TestBot['driver']['send']>>, chatId: number) =>
  calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId).map((c) => String(c.payload.text));

describe('an invite link opened by a registered person', () => {
  it('never demotes a coordinator to a school representative; the inviter is told; the audit log records it', async () => {
    const first = await h.services.invites.create(adminActor, {
      role: 'coordinator',
      scope: { kind: 'municipality', name: 'Дубенский район' },
    });
    await h.driver.send(command(coordinator, '/start', first.code));
    const director = await h.services.invites.create(adminActor, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710001' },
    });
    const calls = await h.driver.send(command(coordinator, '/start', director.code));
    const text = messagesTo(calls, coordinator.id).join('\n');
    expect(text).toContain('Вы уже зарегистрированы: муниципальный координатор, Дубенский район');
    expect(text).toContain('не может сделать вас представителем школы');
    expect((await roleOf(coordinator.id))?.role).toBe('coordinator');
    expect(messagesTo(calls, ADMIN_ID).join('\n')).toContain('Борис не принял(а) приглашение');
    const log = await h.services.deps.prisma.auditLog.findFirst({ where: { action: 'invite.refuse' } });
    expect(log?.entityId).toBe(String(director.id));
  });

  it('a director moved to another school is asked first; «Нет» keeps the school, «Да» moves them', async () => {
    const one = await h.services.invites.create(adminActor, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710001' },
    });
    await h.driver.send(command(deputy, '/start', one.code));
    const two = await h.services.invites.create(adminActor, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710002' },
    });
    let calls = await h.driver.send(command(deputy, '/start', two.code));
    const question = messagesTo(calls, deputy.id).join('\n');
    expect(question).toContain('Сейчас вы — представитель школы, школа Дубенская СОШ № 1');
    expect(question).toContain('Ссылка сделает вас: представитель школы, школа Воскресенская СОШ');
    expect((await roleOf(deputy.id))?.school?.code).toBe('sch710001');

    calls = await h.driver.click(deputy, lastMessage(calls), 'Нет, оставить как есть');
    expect(sentTexts(calls).join('\n')).toContain('Ничего не изменилось');
    expect((await roleOf(deputy.id))?.school?.code).toBe('sch710001');
    expect(messagesTo(calls, ADMIN_ID).join('\n')).toContain('Глеб отказался');

    const three = await h.services.invites.create(adminActor, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710002' },
    });
    calls = await h.driver.send(command(deputy, '/start', three.code));
    calls = await h.driver.click(deputy, lastMessage(calls), 'Да, сменить');
    expect(sentTexts(calls).join('\n')).toContain('Вы зарегистрированы: представитель школы, школа Воскресенская СОШ');
    expect((await roleOf(deputy.id))?.school?.code).toBe('sch710002');
    expect(messagesTo(calls, ADMIN_ID).join('\n')).toContain('Глеб принял(а) приглашение');
    const log = await h.services.deps.prisma.auditLog.findFirst({
      where: { action: 'invite.redeem', entityId: String((await roleOf(deputy.id))!.id) },
      orderBy: { id: 'desc' },
    });
    expect(log).not.toBeNull();
    expect((log!.before as { schoolId: number }).schoolId).not.toBe((log!.after as { schoolId: number }).schoolId);
  });

  it('a new person joining is announced to the inviter', async () => {
    const invite = await h.services.invites.create(adminActor, {
      role: 'director',
      scope: { kind: 'school', code: 'sch710001' },
    });
    const calls = await h.driver.send(command(user(3003, 'Дина'), '/start', invite.code));
    expect(messagesTo(calls, ADMIN_ID).join('\n')).toContain('Дина принял(а) приглашение');
  });
});
