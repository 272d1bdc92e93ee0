/**
 * Onboarding by invite links (issue #2 §4): single-use, hashed, expiring, revocable codes
 * for a role and a scope; wrong codes are throttled per Telegram user.
 */
import { assertCanInvite, type Actor, type Role, type Scope } from '../domain/access/policy.ts';
import {
  WRONG_CODE_LIMIT,
  generateInviteCode,
  hashInviteCode,
  inviteState,
  looksLikeInviteCode,
  type InviteState,
} from '../domain/invites/code.ts';
import type { Prisma } from '../db/client.ts';
import { schoolCodeOfQuery } from '../domain/schools/school.ts';
import type { ServiceDeps } from './deps.ts';
import { audit } from './audit.ts';
import { nextInviteNumber } from './visibleNumbers.ts';
import { UserError } from './errors.ts';
import { findPerson, type Person, type TelegramPerson } from './people.ts';
import { scopeFilters } from './scope.ts';
import { ensureRegion, findMunicipality } from './territory.ts';

/** Where an invite points, as a person names it. */
export type InviteScopeRequest =
  | { kind: 'all' }
  | { kind: 'region' }
  | { kind: 'municipality'; name: string }
  | { kind: 'school'; code: string };

export interface CreatedInvite {
  id: number;
  /** the number people see (per territory, see visibleNumbers.ts) */
  number: number;
  code: string;
  role: Role;
  expiresAt: string;
  scopeLabel: string;
}

async function resolveScope(
  deps: ServiceDeps,
  request: InviteScopeRequest,
): Promise<{
  scope: Scope;
  label: string;
  columns: { regionId: number | null; municipalityId: number | null; schoolId: number | null };
}> {
  const regionId = await ensureRegion(deps);
  switch (request.kind) {
    case 'all':
      return {
        scope: { kind: 'all' },
        label: deps.settings.regionName,
        columns: { regionId, municipalityId: null, schoolId: null },
      };
    case 'region':
      return {
        scope: { kind: 'region', regionId },
        label: deps.settings.regionName,
        columns: { regionId, municipalityId: null, schoolId: null },
      };
    case 'municipality': {
      const municipality = await findMunicipality(deps.prisma, regionId, request.name);
      if (!municipality) throw new UserError('invite-unknown-municipality', { name: request.name });
      return {
        scope: { kind: 'municipality', regionId, municipalityId: municipality.id },
        label: municipality.name,
        columns: { regionId, municipalityId: municipality.id, schoolId: null },
      };
    }
    case 'school': {
      const school = await deps.prisma.school.findUnique({
        where: { code: schoolCodeOfQuery(request.code) },
        include: { municipality: true },
      });
      if (!school) throw new UserError('invite-unknown-school', { code: request.code });
      return {
        scope: {
          kind: 'school',
          regionId: school.municipality.regionId,
          municipalityId: school.municipalityId,
          schoolId: school.id,
        },
        label: `${school.shortName || school.fullName} (${school.code})`,
        columns: { regionId, municipalityId: school.municipalityId, schoolId: school.id },
      };
    }
  }
}

export async function createInvite(
  deps: ServiceDeps,
  actor: Actor,
  request: { role: Role; scope: InviteScopeRequest; ttlDays?: number },
): Promise<CreatedInvite> {
  const { scope, label, columns } = await resolveScope(deps, request.scope);
  assertCanInvite(actor, request.role, scope);
  const code = generateInviteCode();
  const ttlDays = request.ttlDays ?? deps.settings.inviteTtlDays;
  const expiresAt = new Date(deps.now().getTime() + ttlDays * 86_400_000);
  const territoryId = columns.municipalityId ?? 0;
  const invite = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        territoryId,
        number: await nextInviteNumber(tx, territoryId),
        codeHash: hashInviteCode(code),
        role: request.role,
        regionId: columns.regionId,
        municipalityId: request.role === 'director' ? null : columns.municipalityId,
        schoolId: columns.schoolId,
        createdById: actor.userId,
        createdAt: deps.now(),
        expiresAt,
      },
    });
    await audit(tx, actor, {
      action: 'invite.create',
      entity: 'Invite',
      entityId: created.id,
      after: { ...created, codeHash: undefined },
    });
    return created;
  });
  return {
    id: invite.id,
    number: invite.number ?? invite.id,
    code,
    role: request.role,
    expiresAt: expiresAt.toISOString(),
    scopeLabel: label,
  };
}

