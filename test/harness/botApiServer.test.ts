import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, InlineKeyboard, InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { createBotDriver, sentTexts } from '../support/botDriver.ts';
import { command, documentMessage, groupCommand, textMessage, user } from '../support/updates.ts';

let tg: BotApiServer;

beforeEach(async () => {
  tg = await startBotApiServer({ botUsername: 'kurator_test_bot' });
});
afterEach(async () => {
  await tg.close();
});

const newBot = (): Bot => new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });

describe('fake Bot API server', () => {
  it('answers getMe with the configured username and rejects a foreign token', async () => {
    expect((await newBot().api.getMe()).username).toBe('kurator_test_bot');
    const stranger = new Bot('123:wrong', { client: { apiRoot: tg.apiRoot } });
    await expect(stranger.api.getMe()).rejects.toMatchObject({ error_code: 401 });
  });

  it('records sendMessage and returns a Message with incrementing ids and the inline keyboard', async () => {
    const bot = newBot();
    const keyboard = new InlineKeyboard().text('Да', 'yes');
    const first = await bot.api.sendMessage(42, 'Привет', { reply_markup: keyboard });
    const second = await bot.api.sendMessage(42, 'Ещё');
    expect(first).toMatchObject({ chat: { id: 42, type: 'private' }, text: 'Привет', from: { is_bot: true } });
    expect(first.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: 'Да', callback_data: 'yes' });
    expect(second.message_id).toBe(first.message_id + 1);
    expect(typeof first.date).toBe('number');
    const [call] = tg.callsOf('sendMessage');
    expect(call?.payload).toMatchObject({ chat_id: 42, text: 'Привет' });
    expect(call?.response).toMatchObject({ ok: true });
  });

  it('rejects what Telegram rejects: broken HTML, over-long text, 65-byte callback data, unchanged edits', async () => {
    const bot = newBot();
    await expect(bot.api.sendMessage(1, 'a <br> b', { parse_mode: 'HTML' })).rejects.toThrow(
      'Unsupported start tag "br"',
    );
    await expect(bot.api.sendMessage(1, '<b>жирный', { parse_mode: 'HTML' })).rejects.toThrow("Can't find end tag");
    await expect(bot.api.sendMessage(1, 'x'.repeat(4097))).rejects.toThrow('message is too long');
    await expect(
      bot.api.sendMessage(1, 'ok', { reply_markup: new InlineKeyboard().text('b', 'x'.repeat(65)) }),
    ).rejects.toThrow('BUTTON_DATA_INVALID');
    const sent = await bot.api.sendMessage(1, '<b>Итог</b> &amp; всё', { parse_mode: 'HTML' });
    expect(sent.text).toBe('Итог & всё');
    await expect(
      bot.api.editMessageText(1, sent.message_id, '<b>Итог</b> &amp; всё', { parse_mode: 'HTML' }),
    ).rejects.toThrow('message is not modified');
  });

  it('edits and deletes messages the way the user then sees them', async () => {
    const bot = newBot();
    const sent = await bot.api.sendMessage(5, 'Выберите', { reply_markup: new InlineKeyboard().text('A', 'a') });
    const edited = (await bot.api.editMessageText(5, sent.message_id, 'Готово')) as Message;
    expect(edited.reply_markup).toBeUndefined(); // an edit without reply_markup drops the keyboard
    expect(tg.messagesIn(5).map((m) => m.text)).toEqual(['Готово']);
    await bot.api.deleteMessage(5, sent.message_id);
    expect(tg.messagesIn(5)).toEqual([]);
    await expect(bot.api.deleteMessage(5, sent.message_id)).rejects.toThrow('message to delete not found');
  });

  it('long-polls: bot.start() receives a queued /start, replies, and bot.stop() ends it', async () => {
    const bot = newBot();
    bot.command('start', (ctx) => ctx.reply('Здравствуйте!'));
    let started = false;
    const polling = bot.start({
      onStart: () => {
        started = true;
      },
    });
    await tg.waitFor((c) => c.method === 'getUpdates' && c.payload.timeout > 0);
    expect(started).toBe(true);
    tg.queueUpdate(command(user(77), '/start'));
    const reply = await tg.waitFor((c) => c.method === 'sendMessage', 5000);
    expect(reply.payload).toMatchObject({ chat_id: 77, text: 'Здравствуйте!' });
    await bot.stop(); // aborts the long poll (30 s) instead of waiting it out
    await polling;
    // stop() confirmed the handled update: nothing is delivered twice
    const confirm = tg.callsOf('getUpdates').at(-1);
    expect(confirm?.response).toEqual({ ok: true, result: [] });
  });

  it('a 429 injected once is retried by @grammyjs/auto-retry and then succeeds', async () => {
    const bot = newBot();
    bot.api.config.use(autoRetry());
    tg.failNext('sendMessage', { error_code: 429, retry_after: 1 });
    const startedAt = Date.now();
    const message = await bot.api.sendMessage(9, 'после паузы');
    expect(message.text).toBe('после паузы');
    const attempts = tg.callsOf('sendMessage');
    expect(attempts.map((c) => c.response?.ok)).toEqual([false, true]);
    expect(attempts[0]?.response).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
  });

  it('sendDocument with an InputFile stores the uploaded bytes and filename', async () => {
    const bot = newBot();
    const bytes = Buffer.from('PK\u0003\u0004 fake xlsx bytes');
    const message = await bot.api.sendDocument(-100123, new InputFile(bytes, 'Отчёт по школам.xlsx'), {
      caption: 'Отчёт',
    });
    const [call] = tg.callsOf('sendDocument');
    expect(call?.payload).toMatchObject({ chat_id: -100123, caption: 'Отчёт' });
    expect(call?.files).toHaveLength(1);
    expect(call?.files?.[0]?.field).toBe('document');
    expect(call?.files?.[0]?.filename).toBe('Отчёт по школам.xlsx');
    expect(Buffer.compare(call!.files![0]!.bytes, bytes)).toBe(0);
    expect(message.document).toMatchObject({
      file_name: 'Отчёт по школам.xlsx',
      file_size: bytes.length,
      mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
  });

  it('getFile + download returns the bytes of a registered file; unknown ids are refused', async () => {
    const bot = newBot();
    const bytes = Buffer.from([1, 2, 3, 250, 251, 252]);
    const registered = tg.registerFile(bytes, { fileName: 'results.xlsx' });
    const file = await bot.api.getFile(registered.file_id);
    expect(file.file_path).toBe(registered.file_path);
    const response = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    await expect(bot.api.getFile('nope')).rejects.toThrow('invalid file_id');
    const huge = tg.registerFile(Buffer.from('x'), { fileName: 'big.xlsx', fileSize: 21 * 1024 * 1024 });
    await expect(bot.api.getFile(huge.file_id)).rejects.toThrow('file is too big');
  });

  it('stores bot commands per scope', async () => {
    const bot = newBot();
    await bot.api.setMyCommands([{ command: 'start', description: 'Начать' }]);
    await bot.api.setMyCommands([{ command: 'report', description: 'Отчёт' }], { scope: { type: 'chat', chat_id: 5 } });
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'start', description: 'Начать' }]);
    expect(tg.myCommands({ type: 'chat', chat_id: 5 })).toEqual([{ command: 'report', description: 'Отчёт' }]);
    expect(tg.callsOf('setMyCommands')[1]?.payload.scope).toEqual({ type: 'chat', chat_id: 5 });
    await expect(bot.api.setMyCommands([{ command: 'Bad-Name', description: 'x' }])).rejects.toThrow(
      'BOT_COMMAND_INVALID',
    );
  });

  it('answers a blocked user with 403 and a second answerCallbackQuery with 400', async () => {
    const bot = newBot();
    tg.blockBot(13);
    await expect(bot.api.sendMessage(13, 'привет')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await bot.api.answerCallbackQuery('q1');
    await expect(bot.api.answerCallbackQuery('q1')).rejects.toThrow('query is too old');
  });

  it('records unknown methods and agrees to them', async () => {
    const bot = newBot();
    expect(await bot.api.raw.setMyDescription({ description: 'Куратор' })).toBe(true);
    expect(tg.callsOf('setMyDescription')[0]?.payload).toEqual({ description: 'Куратор' });
  });

  it('delivers queued updates to a webhook while one is set, and refuses getUpdates meanwhile', async () => {
    const { createServer } = await import('node:http');
    const received: unknown[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ update: JSON.parse(body) as unknown, secret: req.headers['x-telegram-bot-api-secret-token'] });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: 3, text: 'из ответа вебхука' }));
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const port = (hook.address() as { port: number }).port;
    try {
      const bot = newBot();
      await bot.api.setWebhook(`http://127.0.0.1:${port}/hook`, { secret_token: 's3cret' });
      await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
      tg.queueUpdate(textMessage(user(3), 'hi'));
      const reply = await tg.waitFor((c) => c.via === 'webhook-reply');
      expect(reply.payload).toMatchObject({ chat_id: 3, text: 'из ответа вебхука' });
      expect(received).toMatchObject([{ secret: 's3cret', update: { message: { text: 'hi' } } }]);
      expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
    } finally {
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });
});

