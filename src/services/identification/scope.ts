/** Which schools a run covers: the actor's scope (or one municipality in it) and the region it is compared with. */
import type { Prisma } from '../../db/client.ts';
import { AccessDeniedError, assertCan, type Actor, type Scope, type Target } from '../../domain/access/policy.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { assertMayList } from '../scope.ts';
import type { SchoolInfo } from './store.ts';
import type { ScopeView } from './views.ts';

// Scope

interface ResolvedScope {
  /** the scope the run covers */
  scope: Scope;
  view: ScopeView;
  /** the region, for the year and the regional indicators (`all` for an admin: every school) */
  regionScope: Scope;
}

export async function resolveScope(
  deps: ServiceDeps,
  actor: Actor,
  action: 'identification.run' | 'identification.read',
  municipalityId: number | undefined,
): Promise<ResolvedScope> {
  assertMayList(actor, action);
  if (municipalityId !== undefined) {
    const municipality = await deps.prisma.municipality.findUnique({ where: { id: municipalityId } });
    if (!municipality) throw new UserError('identify-unknown-municipality', { id: municipalityId });
    const target: Target = { kind: 'municipality', regionId: municipality.regionId, municipalityId: municipality.id };
    assertCan(actor, action, target);
    return {
      scope: target,
      view: { municipalityId: municipality.id, name: municipality.name, kind: 'municipality' },
      regionScope: { kind: 'region', regionId: municipality.regionId },
    };
  }
  const scope = actor.scope;
  switch (scope.kind) {
    case 'all':
      return { scope, view: { municipalityId: null, name: null, kind: 'all' }, regionScope: scope };
    case 'region': {
      assertCan(actor, action, scope);
      const region = await deps.prisma.region.findUnique({ where: { id: scope.regionId } });
      return { scope, view: { municipalityId: null, name: region?.name ?? null, kind: 'region' }, regionScope: scope };
    }
    case 'municipality': {
      assertCan(actor, action, scope);
      const municipality = await deps.prisma.municipality.findUnique({ where: { id: scope.municipalityId } });
      return {
        scope,
        view: { municipalityId: scope.municipalityId, name: municipality?.name ?? null, kind: 'municipality' },
        regionScope: { kind: 'region', regionId: scope.regionId },
      };
    }
    case 'school':
      // identification is about lists of schools; a school's own people are not given them
      throw new AccessDeniedError(action, scope);
  }
}

export async function loadSchools(deps: ServiceDeps, where: Prisma.SchoolWhereInput): Promise<SchoolInfo[]> {
  const rows = await deps.prisma.school.findMany({
    where,
    select: {
      id: true,
      code: true,
      shortName: true,
      fullName: true,
      municipalityId: true,
      municipality: { select: { name: true } },
    },
    orderBy: { code: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.shortName || row.fullName,
    municipalityId: row.municipalityId,
    municipality: row.municipality.name,
  }));
}
