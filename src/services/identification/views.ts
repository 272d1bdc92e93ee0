import type { Actor, Scope } from '../../domain/access/policy.ts';
import type {
  CliJson,
  Evidence,
  IdentificationMethod,
  IdentificationRules,
  RuleCitation,
  VerdictStatus,
} from '../../domain/identification/index.ts';
import type { AcademicYear } from '../../domain/results/types.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { scopeFilters } from '../scope.ts';
import { latestRunIds } from './current.ts';
import { resolveScope } from './scope.ts';
import type { StoredEvidence, StoredRunDetails } from './store.ts';

export const IDENTIFICATION_METHODS = [
  'fioco',
  'risk',
  'regional',
  'social',
] as const satisfies readonly IdentificationMethod[];

/** The methods that read assessment results: rerun after every results import. */
export const RESULT_METHODS: readonly IdentificationMethod[] = ['fioco', 'regional', 'risk'];

export interface RunIdentificationRequest {
  /** the last completed year L, `YYYY/YYYY`; default: the latest year in the region's data */
  year?: string;
  methods: readonly IdentificationMethod[];
  /** parsed and validated rules (domain parseRules); default: the seeds' */
  rules?: IdentificationRules;
  /** narrow the run to one municipality inside the actor's scope */
  municipalityId?: number;
}

export interface SchoolRef {
  code: string;
  name: string;
  municipality: string;
}

interface VerdictView extends SchoolRef {
  status: VerdictStatus;
  flagged: boolean;
  criteria: string[];
  undetermined: string[];
  evidence: Evidence[];
  /** regional method: criteria met that do not put the school on the list («также», seed 001) */
  also?: string[];
}

/**
 * Regional method: how much of the region the data of year L covers. With `partial`, every
 * regional figure computed from the data and the ranking are «по загруженным данным (N из M)».
 */
export interface CoverageView {
  year: AcademicYear;
  municipalitiesWithData: number;
  municipalitiesTotal: number;
  partial: boolean;
  /** some regional figure of L was entered by a coordinator (RegionFigure) and used */
  enteredFigures: boolean;
}

export interface MissingView {
  code: string;
  year: AcademicYear | null;
  items: string[];
}

/** One stored run of one method, as far as the viewer's scope reaches. Plain JSON. */
export interface MethodRunView {
  method: IdentificationMethod;
  runId: number;
  /** a look into an explicit past year: not the current list, nothing entered or left (issue 10) */
  look?: boolean;
  ranAt: string;
  actorLabel: string;
  /** null = the whole region */
  municipalityId: number | null;
  year: AcademicYear | null;
  previousYear: AcademicYear | null;
  /** the rule's text, quoted from the seeds */
  citations: RuleCitation[];
  /** procedure / indicator id → Russian label from the rules */
  labels: Record<string, string>;
  /** ФИОКО procedures threshold etc. are in the evidence; these are the run-level gaps */
  missingYears: AcademicYear[];
  missing: MissingView[];
  /** regional criteria that could not be evaluated at all (no context data) */
  notEvaluated: string[];
  /** regional method: what part of the region the figures come from; null for other methods */
  coverage?: CoverageView | null;
  /** social method (ШНСУ): how many schools in the run's scope have a «Социальный паспорт школы» */
  passports?: { filled: number; schools: number } | null;
  counts: { evaluated: number; flagged: number; incomplete: number };
  previousRun: { id: number; ranAt: string } | null;
  entered: SchoolRef[];
  left: SchoolRef[];
  verdicts: VerdictView[];
}

export type NoDataReason = 'results' | 'questionnaire';

/** The JSON for one method (domain toCliJson); `noData` says why a method has no schools. */
type IdentifyJson = CliJson & { noData?: NoDataReason };

export type MethodOutcome =
  | { method: IdentificationMethod; state: 'done'; run: MethodRunView; cli: IdentifyJson }
  | { method: IdentificationMethod; state: 'no-data'; reason: NoDataReason; cli: IdentifyJson };

export interface ScopeView {
  /** null = the whole region (or everything, for an admin) */
  municipalityId: number | null;
  /** municipality or region name; null for everything */
  name: string | null;
  kind: 'all' | 'region' | 'municipality';
}

export interface IdentificationSummary {
  ranAt: string;
  /** the run looked into an explicit past year and left the current lists alone (issue 10) */
  look?: boolean;
  scope: ScopeView;
  /** schools of the registry in scope */
  schoolsInScope: number;
  methods: MethodOutcome[];
}

export interface LatestIdentification {
  scope: ScopeView;
  schoolsInScope: number;
  /** the latest stored run of each method that covers the scope; methods never run are absent */
  runs: MethodRunView[];
}

