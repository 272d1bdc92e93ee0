/**
 * Who may do what, where. The single access rule of Kurator: services call `can`/`assertCan`
 * before every read and write, and list queries narrow themselves with `scopeOf`.
 *
 * Roles (issue #2): admin — everything; coordinator — a municipality or the whole region;
 * committee member — reads overviews, reports and digests of its scope; director — one school
 * (a school may have several responders, e.g. a deputy).
 */

export const ROLES = ['admin', 'coordinator', 'committee', 'director'] as const;
export type Role = (typeof ROLES)[number];

/** Where a person's rights reach. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; regionId: number }
  | { kind: 'municipality'; regionId: number; municipalityId: number }
  | { kind: 'school'; regionId: number; municipalityId: number; schoolId: number };

export interface Actor {
  /** null for the command line (an operator with admin rights). */
  userId: number | null;
  role: Role;
  scope: Scope;
}

/** A place an action touches: a school, a municipality or the region. */
export type Target =
  | { kind: 'school'; regionId: number; municipalityId: number; schoolId: number }
  | { kind: 'municipality'; regionId: number; municipalityId: number }
  | { kind: 'region'; regionId: number };

export const ACTIONS = [
  'school.read',
  'school.write',
  'results.read',
  'results.import',
  'identification.run',
  'identification.read',
  'campaign.manage',
  'campaign.read',
  'form.answer',
  'report.read',
  'user.list',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Which roles may perform an action at all (inside their scope). */
const ALLOWED: Record<Action, readonly Role[]> = {
  'school.read': ['admin', 'coordinator', 'committee', 'director'],
  'school.write': ['admin', 'coordinator'],
  'results.read': ['admin', 'coordinator', 'committee', 'director'],
  'results.import': ['admin', 'coordinator'],
  'identification.run': ['admin', 'coordinator'],
  'identification.read': ['admin', 'coordinator', 'committee'],
  'campaign.manage': ['admin', 'coordinator'],
  'campaign.read': ['admin', 'coordinator', 'committee'],
  // Answers belong to the school; only its responders give them.
  'form.answer': ['director'],
  'report.read': ['admin', 'coordinator', 'committee'],
  'user.list': ['admin', 'coordinator'],
};

/** Does the scope contain the target entirely? */
function scopeCovers(scope: Scope, target: Target): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return target.regionId === scope.regionId;
    case 'municipality':
      return target.kind !== 'region' && target.municipalityId === scope.municipalityId;
    case 'school':
      return target.kind === 'school' && target.schoolId === scope.schoolId;
  }
}

export function can(actor: Actor, action: Action, target: Target): boolean {
  return ALLOWED[action].includes(actor.role) && scopeCovers(actor.scope, target);
}

/** May the actor perform the action anywhere at all (e.g. to show a command)? */
export function mayEver(actor: Actor, action: Action): boolean {
  return ALLOWED[action].includes(actor.role);
}

export class AccessDeniedError extends Error {
  constructor(
    readonly action: Action | 'invite.create',
    readonly target: Target | null,
  ) {
    super(`access denied: ${action}`);
    this.name = 'AccessDeniedError';
  }
}

export function assertCan(actor: Actor, action: Action, target: Target): void {
  if (!can(actor, action, target)) throw new AccessDeniedError(action, target);
}

/** The scope a role's invite must carry. */
function scopeKindFor(role: Role): readonly Scope['kind'][] {
  switch (role) {
    case 'admin':
      return ['all'];
    case 'coordinator':
    case 'committee':
      return ['region', 'municipality'];
    case 'director':
      return ['school'];
  }
}

/**
 * Who may invite whom: admins anyone; coordinators coordinators, committee members and directors
 * inside their own scope; a director another responder (e.g. a deputy) of the same school.
 * Nobody but an admin creates admins (admins come from ADMIN_TELEGRAM_IDS anyway).
 */
export function canInvite(actor: Actor, role: Role, scope: Scope): boolean {
  if (!scopeKindFor(role).includes(scope.kind)) return false;
  if (actor.role === 'admin') return true;
  if (role === 'admin' || scope.kind === 'all') return false;
  const target: Target = scope;
  if (actor.role === 'coordinator') return scopeCovers(actor.scope, target);
  if (actor.role === 'director') return role === 'director' && scopeCovers(actor.scope, target);
  return false;
}

export function assertCanInvite(actor: Actor, role: Role, scope: Scope): void {
  if (!canInvite(actor, role, scope)) throw new AccessDeniedError('invite.create', scope.kind === 'all' ? null : scope);
}