/** What a link would make of the person who opens it. */
export interface OfferedPlace {
  role: Role;
  where: Person['where'];
}

/** The person who made the link, to be told what became of it. */
export interface InviterNote {
  telegramId: number;
}

export type RedeemResult =
  | {
      ok: true;
      person: Person;
      alreadyMember: boolean;
      /** the role and place before, when the link changed them */
      previous: Person | null;
      /** true when the person already had exactly this role and place: nothing changed, the link stays unused */
      unchanged?: boolean;
      inviter: InviterNote | null;
    }
  | { ok: false; reason: RedeemRefusal }
  /** a registered person: the change must be confirmed first (nothing is written yet) */
  | { ok: false; reason: 'confirm'; current: Person; offered: OfferedPlace }
  /** a coordinator or committee member is never demoted by a click; the link stays unused */
  | { ok: false; reason: 'demotion'; current: Person; offered: OfferedPlace; inviter: InviterNote | null };
export type RedeemRefusal = 'throttled' | 'unknown' | 'used' | 'expired' | 'revoked';

/** Coordinator > committee > director: a link may not lower a person's rank (issue 10). */
const RANK: Record<Role, number> = { admin: 4, coordinator: 3, committee: 2, director: 1 };

async function recordFailure(deps: ServiceDeps, telegramId: number): Promise<void> {
  await deps.prisma.inviteFailure.create({ data: { telegramId: BigInt(telegramId), at: deps.now() } });
}

type InviteRow = NonNullable<Awaited<ReturnType<ServiceDeps['prisma']['invite']['findUnique']>>>;

async function offeredPlace(deps: ServiceDeps, invite: InviteRow): Promise<OfferedPlace> {
  const region = invite.regionId ? await deps.prisma.region.findUnique({ where: { id: invite.regionId } }) : null;
  if (invite.schoolId) {
    const school = await deps.prisma.school.findUnique({
      where: { id: invite.schoolId },
      include: { municipality: { include: { region: true } } },
    });
    return {
      role: invite.role,
      where: {
        region: school?.municipality.region.name ?? null,
        municipality: school?.municipality.name ?? null,
        school: school ? { code: school.code, name: school.shortName || school.fullName } : null,
      },
    };
  }
  if (invite.municipalityId) {
    const municipality = await deps.prisma.municipality.findUnique({ where: { id: invite.municipalityId } });
    return {
      role: invite.role,
      where: { region: region?.name ?? null, municipality: municipality?.name ?? null, school: null },
    };
  }
  return { role: invite.role, where: { region: region?.name ?? null, municipality: null, school: null } };
}

async function inviterOf(deps: ServiceDeps, invite: InviteRow): Promise<InviterNote | null> {
  if (!invite.createdById) return null;
  const inviter = await deps.prisma.user.findUnique({ where: { id: invite.createdById } });
  return inviter ? { telegramId: Number(inviter.telegramId) } : null;
}

const samePlace = (person: Person, offered: OfferedPlace): boolean =>
  person.role === offered.role &&
  person.where.school?.code === offered.where.school?.code &&
  person.where.municipality === offered.where.municipality;

