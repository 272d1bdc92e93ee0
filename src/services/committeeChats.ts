/**
 * Committee chats (issue 13 §1): a group bound to a scope by `/digest here` receives the weekly
 * digest of that scope. The bot's own membership changes keep the binding honest: removed →
 * unbound; a group migrated to a supergroup → the binding follows the new chat id.
 */
import type { Actor, Scope } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { audit } from './audit.ts';
import { UserError } from './errors.ts';
import { ensureRegion, findMunicipality } from './territory.ts';

/** The scope a digest is about: a municipality or the whole region. Plain JSON. */
export interface DigestScope {
  regionId: number;
  /** null = the whole region */
  municipalityId: number | null;
  name: string;
}

export interface BoundChat {
  chatId: number;
  title: string;
  scope: DigestScope;
  /** ISO moment of binding: a week whose digest was due before it is not owed to the chat */
  boundAt: string;
}

/** Who may bind a group: coordinators and committee members (their scope), admins (the region). */
function digestScopeOfActor(actor: Actor): Omit<DigestScope, 'name'> | null {
  if (actor.role !== 'coordinator' && actor.role !== 'committee' && actor.role !== 'admin') return null;
  const scope: Scope = actor.scope;
  if (scope.kind === 'municipality') return { regionId: scope.regionId, municipalityId: scope.municipalityId };
  if (scope.kind === 'region') return { regionId: scope.regionId, municipalityId: null };
  if (scope.kind === 'all') return { regionId: -1, municipalityId: null };
  return null;
}

async function resolveScope(deps: ServiceDeps, actor: Actor): Promise<Omit<DigestScope, 'name'>> {
  const scope = digestScopeOfActor(actor);
  if (!scope) throw new UserError('digest-bind-role');
  if (scope.regionId === -1) return { regionId: await ensureRegion(deps), municipalityId: null };
  return scope;
}

async function scopeName(deps: ServiceDeps, scope: Omit<DigestScope, 'name'>): Promise<string> {
  if (scope.municipalityId !== null) {
    const municipality = await deps.prisma.municipality.findUnique({ where: { id: scope.municipalityId } });
    return municipality?.name ?? '?';
  }
  const region = await deps.prisma.region.findUnique({ where: { id: scope.regionId } });
  return region?.name ?? deps.settings.regionName;
}

export type BindOutcome =
  | { state: 'bound'; chat: BoundChat }
  /** the same chat was already bound to the same scope: nothing changed */
  | { state: 'already'; chat: BoundChat }
  /** the chat was bound to another scope and now follows the new one */
  | { state: 'rebound'; chat: BoundChat; previous: string };

export async function bindChat(
  deps: ServiceDeps,
  actor: Actor,
  chat: { id: number; title: string },
): Promise<BindOutcome> {
  const scope = await resolveScope(deps, actor);
  const name = await scopeName(deps, scope);
  const bound: BoundChat = {
    chatId: chat.id,
    title: chat.title,
    scope: { ...scope, name },
    boundAt: deps.now().toISOString(),
  };
  return deps.prisma.$transaction(async (tx) => {
    const existing = await tx.committeeChat.findUnique({ where: { chatId: BigInt(chat.id) } });
    if (existing?.active && existing.regionId === scope.regionId && existing.municipalityId === scope.municipalityId) {
      return { state: 'already', chat: bound } as const;
    }
    const data = {
      title: chat.title,
      regionId: scope.regionId,
      municipalityId: scope.municipalityId,
      boundById: actor.userId,
      boundAt: deps.now(),
      active: true,
      unboundAt: null,
      unboundReason: null,
    };
    const row = await tx.committeeChat.upsert({
      where: { chatId: BigInt(chat.id) },
      create: { chatId: BigInt(chat.id), ...data },
      update: data,
    });
    await audit(tx, actor, {
      action: 'bind',
      entity: 'CommitteeChat',
      entityId: chat.id,
      before: existing,
      after: row,
    });
    if (existing?.active) {
      const previous = await scopeName(deps, { regionId: existing.regionId, municipalityId: existing.municipalityId });
      return { state: 'rebound', chat: bound, previous } as const;
    }
    return { state: 'bound', chat: bound } as const;
  });
}

