/**
 * The one typed context of the bot, and the slimmer one used inside conversations
 * (conversations v2 replay a function, so only plugins installed for them exist there).
 */
import type { Context, LazySessionFlavor } from 'grammy';
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

/** The outbox and follow-up jobs as the bot sees them (src/delivery wires them in main.ts). */
export interface BotDelivery {
  /** rows were queued: deliver them (production: wakes the sender and returns at once) */
  kick(): Promise<void>;
  /** a commit recorded follow-up jobs (identification rerun): run them, then deliver */
  afterCommit(): Promise<void>;
}

export const NO_DELIVERY: BotDelivery = { kick: async () => undefined, afterCommit: async () => undefined };

export interface BotDeps {
  services: Services;
  logger: Logger;
  delivery?: BotDelivery;
}

interface Extras {
  services: Services;
  logger: Logger;
  delivery: BotDelivery;
  /** The registered person behind this update, null for strangers and channel posts. */
  person: Person | null;
}

export type BotContext = ConversationFlavor<Context & I18nFlavor & LazySessionFlavor<SessionData> & Extras>;

/** Inside conversations: i18n is installed as a conversation plugin; data comes via `external`. */
export type ConversationContext = Context & I18nFlavor;

/** The context behind the registered filter (filters/registered.ts): `person` is never null. */
export type RegisteredContext = BotContext & { person: Person };

/** A conversation entered only behind that filter: `conversation.external` sees the person. */
export type RegisteredConversation = Conversation<RegisteredContext, ConversationContext>;