/** The last stored run of each method covering the actor's scope (committee members read these). */
export async function latestIdentification(
  deps: ServiceDeps,
  actor: Actor,
  options: { municipalityId?: number } = {},
): Promise<LatestIdentification> {
  const resolved = await resolveScope(deps, actor, 'identification.read', options.municipalityId);
  const municipalityId = resolved.view.municipalityId;
  const runIds = await latestRunIds(deps, municipalityId, IDENTIFICATION_METHODS);
  const schoolsInScope = await deps.prisma.school.count({ where: scopeFilters(resolved.scope).schools });
  return { scope: resolved.view, schoolsInScope, runs: await runViews(deps, resolved.scope, runIds) };
}

/** Stored runs by id, cut to the actor's scope: the full list behind a summary (for the .xlsx). */
export async function identificationReport(
  deps: ServiceDeps,
  actor: Actor,
  runIds: readonly number[],
): Promise<LatestIdentification> {
  const resolved = await resolveScope(deps, actor, 'identification.read', undefined);
  const schoolsInScope = await deps.prisma.school.count({ where: scopeFilters(resolved.scope).schools });
  // A run made for another municipality is refused as a whole, even when asked for by id (issue 10).
  const stored = await deps.prisma.identificationRun.findMany({
    where: { id: { in: [...runIds] } },
    select: { municipalityId: true },
  });
  const foreign = stored.some(
    (run) =>
      run.municipalityId !== null &&
      (resolved.scope.kind === 'municipality' || resolved.scope.kind === 'school') &&
      run.municipalityId !== resolved.scope.municipalityId,
  );
  if (foreign) throw new UserError('identify-report-gone');
  const runs = await runViews(deps, resolved.scope, runIds);
  if (runs.length === 0) throw new UserError('identify-report-gone');
  return { scope: resolved.view, schoolsInScope, runs };
}

async function runViews(deps: ServiceDeps, scope: Scope, runIds: readonly number[]): Promise<MethodRunView[]> {
  if (runIds.length === 0) return [];
  const schoolFilter = scopeFilters(scope).schools;
  const runs = await deps.prisma.identificationRun.findMany({ where: { id: { in: [...runIds] } } });
  const views: MethodRunView[] = [];
  for (const method of IDENTIFICATION_METHODS) {
    for (const run of runs.filter((r) => r.method === method)) {
      const details = run.rules as unknown as StoredRunDetails;
      const rows = await deps.prisma.identificationVerdict.findMany({
        where: { runId: run.id, school: schoolFilter },
        select: {
          flagged: true,
          criteria: true,
          evidence: true,
          school: { select: { code: true, shortName: true, fullName: true, municipality: { select: { name: true } } } },
        },
        orderBy: { school: { code: 'asc' } },
      });
      const verdicts: VerdictView[] = rows.map((row) => {
        const stored = row.evidence as unknown as StoredEvidence;
        return {
          code: row.school.code,
          name: row.school.shortName || row.school.fullName,
          municipality: row.school.municipality.name,
          status: stored.status,
          flagged: row.flagged,
          criteria: row.criteria as string[],
          undetermined: stored.undetermined,
          evidence: stored.items,
          also: stored.also ?? [],
        };
      });
      const codes = new Set(verdicts.map((verdict) => verdict.code));
      const changed = [...details.entered, ...details.left];
      const refs = new Map(
        (
          await deps.prisma.school.findMany({
            where: { AND: [schoolFilter, { code: { in: changed } }] },
            select: { code: true, shortName: true, fullName: true, municipality: { select: { name: true } } },
          })
        ).map((school) => [
          school.code,
          { code: school.code, name: school.shortName || school.fullName, municipality: school.municipality.name },
        ]),
      );
      const previous =
        details.previousRunId === null
          ? null
          : await deps.prisma.identificationRun.findUnique({
              where: { id: details.previousRunId },
              select: { id: true, at: true },
            });
      views.push({
        method,
        runId: run.id,
        ranAt: run.at.toISOString(),
        actorLabel: run.actorLabel,
        municipalityId: run.municipalityId,
        year: run.year || null,
        previousYear: details.previousYear,
        citations: details.citations,
        labels: details.labels,
        missingYears: details.missingYears,
        missing: details.missing.filter((gap) => codes.has(gap.code)),
        notEvaluated: details.notEvaluated,
        coverage: details.coverage ?? null,
        passports: details.passports ?? null,
        counts: countsOf(verdicts),
        previousRun: previous ? { id: previous.id, ranAt: previous.at.toISOString() } : null,
        entered: details.entered.flatMap((code) => refs.get(code) ?? []),
        left: details.left.flatMap((code) => refs.get(code) ?? []),
        verdicts,
      });
    }
  }
  return views;
}

export function countsOf(verdicts: ReadonlyArray<{ status: VerdictStatus }>): MethodRunView['counts'] {
  let flagged = 0;
  let incomplete = 0;
  for (const verdict of verdicts) {
    if (verdict.status === 'flagged') flagged++;
    else if (verdict.status === 'incomplete') incomplete++;
  }
  return { evaluated: verdicts.length, flagged, incomplete };
}
