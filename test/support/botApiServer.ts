// A fake Telegram Bot API server over real HTTP, for tests that run the bot as it runs in
// production: grammY talks to it through `new Bot(token, { client: { apiRoot: tg.apiRoot } })`.
// It records every call at the HTTP level (calls made inside conversations bypass bot.api
// transformers, so this is the only place that sees them all), answers like the real server
// (Message objects, Bot API error shapes, long polling, file downloads) and rejects what the
// real server rejects (bad HTML, over-long texts, 64-byte callback data, "message is not modified").
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BotCommand, Chat, Message, Update, User } from 'grammy/types';
import type { Transformer } from 'grammy';
import { checkReplyMarkup, coerceFormField, mimeTypeOf, parseMultipart, renderText } from './botApiParsing.ts';

interface UploadedFile {
  /** Payload field that referenced the upload (`document`, `thumbnail`, `media`...). */
  field: string;
  filename: string;
  bytes: Buffer;
}

interface BotApiErrorParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

type BotApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: BotApiErrorParameters };

export interface BotApiCall {
  /** Increases by one per call for the life of the server; survives clear(). */
  seq: number;
  method: string;
  /** JSON body, or multipart/urlencoded fields with numbers, booleans and JSON objects restored. */
  payload: Record<string, any>;
  files?: UploadedFile[];
  /** Date.now() when the request arrived. */
  at: number;
  /** 'webhook-reply' for a method the bot returned in the body of a webhook response. */
  via: 'http' | 'webhook-reply';
  /** What the server answered; unset only while a getUpdates long poll is still waiting. */
  response?: BotApiResponse;
}

interface FailureSpec {
  error_code: number;
  description?: string;
  retry_after?: number;
  parameters?: BotApiErrorParameters;
}

interface RegisteredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  file_name: string;
  mime_type: string;
}

export interface BotApiServerOptions {
  /** Username returned by getMe; default `kurator_test_bot`. */
  botUsername?: string;
  botFirstName?: string;
  /** Bot id; also the part of the token before the colon. Default 7000000001. */
  botId?: number;
  /** Pause between webhook delivery attempts after a failure. Default 200 ms. */
  webhookRetryMs?: number;
  /**
   * Plays a local Bot API server (`telegram-bot-api --local`): files are kept in this folder and
   * getFile answers their absolute path on this machine, not a path to download over HTTP.
   */
  localFilesDir?: string;
}

export interface BotApiServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash: pass as `client.apiRoot`. */
  readonly apiRoot: string;
  /** The only token the server accepts; other tokens get 401 Unauthorized. */
  readonly token: string;
  readonly botInfo: User & { username: string };
  /** Every call in arrival order (live array; clear() empties it). */
  readonly calls: readonly BotApiCall[];
  callsOf(method: string): BotApiCall[];
  /** Forgets recorded calls; chats, messages, files, commands and queued updates stay. */
  clear(): void;
  /** Makes bytes downloadable through getFile + /file/bot<token>/<file_path>. */
  registerFile(
    bytes: Uint8Array,
    options?: { fileName?: string; mimeType?: string; fileSize?: number },
  ): RegisteredFile;
  /** Queues an update for getUpdates (or the webhook); assigns update_id when missing. */
  queueUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update;
  /** The next `times` calls of `method` answer with this error instead of running. */
  failNext(method: string, failure: FailureSpec, times?: number): void;
  /** Every later call addressed to this chat answers 403 "Forbidden: bot was blocked by the user". */
  blockBot(chatId: number, blocked?: boolean): void;
  /**
   * First call (already recorded or future) matching the predicate, once answered
   * (getUpdates: once it arrives). Rejects after timeoutMs (default 5000).
   */
  waitFor(predicate: (call: BotApiCall) => boolean, timeoutMs?: number): Promise<BotApiCall>;
  /**
   * Resolves when no Bot API call is in flight: none a tracked client has started (see
   * `tracker`) and no request the server is answering (long polls aside). Rejects after 10 s.
   * A call of an untracked client counts only once it has arrived.
   */
  idle(): Promise<void>;
  /**
   * A grammY API transformer that counts the client's calls from the moment they are made, so
   * `idle()` also waits for a fire-and-forget call that has not reached the server yet.
   * Install it with `bot.api.config.use(tg.tracker)`.
   */
  tracker: Transformer;
  /** The bot's messages in a chat as the user sees them now: edits applied, deleted ones gone. */
  messagesIn(chatId: number): Message[];
  /** Commands last set for a scope (default scope when omitted) and language. */
  myCommands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[];
  /** Teaches the server the chats and message ids of an update the bot handles directly. */
  observeUpdate(update: Update): void;
  close(): Promise<void>;
}

