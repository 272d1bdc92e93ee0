/**
 * createBot(deps): the whole bot as a value. It never starts itself: main.ts runs it (long
 * polling or webhook), tests feed it updates through a local Bot API server.
 */
import { Bot, lazySession, type BotConfig } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { conversations } from '@grammyjs/conversations';
import { sequentialize } from '@grammyjs/runner';
import { createKeyValueStore } from '../db/keyValueStore.ts';
import { createI18n } from '../i18n.ts';
import { NO_DELIVERY, type BotContext, type BotDeps, type ConversationContext, type SessionData } from './context.ts';
import { campaignsFeature } from './features/campaigns.ts';
import { digestFeature } from './features/digest.ts';
import { roadmapFeature } from './features/roadmap.ts';
import { calendarFeature } from './features/calendar.ts';
import { formsFeature, pauseCommand } from './features/forms.ts';
import { FORM_CONVERSATION } from './conversations/form.ts';
import { keepsFormOpen } from './filters/formCommands.ts';
import { helpFeature } from './features/help.ts';
import { historyFeature } from './features/history.ts';
import { templateFeature } from './features/template.ts';
import { identifyFeature } from './features/identify.ts';
import { statusFeature } from './features/status.ts';
import { reportFeature } from './features/report.ts';
import { inviteFeature } from './features/invite.ts';
import { schoolsFeature } from './features/schools.ts';
import { startFeature } from './features/start.ts';
import { unhandledFeature } from './features/unhandled.ts';
import { isRegistered, strangerAnswer } from './filters/registered.ts';
import { uploadFeature } from './features/upload.ts';
import { usersFeature } from './features/users.ts';
import { whoamiFeature } from './features/whoami.ts';
import { dedupeUpdates } from './middlewares/dedupe.ts';
import { errorBoundary, replyToError } from './middlewares/errorBoundary.ts';
import { loadPerson } from './middlewares/person.ts';
import { dropEmptyKeyboardRows } from './middlewares/keyboardRows.ts';
import { groupChatGate } from './filters/groupChats.ts';
import { updateLogger } from './middlewares/updateLogger.ts';

/** Bump when a conversation's steps change: older unfinished conversations are dropped. */
const CONVERSATIONS_VERSION = 2;
const SESSION_VERSION = 1;

export interface CreateBotOptions {
  token: string;
  apiRoot?: string;
  /** Skip getMe when the caller already knows the bot (tests, webhook cold starts). */
  botInfo?: BotConfig<BotContext>['botInfo'];
}

/** Per chat, or per user where there is no chat: one update of a chat at a time. */
function sequenceKey(ctx: { chat?: { id: number }; from?: { id: number } }): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}

export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    client: { apiRoot: options.apiRoot },
    botInfo: options.botInfo,
  });
  // 429 and 5xx: wait and retry (inside conversations too, see the conversation plugins below).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  bot.api.config.use(dropEmptyKeyboardRows);

  const { prisma } = deps.services.deps;
  const i18n = createI18n();

  bot.use(sequentialize(sequenceKey));
  bot.use(async (ctx, next) => {
    ctx.services = deps.services;
    ctx.logger = deps.logger;
    ctx.delivery = deps.delivery ?? NO_DELIVERY;
    ctx.person = null;
    await next();
  });
  bot.use(updateLogger());
  bot.use(i18n);
  bot.use(errorBoundary());
  bot.use(dedupeUpdates());
  // Read from the database only by the few handlers that await ctx.session (a results file
  // waiting for «Загрузить», the form question on screen); most updates never touch it.
  bot.use(
    lazySession<SessionData, BotContext>({
      initial: () => ({ v: SESSION_VERSION }),
      getSessionKey: (ctx) => sequenceKey(ctx),
      storage: createKeyValueStore<SessionData>(prisma, 'session'),
    }),
  );
  bot.use(loadPerson());
  // In groups only what is meant for a group (issue 10): nothing personal, no coordinator commands.
  bot.use(groupChatGate());
  bot.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: 'key',
        version: CONVERSATIONS_VERSION,
        prefix: '',
        getStorageKey: (ctx) => sequenceKey(ctx),
        adapter: createKeyValueStore(prisma, 'conversation'),
      },
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
          ctx.api.config.use(dropEmptyKeyboardRows);
          await next();
        },
        i18n,
      ],
    }),
  );

  // Commands that must work even in the middle of a conversation.
  bot.command('cancel', async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? 'cancelled' : 'nothing-to-cancel'));
  });
  bot.use(pauseCommand());
  bot.on('message:text').filter(
    (ctx) => ctx.message.text.startsWith('/') && Object.keys(ctx.conversation.active()).length > 0,
    async (ctx, next) => {
      // A look-up command (/help, /whoami…) keeps the form waiting for its answer (issue 10).
      if (keepsFormOpen(ctx)) return next();
      // Another command means the person moved on: leave the conversation, then run the command.
      const inForm = ctx.conversation.active(FORM_CONVERSATION) > 0;
      await ctx.conversation.exitAll();
      await next();
      // …and is told so, instead of a later answer meeting «Не понял» (issue 10) — unless the
      // command took them straight back into a form (/forms resumes where they stopped).
      if (inForm && ctx.conversation.active(FORM_CONVERSATION) === 0) await ctx.reply(ctx.t('forms-left-by-command'));
    },
  );

  // Group chats first: committee digests; other group traffic stops there (issue 13).
  bot.use(calendarFeature());
  bot.use(roadmapFeature());
  bot.use(digestFeature());
  bot.use(startFeature());
  // Everything below needs a registered person (ctx.person narrowed); strangers get one answer.
  const registered = bot.filter(isRegistered);
  registered.use(helpFeature());
  registered.use(whoamiFeature());
  registered.use(inviteFeature());
  registered.use(usersFeature());
  registered.use(schoolsFeature());
  registered.use(formsFeature());
  registered.use(campaignsFeature());
  registered.use(uploadFeature({ apiRoot: options.apiRoot ?? 'https://api.telegram.org' }));
  registered.use(identifyFeature());
  registered.use(historyFeature());
  registered.use(templateFeature());
  registered.use(statusFeature());
  registered.use(reportFeature());
  registered.use(unhandledFeature());
  bot.use(strangerAnswer());

  bot.catch(async (error) => {
    await replyToError(error.ctx, error.error);
  });
  return bot;
}