/** `/digest off` by a person who may bind the chat's scope. */
export async function unbindChat(deps: ServiceDeps, actor: Actor, chatId: number): Promise<{ wasBound: boolean }> {
  const scope = await resolveScope(deps, actor);
  const existing = await deps.prisma.committeeChat.findUnique({ where: { chatId: BigInt(chatId) } });
  if (!existing?.active) return { wasBound: false };
  const covers =
    scope.regionId === existing.regionId &&
    (scope.municipalityId === null || scope.municipalityId === existing.municipalityId);
  if (!covers) throw new UserError('digest-unbind-foreign');
  await markUnbound(deps, chatId, 'command', actor);
  return { wasBound: true };
}

/** The bot was removed from the chat (my_chat_member) or Telegram answered 403: unbind, once. */
export async function markUnbound(
  deps: ServiceDeps,
  chatId: number,
  reason: 'command' | 'removed' | 'forbidden',
  actor: Actor | null = null,
): Promise<boolean> {
  return deps.prisma.$transaction(async (tx) => {
    const updated = await tx.committeeChat.updateMany({
      where: { chatId: BigInt(chatId), active: true },
      data: { active: false, unboundAt: deps.now(), unboundReason: reason },
    });
    if (updated.count > 0)
      await audit(tx, actor, { action: `unbind:${reason}`, entity: 'CommitteeChat', entityId: chatId });
    return updated.count > 0;
  });
}

/** A group became a supergroup: its binding (and its digest record) follow the new id. */
export async function migrateChat(deps: ServiceDeps, fromId: number, toId: number): Promise<boolean> {
  return deps.prisma.$transaction(async (tx) => {
    const existing = await tx.committeeChat.findUnique({ where: { chatId: BigInt(fromId) } });
    if (!existing) return false;
    const target = await tx.committeeChat.findUnique({ where: { chatId: BigInt(toId) } });
    if (target) await tx.committeeChat.delete({ where: { chatId: BigInt(toId) } });
    await tx.committeeChat.update({ where: { chatId: BigInt(fromId) }, data: { chatId: BigInt(toId) } });
    // The week already delivered to the old id counts for the new one too.
    const weeks = await tx.digestDelivery.findMany({ where: { chatId: BigInt(fromId) }, select: { week: true } });
    await tx.digestDelivery.deleteMany({
      where: { chatId: BigInt(toId), week: { in: weeks.map((w) => w.week) } },
    });
    await tx.digestDelivery.updateMany({ where: { chatId: BigInt(fromId) }, data: { chatId: BigInt(toId) } });
    await audit(tx, null, { action: 'migrate', entity: 'CommitteeChat', entityId: fromId, after: { chatId: toId } });
    return true;
  });
}

export async function boundChat(deps: ServiceDeps, chatId: number): Promise<BoundChat | null> {
  const row = await deps.prisma.committeeChat.findUnique({ where: { chatId: BigInt(chatId) } });
  if (!row?.active) return null;
  const scope = { regionId: row.regionId, municipalityId: row.municipalityId };
  return {
    chatId,
    title: row.title,
    scope: { ...scope, name: await scopeName(deps, scope) },
    boundAt: row.boundAt.toISOString(),
  };
}

export async function boundChats(deps: ServiceDeps): Promise<BoundChat[]> {
  const rows = await deps.prisma.committeeChat.findMany({ where: { active: true }, orderBy: { chatId: 'asc' } });
  const names = new Map<string, string>();
  const chats: BoundChat[] = [];
  for (const row of rows) {
    const scope = { regionId: row.regionId, municipalityId: row.municipalityId };
    const key = `${scope.regionId}:${scope.municipalityId}`;
    if (!names.has(key)) names.set(key, await scopeName(deps, scope));
    chats.push({
      chatId: Number(row.chatId),
      title: row.title,
      scope: { ...scope, name: names.get(key)! },
      boundAt: row.boundAt.toISOString(),
    });
  }
  return chats;
}

/** The digest scope of a person (private `/digest`), or a named municipality inside it (CLI). */
export async function digestScopeFor(deps: ServiceDeps, actor: Actor, municipality?: string): Promise<DigestScope> {
  const scope = digestScopeOfActor(actor);
  if (!scope) throw new UserError('digest-private-none');
  const regionId = scope.regionId === -1 ? await ensureRegion(deps) : scope.regionId;
  if (municipality !== undefined) {
    const found = await findMunicipality(deps.prisma, regionId, municipality);
    if (!found || (scope.municipalityId !== null && scope.municipalityId !== found.id))
      throw new UserError('cli-digest-preview-municipality', { name: municipality });
    return { regionId, municipalityId: found.id, name: found.name };
  }
  const resolved = { regionId, municipalityId: scope.municipalityId };
  return { ...resolved, name: await scopeName(deps, resolved) };
}
