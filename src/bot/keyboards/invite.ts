import { InlineKeyboard } from 'grammy';
import type { Role } from '../../domain/access/policy.ts';
import { inviteCancelData, inviteRevokeData, inviteRoleData, inviteScopeData } from '../../callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

export function roleKeyboard(t: Translate, roles: readonly Role[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const role of roles) keyboard.text(t('role-name', { role }), inviteRoleData.pack({ role })).row();
  return keyboard.text(t('invite-cancel-button'), inviteCancelData.pack({}));
}

/** Whole region first, then the municipalities by index (names can exceed 64 bytes of callback data). */
export function municipalityKeyboard(t: Translate, municipalities: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(t('invite-scope-region'), inviteScopeData.pack({ scope: 'region' })).row();
  municipalities.forEach((name, index) => keyboard.text(name, inviteScopeData.pack({ scope: index })).row());
  return keyboard.text(t('invite-cancel-button'), inviteCancelData.pack({}));
}

/** Buttons carry the invite's id; their text shows the number people read. */
export function revokeKeyboard(
  t: Translate,
  invites: readonly { id: number; number: number }[],
): InlineKeyboard | undefined {
  if (invites.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  invites.forEach(({ id, number }, index) => {
    keyboard.text(t('invite-revoke-button', { id: number }), inviteRevokeData.pack({ id }));
    if (index % 2 === 1) keyboard.row();
  });
  return keyboard;
}
