/** Running the methods: load the inputs once per source, compute each method, store; `runIdentification` is the use case. */
import type { Prisma } from '../../db/client.ts';
import type { Actor } from '../../domain/access/policy.ts';
import {
  defaultRules,
  identifyFioco,
  identifyRegional,
  identifyRiskZone,
  identifySocial,
  VPR_RISK_ITEMS,
  type IdentificationMethod,
  type IdentificationResult,
  type IdentificationRules,
  type RiskQuestionnaire,
} from '../../domain/identification/index.ts';
import type { AcademicYear } from '../../domain/results/types.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
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
} from '../identificationInputs.ts';
import { scopeFilters } from '../scope.ts';
import { loadSchools, resolveScope } from './scope.ts';
import { type SchoolInfo, checkYear, storeRuns } from './store.ts';
import {
  type CoverageView,
  IDENTIFICATION_METHODS,
  type IdentificationSummary,
  type NoDataReason,
  type RunIdentificationRequest,
} from './views.ts';

// Computing

export interface Computation {
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

export async function compute(
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
