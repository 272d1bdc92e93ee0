/**
 * Acceptance of issue #5: kill the bot process in the middle of a form (SIGKILL), start it
 * again — the director continues at the next unanswered item and no earlier answer is missing.
 * A real process, the local Bot API server, the embedded database in a temporary DATA_DIR.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.ts';
import { CLI_ACTOR } from '../../src/services/index.ts';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { stopLeftoverServer } from '../support/leftoverServer.ts';
import { callbackQuery, command, textMessage, user } from '../support/updates.ts';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.ts';

const vera = user(3201, 'Вера');

describe('a form survives SIGKILL of the bot process', () => {
  let tg: BotApiServer;
  let cwd: string;
  let config: Parameters<typeof openApp>[0];
  let campaignId: number;
  let bot: BotProcess | null = null;

  const start = async () => {
    bot = startBotProcess({ DATA_DIR: config.dataDir, REGION_NAME: config.regionName, LOG_LEVEL: 'warn' }, { tg, cwd });
    await bot.polling(60_000);
  };

  /**
   * Queues an update and waits for the bot's next message to Vera. The campaign's invitation
   * («Заполнить») comes from the outbox whenever it gets there, so it is not taken for a reply.
   */
  const exchange = async (update: Update): Promise<Message> => {
    const seq = tg.calls.at(-1)?.seq ?? 0;
    tg.queueUpdate(update);
    const reply = await tg.waitFor(
      (call) =>
        call.seq > seq &&
        call.method === 'sendMessage' &&
        call.payload.chat_id === vera.id &&
        !JSON.stringify(call.payload.reply_markup ?? '').includes('form:open'),
      30_000,
    );
    return (reply.response as { result: Message }).result;
  };
  const press = (message: Message, text: string) => {
    const button = message.reply_markup!.inline_keyboard.flat().find((b) => b.text === text) as {
      callback_data: string;
    };
    return exchange(callbackQuery(vera, button.callback_data, { message }));
  };

  beforeAll(async () => {
    tg = await startBotApiServer();
    cwd = await mkdtemp(join(tmpdir(), 'kurator-sigkill-'));
    config = {
      databaseUrl: undefined,
      dataDir: join(cwd, 'data'),
      adminTelegramIds: [],
      inviteTtlDays: 7,
      regionName: 'Тестовая область',
    };
    const app = await openApp(config);
    const prisma = app.db.prisma;
    const region = await prisma.region.create({ data: { name: config.regionName } });
    const municipality = await prisma.municipality.create({ data: { regionId: region.id, name: 'Дубенский район' } });
    const school = await prisma.school.create({
      data: {
        code: 'sch710001',
        municipalityId: municipality.id,
        fullName: 'МБОУ «Дубенская СОШ № 1»',
        shortName: 'Дубенская СОШ № 1',
        type: 'СОШ',
        settlement: 'п. Дубна',
        rural: true,
      },
    });
    await prisma.user.create({
      data: {
        telegramId: BigInt(vera.id),
        firstName: 'Вера',
        role: 'director',
        regionId: region.id,
        schoolId: school.id,
      },
    });
    const [contextData] = await app.services.questionnaires.list(CLI_ACTOR);
    campaignId = (
      await app.services.campaigns.launch(CLI_ACTOR, {
        questionnaireVersionId: contextData!.versionId,
        schools: 'all',
        deadline: new Date(Date.now() + 7 * 86_400_000),
      })
    ).campaignId;
    await app.db.close();
  });
  afterAll(async () => {
    await bot?.killGroup();
    await stopLeftoverServer(config.dataDir);
    await tg?.close();
    await rm(cwd, { recursive: true, force: true });
  });

  it('continues at the next unanswered item and keeps every earlier answer', async () => {
    await start();
    // The launch owed Vera an invitation: the started bot delivers it (once, from the outbox).
    const invitation = await tg.waitFor(
      (call) => call.method === 'sendMessage' && call.payload.chat_id === vera.id,
      30_000,
    );
    expect(String(invitation.payload.text)).toContain('Координатор запустил мониторинг');
    let question = await exchange(command(vera, '/forms'));
    expect(question.text).toContain('1.1. Устойчивый доступ в Интернет');
    question = await press(question, 'Да');
    question = await press(question, 'Нет');
    for (let i = 0; i < 5; i++) question = await press(question, 'Да');
    question = await exchange(textMessage(vera, '12,5'));
    expect(question.text).toContain('2.2. Доля учителей, не имеющих диплома');

    expect(await bot!.kill()).toBe(null);
    await start();

    question = await exchange(command(vera, '/forms'));
    expect(question.text).toContain('Продолжим с вопроса 2.2.');
    expect(question.text).toContain('Раздел 2 из 4 · вопрос 9 из 18');
    question = await exchange(textMessage(vera, '3'));
    expect(question.text).toContain('✓ 2.2: 3 %');

    expect(await bot!.stop()).toBe(0);
    bot = null;
    const invitations = tg.calls.filter(
      (call) => call.method === 'sendMessage' && JSON.stringify(call.payload.reply_markup ?? '').includes('form:open'),
    );
    expect(invitations).toHaveLength(1); // not again after the SIGKILL and restart
    const app = await openApp(config);
    try {
      const rows = await app.db.prisma.answer.findMany({ where: { campaignId } });
      expect(Object.fromEntries(rows.map((row) => [row.itemNumber, row.value]))).toEqual({
        '1.1': true,
        '1.2': false,
        '1.3/physics': true,
        '1.3/chemistry': true,
        '1.3/biology': true,
        '1.3/geography': true,
        '1.3/technology': true,
        '2.1': 12.5,
        '2.2': 3,
      });
    } finally {
      await app.db.close();
    }
  });
});
