/**
 * Identification of schools (issue #4): the use case around src/domain/identification.
 *
 * run: check scope → load results / answers (one query per source, never per school) → run the
 * domain methods → store an IdentificationRun with its verdicts per method, in one transaction
 * with an audit entry → entered / left against the previous run of the same method and scope.
 *
 * How a run is stored (no columns of its own for these, so that nothing in the schema changes):
 * - IdentificationRun.rules: `StoredRunDetails` — the rules section that ran, the rule texts
 *   cited, procedure labels, missing data, and the entered / left codes against the previous run;
 * - IdentificationVerdict.criteria: the criteria met (ids, as the domain names them);
 * - IdentificationVerdict.evidence: `{ status, undetermined, items }` — the domain's status,
 *   the criteria missing data could still make met, and the evidence list.
 * - IdentificationRun.municipalityId: the scope; null = the whole region (one region per deployment).
 * - IdentificationRun.year: '' when the method has no year (risk / social without one given).
 *
 * Scopes: ФИОКО, risk and social verdicts depend only on a school's own data, so they are computed
 * for the schools in scope. The academic year L is chosen region-wide (the latest year in the
 * whole region's data), so a coordinator's list is the region's list cut to its municipality.
 * Regional indicators compare with the region and rank the region's schools, so they are computed
 * over the region and cut to the scope afterwards.
 */