/** An active invite behind a code, or the refusal (wrong codes are counted for throttling). */
async function activeInvite(
  deps: ServiceDeps,
  from: TelegramPerson,
  code: string,
): Promise<{ ok: true; invite: InviteRow } | { ok: false; reason: RedeemRefusal }> {
  const now = deps.now();
  const recentFailures = await deps.prisma.inviteFailure.count({
    where: { telegramId: BigInt(from.id), at: { gt: new Date(now.getTime() - WRONG_CODE_LIMIT.windowMs) } },
  });
  if (recentFailures >= WRONG_CODE_LIMIT.failures) return { ok: false, reason: 'throttled' };

  const invite = looksLikeInviteCode(code)
    ? await deps.prisma.invite.findUnique({ where: { codeHash: hashInviteCode(code) } })
    : null;
  if (!invite) {
    await recordFailure(deps, from.id);
    return { ok: false, reason: 'unknown' };
  }
  const state = inviteState(invite, now);
  if (state !== 'active') {
    await recordFailure(deps, from.id);
    return { ok: false, reason: state };
  }
  return { ok: true, invite };
}

/**
 * /start <code>: registers the person with the invite's role and scope. Someone already
 * registered is never changed silently (issue 10): without `confirmed` they get 'confirm'
 * with what the link would change; a coordinator or committee member is never demoted.
 */
export async function redeemInvite(
  deps: ServiceDeps,
  from: TelegramPerson,
  code: string,
  options: { confirmed?: boolean } = {},
): Promise<RedeemResult> {
  const now = deps.now();
  const found = await activeInvite(deps, from, code);
  if (!found.ok) return found;
  const { invite } = found;

  const existing = await findPerson(deps, from);
  if (existing?.role === 'admin')
    return { ok: true, person: existing, alreadyMember: true, previous: null, unchanged: true, inviter: null };
  if (existing) {
    const offered = await offeredPlace(deps, invite);
    if (samePlace(existing, offered))
      return { ok: true, person: existing, alreadyMember: true, previous: null, unchanged: true, inviter: null };
    if (RANK[offered.role] < RANK[existing.role]) {
      await deps.prisma.$transaction((tx) =>
        audit(
          tx,
          { userId: existing.userId },
          { action: 'invite.refuse', entity: 'Invite', entityId: invite.id, before: existing, after: offered },
        ),
      );
      return { ok: false, reason: 'demotion', current: existing, offered, inviter: await inviterOf(deps, invite) };
    }
    if (!options.confirmed) return { ok: false, reason: 'confirm', current: existing, offered };
  }

  const redeemed = await deps.prisma.$transaction(async (tx) => {
    // Conditional update: of two people racing for one code, only one wins.
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const before = await tx.user.findUnique({ where: { telegramId: BigInt(from.id) } });
    const fields = {
      firstName: from.first_name,
      lastName: from.last_name ?? null,
      username: from.username ?? null,
      role: invite.role,
      regionId: invite.regionId,
      municipalityId: invite.municipalityId,
      schoolId: invite.schoolId,
    };
    const user = await tx.user.upsert({
      where: { telegramId: BigInt(from.id) },
      create: { telegramId: BigInt(from.id), ...fields },
      update: fields,
    });
    await tx.invite.update({ where: { id: invite.id }, data: { usedById: user.id } });
    await audit(
      tx,
      { userId: user.id },
      {
        action: 'invite.redeem',
        entity: 'User',
        entityId: user.id,
        before,
        after: user,
      },
    );
    return user;
  });
  if (!redeemed) return { ok: false, reason: 'used' };
  const person = await findPerson(deps, from);
  return {
    ok: true,
    person: person!,
    alreadyMember: existing !== null,
    previous: existing,
    inviter: await inviterOf(deps, invite),
  };
}

/** «Нет, оставить как есть»: nothing changes, the link stays usable; the decision is logged and the inviter told. */
export async function declineInvite(
  deps: ServiceDeps,
  from: TelegramPerson,
  code: string,
): Promise<
  | { ok: true; current: Person | null; offered: OfferedPlace; inviter: InviterNote | null }
  | { ok: false; reason: RedeemRefusal }
