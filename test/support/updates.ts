// Builders for the updates Telegram sends, shaped like the real ones (entities for commands,
// private chat = user id, callback queries carry the message with the keyboard).
// update_id and message_id increase across all builders of a test file.
import type { Chat, Document, Message, MessageEntity, Update, User } from 'grammy/types';

type UpdateMessage = NonNullable<Update['message']>;

let lastUpdateId = 0;
let lastMessageId = 0;
let lastCallbackId = 0;

const nextUpdateId = (): number => (lastUpdateId += 1);
const nextMessageId = (): number => (lastMessageId += 1);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Placeholder author of bot messages in synthesized callback queries. */
const SOME_BOT: User = { id: 7_000_000_001, is_bot: true, first_name: 'Kurator (test)', username: 'kurator_test_bot' };

export function user(id: number, firstName = `User${id}`, extra: Partial<User> = {}): User {
  return { id, is_bot: false, first_name: firstName, language_code: 'ru', ...extra };
}

export function privateChat(of: User): Chat.PrivateChat {
  return {
    id: of.id,
    type: 'private',
    first_name: of.first_name,
    ...(of.last_name ? { last_name: of.last_name } : {}),
    ...(of.username ? { username: of.username } : {}),
  };
}

/** A basic group; ids of basic groups are small negative numbers. */
export function groupChat(id = -4_000_000_001, title = 'Тестовая группа'): Chat.GroupChat {
  return { id, type: 'group', title };
}

/** A supergroup; ids start with -100. */
export function supergroupChat(id = -1_001_000_000_001, title = 'Тестовая супергруппа'): Chat.SupergroupChat {
  return { id, type: 'supergroup', title };
}

interface MessageOptions {
  /** Defaults to the private chat with the sender. */
  chat?: Chat;
  /** The message this one replies to. */
  replyTo?: Message;
}

function baseMessage(from: User, options: MessageOptions): Message {
  return {
    message_id: nextMessageId(),
    from,
    chat: options.chat ?? privateChat(from),
    date: nowSeconds(),
    ...(options.replyTo ? { reply_to_message: options.replyTo as Message['reply_to_message'] } : {}),
  } as Message;
}

export function textMessage(from: User, text: string, options: MessageOptions = {}): Update {
  return { update_id: nextUpdateId(), message: { ...baseMessage(from, options), text } as UpdateMessage };
}

/**
 * `/command payload` with the bot_command entity grammY's command filter needs.
 * `botUsername` appends `@username`, as Telegram clients do in groups.
 */
export function command(
  from: User,
  name: string,
  payload?: string,
  options: MessageOptions & { botUsername?: string } = {},
): Update {
  const head = (name.startsWith('/') ? name : `/${name}`) + (options.botUsername ? `@${options.botUsername}` : '');
  const text = payload !== undefined && payload !== '' ? `${head} ${payload}` : head;
  const entities: MessageEntity[] = [{ type: 'bot_command', offset: 0, length: head.length }];
  return { update_id: nextUpdateId(), message: { ...baseMessage(from, options), text, entities } as UpdateMessage };
}

export function groupTextMessage(from: User, text: string, chat: Chat = groupChat()): Update {
  return textMessage(from, text, { chat });
}

export function groupCommand(
  from: User,
  name: string,
  payload?: string,
  options: { chat?: Chat; botUsername?: string } = {},
): Update {
  return command(from, name, payload, {
    chat: options.chat ?? groupChat(),
    ...(options.botUsername ? { botUsername: options.botUsername } : {}),
  });
}

/**
 * A press on an inline button. `message` is the bot's message that carried the keyboard
 * (e.g. `call.response.result` of the sendMessage, or `tg.messagesIn(chatId).at(-1)`);
 * without it a bot message in the private chat is made up.
 */
export function callbackQuery(
  from: User,
  data: string,
  options: { message?: Message; chatInstance?: string } = {},
): Update {
  lastCallbackId += 1;
  const message =
    options.message ??
    ({
      message_id: nextMessageId(),
      from: SOME_BOT,
      chat: privateChat(from),
      date: nowSeconds(),
      text: '…',
    } as Message);
  return {
    update_id: nextUpdateId(),
    callback_query: {
      id: `${from.id}${String(lastCallbackId).padStart(6, '0')}`,
      from,
      message: message as NonNullable<Update['callback_query']>['message'],
      chat_instance: options.chatInstance ?? `ci${message.chat.id}`,
      data,
    },
  };
}

export interface DocumentInput {
  file_id: string;
  file_unique_id?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/** A file sent by the user; pass what `tg.registerFile` returned so the bot can download it. */
export function documentMessage(
  from: User,
  file: DocumentInput,
  options: MessageOptions & { caption?: string } = {},
): Update {
  const document: Document = {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id ?? `u${file.file_id.slice(-8)}`,
    ...(file.file_name !== undefined ? { file_name: file.file_name } : {}),
    ...(file.mime_type !== undefined ? { mime_type: file.mime_type } : {}),
    ...(file.file_size !== undefined ? { file_size: file.file_size } : {}),
  };
  return {
    update_id: nextUpdateId(),
    message: {
      ...baseMessage(from, options),
      document,
      ...(options.caption !== undefined ? { caption: options.caption } : {}),
    } as UpdateMessage,
  };
}

type MemberStatus = 'member' | 'kicked' | 'left' | 'administrator';

/**
 * The bot's own membership changed: `kicked` in a private chat means the user blocked the bot,
 * `member` in a group means someone added it.
 */
export function myChatMember(
  from: User,
  chat: Chat,
  oldStatus: MemberStatus,
  newStatus: MemberStatus,
  bot: User = SOME_BOT,
): Update {
  const member = (status: MemberStatus) =>
    status === 'kicked'
      ? { status, user: bot, until_date: 0 }
      : status === 'administrator'
        ? {
            status,
            user: bot,
            can_be_edited: false,
            is_anonymous: false,
            can_manage_chat: true,
            can_delete_messages: true,
            can_manage_video_chats: false,
            can_restrict_members: false,
            can_promote_members: false,
            can_change_info: false,
            can_invite_users: true,
            can_post_stories: false,
            can_edit_stories: false,
            can_delete_stories: false,
          }
        : { status, user: bot };
  return {
    update_id: nextUpdateId(),
    my_chat_member: {
      chat,
      from,
      date: nowSeconds(),
      old_chat_member: member(oldStatus),
      new_chat_member: member(newStatus),
    } as NonNullable<Update['my_chat_member']>,
  };
}
