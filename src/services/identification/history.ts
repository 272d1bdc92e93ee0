import { can, type Actor } from '../../domain/access/policy.ts';
import {
  schoolHistory,
  type Evidence,
  type HistoryEvent,
  type IdentificationMethod,
  type RuleCitation,
  type VerdictStatus,
} from '../../domain/identification/index.ts';
import type { AcademicYear } from '../../domain/results/types.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { assertMayList, schoolTarget } from '../scope.ts';
import type { StoredEvidence, StoredRunDetails } from './store.ts';
import { IDENTIFICATION_METHODS, type SchoolRef } from './views.ts';

interface CurrentVerdict {
  method: IdentificationMethod;
  runId: number;
  ranAt: string;
  year: AcademicYear | null;
  previousYear: AcademicYear | null;
  status: VerdictStatus;
  criteria: string[];
  undetermined: string[];
  evidence: Evidence[];
  /** regional method: «также» criteria met (not list criteria) */
  also: string[];
  citations: RuleCitation[];
  labels: Record<string, string>;
}

export interface SchoolIdentificationHistory {
  school: SchoolRef;
  /** the school's verdict in the latest run of each method that evaluated it */
  current: CurrentVerdict[];
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
  // Runs that covered the school: region-wide ones and its municipality's.
  const runs = await deps.prisma.identificationRun.findMany({
    where: { look: false, OR: [{ municipalityId: null }, { municipalityId: school.municipalityId }] },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      at: true,
      method: true,
      year: true,
      verdicts: { where: { schoolId: school.id }, select: { flagged: true, criteria: true, evidence: true } },
    },
  });
  const history = schoolHistory(
    runs.map((run) => ({
      runId: String(run.id),
      method: run.method as IdentificationMethod,
      year: run.year || null,
      ranAt: run.at.toISOString(),
      flagged: run.verdicts[0]?.flagged ? [school.code] : [],
    })),
    school.code,
  );
  const current: CurrentVerdict[] = [];
  for (const method of IDENTIFICATION_METHODS) {
    const latest = runs.filter((run) => run.method === method && run.verdicts.length > 0).at(-1);
    if (!latest) continue;
    const details = (await deps.prisma.identificationRun.findUnique({
      where: { id: latest.id },
      select: { rules: true },
    }))!.rules as unknown as StoredRunDetails;
    const verdict = latest.verdicts[0]!;
    const stored = verdict.evidence as unknown as StoredEvidence;
    current.push({
      method,
      runId: latest.id,
      ranAt: latest.at.toISOString(),
      year: latest.year || null,
      previousYear: details.previousYear,
      status: stored.status,
      criteria: verdict.criteria as string[],
      undetermined: stored.undetermined,
      evidence: stored.items,
      also: stored.also ?? [],
      citations: details.citations,
      labels: details.labels,
    });
  }
  return {
    school: { code: school.code, name: school.shortName || school.fullName, municipality: school.municipality.name },
    current,
    history,
  };
}
