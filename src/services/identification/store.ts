/** How runs are stored (see index.ts): the verdicts of one computation written as IdentificationRun rows with their audit entry, in one transaction, and the entered / left codes against the previous run. */
import type { Prisma } from '../../db/client.ts';
import { insertVerdicts } from '../../db/identificationQueries.ts';
import type { Actor } from '../../domain/access/policy.ts';
import {
  diffRuns,
  schoolHistory,
  type HistoryEvent,
  type IdentificationRun,
  isAcademicYear,
  previousAcademicYear,
  toCliJson,
  type CliJson,
  type Evidence,
  type IdentificationMethod,
  type IdentificationResult,
  type IdentificationRules,
  type RuleCitation,
  type VerdictStatus,
} from '../../domain/identification/index.ts';
import type { AcademicYear } from '../../domain/results/types.ts';
import { actorLabel, audit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { currentRunsCovering } from './current.ts';
import type { Computation } from './run.ts';
import {
  type CoverageView,
  IDENTIFICATION_METHODS,
  type MethodOutcome,
  type MissingView,
  type SchoolRef,
  countsOf,
} from './views.ts';

/** What IdentificationRun.rules holds. */
export interface StoredRunDetails {
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
export interface StoredEvidence {
  status: VerdictStatus;
  undetermined: string[];
  items: Evidence[];
  also?: string[];
}

/** A school's verdict in the latest stored run of one method, with that run's details. */
export interface LatestSchoolVerdict {
  method: IdentificationMethod;
  runId: number;
  ranAt: string;
  year: AcademicYear | null;
  flagged: boolean;
  status: VerdictStatus;
  criteria: string[];
  undetermined: string[];
  evidence: Evidence[];
  also: string[];
  previousYear: AcademicYear | null;
  citations: RuleCitation[];
  labels: Record<string, string>;
}

/**
 * The identification runs that covered a school — region-wide ones and its municipality's that
 * hold a verdict for it; a look into a past year (issue 10) is not part of the lists or their
 * history — read once for /status, `kurator status` and the identification history: the runs
 * (oldest first), when the school entered or left each method's list, and its verdict in each
 * method's latest run. A run that did not evaluate the school neither puts it in a list nor takes it out.
 */
export async function schoolRuns(
  deps: ServiceDeps,
  school: { id: number; code: string; municipalityId: number },
): Promise<{ runs: IdentificationRun[]; history: HistoryEvent[]; latest: LatestSchoolVerdict[] }> {
  const runs = await deps.prisma.identificationRun.findMany({
    where: { ...currentRunsCovering(school.municipalityId), verdicts: { some: { schoolId: school.id } } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      at: true,
      method: true,
      year: true,
      verdicts: { where: { schoolId: school.id }, select: { flagged: true, criteria: true, evidence: true } },
    },
  });
  const covering: IdentificationRun[] = runs.map((run) => ({
    runId: String(run.id),
    method: run.method as IdentificationMethod,
    year: run.year || null,
    ranAt: run.at.toISOString(),
    flagged: run.verdicts[0]!.flagged ? [school.code] : [],
  }));
  const history = schoolHistory(covering, school.code);
  const newest = IDENTIFICATION_METHODS.flatMap((method) => runs.filter((run) => run.method === method).at(-1) ?? []);
  // the rules (citations, labels) only of the runs shown, not of every run in the history
  const details = new Map(
    (
      await deps.prisma.identificationRun.findMany({
        where: { id: { in: newest.map((run) => run.id) } },
        select: { id: true, rules: true },
      })
    ).map((run) => [run.id, (run.rules ?? {}) as Partial<StoredRunDetails>]),
  );
  const latest = newest.map((run): LatestSchoolVerdict => {
    const verdict = run.verdicts[0]!;
    // runs stored before a field existed lack it: read them with its empty value
    const stored = (verdict.evidence ?? {}) as Partial<StoredEvidence>;
    const rules = details.get(run.id) ?? {};
    return {
      method: run.method as IdentificationMethod,
      runId: run.id,
      ranAt: run.at.toISOString(),
      year: run.year || null,
      flagged: verdict.flagged,
      status: stored.status ?? (verdict.flagged ? 'flagged' : 'clear'),
      criteria: Array.isArray(verdict.criteria) ? (verdict.criteria as string[]) : [],
      undetermined: stored.undetermined ?? [],
      evidence: Array.isArray(stored.items) ? stored.items : [],
      also: stored.also ?? [],
      previousYear: rules.previousYear ?? null,
      citations: rules.citations ?? [],
      labels: rules.labels ?? {},
    };
  });
  return { runs: covering, history, latest };
}

export interface SchoolInfo {
  id: number;
  code: string;
  name: string;
  municipalityId: number;
  municipality: string;
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

// Storing

interface StoreTarget {
  municipalityId: number | null;
  schools: readonly SchoolInfo[];
}

export interface StoredOutcome {
  municipalityId: number | null;
  ranAt: string;
  outcomes: MethodOutcome[];
}

export async function storeRuns(
  deps: ServiceDeps,
  actor: Actor | null,
  rules: IdentificationRules,
  computations: readonly Computation[],
  targets: readonly StoreTarget[],
  requestedYear: AcademicYear | undefined,
  look = false,
  /** more writes owed with these runs (the rerun's announcements), in the same transaction */
  alongside?: (tx: Prisma.TransactionClient, stored: readonly StoredOutcome[]) => Promise<void>,
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
      await alongside?.(tx, stored);
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

const namesOf = (schools: readonly SchoolInfo[]) => new Map(schools.map((school) => [school.code, school.name]));

const json = (value: unknown) => value as Prisma.InputJsonValue;

export function checkYear(year: string | undefined): AcademicYear | undefined {
  if (year === undefined) return undefined;
  const trimmed = year.trim();
  if (!isAcademicYear(trimmed)) throw new UserError('identify-error-year-format', { year });
  return trimmed;
}
