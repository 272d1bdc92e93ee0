/**
 * Issue 9, «Updates in flight» and its acceptance: 200 directors each press «Заполнить» and then
 * answer the first question by button, while the bot process is stopped at a random moment —
 * SIGTERM (every tap fetched is answered and saved before the process exits) or SIGKILL (after
 * a restart every fetched tap is handled, exactly once: one saved answer and one audit entry per
 * school).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { callbackQuery, user } from '../support/updates.ts';
import { stopLeftoverServer } from '../support/leftoverServer.ts';
import { sleep, startBotProcess, type BotProcess } from '../helpers/botProcess.ts';
import { launchFor } from '../helpers/campaigns.ts';
import { openTestDatabase, testServices } from '../helpers/testDatabase.ts';

const DIRECTORS = 200;
const directorId = (i: number) => 30_000 + i;

async function seed(dataDir: string): Promise<number> {
  const db = await openTestDatabase({ dataDir });
  try {
    const services = testServices(db, { regionName: 'Регион' });
    const region = await db.prisma.region.create({ data: { name: 'Регион' } });
    const municipality = await db.prisma.municipality.create({
      data: { regionId: region.id, name: 'Дубенский район' },
    });
    await db.prisma.school.createMany({
      data: Array.from({ length: DIRECTORS }, (_, i) => ({
        code: `sch${String(800_000 + i)}`,
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
      data: schools.map((school, i) => ({
        telegramId: BigInt(directorId(i)),
        firstName: `Директор ${i}`,
        role: 'director' as const,
        regionId: region.id,
        municipalityId: municipality.id,
        schoolId: school.id,
      })),
    });
    const { campaignId } = await launchFor(services, 'failure-prevention');
    // The invitations are not what this test watches.
    await db.prisma.outboxMessage.updateMany({ data: { state: 'sent' } });
    return campaignId;
  } finally {
    await db.close();
  }
}

/** update_ids the bot fetched (getUpdates answered with them). */
const fetchedIds = (tg: BotApiServer) =>
  new Set(
    tg
      .callsOf('getUpdates')
      .flatMap((call) =>
        call.response?.ok ? ((call.response.result as Update[]) ?? []).map((update) => update.update_id) : [],
      ),
  );