> {
  const found = await activeInvite(deps, from, code);
  if (!found.ok) return found;
  const current = await findPerson(deps, from);
  const offered = await offeredPlace(deps, found.invite);
  await deps.prisma.$transaction((tx) =>
    audit(tx, current ? { userId: current.userId } : null, {
      action: 'invite.decline',
      entity: 'Invite',
      entityId: found.invite.id,
      before: current,
      after: offered,
    }),
  );
  return { ok: true, current, offered, inviter: await inviterOf(deps, found.invite) };
}

export interface InviteListEntry {
  id: number;
  /** the number people see (per territory, see visibleNumbers.ts) */
  number: number;
  role: Role;
  state: InviteState;
  scopeLabel: string;
  /** where the number counts: the municipality (of the invite or its school) or the region */
  territory: string;
  createdAt: string;
  expiresAt: string;
  createdBy: string | null;
  usedBy: string | null;
}

function inviteVisibility(actor: Actor) {
  if (actor.role === 'admin') return {};
  const filters = scopeFilters(actor.scope);
  return {
    OR: [
      ...(actor.userId !== null ? [{ createdById: actor.userId }] : []),
      { school: filters.schools },
      ...(actor.scope.kind === 'municipality' ? [{ municipalityId: actor.scope.municipalityId }] : []),
      ...(actor.scope.kind === 'region' ? [{ regionId: actor.scope.regionId }] : []),
    ],
  };
}

/** Invites the actor made or that point inside their scope, newest first, with their state. */
export async function listInvites(deps: ServiceDeps, actor: Actor, limit = 50): Promise<InviteListEntry[]> {
  return inviteEntries(deps, actor, {}, limit);
}

/**
 * The invites a person means by the number they read («№ 3»): numbers are per territory, so a
 * region-wide reader may get one per municipality (the CLI then asks which).
 */
export async function invitesByNumber(deps: ServiceDeps, actor: Actor, number: number): Promise<InviteListEntry[]> {
  return inviteEntries(deps, actor, { OR: [{ number }, { number: null, id: number }] }, 50);
}

async function inviteEntries(
  deps: ServiceDeps,
  actor: Actor,
  where: Prisma.InviteWhereInput,
  limit: number,
): Promise<InviteListEntry[]> {
  if (actor.role === 'committee') throw new UserError('access-denied');
  const now = deps.now();
  const rows = await deps.prisma.invite.findMany({
    where: { AND: [inviteVisibility(actor), where] },
    include: { municipality: true, school: { include: { municipality: true } }, createdBy: true, usedBy: true },
    orderBy: { createdAt: 'desc' },
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    number: row.number ?? row.id,
    role: row.role,
    state: inviteState(row, now),
    scopeLabel: row.school
      ? `${row.school.shortName || row.school.fullName} (${row.school.code})`
      : (row.municipality?.name ?? deps.settings.regionName),
    territory: row.municipality?.name ?? row.school?.municipality.name ?? deps.settings.regionName,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy ? [row.createdBy.firstName, row.createdBy.lastName].filter(Boolean).join(' ') : null,
    usedBy: row.usedBy ? [row.usedBy.firstName, row.usedBy.lastName].filter(Boolean).join(' ') : null,
  }));
}

/** Revokes by id (buttons carry ids); returns the number people see, for the confirmation. */
export async function revokeInvite(deps: ServiceDeps, actor: Actor, inviteId: number): Promise<{ number: number }> {
  const visible = await deps.prisma.invite.findFirst({ where: { id: inviteId, ...inviteVisibility(actor) } });
  if (!visible || actor.role === 'committee') throw new UserError('invite-not-found', { id: inviteId });
  const state = inviteState(visible, deps.now());
  if (state !== 'active') throw new UserError('invite-not-active', { id: visible.number ?? inviteId, state });
  await deps.prisma.$transaction(async (tx) => {
    const after = await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: deps.now() } });
    await audit(tx, actor, { action: 'invite.revoke', entity: 'Invite', entityId: inviteId, before: visible, after });
  });
  return { number: visible.number ?? inviteId };
}