import type { Prisma } from '../db/client.ts';
import { insertVerdicts } from '../db/identificationQueries.ts';
import { AccessDeniedError, assertCan, can, type Actor, type Scope, type Target } from '../domain/access/policy.ts';
import {
  defaultRules,
  diffRuns,
  identifyFioco,
  identifyRegional,
  identifyRiskZone,
  identifySocial,
  isAcademicYear,
  previousAcademicYear,
  schoolHistory,
  toCliJson,
  VPR_RISK_ITEMS,
  type CliJson,
  type Evidence,
  type HistoryEvent,
  type IdentificationMethod,
  type IdentificationResult,
  type IdentificationRules,
  type RiskQuestionnaire,
  type RuleCitation,
  type VerdictStatus,
} from '../domain/identification/index.ts';
import type { AcademicYear } from '../domain/results/types.ts';
import { actorLabel, audit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import {
  fiocoYears,
  latestYear,
  latestYearWith,
  loadResultRows,
  loadRiskQuestionnaires,
  loadRegionalInputs,
  loadSocialContexts,
  regionalYears,
  storedProcedures,
  type StoredProcedure,
} from './identificationInputs.ts';
import { assertMayList, schoolTarget, scopeFilters } from './scope.ts';

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

export interface VerdictView extends SchoolRef {
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
export type IdentifyJson = CliJson & { noData?: NoDataReason };

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

/** What IdentificationRun.rules holds. */
interface StoredRunDetails {
  applied: unknown;
  ruleSet: { region?: string; act?: string };
  citations: RuleCitation[];
  labels: Record<string, string>;
  previousYear: AcademicYear | null;
  missingYears: AcademicYear[];
  missing: MissingView[];
  notEvaluated: string[];
  coverage?: CoverageView | null;
  passports?: { filled: number; schools: number } | null;
  previousRunId: number | null;
  entered: string[];
  left: string[];
}

/** What IdentificationVerdict.evidence holds. */
interface StoredEvidence {
  status: VerdictStatus;
  undetermined: string[];
  items: Evidence[];
  also?: string[];
}

interface SchoolInfo {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
  municipality: string;
}

// ---------------------------------------------------------------------------------------------
// Scope

interface ResolvedScope {
  /** the scope the run covers */
  scope: Scope;
  view: ScopeView;
  /** the region, for the year and the regional indicators (`all` for an admin: every school) */
  regionScope: Scope;
}

async function resolveScope(
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

async function loadSchools(deps: ServiceDeps, where: Prisma.SchoolWhereInput): Promise<SchoolInfo[]> {
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

// ---------------------------------------------------------------------------------------------
// Computing

interface Computation {
  method: IdentificationMethod;
  /** null: no data to run on */
  result: IdentificationResult | null;
  noData?: NoDataReason;
  labels: Record<string, string>;
  coverage?: CoverageView | null;
  /** social: how many schools in scope have a passport */
  passports?: { filled: number; schools: number };
}

interface ComputeRequest {
  methods: readonly IdentificationMethod[];
  rules: IdentificationRules;
  year: AcademicYear | undefined;
  /** schools whose own verdicts are wanted */
  scopeFilter: Prisma.SchoolWhereInput;
  /** the region: for the year and the regional indicators */
  regionFilter: Prisma.SchoolWhereInput;
}

async function compute(
  deps: ServiceDeps,
  request: ComputeRequest,
): Promise<{ computations: Computation[]; schools: SchoolInfo[] }> {
  const { rules, methods } = request;
  const schools = await loadSchools(deps, request.scopeFilter);
  // The regional indicators read the whole region (the same list when the scope is the region).
  const sameAsRegion = JSON.stringify(request.scopeFilter) === JSON.stringify(request.regionFilter);
  const regionSchools = !methods.includes('regional')
    ? []
    : sameAsRegion
      ? schools
      : await loadSchools(deps, request.regionFilter);
  const regionProcedures: StoredProcedure[] = await storedProcedures(deps, request.regionFilter);

  const computations: Computation[] = [];
  for (const method of methods) {
    switch (method) {
      case 'fioco': {
        const labels = Object.fromEntries(rules.fioco.procedures.map((spec) => [spec.id, spec.label]));
        const year = request.year ?? latestYearWith(regionProcedures, rules.fioco.procedures);
        if (year === null) {
          computations.push({ method, result: identifyFioco([], rules.fioco), noData: 'results', labels });
          break;
        }
        const rows = await loadResultRows(deps, {
          schools,
          years: fiocoYears(year),
          procedures: regionProcedures,
          specs: rules.fioco.procedures,
        });
        const result = identifyFioco(rows, rules.fioco, { year });
        computations.push({ method, result, noData: result.verdicts.length === 0 ? 'results' : undefined, labels });
        break;
      }
      case 'regional': {
        const procedures = rules.regional.procedures;
        const specs = [procedures.ogeRus, procedures.ogeMath, procedures.egeRus];
        const labels = Object.fromEntries(specs.map((spec) => [spec.id, spec.label]));
        const year = request.year ?? latestYear(regionProcedures);
        if (year === null) {
          computations.push({ method, result: identifyRegional([], rules.regional), noData: 'results', labels });
          break;
        }
        const rows = await loadResultRows(deps, {
          schools: regionSchools,
          years: regionalYears(year, rules.regional),
          procedures: regionProcedures,
          specs,
          kinds: rules.regional.lowest.kinds,
        });
        const inputs = await loadRegionalInputs(deps, request.regionFilter, regionSchools, year, rules.regional);
        const result = identifyRegional(rows, inputs.rules, {
          year,
          coverage: inputs.coverage,
          ...(inputs.context ? { context: inputs.context } : {}),
        });
        computations.push({
          method,
          result,
          noData: result.verdicts.length === 0 ? 'results' : undefined,
          labels,
          coverage: {
            year,
            ...inputs.coverage,
            partial: inputs.coverage.municipalitiesWithData < inputs.coverage.municipalitiesTotal,
            enteredFigures: inputs.enteredFigures,
          },
        });
        break;
      }
      case 'risk': {
        const specs = VPR_RISK_ITEMS.map((item) => rules.risk.results.vprItems[item]);
        const labels = Object.fromEntries(specs.map((spec) => [spec.id, spec.label]));
        const codeOf = new Map(schools.map((school) => [school.id, school.code]));
        const loaded = await loadRiskQuestionnaires(deps, request.scopeFilter, codeOf);
        if (loaded === null) {
          computations.push({ method, result: null, noData: 'questionnaire', labels });
          break;
        }
        // A school in scope that has not submitted the form is listed with nothing answered, so
        // it shows as «не хватает данных» (or flagged by its ВПР results alone) rather than vanishing.
        const answered = new Set(loaded.questionnaires.map((q) => q.schoolCode));
        const questionnaires: RiskQuestionnaire[] = [
          ...loaded.questionnaires,
          ...schools
            .filter((school) => !answered.has(school.code))
            .map((school) => ({ schoolCode: school.code, answers: {} })),
        ];
        const resultsYear = request.year ?? latestYearWith(regionProcedures, specs);
        const results =
          resultsYear === null
            ? []
            : await loadResultRows(deps, { schools, years: [resultsYear], procedures: regionProcedures, specs });
        const result = identifyRiskZone(questionnaires, rules.risk, {
          year: request.year ?? null,
          results,
          ...(resultsYear !== null ? { resultsYear } : {}),
        });
        computations.push({ method, result, labels });
        break;
      }
      case 'social': {
        const labels: Record<string, string> = {};
        for (const [name, indicator] of Object.entries(rules.social.indicators))
          if (indicator.label) labels[name] = indicator.label;
        const codeOf = new Map(schools.map((school) => [school.id, school.code]));
        const contexts = await loadSocialContexts(deps, request.scopeFilter, codeOf, rules.social);
        if (contexts === null || contexts.length === 0) {
          computations.push({ method, result: null, noData: 'questionnaire', labels });
          break;
        }
        computations.push({
          method,
          result: identifySocial(contexts, rules.social, { year: request.year ?? null }),
          labels,
          passports: { filled: contexts.length, schools: schools.length },
        });
        break;
      }
    }
  }
  return { computations, schools };
}

function previousYearOf(result: IdentificationResult): AcademicYear | null {
  if (result.method === 'fioco') return result.previousYear;
  if (result.method === 'regional' && result.year !== null) return previousAcademicYear(result.year);
  return null;
}

function yearOf(result: IdentificationResult): AcademicYear | null {
  if (result.method === 'risk') return result.year ?? result.resultsYear;
  return result.year;
}

function missingOf(result: IdentificationResult): MissingView[] {
  if (result.method === 'fioco')
    return result.missing.map((gap) => ({ code: gap.schoolCode, year: gap.year, items: [...gap.procedures] }));
  return result.missing.map((gap) => ({ code: gap.schoolCode, year: gap.year, items: [...gap.items] }));
}

/** The result with only the verdicts and gaps of the given schools. */
function cutTo(result: IdentificationResult, codes: ReadonlySet<string>): IdentificationResult {
  const keep = <T extends { schoolCode: string }>(list: readonly T[]): T[] =>
    list.filter((entry) => codes.has(entry.schoolCode));
  switch (result.method) {
    case 'fioco':
      return {
        ...result,
        verdicts: keep(result.verdicts),
        missing: keep(result.missing),
        duplicates: keep(result.duplicates),
      };
    case 'risk':
      return { ...result, verdicts: keep(result.verdicts), missing: keep(result.missing) };
    case 'regional':
      return { ...result, verdicts: keep(result.verdicts), missing: keep(result.missing) };
    case 'social':
      return { ...result, verdicts: keep(result.verdicts), missing: keep(result.missing) };
  }
}

function emptyCli(method: IdentificationMethod, year: AcademicYear | null): CliJson {
  return { year, method, schools: [], missingYears: [], missing: [] };
}

// ---------------------------------------------------------------------------------------------
// Storing

interface StoreTarget {
  municipalityId: number | null;
  schools: readonly SchoolInfo[];
}

interface StoredOutcome {
  municipalityId: number | null;
  ranAt: string;
  outcomes: MethodOutcome[];
}

async function storeRuns(
  deps: ServiceDeps,
  actor: Actor | null,
  rules: IdentificationRules,
  computations: readonly Computation[],
  targets: readonly StoreTarget[],
  requestedYear: AcademicYear | undefined,
  look = false,
): Promise<StoredOutcome[]> {
  const ranAt = deps.now();
  const label = actorLabel(actor);
  return deps.prisma.$transaction(
    async (tx) => {
      const stored: StoredOutcome[] = [];
      for (const target of targets) {
        const schoolByCode = new Map(target.schools.map((school) => [school.code, school]));
        const codes = new Set(schoolByCode.keys());
        const outcomes: MethodOutcome[] = [];
        for (const computation of computations) {
          const { method } = computation;
          const result = computation.result === null ? null : cutTo(computation.result, codes);
          if (result === null || result.verdicts.length === 0) {
            const reason =
              computation.noData ?? (method === 'risk' || method === 'social' ? 'questionnaire' : 'results');
            outcomes.push({
              method,
              state: 'no-data',
              reason,
              cli: {
                ...(result === null
                  ? emptyCli(method, requestedYear ?? null)
                  : toCliJson(result, namesOf(target.schools))),
                noData: reason,
              },
            });
            continue;
          }
          // A look has no previous run: it is not part of the list's history.
          const previous = look
            ? null
            : await tx.identificationRun.findFirst({
                where: { method, municipalityId: target.municipalityId, look: false },
                orderBy: [{ at: 'desc' }, { id: 'desc' }],
                select: {
                  id: true,
                  at: true,
                  year: true,
                  verdicts: { where: { flagged: true }, select: { school: { select: { code: true } } } },
                },
              });
          const year = yearOf(result);
          const fullDiff = diffRuns(
            previous
              ? {
                  runId: String(previous.id),
                  method,
                  year: previous.year || null,
                  ranAt: previous.at.toISOString(),
                  flagged: previous.verdicts
                    .map((verdict) => verdict.school.code)
                    .filter((code) => codes.has(code))
                    .sort(),
                }
              : null,
            {
              runId: 'new',
              method,
              year,
              ranAt: ranAt.toISOString(),
              flagged: result.verdicts
                .filter((verdict) => verdict.flagged)
                .map((verdict) => verdict.schoolCode)
                .sort(),
            },
          );
          const diff = look ? { ...fullDiff, entered: [], left: [] } : fullDiff;
          const details: StoredRunDetails = {
            applied: rules[method],
            ruleSet: { ...(rules.region ? { region: rules.region } : {}), ...(rules.act ? { act: rules.act } : {}) },
            citations: [...result.rules],
            labels: computation.labels,
            previousYear: previousYearOf(result),
            missingYears: [...result.missingYears],
            missing: missingOf(result),
            notEvaluated: result.method === 'regional' ? [...result.notEvaluated] : [],
            coverage: computation.coverage ?? null,
            passports:
              computation.passports === undefined
                ? null
                : { filled: result.verdicts.length, schools: target.schools.length },
            previousRunId: previous?.id ?? null,
            entered: diff.entered,
            left: diff.left,
          };
          const run = await tx.identificationRun.create({
            data: {
              at: ranAt,
              method,
              year: year ?? '',
              municipalityId: target.municipalityId,
              actorLabel: label,
              rules: json(details),
              look,
            },
          });
          const verdicts: SchoolVerdictLike[] = result.verdicts;
          await insertVerdicts(
            tx,
            run.id,
            verdicts.map((verdict) => ({
              schoolId: schoolByCode.get(verdict.schoolCode)!.id,
              flagged: verdict.flagged,
              criteria: [...verdict.criteria],
              evidence: {
                status: verdict.status,
                undetermined: [...verdict.undetermined],
                items: [...verdict.evidence],
                ...('also' in verdict ? { also: [...(verdict as { also: string[] }).also] } : {}),
              } satisfies StoredEvidence,
            })),
          );
          const counts = countsOf(verdicts);
          await audit(tx, actor, {
            action: 'identification.run',
            entity: 'IdentificationRun',
            entityId: run.id,
            after: {
              method,
              year,
              municipalityId: target.municipalityId,
              ...counts,
              entered: diff.entered,
              left: diff.left,
            },
          });
          const ref = (code: string): SchoolRef => {
            const school = schoolByCode.get(code);
            return { code, name: school?.name ?? code, municipality: school?.municipality ?? '' };
          };
          outcomes.push({
            method,
            state: 'done',
            cli: toCliJson(result, namesOf(target.schools)),
            run: {
              method,
              runId: run.id,
              look,
              ranAt: ranAt.toISOString(),
              actorLabel: label,
              municipalityId: target.municipalityId,
              year,
              previousYear: details.previousYear,
              citations: details.citations,
              labels: details.labels,
              missingYears: details.missingYears,
              missing: details.missing,
              notEvaluated: details.notEvaluated,
              coverage: details.coverage ?? null,
              passports: details.passports ?? null,
              counts,
              previousRun: previous ? { id: previous.id, ranAt: previous.at.toISOString() } : null,
              entered: diff.entered.map(ref),
              left: diff.left.map(ref),
              verdicts: verdicts.map((verdict) => ({
                ...ref(verdict.schoolCode),
                status: verdict.status,
                flagged: verdict.flagged,
                criteria: [...verdict.criteria],
                undetermined: [...verdict.undetermined],
                evidence: [...verdict.evidence],
                also: 'also' in verdict ? [...(verdict as { also: string[] }).also] : [],
              })),
            },
          });
        }
        stored.push({ municipalityId: target.municipalityId, ranAt: ranAt.toISOString(), outcomes });
      }
      return stored;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

type SchoolVerdictLike = {
  schoolCode: string;
  status: VerdictStatus;
  flagged: boolean;
  criteria: readonly string[];
  undetermined: readonly string[];
  evidence: readonly Evidence[];
};

function countsOf(verdicts: ReadonlyArray<{ status: VerdictStatus }>): MethodRunView['counts'] {
  let flagged = 0;
  let incomplete = 0;
  for (const verdict of verdicts) {
    if (verdict.status === 'flagged') flagged++;
    else if (verdict.status === 'incomplete') incomplete++;
  }
  return { evaluated: verdicts.length, flagged, incomplete };
}

const namesOf = (schools: readonly SchoolInfo[]) => new Map(schools.map((school) => [school.code, school.name]));

const json = (value: unknown) => value as Prisma.InputJsonValue;

function checkYear(year: string | undefined): AcademicYear | undefined {
  if (year === undefined) return undefined;
  const trimmed = year.trim();
  if (!isAcademicYear(trimmed)) throw new UserError('identify-error-year-format', { year });
  return trimmed;
}

// ---------------------------------------------------------------------------------------------
// Use cases

/** Runs the methods for the actor's scope (or one municipality in it), stores the runs, returns the summary. */
export async function runIdentification(
  deps: ServiceDeps,
  actor: Actor,
  request: RunIdentificationRequest,
): Promise<IdentificationSummary> {
  const resolved = await resolveScope(deps, actor, 'identification.run', request.municipalityId);
  const year = checkYear(request.year);
  const look = year === undefined ? false : await isLookYear(deps, year, scopeFilters(resolved.regionScope).schools);
  const rules = request.rules ?? defaultRules();
  const methods = IDENTIFICATION_METHODS.filter((method) => request.methods.includes(method));
  const scopeFilter = scopeFilters(resolved.scope).schools;
  const { computations, schools } = await compute(deps, {
    methods,
    rules,
    year,
    scopeFilter,
    regionFilter: scopeFilters(resolved.regionScope).schools,
  });
  const [stored] = await storeRuns(
    deps,
    actor,
    rules,
    computations,
    [{ municipalityId: resolved.view.municipalityId, schools }],
    year,
    look,
  );
  return {
    ranAt: stored!.ranAt,
    look,
    scope: resolved.view,
    schoolsInScope: schools.length,
    methods: stored!.outcomes,
  };
}

/**
 * An explicitly asked year (issue 10): one without results in the region (a future year
 * included) is refused naming the years that have data; a year before the latest is a look.
 */
async function isLookYear(deps: ServiceDeps, year: AcademicYear, regionFilter: Prisma.SchoolWhereInput) {
  const rows = await deps.prisma.assessmentResult.findMany({
    where: { school: regionFilter },
    distinct: ['year'],
    select: { year: true },
  });
  const years = rows.map((row) => row.year).sort();
  if (years.length === 0) throw new UserError('identify-error-year-no-results', { year });
  if (!years.includes(year))
    throw new UserError('identify-error-year-no-data', { year, years: years.join(', '), latest: years.at(-1)! });
  return year !== years.at(-1);
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
  const runIds: number[] = [];
  for (const method of IDENTIFICATION_METHODS) {
    const run = await deps.prisma.identificationRun.findFirst({
      where: {
        method,
        look: false,
        OR: [{ municipalityId: null }, ...(municipalityId !== null ? [{ municipalityId }] : [])],
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    if (run) runIds.push(run.id);
  }
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

export interface CurrentVerdict {
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

export interface MunicipalityChanges {
  municipalityId: number;
  municipality: string;
  /** Telegram ids of the coordinators to tell: the municipality's and the region-wide ones */
  recipients: number[];
  /** true when some method's list changed (entered or left non-empty) */
  changed: boolean;
  methods: Array<{
    method: IdentificationMethod;
    runId: number;
    year: AcademicYear | null;
    evaluated: number;
    flagged: number;
    /** false for the first run of the scope: then every flagged school counts as entered */
    hadPreviousRun: boolean;
    entered: SchoolRef[];
    left: SchoolRef[];
  }>;
}

/**
 * After a results import: reruns the methods that read results (default rules) for each affected
 * municipality, stores the runs as the system, and returns what changed so the bot can tell the
 * coordinators. The results service calls it once per import; no access check (the import had one).
 */
export async function rerunAfterImport(
  deps: ServiceDeps,
  affectedMunicipalityIds: readonly number[],
): Promise<MunicipalityChanges[]> {
  const ids = [...new Set(affectedMunicipalityIds)];
  if (ids.length === 0) return [];
  const municipalities = await deps.prisma.municipality.findMany({
    where: { id: { in: ids } },
    orderBy: { name: 'asc' },
  });
  const rules = defaultRules();
  const changes: MunicipalityChanges[] = [];
  for (const regionId of [...new Set(municipalities.map((m) => m.regionId))]) {
    const inRegion = municipalities.filter((m) => m.regionId === regionId);
    const scopes: Scope[] = inRegion.map((m) => ({ kind: 'municipality', regionId, municipalityId: m.id }));
    const scopeFilter: Prisma.SchoolWhereInput = { OR: scopes.map((scope) => scopeFilters(scope).schools) };
    const { computations, schools } = await compute(deps, {
      methods: RESULT_METHODS,
      rules,
      year: undefined,
      scopeFilter,
      regionFilter: scopeFilters({ kind: 'region', regionId }).schools,
    });
    const targets = inRegion.map((m) => ({
      municipalityId: m.id,
      schools: schools.filter((school) => school.municipalityId === m.id),
    }));
    const stored = await storeRuns(deps, null, rules, computations, targets, undefined);
    const coordinators = await deps.prisma.user.findMany({
      where: {
        role: 'coordinator',
        OR: [{ municipalityId: { in: inRegion.map((m) => m.id) } }, { regionId, municipalityId: null, schoolId: null }],
      },
      select: { telegramId: true, municipalityId: true },
    });
    for (const municipality of inRegion) {
      const outcome = stored.find((entry) => entry.municipalityId === municipality.id)!;
      const methods = outcome.outcomes.flatMap((entry) =>
        entry.state === 'done'
          ? [
              {
                method: entry.method,
                runId: entry.run.runId,
                year: entry.run.year,
                evaluated: entry.run.counts.evaluated,
                flagged: entry.run.counts.flagged,
                hadPreviousRun: entry.run.previousRun !== null,
                entered: entry.run.entered,
                left: entry.run.left,
              },
            ]
          : [],
      );
      changes.push({
        municipalityId: municipality.id,
        municipality: municipality.name,
        recipients: coordinators
          .filter((user) => user.municipalityId === null || user.municipalityId === municipality.id)
          .map((user) => Number(user.telegramId)),
        changed: methods.some((method) => method.entered.length > 0 || method.left.length > 0),
        methods,
      });
    }
  }
  return changes;
}
