import { can, type Actor } from '../../domain/access/policy.ts';
import type { HistoryEvent } from '../../domain/identification/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { assertMayList, schoolTarget } from '../scope.ts';
import { type LatestSchoolVerdict, schoolRuns } from './store.ts';
import type { SchoolRef } from './views.ts';

export interface SchoolIdentificationHistory {
  school: SchoolRef;
  /** the school's verdict in the latest run of each method that evaluated it */
  current: LatestSchoolVerdict[];
  /** when the school entered or left each method's list, oldest first */
  history: HistoryEvent[];
}

/** A school's current verdicts and its history across stored runs (`/status sch123456`). */
export async function schoolIdentificationHistory(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
): Promise<SchoolIdentificationHistory> {
  assertMayList(actor, 'identification.read');
  const normalised = code.trim().toLowerCase();
  const school = await deps.prisma.school.findUnique({ where: { code: normalised }, include: { municipality: true } });
  if (!school) throw new UserError('schools-unknown-code', { code: code.trim() });
  // A school outside the actor's scope is answered like an unknown code: its existence is not told (issue 10).
  if (!can(actor, 'identification.read', schoolTarget(school)))
    throw new UserError('schools-unknown-code', { code: code.trim() });
  const { history, latest: current } = await schoolRuns(deps, school);
  return {
    school: { code: school.code, name: school.shortName || school.fullName, municipality: school.municipality.name },
    current,
    history,
  };
}
