import { randomBytes } from 'node:crypto';
import type { NextFunction } from 'grammy';
import { AccessDeniedError } from '../../domain/access/policy.ts';
import { UserError } from '../../services/errors.ts';
import type { BotContext } from '../context.ts';

/**
 * Errors never reach the user as a stack trace. A refusal (UserError, access denied) is shown
 * as its message; anything else gets a short apology with an incident id that the log holds
 * together with the stack.
 */
export function errorBoundary() {
  return async (ctx: BotContext, next: NextFunction) => {
    try {
      await next();
    } catch (error) {
      await replyToError(ctx, error);
    }
  };
}

export async function replyToError(ctx: BotContext, error: unknown): Promise<void> {
  if (error instanceof UserError) {
    await safeReply(ctx, ctx.t(error.key, error.params));
    return;
  }
  if (error instanceof AccessDeniedError) {
    await safeReply(ctx, ctx.t('access-denied'));
    return;
  }
  const incident = randomBytes(4).toString('hex');
  ctx.logger.error({ err: error, incident }, 'update failed');
  await safeReply(ctx, ctx.t('error-incident', { incident }));
}

async function safeReply(ctx: BotContext, text: string) {
  if (!ctx.chat) return;
  try {
    await ctx.reply(text);
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, 'could not tell the user about an error');
  }
}
