import type { NextFunction } from 'grammy';
import type { BotContext } from '../context.ts';

/** Loads who is writing (role and scope) once per update. */
export function loadPerson() {
  return async (ctx: BotContext, next: NextFunction) => {
    ctx.person = ctx.from && !ctx.from.is_bot ? await ctx.services.people.find(ctx.from) : null;
    await next();
  };
}