interface StoredFile extends RegisteredFile {
  bytes: Buffer;
}

interface StoredMessage {
  message: Message;
  deleted: boolean;
  /** What "message is not modified" compares: source text, parse mode and inline keyboard. */
  signature: string;
  hasText: boolean;
}

interface Poll {
  call: BotApiCall;
  limit: number;
  finish: (response: BotApiResponse) => void;
}

interface Webhook {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: string[];
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

type Handler = (
  payload: Record<string, any>,
  files: UploadedFile[],
  call: BotApiCall,
) => BotApiResponse | Promise<BotApiResponse>;

const DEFAULT_UPDATES_EXCLUDED = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);
const MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024;

const ok = (result: unknown): BotApiResponse => ({ ok: true, result });
const fail = (error_code: number, description: string, parameters?: BotApiErrorParameters): BotApiResponse =>
  parameters ? { ok: false, error_code, description, parameters } : { ok: false, error_code, description };
const badRequest = (what: string): BotApiResponse => fail(400, `Bad Request: ${what}`);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function defaultDescription(code: number, retryAfter?: number): string {
  switch (code) {
    case 400:
      return 'Bad Request';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden: bot was blocked by the user';
    case 404:
      return 'Not Found';
    case 409:
      return 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
    case 429:
      return `Too Many Requests: retry after ${retryAfter ?? 1}`;
    case 502:
      return 'Bad Gateway';
    default:
      return 'Internal Server Error';
  }
}

function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

