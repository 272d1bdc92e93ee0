import { describe, expect, it } from 'vitest';
import {
  generateInviteCode,
  hashInviteCode,
  inviteLink,
  inviteState,
  looksLikeInviteCode,
} from '../../../src/domain/invites/code.ts';

describe('invite codes', () => {
  it('carry 128 random bits in a form Telegram accepts as a /start payload', () => {
    const code = generateInviteCode();
    expect(Buffer.from(code, 'base64url')).toHaveLength(16);
    expect(code).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(looksLikeInviteCode(code)).toBe(true);
  });

  it('do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, generateInviteCode));
    expect(codes.size).toBe(1000);
  });

  it('are stored only as a hash that does not reveal them', () => {
    const code = generateInviteCode();
    const hash = hashInviteCode(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(code);
    expect(hashInviteCode(code)).toBe(hash);
  });

  it('reject garbage before any lookup', () => {
    expect(looksLikeInviteCode('hello')).toBe(false);
    expect(looksLikeInviteCode(`${'a'.repeat(22)};`)).toBe(false);
  });

  it('have a state: active, expired at the deadline, used, revoked', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const expiresAt = new Date('2026-11-25T12:00:00Z');
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe('active');
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt }, now)).toBe('expired');
    expect(inviteState({ usedAt: now, revokedAt: null, expiresAt }, now)).toBe('used');
    expect(inviteState({ usedAt: now, revokedAt: now, expiresAt }, now)).toBe('revoked');
  });

  it('make a t.me deep link', () => {
    expect(inviteLink('kurator_bot', 'abc')).toBe('https://t.me/kurator_bot?start=abc');
  });
});
