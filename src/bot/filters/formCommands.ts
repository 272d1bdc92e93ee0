/**
 * Commands that only look something up: typed in the middle of a form they are answered and the
 * form keeps waiting for its answer (issue 10: a command used to end the form silently).
 */
import type { Context } from 'grammy';
import { FORM_CONVERSATION } from '../conversations/form.ts';
import type { BotContext } from '../context.ts';

const LOOK_UP_COMMANDS: readonly string[] = ['help', 'whoami', 'template', 'status', 'history'];

export function keepsFormOpen(ctx: BotContext): boolean {
  if (ctx.conversation.active(FORM_CONVERSATION) === 0) return false;
  const name = commandName(ctx);
  return name !== null && LOOK_UP_COMMANDS.includes(name);
}

function commandName(ctx: Context): string | null {
  const match = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(ctx.message?.text ?? '');
  return match ? match[1]!.toLowerCase() : null;
}
