/**
 * /invite: role → scope → one-time link. Every database touch runs in `conversation.external`
 * and returns plain JSON, because conversations replay this function on each update.
 */
import { AccessDeniedError, type Role } from '../../domain/access/policy.ts';
import type { InviteScopeRequest } from '../../services/invites.ts';
import { UserError } from '../../services/errors.ts';
import { inviteLink } from '../../domain/invites/code.ts';
import { inviteCancelData, inviteRoleData, inviteScopeData } from '../../callbackData.ts';
import type { RegisteredConversation, ConversationContext } from '../context.ts';
import { municipalityKeyboard, roleKeyboard } from '../keyboards/invite.ts';
import { formatDate } from '../format.ts';

export const INVITE_CONVERSATION = 'invite';
const SCHOOL_CODE_ATTEMPTS = 3;

const ROLES_TO_INVITE: Record<Role, Role[]> = {
  admin: ['coordinator', 'committee', 'director'],
  coordinator: ['coordinator', 'committee', 'director'],
  committee: [],
  director: ['director'],
};

type CreateOutcome =
  | { ok: true; code: string; expiresAt: string; scopeLabel: string }
  | { ok: false; key: string; params: Record<string, string | number> };

export async function inviteConversation(conversation: RegisteredConversation, ctx: ConversationContext) {
  const me = await conversation.external(async (outside) => {
    const person = outside.person;
    const municipalities =
      person.scope.kind === 'all' || person.scope.kind === 'region'
        ? (
            await outside.services.schools.municipalities({
              userId: person.userId,
              role: person.role,
              scope: person.scope,
            })
          ).map((m: { name: string }) => m.name)
        : [];
    return { role: person.role, scopeKind: person.scope.kind, municipalities };
  });

  const roles = ROLES_TO_INVITE[me.role];
  if (roles.length === 0) {
    await ctx.reply(ctx.t('access-denied'));
    return;
  }
  let role = roles[0]!;
  if (roles.length > 1) {
    await ctx.reply(ctx.t('invite-ask-role'), { reply_markup: roleKeyboard(ctx.t, roles) });
    const choice = await conversation.waitForCallbackQuery([inviteRoleData.exact, inviteCancelData.exact], {
      otherwise: (other) => other.reply(other.t('invite-ask-role-hint')),
    });
    await choice.answerCallbackQuery();
    const picked = inviteRoleData.unpack(choice.callbackQuery.data);
    if (!picked) {
      await choice.editMessageText(choice.t('cancelled'));
      return;
    }
    role = picked.role;
    if (!roles.includes(role)) return;
    await choice.editMessageReplyMarkup();
  }

  let scope: InviteScopeRequest | null = null;
  if (role === 'director') {
    if (me.scopeKind === 'school') {
      scope = { kind: 'school', code: await conversation.external((outside) => outside.person.where.school!.code) };
    }
  } else if (me.scopeKind === 'municipality') {
    scope = {
      kind: 'municipality',
      name: await conversation.external((outside) => outside.person.where.municipality!),
    };
  } else {
    await ctx.reply(ctx.t('invite-ask-scope', { roleName: ctx.t('role-name', { role }) }), {
      reply_markup: municipalityKeyboard(ctx.t, me.municipalities),
    });
    const choice = await conversation.waitForCallbackQuery([inviteScopeData.exact, inviteCancelData.exact], {
      otherwise: (other) => other.reply(other.t('invite-ask-scope-hint')),
    });
    await choice.answerCallbackQuery();
    const picked = inviteScopeData.unpack(choice.callbackQuery.data);
    if (!picked) {
      await choice.editMessageText(choice.t('cancelled'));
      return;
    }
    await choice.editMessageReplyMarkup();
    if (picked.scope === 'region') scope = { kind: 'region' };
    else {
      const name = me.municipalities[picked.scope];
      if (name === undefined) return;
      scope = { kind: 'municipality', name };
    }
  }

  const create = (request: InviteScopeRequest) =>
    conversation.external(async (outside): Promise<CreateOutcome> => {
      const person = outside.person;
      try {
        const invite = await outside.services.invites.create(
          { userId: person.userId, role: person.role, scope: person.scope },
          { role, scope: request },
        );
        return { ok: true, code: invite.code, expiresAt: invite.expiresAt, scopeLabel: invite.scopeLabel };
      } catch (error) {
        if (error instanceof UserError) return { ok: false, key: error.key, params: error.params };
        if (error instanceof AccessDeniedError) return { ok: false, key: 'invite-forbidden', params: {} };
        throw error;
      }
    });

  let outcome: CreateOutcome;
  if (scope) {
    outcome = await create(scope);
    if (!outcome.ok) {
      await ctx.reply(ctx.t(outcome.key, outcome.params));
      return;
    }
  } else {
    await ctx.reply(ctx.t('invite-ask-school'));
    let attempt = 0;
    do {
      attempt++;
      const answer = await conversation.waitFor('message:text', {
        otherwise: (other) => other.reply(other.t('invite-ask-school-hint')),
      });
      const code = answer.message.text.trim();
      outcome = await create({ kind: 'school', code });
      if (!outcome.ok) {
        const retryable = outcome.key === 'invite-unknown-school' || outcome.key === 'invite-forbidden';
        if (!retryable) {
          await answer.reply(answer.t(outcome.key, outcome.params));
          return;
        }
        if (attempt === SCHOOL_CODE_ATTEMPTS) {
          await answer.reply(answer.t('invite-gave-up'));
          return;
        }
        await answer.reply(answer.t('invite-ask-school-again', { code }));
      }
    } while (!outcome.ok);
  }
  await ctx.reply(
    ctx.t('invite-created', {
      roleName: ctx.t('role-name', { role }),
      scope: outcome.scopeLabel,
      expires: formatDate(outcome.expiresAt),
      link: inviteLink(ctx.me.username, outcome.code),
    }),
    { link_preview_options: { is_disabled: true } },
  );
}
