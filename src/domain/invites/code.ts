/**
 * Invite codes: 128 random bits, written in base64url (22 characters, fits Telegram's /start
 * payload of [A-Za-z0-9_-]{1,64}); only their SHA-256 is stored, so a database leak gives no
 * working links.
 */
import { createHash, randomBytes } from 'node:crypto';

const INVITE_CODE_BYTES = 16;
const CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function generateInviteCode(): string {
  return randomBytes(INVITE_CODE_BYTES).toString('base64url');
}

export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A cheap format check before touching the database. */
export function looksLikeInviteCode(text: string): boolean {
  return CODE_PATTERN.test(text);
}

export type InviteState = 'active' | 'used' | 'expired' | 'revoked';

export function inviteState(
  invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InviteState {
  if (invite.revokedAt) return 'revoked';
  if (invite.usedAt) return 'used';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Throttling of wrong codes: at most `limit` failures per user in the sliding window. */
export const WRONG_CODE_LIMIT = { failures: 5, windowMs: 15 * 60_000 } as const;

export function inviteLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}