describe('idle(): waits on calls in flight, not on a quiet window', () => {
  it('waits for a tracked client’s fire-and-forget chain, started before it reaches the server', async () => {
    const bot = newBot();
    bot.api.config.use(tg.tracker);
    void (async () => {
      await bot.api.sendMessage(7, 'первое');
      await bot.api.sendMessage(7, 'второе'); // starts after the first answer: one busy stretch
    })();
    await tg.idle();
    expect(tg.callsOf('sendMessage').map((call) => call.payload.text)).toEqual(['первое', 'второе']);
  });

  it('waits for any client’s request from its arrival until its answer is written', async () => {
    // A raw HTTP client the server cannot track: its body arrives in two parts.
    const body = JSON.stringify({ chat_id: 8, text: 'медленно' });
    const request = httpRequest(`${tg.apiRoot}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the request reaches the server
    let idle = false;
    const waiting = tg.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idle).toBe(false); // half a request is in flight
    request.end(body.slice(5));
    await waiting;
    expect(tg.callsOf('sendMessage')[0]?.response).toMatchObject({ ok: true });
    expect(await answered).toBe(200);
  });

  it('resolves at once when nothing is in flight, a long poll included', async () => {
    const bot = newBot();
    const polling = bot.api.getUpdates({ timeout: 30 });
    await tg.waitFor((call) => call.method === 'getUpdates');
    await tg.idle();
    tg.queueUpdate(command(user(9, 'Ира'), '/start')); // ends the long poll
    expect((await polling).map((update) => update.message?.text)).toEqual(['/start']);
  });
});

describe('bot driver', () => {
  it('returns the calls made while handling one update, including a document download', async () => {
    const bot = newBot();
    bot.command('start', async (ctx) => {
      await ctx.replyWithChatAction('typing');
      await ctx.reply(`Привет, ${ctx.from?.first_name}!`, {
        reply_markup: new InlineKeyboard().text('Дальше', 'next'),
      });
    });
    bot.callbackQuery('next', async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText('Шаг 2');
    });
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile();
      const response = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`);
      await ctx.reply(`Получено ${(await response.arrayBuffer()).byteLength} байт`);
    });
    const driver = await createBotDriver(bot, tg);
    const anna = user(501, 'Анна');

    const startCalls = await driver.send(command(anna, '/start'));
    expect(startCalls.map((c) => c.method)).toEqual(['sendChatAction', 'sendMessage']);
    expect(sentTexts(startCalls)).toEqual(['Привет, Анна!']);

    const menu = tg.messagesIn(501).at(-1)!;
    const clickCalls = await driver.click(anna, menu, 'Дальше');
    expect(clickCalls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(tg.messagesIn(501).map((m) => m.text)).toEqual(['Шаг 2']);

    const registered = tg.registerFile(Buffer.alloc(1234), { fileName: 'school.xlsx' });
    const docCalls = await driver.send(documentMessage(anna, registered));
    expect(sentTexts(docCalls)).toEqual(['Получено 1234 байт']);

    await expect(
      driver.send(groupCommand(anna, '/start', undefined, { botUsername: 'kurator_test_bot' })),
    ).resolves.toHaveLength(2);
  });

  it('rejects send() with the handler error and the calls made before it', async () => {
    const bot = newBot();
    bot.on('message:text', async (ctx) => {
      await ctx.reply('начинаю');
      throw new Error('сломалось');
    });
    const driver = await createBotDriver(bot, tg);
    await expect(driver.send(textMessage(user(8), 'x'))).rejects.toMatchObject({
      message: expect.stringContaining('сломалось'),
    });
  });
});
