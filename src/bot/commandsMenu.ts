/** The command menu a person sees depends on their role (setMyCommands with a chat scope). */
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { retryInBackground } from '../delivery/startup.ts';
import type { Role } from '../domain/access/policy.ts';
import { t } from '../i18n.ts';

// An administrator sees what a region-wide coordinator sees.
const COORDINATOR_COMMANDS = [
  'help',
  'invite',
  'invites',
  'users',
  'schools',
  'identify',
  'status',
  'report',
  'history',
  'roadmap',
  'digest',
  'template',
  'campaigns',
  'launch',
  'whoami',
  'cancel',
];

const COMMANDS_BY_ROLE: Record<Role | 'guest', string[]> = {
  guest: ['start', 'help'],
  admin: COORDINATOR_COMMANDS,
  coordinator: COORDINATOR_COMMANDS,
  committee: ['help', 'schools', 'identify', 'status', 'report', 'history', 'campaigns', 'whoami'],
  director: ['help', 'forms', 'status', 'roadmap', 'pause', 'invite', 'whoami', 'cancel'],
};

function commandsFor(role: Role | 'guest') {
  return COMMANDS_BY_ROLE[role].map((command) => ({ command, description: t(`cmd-${command}`) }));
}

export async function setDefaultCommands(api: Api): Promise<void> {
  await api.setMyCommands(commandsFor('guest'), { scope: { type: 'default' } });
}

/** A person's menu after /start: tried once now, then retried in the background on failure. */
export async function updateChatCommands(api: Api, chatId: number, role: Role, logger: Logger): Promise<void> {
  await retryInBackground('setMyCommands(chat)', () => setCommandsForChat(api, chatId, role), logger);
}

export async function setCommandsForChat(api: Api, chatId: number, role: Role): Promise<void> {
  await api.setMyCommands(commandsFor(role), { scope: { type: 'chat', chat_id: chatId } });
}