export async function startBotApiServer(options: BotApiServerOptions = {}): Promise<BotApiServer> {
  const botId = options.botId ?? 7_000_000_001;
  const token = `${botId}:TEST-${randomBytes(12).toString('hex')}`;
  const botInfo = {
    id: botId,
    is_bot: true as const,
    first_name: options.botFirstName ?? 'Kurator (test)',
    username: options.botUsername ?? 'kurator_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const webhookRetryMs = options.webhookRetryMs ?? 200;

  const calls: BotApiCall[] = [];
  let seq = 0;
  let closed = false;
  /** requests the server is answering: from arrival until the response is written (long polls aside) */
  const inFlight = new Map<ServerResponse, string>();
  /** calls a tracked client has started and not yet seen answered */
  let started = 0;
  const idleWaiters = new Set<() => void>();
  /**
   * Wakes idle() waiters once nothing is in flight. Checked again after the microtasks the last
   * answer queued have run, so a client's `await api.a(); api.b()` is one busy stretch, not two.
   */
  const settle = (): void => {
    if (inFlight.size > 0 || started > 0 || idleWaiters.size === 0) return;
    setImmediate(() => {
      if (inFlight.size > 0 || started > 0) return;
      for (const wake of [...idleWaiters]) wake();
    });
  };
  const tracker: Transformer = async (prev, method, payload, signal) => {
    started += 1;
    try {
      return await prev(method, payload, signal);
    } finally {
      started -= 1;
      settle();
    }
  };
  const waiters = new Set<(call: BotApiCall) => void>();

  let queue: Update[] = [];
  let lastUpdateId = 0;
  let allowedUpdates: Set<string> | undefined;
  let poll: Poll | undefined;
  let webhook: Webhook | undefined;
  let pumping = false;

  const failures = new Map<string, FailureSpec[]>();
  const blocked = new Set<number>();
  const chats = new Map<number, Chat>();
  const messages = new Map<string, StoredMessage>();
  let lastMessageId = 0;
  const files = new Map<string, StoredFile>();
  const filesByPath = new Map<string, StoredFile>();
  let fileCounter = 0;
  const answeredQueries = new Set<string>();
  const commands = new Map<string, BotCommand[]>();

  const notify = (call: BotApiCall): void => {
    for (const waiter of [...waiters]) waiter(call);
  };

  // ---- chats and messages -------------------------------------------------------------

  function chatFor(chatId: unknown): Chat | undefined {
    if (typeof chatId === 'number' || (typeof chatId === 'string' && /^-?\d+$/.test(chatId))) {
      const id = Number(chatId);
      const known = chats.get(id);
      if (known) return known;
      if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
      if (id <= -1_000_000_000_000) return { id, type: 'supergroup', title: `Supergroup ${id}` };
      return { id, type: 'group', title: `Group ${id}` };
    }
    if (typeof chatId === 'string' && /^@\w{4,}$/.test(chatId)) {
      const existing = [...chats.values()].find((c) => 'username' in c && c.username === chatId.slice(1));
      if (existing) return existing;
      let hash = 0;
      for (const ch of chatId) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_000;
      const chat: Chat = {
        id: -1_000_000_000_000 - hash,
        type: 'channel',
        title: chatId.slice(1),
        username: chatId.slice(1),
      };
      chats.set(chat.id, chat);
      return chat;
    }
    return undefined;
  }

  const messageKey = (chatId: number, messageId: number): string => `${chatId}:${messageId}`;

  function nextMessageId(): number {
    lastMessageId += 1;
    return lastMessageId;
  }

  function storeMessage(message: Message, signature: string, hasText: boolean): Message {
    messages.set(messageKey(message.chat.id, message.message_id), { message, deleted: false, signature, hasText });
    return message;
  }

  function inlineMarkup(markup: unknown): Message['reply_markup'] | undefined {
    return typeof markup === 'object' && markup !== null && 'inline_keyboard' in markup
      ? (markup as Message['reply_markup'])
      : undefined;
  }

  function signatureOf(text: string | undefined, parseMode: unknown, markup: unknown): string {
    return JSON.stringify([text ?? null, parseMode ?? null, inlineMarkup(markup) ?? null]);
  }

  function baseMessage(chat: Chat, payload: Record<string, any>): Record<string, unknown> {
    const message: Record<string, unknown> = { message_id: nextMessageId(), from: botInfo, chat, date: nowSeconds() };
    if (typeof payload.message_thread_id === 'number') message.message_thread_id = payload.message_thread_id;
    const replyTo = payload.reply_parameters?.message_id ?? payload.reply_to_message_id;
    if (typeof replyTo === 'number') {
      const original = messages.get(messageKey(chat.id, replyTo));
      message.reply_to_message = original?.message ?? { message_id: replyTo, chat, date: nowSeconds() };
    }
    const markup = inlineMarkup(payload.reply_markup);
    if (markup) message.reply_markup = markup;
    return message;
  }

  /** Resolves chat_id + message_id of an edit; undefined message means "not tracked here". */
  function findEditTarget(
    payload: Record<string, any>,
    verb: 'edit' | 'delete',
  ): { chat: Chat; stored?: StoredMessage } | BotApiResponse {
    const chat = chatFor(payload.chat_id);
    if (!chat) return badRequest('chat_id is empty');
    if (typeof payload.message_id !== 'number') return badRequest('message identifier is not specified');
    const stored = messages.get(messageKey(chat.id, payload.message_id));
    if (stored?.deleted) return badRequest(`message to ${verb} not found`);
    return stored ? { chat, stored } : { chat };
  }

  // ---- files ---------------------------------------------------------------------------

  function storeFile(bytes: Uint8Array, fileName: string, mimeType: string, declaredSize?: number): StoredFile {
    fileCounter += 1;
    const folder = mimeType.startsWith('image/') ? 'photos' : 'documents';
    const ext = /\.([^.]+)$/.exec(fileName)?.[1] ?? 'dat';
    const stored: StoredFile = {
      file_id: `BQACAgIAAxkBAAI${fileCounter.toString().padStart(4, '0')}${randomBytes(8).toString('hex')}`,
      file_unique_id: `AgAD${fileCounter.toString().padStart(4, '0')}${randomBytes(3).toString('hex')}`,
      file_size: declaredSize ?? bytes.byteLength,
      file_path: `${folder}/file_${fileCounter}.${ext}`,
      file_name: fileName,
      mime_type: mimeType,
      bytes: Buffer.from(bytes),
    };
    files.set(stored.file_id, stored);
    filesByPath.set(stored.file_path, stored);
    if (options.localFilesDir) {
      const local = join(options.localFilesDir, stored.file_path);
      mkdirSync(dirname(local), { recursive: true });
      writeFileSync(local, stored.bytes);
      stored.file_path = local;
    }
    return stored;
  }

  const publicFile = ({ bytes: _bytes, ...file }: StoredFile): RegisteredFile => file;

  // ---- updates ------------------------------------------------------------------------

  function observeUpdate(update: Update): void {
    lastUpdateId = Math.max(lastUpdateId, update.update_id);
    const visit = (value: unknown, depth: number): void => {
      if (typeof value !== 'object' || value === null || depth > 4) return;
      const record = value as Record<string, unknown>;
      const chat = record.chat as Chat | undefined;
      if (chat && typeof chat.id === 'number' && typeof chat.type === 'string' && !chats.has(chat.id))
        chats.set(chat.id, chat);
      if (typeof record.message_id === 'number' && chat) lastMessageId = Math.max(lastMessageId, record.message_id);
      for (const nested of Object.values(record)) visit(nested, depth + 1);
    };
    visit(update, 0);
  }

  function isAllowed(update: Update): boolean {
    const type = updateType(update);
    return allowedUpdates ? allowedUpdates.has(type) : !DEFAULT_UPDATES_EXCLUDED.has(type);
  }

  function setAllowedUpdates(value: unknown): void {
    if (!Array.isArray(value)) return;
    allowedUpdates = value.length === 0 ? undefined : new Set(value.map(String));
  }

  function deliverToPoll(): void {
    if (!poll) return;
    queue = queue.filter(isAllowed);
    if (queue.length === 0) return;
    const current = poll;
    poll = undefined;
    current.finish(ok(queue.slice(0, current.limit)));
  }

  // ---- webhook delivery ---------------------------------------------------------------

  async function pumpWebhook(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (!closed && webhook && queue.length > 0) {
        const target = webhook;
        const update = queue[0]!;
        if (target.allowedUpdates && !target.allowedUpdates.includes(updateType(update))) {
          queue.shift();
          continue;
        }
        try {
          const response = await fetch(target.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(target.secretToken ? { 'x-telegram-bot-api-secret-token': target.secretToken } : {}),
            },
            body: JSON.stringify(update),
            signal: AbortSignal.timeout(10_000),
          });
          const body = await response.text();
          if (response.ok) {
            if (queue[0] === update) queue.shift();
            await runWebhookReply(body);
            continue;
          }
          target.lastErrorMessage = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
        } catch (error) {
          target.lastErrorMessage = `Connection failed: ${(error as Error).message}`;
        }
        target.lastErrorDate = nowSeconds();
        await sleep(webhookRetryMs);
      }
    } finally {
      pumping = false;
    }
  }

  async function runWebhookReply(body: string): Promise<void> {
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null || typeof (reply as { method?: unknown }).method !== 'string')
      return;
    const { method, ...payload } = reply as Record<string, any>;
    const call = record(method as string, payload, [], 'webhook-reply');
    call.response = await dispatch(call);
    notify(call);
  }

  // ---- methods ------------------------------------------------------------------------

  function sendText(payload: Record<string, any>): BotApiResponse {
    const chat = chatFor(payload.chat_id);
    if (!chat) return badRequest('chat_id is empty');
    const source = typeof payload.text === 'string' ? payload.text : '';
    const rendered = renderText(source, payload.parse_mode);
    if (!rendered.ok) return fail(400, rendered.description);
    if (rendered.text.trim() === '') return badRequest('message text is empty');
    if (rendered.text.length > 4096) return badRequest('message is too long');
    const markupError = checkReplyMarkup(payload.reply_markup);
    if (markupError) return fail(400, markupError);
    const message = { ...baseMessage(chat, payload), text: rendered.text } as unknown as Message;
    return ok(storeMessage(message, signatureOf(source, payload.parse_mode, payload.reply_markup), true));
  }

  function editText(payload: Record<string, any>): BotApiResponse {
    const source = typeof payload.text === 'string' ? payload.text : '';
    const rendered = renderText(source, payload.parse_mode);
    if (!rendered.ok) return fail(400, rendered.description);
    if (rendered.text.trim() === '') return badRequest('message text is empty');
    if (rendered.text.length > 4096) return badRequest('MESSAGE_TOO_LONG');
    const markupError = checkReplyMarkup(payload.reply_markup);
    if (markupError) return fail(400, markupError);
    if (typeof payload.inline_message_id === 'string') return ok(true);
    const target = findEditTarget(payload, 'edit');
    if ('ok' in target) return target;
    const signature = signatureOf(source, payload.parse_mode, payload.reply_markup);
    if (target.stored && !target.stored.hasText) return badRequest('there is no text in the message to edit');
    if (target.stored?.signature === signature) {
      return badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    // Like the real server: an edit without reply_markup removes the inline keyboard.
    const previous =
      target.stored?.message ??
      ({ message_id: payload.message_id, from: botInfo, chat: target.chat, date: nowSeconds() } as Message);
    const { reply_markup: _dropped, ...rest } = previous as Message & Record<string, unknown>;
    const markup = inlineMarkup(payload.reply_markup);
    const message = {
      ...rest,
      text: rendered.text,
      edit_date: nowSeconds(),
      ...(markup ? { reply_markup: markup } : {}),
    } as unknown as Message;
    return ok(storeMessage(message, signature, true));
  }

  function editMarkup(payload: Record<string, any>): BotApiResponse {
    const markupError = checkReplyMarkup(payload.reply_markup);
    if (markupError) return fail(400, markupError);
    if (typeof payload.inline_message_id === 'string') return ok(true);
    const target = findEditTarget(payload, 'edit');
    if ('ok' in target) return target;
    const markup = inlineMarkup(payload.reply_markup);
    const previous =
      target.stored?.message ??
      ({ message_id: payload.message_id, from: botInfo, chat: target.chat, date: nowSeconds(), text: '' } as Message);
    const old = JSON.parse(target.stored?.signature ?? '[null,null,null]') as [string | null, unknown, unknown];
    const signature = JSON.stringify([old[0], old[1], markup ?? null]);
    if (target.stored && target.stored.signature === signature) {
      return badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const { reply_markup: _dropped, ...rest } = previous as Message & Record<string, unknown>;
    const message = {
      ...rest,
      edit_date: nowSeconds(),
      ...(markup ? { reply_markup: markup } : {}),
    } as unknown as Message;
    return ok(storeMessage(message, signature, target.stored?.hasText ?? true));
  }

  function sendFileMessage(
    method: string,
    field: string,
    payload: Record<string, any>,
    uploads: UploadedFile[],
  ): BotApiResponse {
    const chat = chatFor(payload.chat_id);
    if (!chat) return badRequest('chat_id is empty');
    const reference = payload[field];
    let file: StoredFile | undefined;
    if (typeof reference === 'string' && reference.startsWith('attach://')) {
      const upload = uploads.find((u) => u.field === field);
      if (!upload) return badRequest(`file must be non-empty`);
      if (upload.bytes.byteLength === 0) return badRequest('file must be non-empty');
      file = storeFile(upload.bytes, upload.filename, mimeTypeOf(upload.filename));
    } else if (typeof reference === 'string' && /^https?:\/\//.test(reference)) {
      return badRequest('failed to get HTTP URL content');
    } else if (typeof reference === 'string') {
      file = files.get(reference);
      if (!file) return badRequest('wrong file identifier/HTTP URL specified');
    } else {
      return badRequest(`there is no ${field} in the request`);
    }
    const caption = typeof payload.caption === 'string' ? payload.caption : undefined;
    let captionText: string | undefined;
    if (caption !== undefined) {
      const rendered = renderText(caption, payload.parse_mode);
      if (!rendered.ok) return fail(400, rendered.description);
      if (rendered.text.length > 1024) return badRequest('message caption is too long');
      captionText = rendered.text;
    }
    const markupError = checkReplyMarkup(payload.reply_markup);
    if (markupError) return fail(400, markupError);
    const media =
      method === 'sendDocument'
        ? {
            file_id: file.file_id,
            file_unique_id: file.file_unique_id,
            file_name: file.file_name,
            mime_type: file.mime_type,
            file_size: file.file_size,
          }
        : { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size };
    const message = {
      ...baseMessage(chat, payload),
      [field]: field === 'photo' ? [media] : media,
      ...(captionText !== undefined ? { caption: captionText } : {}),
    } as unknown as Message;
    return ok(storeMessage(message, signatureOf(caption, payload.parse_mode, payload.reply_markup), false));
  }

  function scopeKey(scope: unknown, languageCode: unknown): string {
    const normalized = typeof scope === 'object' && scope !== null ? scope : { type: 'default' };
    const sorted = Object.fromEntries(Object.entries(normalized).sort(([a], [b]) => a.localeCompare(b)));
    return JSON.stringify([sorted, typeof languageCode === 'string' ? languageCode : '']);
  }

  const handlers: Record<string, Handler> = {
    getMe: () => ok(botInfo),
    logOut: () => ok(true),
    close: () => ok(true),

    getUpdates: (payload, _files, call) => {
      if (webhook)
        return fail(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
      const offset = typeof payload.offset === 'number' ? payload.offset : 0;
      if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
      else if (offset < 0) queue = queue.slice(offset);
      setAllowedUpdates(payload.allowed_updates);
      queue = queue.filter(isAllowed);
      const limit = Math.min(Math.max(typeof payload.limit === 'number' ? payload.limit : 100, 1), 100);
      const timeout = typeof payload.timeout === 'number' ? Math.max(payload.timeout, 0) : 0;
      if (poll) {
        const superseded = poll;
        poll = undefined;
        superseded.finish(fail(409, defaultDescription(409)));
      }
      if (queue.length > 0 || timeout === 0 || closed) return ok(queue.slice(0, limit));
      return new Promise<BotApiResponse>((resolve) => {
        const timer = setTimeout(() => {
          if (poll === current) poll = undefined;
          resolve(ok([]));
        }, timeout * 1000);
        const current: Poll = {
          call,
          limit,
          finish: (response) => {
            clearTimeout(timer);
            resolve(response);
          },
        };
        poll = current;
      });
    },

    setWebhook: (payload) => {
      const url = typeof payload.url === 'string' ? payload.url : '';
      if (url === '') {
        webhook = undefined;
        return ok(true);
      }
      if (!/^https?:\/\//.test(url)) return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      if (payload.drop_pending_updates === true) queue = [];
      webhook = {
        url,
        maxConnections: typeof payload.max_connections === 'number' ? payload.max_connections : 40,
        ...(typeof payload.secret_token === 'string' ? { secretToken: payload.secret_token } : {}),
        ...(Array.isArray(payload.allowed_updates) && payload.allowed_updates.length > 0
          ? { allowedUpdates: payload.allowed_updates.map(String) }
          : {}),
      };
      if (poll) {
        const pending = poll;
        poll = undefined;
        pending.finish(fail(409, 'Conflict: terminated by setWebhook request'));
      }
      void pumpWebhook();
      return ok(true);
    },
    deleteWebhook: (payload) => {
      webhook = undefined;
      if (payload.drop_pending_updates === true) queue = [];
      return ok(true);
    },
    getWebhookInfo: () =>
      ok({
        url: webhook?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: queue.length,
        ...(webhook
          ? {
              ip_address: '127.0.0.1',
              max_connections: webhook.maxConnections,
              ...(webhook.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
              ...(webhook.lastErrorDate !== undefined
                ? { last_error_date: webhook.lastErrorDate, last_error_message: webhook.lastErrorMessage }
                : {}),
            }
          : {}),
      }),

    setMyCommands: (payload) => {
      const list: unknown = payload.commands;
      if (!Array.isArray(list)) return badRequest('parameter "commands" is required');
      if (list.length > 100) return badRequest('BOT_COMMANDS_TOO_MUCH');
      for (const entry of list as Array<Record<string, unknown>>) {
        if (typeof entry.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command))
          return badRequest('BOT_COMMAND_INVALID');
        if (typeof entry.description !== 'string' || entry.description.length < 1 || entry.description.length > 256) {
          return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
        }
      }
      commands.set(
        scopeKey(payload.scope, payload.language_code),
        list.map((c: BotCommand) => ({ command: c.command, description: c.description })),
      );
      return ok(true);
    },
    deleteMyCommands: (payload) => {
      commands.delete(scopeKey(payload.scope, payload.language_code));
      return ok(true);
    },
    getMyCommands: (payload) => ok(commands.get(scopeKey(payload.scope, payload.language_code)) ?? []),

    sendMessage: (payload) => sendText(payload),
    editMessageText: (payload) => editText(payload),
    editMessageReplyMarkup: (payload) => editMarkup(payload),
    deleteMessage: (payload) => {
      const target = findEditTarget(payload, 'delete');
      if ('ok' in target) return target;
      if (target.stored) target.stored.deleted = true;
      else {
        const placeholder = {
          message_id: payload.message_id as number,
          chat: target.chat,
          date: nowSeconds(),
        } as Message;
        messages.set(messageKey(target.chat.id, placeholder.message_id), {
          message: placeholder,
          deleted: true,
          signature: '',
          hasText: false,
        });
      }
      return ok(true);
    },
    answerCallbackQuery: (payload) => {
      const id = payload.callback_query_id;
      if (typeof id !== 'string' || id === '') return badRequest('QUERY_ID_INVALID');
      if (answeredQueries.has(id))
        return badRequest('query is too old and response timeout expired or query ID is invalid');
      if (typeof payload.text === 'string' && payload.text.length > 200) return badRequest('MESSAGE_TOO_LONG');
      answeredQueries.add(id);
      return ok(true);
    },
    sendChatAction: (payload) => {
      if (!chatFor(payload.chat_id)) return badRequest('chat_id is empty');
      if (!CHAT_ACTIONS.has(String(payload.action))) return badRequest('wrong parameter action in request');
      return ok(true);
    },
    sendDocument: (payload, uploads) => sendFileMessage('sendDocument', 'document', payload, uploads),
    sendPhoto: (payload, uploads) => sendFileMessage('sendPhoto', 'photo', payload, uploads),

    getFile: (payload) => {
      const file = typeof payload.file_id === 'string' ? files.get(payload.file_id) : undefined;
      if (!file) return badRequest('invalid file_id');
      if (file.file_size > MAX_DOWNLOAD_SIZE) return badRequest('file is too big');
      return ok({
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_size: file.file_size,
        file_path: file.file_path,
      });
    },
  };
  const handlersByLowerName = new Map(Object.entries(handlers).map(([name, handler]) => [name.toLowerCase(), handler]));

  async function dispatch(call: BotApiCall): Promise<BotApiResponse> {
    const key = call.method.toLowerCase();
    const injected = failures.get(key);
    if (injected && injected.length > 0) {
      const failure = injected.shift()!;
      const parameters = {
        ...failure.parameters,
        ...(failure.retry_after !== undefined ? { retry_after: failure.retry_after } : {}),
      };
      return fail(
        failure.error_code,
        failure.description ?? defaultDescription(failure.error_code, failure.retry_after),
        Object.keys(parameters).length > 0 ? parameters : undefined,
      );
    }
    const chatId = call.payload.chat_id;
    if ((typeof chatId === 'number' || typeof chatId === 'string') && blocked.has(Number(chatId))) {
      return fail(403, 'Forbidden: bot was blocked by the user');
    }
    const handler = handlersByLowerName.get(key);
    if (handler) return handler(call.payload, call.files ?? [], call);
    // Unknown methods: record and agree. send* methods return a Message like the real ones.
    if (/^send/i.test(call.method)) {
      const chat = chatFor(chatId);
      if (!chat) return badRequest('chat_id is empty');
      return ok(storeMessage(baseMessage(chat, call.payload) as unknown as Message, '', false));
    }
    return ok(true);
  }

  function record(
    method: string,
    payload: Record<string, any>,
    uploads: UploadedFile[],
    via: BotApiCall['via'],
  ): BotApiCall {
    seq += 1;
    const call: BotApiCall = {
      seq,
      method,
      payload,
      at: Date.now(),
      via,
      ...(uploads.length > 0 ? { files: uploads } : {}),
    };
    calls.push(call);
    return call;
  }

  // ---- HTTP ---------------------------------------------------------------------------

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function parsePayload(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
  ): { payload: Record<string, any>; uploads: UploadedFile[] } {
    const payload: Record<string, any> = {};
    for (const [key, value] of url.searchParams) payload[key] = coerceFormField(key, value);
    const uploads: UploadedFile[] = [];
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json')) {
      const text = body.toString('utf8');
      if (text.trim() !== '') Object.assign(payload, JSON.parse(text) as Record<string, unknown>);
    } else if (contentType.startsWith('multipart/form-data')) {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
      const parts = parseMultipart(body, (boundary?.[1] ?? boundary?.[2] ?? '').trim());
      const fileParts = parts.filter((p) => p.filename !== undefined);
      for (const part of parts)
        if (part.filename === undefined) payload[part.name] = coerceFormField(part.name, part.data.toString('utf8'));
      const origins = new Map<string, string>();
      const findAttachments = (value: unknown, key: string): void => {
        if (typeof value === 'string' && value.startsWith('attach://'))
          origins.set(value.slice('attach://'.length), key);
        else if (Array.isArray(value)) value.forEach((v) => findAttachments(v, key));
        else if (typeof value === 'object' && value !== null)
          for (const [k, v] of Object.entries(value)) findAttachments(v, k === 'media' ? key : k);
      };
      for (const [key, value] of Object.entries(payload)) findAttachments(value, key);
      for (const part of fileParts)
        uploads.push({ field: origins.get(part.name) ?? part.name, filename: part.filename!, bytes: part.data });
    } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) payload[key] = coerceFormField(key, value);
    }
    return { payload, uploads };
  }

  function respond(res: ServerResponse, response: BotApiResponse): void {
    if (res.writableEnded || res.destroyed) return;
    const body = JSON.stringify(response);
    res.writeHead(response.ok ? 200 : response.error_code, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  }

  async function onMethod(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestToken: string,
    method: string,
  ): Promise<void> {
    const body = await readBody(req);
    if (requestToken !== token) return respond(res, fail(401, 'Unauthorized'));
    let parsed: ReturnType<typeof parsePayload>;
    try {
      parsed = parsePayload(req, url, body);
    } catch {
      return respond(res, badRequest("can't parse request JSON object"));
    }
    const call = record(method, parsed.payload, parsed.uploads, 'http');
    const isPoll = method.toLowerCase() === 'getupdates';
    if (isPoll) notify(call);
    const response = dispatch(call);
    if (isPoll) {
      // A client that gave up (bot.stop() aborts its poll) must not keep the slot.
      res.on('close', () => {
        if (!res.writableFinished && poll?.call === call) poll = undefined;
      });
    }
    call.response = await response;
    respond(res, call.response);
    if (!isPoll) notify(call);
  }

  function onFileDownload(res: ServerResponse, requestToken: string, filePath: string): void {
    const file = requestToken === token ? filesByPath.get(filePath) : undefined;
    if (!file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    res.writeHead(200, { 'content-type': file.mime_type, 'content-length': file.bytes.byteLength });
    res.end(file.bytes);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const methodMatch = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    const fileMatch = /^\/file\/bot([^/]+)\/(?:test\/)?(.+)$/.exec(url.pathname);
    // Every request counts until its response is written (or the client hangs up), except
    // getUpdates: a long poll waits by design.
    if (!(methodMatch && methodMatch[2]!.toLowerCase() === 'getupdates')) {
      inFlight.set(res, methodMatch?.[2] ?? url.pathname);
      res.on('close', () => {
        inFlight.delete(res);
        settle();
      });
    }
    if (methodMatch) {
      onMethod(req, res, url, decodeURIComponent(methodMatch[1]!), methodMatch[2]!).catch((error: unknown) => {
        respond(res, fail(500, `Internal Server Error: ${(error as Error).message}`));
      });
    } else if (fileMatch && req.method === 'GET') {
      onFileDownload(res, decodeURIComponent(fileMatch[1]!), decodeURIComponent(fileMatch[2]!));
    } else {
      respond(res, fail(404, 'Not Found'));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    get calls() {
      return calls;
    },
    callsOf: (method) => calls.filter((c) => c.method.toLowerCase() === method.toLowerCase()),
    clear: () => {
      calls.length = 0;
    },
    registerFile: (bytes, fileOptions = {}) => {
      const fileName = fileOptions.fileName ?? 'file.dat';
      return publicFile(storeFile(bytes, fileName, fileOptions.mimeType ?? mimeTypeOf(fileName), fileOptions.fileSize));
    },
    queueUpdate: (input) => {
      const update = { ...input, update_id: input.update_id ?? lastUpdateId + 1 } as Update;
      observeUpdate(update);
      queue.push(update);
      deliverToPoll();
      if (webhook) void pumpWebhook();
      return update;
    },
    failNext: (method, failure, times = 1) => {
      const key = method.toLowerCase();
      const list = failures.get(key) ?? [];
      for (let i = 0; i < times; i += 1) list.push(failure);
      failures.set(key, list);
    },
    blockBot: (chatId, isBlocked = true) => {
      if (isBlocked) blocked.add(chatId);
      else blocked.delete(chatId);
    },
    waitFor: (predicate, timeoutMs = 5000) =>
      new Promise<BotApiCall>((resolve, reject) => {
        const ready = (c: BotApiCall): boolean =>
          (c.response !== undefined || c.method.toLowerCase() === 'getupdates') && predicate(c);
        const existing = calls.find(ready);
        if (existing) return resolve(existing);
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          reject(new Error(`No matching Bot API call within ${timeoutMs} ms; calls so far: ${seen}`));
        }, timeoutMs);
        const waiter = (c: BotApiCall): void => {
          if (!ready(c)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(c);
        };
        waiters.add(waiter);
      }),
    tracker,
    idle: () =>
      new Promise<void>((resolve, reject) => {
        // Waits on the calls themselves, never on a quiet window: a call counts from the moment a
        // tracked client makes it, and from its arrival at the server for any other client, until
        // answered. Rejects after 10 s naming what is still in flight, so a bot that never stops
        // calling fails the test instead of hanging it.
        const timer = setTimeout(() => {
          idleWaiters.delete(wake);
          const busy = [...inFlight.values()].join(', ') || 'none at the server';
          reject(new Error(`Bot API calls still in flight after 10 s: ${busy}; client calls started: ${started}`));
        }, 10_000);
        const wake = (): void => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve();
        };
        idleWaiters.add(wake);
        settle();
      }),
    messagesIn: (chatId) =>
      [...messages.values()]
        .filter((m) => m.message.chat.id === chatId && !m.deleted)
        .map((m) => m.message)
        .sort((a, b) => a.message_id - b.message_id),
    myCommands: (scope, languageCode) => commands.get(scopeKey(scope, languageCode)) ?? [],
    observeUpdate,
    close: async () => {
      if (closed) return;
      closed = true;
      webhook = undefined;
      if (poll) {
        const pending = poll;
        poll = undefined;
        pending.finish(ok([]));
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
