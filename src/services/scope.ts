/**
 * Scope → database filters. Together with domain/access/policy.ts this is the one place where
 * reads are narrowed to what a person may see; services never build scope filters by hand.
 */
import type { Prisma } from '../db/client.ts';
import {
  AccessDeniedError,
  mayEver,
  type Action,
  type Actor,
  type Scope,
  type Target,
} from '../domain/access/policy.ts';

export interface ScopeFilters {
  schools: Prisma.SchoolWhereInput;
  municipalities: Prisma.MunicipalityWhereInput;
  users: Prisma.UserWhereInput;
}

export function scopeFilters(scope: Scope): ScopeFilters {
  switch (scope.kind) {
    case 'all':
      return { schools: {}, municipalities: {}, users: {} };
    case 'region':
      return {
        schools: { municipality: { regionId: scope.regionId } },
        municipalities: { regionId: scope.regionId },
        users: {
          OR: [
            { regionId: scope.regionId, municipalityId: null, schoolId: null, role: { not: 'admin' } },
            { municipality: { regionId: scope.regionId } },
            { school: { municipality: { regionId: scope.regionId } } },
          ],
        },
      };
    case 'municipality':
      return {
        schools: { municipalityId: scope.municipalityId },
        municipalities: { id: scope.municipalityId },
        users: { OR: [{ municipalityId: scope.municipalityId }, { school: { municipalityId: scope.municipalityId } }] },
      };
    case 'school':
      return {
        schools: { id: scope.schoolId },
        municipalities: { id: scope.municipalityId },
        users: { schoolId: scope.schoolId },
      };
  }
}

/** Filters for a list an actor asks for; refuses roles that may never do the action. */
export function assertMayList(actor: Actor, action: Action): ScopeFilters {
  if (!mayEver(actor, action)) throw new AccessDeniedError(action, null);
  return scopeFilters(actor.scope);
}

export function schoolTarget(school: {
  id: number;
  municipalityId: number;
  municipality: { regionId: number };
}): Target {
  return {
    kind: 'school',
    regionId: school.municipality.regionId,
    municipalityId: school.municipalityId,
    schoolId: school.id,
  };
}
