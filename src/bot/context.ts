/**
 * The one typed context of the bot, and the slimmer one used inside conversations
 * (conversations v2 replay a function, so only plugins installed for them exist there).
 */
import type { Context, SessionFlavor } from 'grammy';
import type { Conversation, ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Logger } from 'pino';
import type { Person, Services } from '../services/index.ts';

export interface SessionData {
  /** Bumped when the shape changes; older sessions are dropped. */
  v: 1;
  /** A results file previewed and waiting for «Загрузить» / «Отмена». */
  pendingResults?: { fileId: string; fileName: string; token: string; onlyMine?: boolean };
  /** The form question on screen with live buttons: /pause removes them (issue 10). */
  formMessage?: number;
}

export interface BotDeps {
  services: Services;
  logger: Logger;
}

interface Extras {
  services: Services;
  logger: Logger;
  /** The registered person behind this update, null for strangers and channel posts. */
  person: Person | null;
}

export type BotContext = ConversationFlavor<Context & I18nFlavor & SessionFlavor<SessionData> & Extras>;

/** Inside conversations: i18n is installed as a conversation plugin; data comes via `external`. */
export type ConversationContext = Context & I18nFlavor;

export type BotConversation = Conversation<BotContext, ConversationContext>;
