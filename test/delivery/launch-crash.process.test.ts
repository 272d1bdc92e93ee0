/**
 * Issue 9, «Notifications out»: a campaign for 300 directors, the bot process killed (SIGKILL)
 * after about 61 invitations, started again. Every director ends with exactly one invitation,
 * there is one campaign, the coordinator gets the final counts, and pressing the old
 * «Запустить» again or going through /launch again creates no second campaign.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'grammy/types';
import { SENDER_CONCURRENCY } from '../../src/delivery/sender.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiCall, type BotApiServer } from '../support/botApiServer.ts';
import { callbackQuery, command, textMessage, user } from '../support/updates.ts';
import { stopLeftoverServer } from '../support/leftoverServer.ts';
import { dateAhead, sleep, startBotProcess, type BotProcess } from '../helpers/botProcess.ts';
import { openTestDatabase } from '../helpers/testDatabase.ts';

const DIRECTORS = 300;
const KILL_AFTER = 61;
const coordinator = user(9001, 'Борис');
const directorId = (i: number) => 20_000 + i;

const isInvitation = (call: BotApiCall) =>
  call.method === 'sendMessage' &&
  typeof call.payload.text === 'string' &&
  call.payload.text.startsWith('Координатор запустил мониторинг') &&
  call.response?.ok === true;

describe('a launch killed mid-delivery', () => {
  let tg: BotApiServer;
  let cwd: string;
  let env: Record<string, string>;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-launch-'));
    const dataDir = join(cwd, 'data');
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    // The installation: one municipality, 300 schools, a director each, their coordinator.
    const db = await openTestDatabase({ dataDir });
    const region = await db.prisma.region.create({ data: { name: 'Регион' } });
    const municipality = await db.prisma.municipality.create({
      data: { regionId: region.id, name: 'Дубенский район' },
    });
    await db.prisma.school.createMany({
      data: Array.from({ length: DIRECTORS }, (_, i) => ({
        code: `sch${String(700_000 + i)}`,
        municipalityId: municipality.id,
        fullName: `МБОУ СОШ № ${i + 1}`,
        shortName: `СОШ № ${i + 1}`,
        type: 'СОШ',
        settlement: 'п. Дубна',
        rural: true,
      })),
    });
    const schools = await db.prisma.school.findMany({ orderBy: { code: 'asc' } });
    await db.prisma.user.createMany({
      data: [
        {
          telegramId: BigInt(coordinator.id),
          firstName: 'Борис',
          role: 'coordinator',
          regionId: region.id,
          municipalityId: municipality.id,
        },
        ...schools.map((school, i) => ({
          telegramId: BigInt(directorId(i)),
          firstName: `Директор ${i}`,
          role: 'director' as const,
          regionId: region.id,
          municipalityId: municipality.id,
          schoolId: school.id,
        })),
      ],
    });
    await db.close();
  }, 120_000);

  afterAll(async () => {
    await bot?.killGroup();
    if (env?.DATA_DIR) await stopLeftoverServer(env.DATA_DIR);
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  /** The bot's next message to the coordinator carrying this callback data. */
  const keyboardWith = async (data: string, after: number): Promise<Message> => {
    const call = await tg.waitFor(
      (c) =>
        c.seq > after &&
        c.method === 'sendMessage' &&
        c.payload.chat_id === coordinator.id &&
        JSON.stringify(c.payload.reply_markup ?? '').includes(data),
      60_000,
    );
    return (call.response as { result: Message }).result;
  };
  const lastSeq = () => tg.calls.at(-1)?.seq ?? 0;

  /** /launch → first questionnaire → all schools → a deadline → usual reminders; returns the confirmation. */
  const launchUpTo = async (deadline: string): Promise<Message> => {
    let seq = lastSeq();
    tg.queueUpdate(command(coordinator, '/launch'));
    const pick = await keyboardWith('lch:q:0', seq);
    seq = lastSeq();
    tg.queueUpdate(callbackQuery(coordinator, 'lch:q:0', { message: pick }));
    const which = await keyboardWith('lch:all', seq);
    seq = lastSeq();
    tg.queueUpdate(callbackQuery(coordinator, 'lch:all', { message: which }));
    await tg.waitFor((c) => c.seq > seq && c.method === 'sendMessage' && /ДД\.ММ\.ГГГГ/.test(c.payload.text), 60_000);
    seq = lastSeq();
    tg.queueUpdate(textMessage(coordinator, deadline));
    const reminders = await keyboardWith('lch:rem', seq);
    seq = lastSeq();
    tg.queueUpdate(callbackQuery(coordinator, 'lch:rem', { message: reminders }));
    return keyboardWith('lch:go', seq);
  };

  it('after a restart every director has exactly one invitation, one campaign, and the coordinator the counts', async () => {
    const deadline = dateAhead(30);
    bot = startBotProcess(env, { tg, cwd });
    await bot.polling();
    const confirm = await launchUpTo(deadline);
    tg.queueUpdate(callbackQuery(coordinator, 'lch:go', { message: confirm }));

    // Kill it in the middle of the invitations.
    const started = Date.now();
    while (tg.calls.filter(isInvitation).length < KILL_AFTER) {
      if (Date.now() - started > 90_000) throw new Error(`only ${tg.calls.filter(isInvitation).length} invitations`);
      await sleep(5);
    }
    await bot.kill();
    const beforeRestart = tg.calls.filter(isInvitation).length;
    expect(beforeRestart).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(beforeRestart).toBeLessThan(DIRECTORS);

    bot = startBotProcess(env, { tg, cwd });
    const summary = await tg.waitFor(
      (c) =>
        c.method === 'sendMessage' &&
        c.payload.chat_id === coordinator.id &&
        String(c.payload.text).startsWith('Рассылка приглашений'),
      180_000,
    );
    const perDirector = new Map<number, number>();
    for (const call of tg.calls.filter(isInvitation))
      perDirector.set(call.payload.chat_id, (perDirector.get(call.payload.chat_id) ?? 0) + 1);
    const counts = Array.from({ length: DIRECTORS }, (_, i) => perDirector.get(directorId(i)) ?? 0);
    expect(counts.filter((n) => n > 1)).toEqual([]); // never twice
    const missing = counts.filter((n) => n === 0).length;
    // At most once per key: the messages on the wire at the kill (at most the sender's concurrency) are
    // «unknown» and not resent; some of them reached Telegram, the rest are the missing ones.
    const unknown = Number(/Неизвестно, дошло ли \((\d+)\)/.exec(summary.payload.text)?.[1] ?? 0);
    expect(unknown).toBeLessThanOrEqual(SENDER_CONCURRENCY);
    expect(missing).toBeLessThanOrEqual(unknown);
    expect(summary.payload.text).toContain(`доставлено ${DIRECTORS - unknown} из ${DIRECTORS}`);
    console.log(
      `launch crash: ${beforeRestart} invitations before SIGKILL, ${unknown} unknown after restart, ${missing} of ${DIRECTORS} directors without an invitation, none twice`,
    );

    // The old «Запустить» pressed again, and the whole /launch again: no second campaign.
    let seq = lastSeq();
    tg.queueUpdate(callbackQuery(coordinator, 'lch:go', { message: confirm }));
    await tg.waitFor((c) => c.seq > seq && c.method === 'answerCallbackQuery', 60_000);
    const again = await launchUpTo(deadline);
    seq = lastSeq();
    tg.queueUpdate(callbackQuery(coordinator, 'lch:go', { message: again }));
    const refused = await tg.waitFor(
      (c) => c.seq > seq && c.method === 'sendMessage' && c.payload.chat_id === coordinator.id,
      60_000,
    );
    expect(refused.payload.text).toMatch(/^Этот мониторинг уже запущен — № \d+/);
    await sleep(1_000);
    expect(tg.calls.filter(isInvitation).length).toBe(DIRECTORS - missing);
    expect(new Set(tg.calls.filter(isInvitation).map((c) => c.payload.chat_id)).size).toBe(DIRECTORS - missing);
    const texts = tg.calls
      .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === coordinator.id)
      .map((c) => String(c.payload.text));
    expect(texts.some((text) => text.includes('что-то пошло не так'))).toBe(false);

    expect(await bot.stop()).toBe(0);
    expect(bot.output()).not.toMatch(/\n\s+at /); // no stack trace
    const db = await openTestDatabase({ dataDir: env.DATA_DIR });
    try {
      expect(await db.prisma.campaign.count()).toBe(1);
      const states = await db.prisma.outboxMessage.groupBy({
        by: ['state'],
        _count: true,
        where: { kind: 'campaign.invitation' },
      });
      const byState = Object.fromEntries(states.map((s) => [s.state, s._count]));
      expect(byState.sent ?? 0).toBe(DIRECTORS - (byState.unknown ?? 0));
    } finally {
      await db.close();
    }
  }, 600_000);
});
