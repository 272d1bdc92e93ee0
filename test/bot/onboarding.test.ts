import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'grammy/types';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, textMessage, user } from '../support/updates.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../helpers/testBot.ts';

const admin = user(ADMIN_ID, 'Анна');
const coordinator = user(2001, 'Борис');
const director = user(3001, 'Вера');
const stranger = user(9001, 'Гость');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
});
afterAll(async () => h?.close());

const lastMessage = (calls: Awaited<ReturnType<TestBot['driver']['send']>>): Message => sentMessages(calls).at(-1)!;
const codeFrom = (text: string) => /start=([A-Za-z0-9_-]+)/.exec(text)![1]!;

describe('onboarding through the real bot', () => {
  let coordinatorCode = '';
  let directorCode = '';

  it('a stranger gets one polite message and nothing else', async () => {
    for (const update of [
      command(stranger, '/start'),
      command(stranger, '/schools'),
      textMessage(stranger, 'покажите школы'),
    ]) {
      const calls = await h.driver.send(update);
      expect(sentTexts(calls)).toEqual([expect.stringContaining('Доступ открывается только по приглашению')]);
    }
  });

  it('the configured admin is recognised at /start and gets the admin command menu', async () => {
    const calls = await h.driver.send(command(admin, '/start'));
    // issue 10: the very first /start is a welcome, not «С возвращением»
    expect(sentTexts(calls)[0]).toContain('Добро пожаловать, Анна! Вы зарегистрированы: администратор');
    const menu = h.tg.myCommands({ type: 'chat', chat_id: admin.id }).map((c) => c.command);
    expect(menu).toContain('invite');
    expect(menu).toEqual(expect.arrayContaining(['history', 'roadmap', 'digest', 'template']));
    // the menu and /help list the same commands
    const help = sentTexts(await h.driver.send(command(admin, '/help'))).join('\n');
    const helpCommands = new Set([...help.matchAll(/^\/(\w+)/gm)].map((match) => match[1]));
    expect(new Set(menu.filter((c) => c !== 'help'))).toEqual(helpCommands);
  });

  it('the admin invites a coordinator for a municipality through /invite', async () => {
    let calls = await h.driver.send(command(admin, '/invite'));
    expect(sentTexts(calls)).toEqual(['Кого пригласить?']);
    calls = await h.driver.click(admin, lastMessage(calls), 'муниципальный координатор');
    expect(sentTexts(calls).at(-1)).toContain('За что будет отвечать муниципальный координатор?');
    calls = await h.driver.click(admin, lastMessage(calls), 'Дубенский район');
    const text = sentTexts(calls).at(-1)!;
    expect(text).toContain('Приглашение создано: муниципальный координатор, Дубенский район');
    expect(text).toContain('https://t.me/kurator_test_bot?start=');
    coordinatorCode = codeFrom(text);
  });

  it('the coordinator joins with the link and sees its scope', async () => {
    let calls = await h.driver.send(command(coordinator, '/start', coordinatorCode));
    expect(sentTexts(calls)[0]).toContain('Вы зарегистрированы: муниципальный координатор, Дубенский район');
    calls = await h.driver.send(command(coordinator, '/whoami'));
    expect(sentTexts(calls)[0]).toContain('Зона: Дубенский район');
  });

  it('the same link does not work twice', async () => {
    const calls = await h.driver.send(command(user(2002), '/start', coordinatorCode));
    expect(sentTexts(calls)[0]).toContain('Эта ссылка уже использована');
  });

  it('the coordinator invites a director by typing the school code; a foreign code is refused', async () => {
    let calls = await h.driver.send(command(coordinator, '/invite'));
    calls = await h.driver.click(coordinator, lastMessage(calls), 'представитель школы');
    expect(sentTexts(calls).at(-1)).toContain('Пришлите код школы');
    calls = await h.driver.send(textMessage(coordinator, 'sch670001'));
    expect(sentTexts(calls)[0]).toContain('Школы с кодом «sch670001» нет в вашей зоне');
    // the digits alone are the code too, as /status takes them
    calls = await h.driver.send(textMessage(coordinator, '710001'));
    const text = sentTexts(calls)[0]!;
    expect(text).toContain('Приглашение создано: представитель школы, Дубенская СОШ № 1 (sch710001)');
    directorCode = codeFrom(text);
  });

  it("the director's /whoami shows the school", async () => {
    await h.driver.send(command(director, '/start', directorCode));
    const calls = await h.driver.send(command(director, '/whoami'));
    expect(sentTexts(calls)[0]).toContain('Школа: Дубенская СОШ № 1 (sch710001), Дубенский район');
  });

  it('the coordinator sees the schools and people of its municipality only', async () => {
    let calls = await h.driver.send(command(coordinator, '/schools'));
    const schools = sentTexts(calls).join('\n');
    expect(schools).toContain('sch710001');
    expect(schools).not.toContain('sch670001');
    calls = await h.driver.send(command(coordinator, '/users'));
    const people = sentTexts(calls).join('\n');
    expect(people).toContain('Вера');
    expect(people).not.toContain('Анна');
  });

  it('a director may not list people', async () => {
    const calls = await h.driver.send(command(director, '/users'));
    expect(sentTexts(calls)[0]).toContain('недоступно для вашей роли');
  });

  it('expired and revoked links get their own messages', async () => {
    const expiring = await h.services.invites.create(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      {
        role: 'director',
        scope: { kind: 'school', code: 'sch710002' },
        ttlDays: 1,
      },
    );
    const revoked = await h.services.invites.create(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      {
        role: 'director',
        scope: { kind: 'school', code: 'sch710002' },
      },
    );
    await h.services.invites.revoke({ userId: null, role: 'admin', scope: { kind: 'all' } }, revoked.id);
    h.clock.advance(2 * 86_400_000);
    expect(sentTexts(await h.driver.send(command(user(3002), '/start', expiring.code)))[0]).toContain(
      'Срок действия ссылки истёк',
    );
    expect(sentTexts(await h.driver.send(command(user(3003), '/start', revoked.code)))[0]).toContain('ссылка отозвана');
  });

  it('repeated wrong codes from one person are throttled', async () => {
    const guesser = user(9100);
    for (let i = 0; i < 5; i++) {
      const calls = await h.driver.send(command(guesser, '/start', `wrongcode${i}aaaaaaaaaaaaa`));
      expect(sentTexts(calls)[0]).toContain('Такой ссылки-приглашения нет');
    }
    const calls = await h.driver.send(command(guesser, '/start', 'anotherwrongcodeaaaaaa'));
    expect(sentTexts(calls)[0]).toContain('Слишком много неверных ссылок');
  });

  it('the same update delivered twice is handled once', async () => {
    const update = command(coordinator, '/whoami');
    expect(sentTexts(await h.driver.send(update))).toHaveLength(1);
    expect(sentTexts(await h.driver.send(update))).toHaveLength(0);
  });

  it('retries on 429 and 5xx from Telegram, also inside a conversation', async () => {
    h.tg.failNext('sendMessage', { error_code: 429, retry_after: 1 });
    let calls = await h.driver.send(command(coordinator, '/whoami'));
    expect(calls.filter((call) => call.method === 'sendMessage').map((call) => call.response?.ok)).toEqual([
      false,
      true,
    ]);
    h.tg.failNext('sendMessage', { error_code: 502 });
    calls = await h.driver.send(command(coordinator, '/invite'));
    expect(calls.filter((call) => call.method === 'sendMessage').map((call) => call.response?.ok)).toEqual([
      false,
      true,
    ]);
    expect(sentTexts(calls)).toEqual(['Кого пригласить?']);
    await h.driver.send(command(coordinator, '/cancel'));
  });

  it('an unexpected failure gives an apology with an incident id', async () => {
    const broken = h.services.people.list;
    h.services.people.list = async () => {
      throw new Error('database went away');
    };
    try {
      const calls = await h.driver.send(command(coordinator, '/users'));
      expect(sentTexts(calls)[0]).toMatch(/Простите, что-то пошло не так.*Номер обращения: [0-9a-f]{8}/s);
    } finally {
      h.services.people.list = broken;
    }
  });
});