async function scenario(signal: 'SIGTERM' | 'SIGKILL') {
  const tg = await startBotApiServer();
  const cwd = await mkdtemp(join(tmpdir(), `kurator-${signal}-`));
  const dataDir = join(cwd, 'data');
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let bot: BotProcess | undefined;
  try {
    const campaignId = await seed(dataDir);
    bot = startBotProcess(env, { tg, cwd });
    await bot.polling();

    // Every director opens the form; the first question comes with buttons.
    const directors = Array.from({ length: DIRECTORS }, (_, i) => user(directorId(i), `Директор ${i}`));
    for (const director of directors) tg.queueUpdate(callbackQuery(director, `form:open:${campaignId}`));
    const questions = new Map<number, Message>();
    const started = Date.now();
    while (questions.size < DIRECTORS) {
      if (Date.now() - started > 180_000) throw new Error(`only ${questions.size} questions shown`);
      for (const call of tg.callsOf('sendMessage')) {
        const message = call.response?.ok ? (call.response.result as Message) : undefined;
        if (message?.reply_markup && !questions.has(message.chat.id)) questions.set(message.chat.id, message);
      }
      await sleep(50);
    }

    // The answers: the first button of each question; the process is stopped at a random moment.
    const taps = directors.map((director) => {
      const question = questions.get(director.id)!;
      const button = question.reply_markup!.inline_keyboard[0]![0]! as { callback_data: string };
      return tg.queueUpdate(callbackQuery(director, button.callback_data, { message: question }));
    });
    const tapIds = new Set(taps.map((tap) => tap.callback_query!.id));
    // Progress is the next question shown (it follows the saved answer); the button is
    // acknowledged first, so acknowledgements run ahead of the saves.
    const seqTaps = tg.calls.at(-1)?.seq ?? 0;
    const nextShown = () =>
      tg.calls.filter((call) => call.seq > seqTaps && call.method === 'sendMessage' && call.payload.chat_id >= 30_000)
        .length;
    const stopAt = 10 + Math.floor(Math.random() * 150);
    while (nextShown() < stopAt) await sleep(2);
    let code: number | null = null;
    if (signal === 'SIGTERM') code = await bot.stop();
    else await bot.kill();
    const fetchedBeforeStop = taps.filter((tap) => fetchedIds(tg).has(tap.update_id));
    const answeredBeforeStop = new Set(
      tg.callsOf('answerCallbackQuery').map((call) => call.payload.callback_query_id as string),
    );

    if (signal === 'SIGTERM') {
      expect(code).toBe(0);
      expect(bot.output()).not.toMatch(/\n\s+at /);
      // Every tap fetched before the stop was answered before the process exited…
      const unanswered = fetchedBeforeStop.filter((tap) => !answeredBeforeStop.has(tap.callback_query!.id));
      expect(unanswered.map((tap) => tap.update_id)).toEqual([]);
      // …and saved.
      const db = await openTestDatabase({ dataDir });
      try {
        const saved = await db.prisma.answer.findMany({ where: { campaignId }, include: { school: true } });
        const savedFor = new Set(saved.map((answer) => Number(answer.school.code.slice(3)) - 800_000));
        const notSaved = fetchedBeforeStop.filter((tap) => !savedFor.has(tap.callback_query!.from.id - 30_000));
        expect(notSaved.map((tap) => tap.update_id)).toEqual([]);
      } finally {
        await db.close();
      }
    }

    // Start again: whatever was left (not fetched, or cut by SIGKILL) is handled now.
    bot = startBotProcess(env, { tg, cwd });
    // Serving again: the inbox was worked off at start, then polling began.
    await bot.polling(180_000);
    const restarted = Date.now();
    for (;;) {
      const handled = new Set(
        tg
          .callsOf('answerCallbackQuery')
          .map((call) => call.payload.callback_query_id as string)
          .filter((id) => tapIds.has(id)),
      );
      if (handled.size === DIRECTORS) break;
      if (Date.now() - restarted > 240_000) throw new Error(`only ${handled.size} taps answered after restart`);
      await sleep(100);
    }
    await sleep(1_500);
    expect(await bot.stop()).toBe(0);
    expect(bot.output()).not.toMatch(/\n\s+at /);

    const db = await openTestDatabase({ dataDir });
    try {
      // Exactly once: one answer and one audit entry per school.
      expect(await db.prisma.answer.count({ where: { campaignId } })).toBe(DIRECTORS);
      const audits = await db.prisma.auditLog.groupBy({
        by: ['entityId'],
        where: { action: 'answer.save' },
        _count: true,
      });
      expect(audits).toHaveLength(DIRECTORS);
      expect(audits.filter((row) => row._count !== 1)).toEqual([]);
      const left = await db.prisma.processedUpdate.count({ where: { state: 'received' } });
      expect(left).toBe(0);
    } finally {
      await db.close();
    }
    console.log(
      `${signal} after ${stopAt} next questions shown: ${fetchedBeforeStop.length} fetched before the stop, ${answeredBeforeStop.size} answered before it; all ${DIRECTORS} saved once after the restart`,
    );
  } finally {
    await bot?.killGroup();
    await stopLeftoverServer(dataDir);
    await tg.close();
    await rm(cwd, { recursive: true, force: true });
  }
}

describe('taps in flight when the bot stops', () => {
  it('SIGTERM: every tap fetched is answered and saved before the process exits', () => scenario('SIGTERM'), 900_000);
  it('SIGKILL: after a restart every fetched tap is handled exactly once', () => scenario('SIGKILL'), 900_000);
});
