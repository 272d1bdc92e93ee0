/**
 * The school card and the overview behind /status and `kurator status` (issue #12). Reads the
 * stored identification verdicts, results, campaign forms and the school's indicators; never
 * renders text (src/text/status.ts does). A school's verdicts and their history come from
 * identification/store.ts (`schoolRuns`), the one reader of the stored runs for a school.
 */
import { AccessDeniedError, assertCan, type Actor } from '../domain/access/policy.ts';
import type { HistoryEvent } from '../domain/identification/history.ts';
import type { IdentificationMethod } from '../domain/identification/index.ts';
import { computeIndicators } from '../domain/indicators/compute.ts';
import type { IndicatorValue } from '../domain/indicators/types.ts';
import { procedureLabel } from '../domain/results/procedures.ts';
import type { AcademicYear, ResultRow } from '../domain/results/types.ts';
import { schoolCodeOfQuery } from '../domain/schools/school.ts';
import { searchSchools } from '../domain/schools/search.ts';
import { type ChartData, chartData, isMainProcedure } from '../domain/results/failShares.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { chooseYear, indicatorInputs, loadResults, resolveReportScope, type ReportScope } from './indicators.ts';
import { type ScopeRoadmaps, scopeRoadmaps } from './roadmapState.ts';
import { scopeFilters, schoolTarget } from './scope.ts';
import { currentRunsCovering } from './identification/current.ts';
import { type LatestSchoolVerdict, schoolRuns } from './identification/store.ts';
import { IDENTIFICATION_METHODS } from './identification/views.ts';

interface SchoolRefView {
  code: string;
  name: string;
  municipality: string;
}

export type StatusLookup =
  | { kind: 'card'; card: SchoolCard }
  | { kind: 'choose'; query: string; schools: SchoolRefView[] }
  | { kind: 'overview'; overview: ScopeOverview };

/** What the card shows of a school's latest verdict per method. */
type FlagView = Pick<LatestSchoolVerdict, 'method' | 'status' | 'year' | 'ranAt' | 'criteria' | 'evidence' | 'labels'>;

interface TrendView {
  procedure: string;
  latest: { year: AcademicYear; participants: number; failed: number; share: number; mean: number | null };
  previous: { year: AcademicYear; participants: number; failed: number; share: number; mean: number | null } | null;
}

interface FormView {
  campaignId: number;
  title: string;
  deadline: string;
  status: 'submitted' | 'in-progress' | 'not-started';
  late: boolean;
}

export interface SchoolCard {
  school: SchoolRefView & { fullName: string; settlement: string; type: string };
  year: AcademicYear | null;
  flags: FlagView[];
  trend: TrendView[];
  chart: ChartData;
  forms: FormView[];
  /** the official ШНОР lists (issue 11) of the region: years the school is on, and the latest list */
  official: {
    on: Array<{ year: AcademicYear; orderNumber: string; orderDate: string }>;
    latestYear: AcademicYear | null;
  };
  /** the school's indicators with a target they miss */
  offTarget: IndicatorValue[];
  /** roadmap items addressed to the school (issue 13), counted per roadmap */
  roadmap: ScopeRoadmaps;
  history: HistoryEvent[];
}

/** Main procedures shown in the trend: Russian and mathematics. */
const MAIN = isMainProcedure;

function procedureName(row: ResultRow): string {
  return procedureLabel(row.procedure);
}

function trendOf(rows: readonly ResultRow[]): TrendView[] {
  const byProcedure = new Map<string, ResultRow[]>();
  for (const row of rows.filter(MAIN)) {
    const name = procedureName(row);
    byProcedure.set(name, [...(byProcedure.get(name) ?? []), row]);
  }
  const figures = (list: readonly ResultRow[], year: AcademicYear) => {
    const inYear = list.filter((row) => row.year === year);
    const participants = inYear.reduce((total, row) => total + row.participants, 0);
    if (participants === 0) return null;
    const failed = inYear.reduce((total, row) => total + row.failed, 0);
    const scored = inYear.filter((row) => row.meanScore !== null && row.meanScore !== undefined);
    const weight = scored.reduce((total, row) => total + row.participants, 0);
    const mean =
      weight > 0 ? scored.reduce((total, row) => total + row.meanScore! * row.participants, 0) / weight : null;
    return { year, participants, failed, share: failed / participants, mean };
  };
  const trend: TrendView[] = [];
  const newest = rows
    .map((row) => row.year)
    .sort()
    .at(-1);
  for (const [procedure, list] of [...byProcedure.entries()].sort(([a], [b]) => a.localeCompare(b, 'ru'))) {
    const years = [...new Set(list.map((row) => row.year))].sort();
    // only what the school wrote in its latest year (ВПР grades change from year to year)
    if (years.at(-1) !== newest) continue;
    const latest = figures(list, years.at(-1)!);
    if (!latest) continue;
    const previous = years.length > 1 ? figures(list, years.at(-2)!) : null;
    trend.push({ procedure, latest, previous });
  }
  return trend;
}

async function schoolRow(deps: ServiceDeps, code: string) {
  return deps.prisma.school.findUnique({ where: { code }, include: { municipality: true } });
}

/** The card of one school the actor may read (a director: their own). */
export async function schoolCard(deps: ServiceDeps, actor: Actor, code: string): Promise<SchoolCard> {
  const school = await schoolRow(deps, schoolCodeOfQuery(code));
  if (!school) throw new UserError('status-unknown-school', { query: code.trim() });
  try {
    assertCan(actor, 'school.read', schoolTarget(school));
  } catch (error) {
    if (error instanceof AccessDeniedError) throw new UserError('status-unknown-school', { query: code.trim() });
    throw error;
  }
  const { runs, history, latest } = await schoolRuns(deps, school);
  const flags: FlagView[] = latest.map((verdict) => ({
    method: verdict.method,
    status: verdict.status,
    year: verdict.year,
    ranAt: verdict.ranAt,
    criteria: verdict.criteria,
    evidence: verdict.evidence,
    labels: verdict.labels,
  }));
  const rows = await loadResults(deps, [{ id: school.id, code: school.code }]);
  const year =
    rows.length > 0
      ? rows
          .map((row) => row.year)
          .sort()
          .at(-1)!
      : null;

  const now = deps.now();
  const forms = await deps.prisma.campaignSchool.findMany({
    where: { schoolId: school.id },
    orderBy: { campaign: { createdAt: 'desc' } },
    take: 10,
    select: {
      status: true,
      campaign: {
        select: {
          id: true,
          title: true,
          deadline: true,
          _count: { select: { answers: { where: { schoolId: school.id } } } },
        },
      },
    },
  });

  const scope: ReportScope = {
    kind: 'school',
    name: school.code,
    regionId: school.municipality.regionId,
    municipalityIds: [school.municipalityId],
    schools: [
      {
        id: school.id,
        code: school.code,
        name: school.shortName || school.fullName,
        municipality: school.municipality.name,
        municipalityId: school.municipalityId,
      },
    ],
  };
  let offTarget: IndicatorValue[] = [];
  const indicatorYear =
    year ??
    runs
      .map((run) => run.year)
      .filter(Boolean)
      .sort()
      .at(-1) ??
    null;
  if (indicatorYear) {
    const { inputs } = await indicatorInputs(deps, scope, indicatorYear);
    // a share of schools over one school (0 or 100 %) says nothing on its card
    offTarget = computeIndicators(inputs).filter(
      (indicator) => indicator.onTarget === false && (indicator.denominator === null || indicator.denominator > 1),
    );
  }
  const officialLists = await deps.prisma.officialList.findMany({
    where: { regionId: school.municipality.regionId },
    orderBy: { year: 'asc' },
    select: {
      year: true,
      orderNumber: true,
      orderDate: true,
      schools: { where: { schoolId: school.id }, select: { schoolId: true } },
    },
  });
  const official = {
    on: officialLists
      .filter((list) => list.schools.length > 0)
      .map(({ year: listYear, orderNumber, orderDate }) => ({ year: listYear, orderNumber, orderDate })),
    latestYear: officialLists.at(-1)?.year ?? null,
  };
  return {
    official,
    school: {
      code: school.code,
      name: school.shortName || school.fullName,
      fullName: school.fullName,
      municipality: school.municipality.name,
      settlement: school.settlement,
      type: school.type,
    },
    year,
    flags,
    trend: trendOf(rows),
    chart: chartData(rows),
    forms: forms.map((form) => {
      const submitted = form.status === 'submitted';
      return {
        campaignId: form.campaign.id,
        title: form.campaign.title,
        deadline: form.campaign.deadline.toISOString(),
        status: submitted ? 'submitted' : form.campaign._count.answers > 0 ? 'in-progress' : 'not-started',
        late: !submitted && form.campaign.deadline.getTime() < now.getTime(),
      };
    }),
    offTarget,
    roadmap: await scopeRoadmaps(deps, scope),
    history,
  };
}

interface OverviewSchool extends SchoolRefView {
  /** methods whose latest verdict flags the school */
  flags: IdentificationMethod[];
  /** forms past their deadline and not submitted */
  lateForms: number;
}

export interface ScopeOverview {
  scope: { kind: ReportScope['kind']; name: string; schools: number };
  year: AcademicYear | null;
  /** per method: schools evaluated in its latest year and flagged */
  methods: Array<{ method: IdentificationMethod; year: AcademicYear; evaluated: number; flagged: number }>;
  /** schools needing attention first (most flags, then late forms), then the rest */
  schools: OverviewSchool[];
  campaigns: Array<{ id: number; title: string; deadline: string; total: number; submitted: number }>;
  /** indicators that have a target */
  targets: IndicatorValue[];
  /** the progress of the scope's roadmaps (issue 13) */
  roadmaps: ScopeRoadmaps;
}

/** The overview of the actor's scope (or one municipality of it). */
export async function scopeOverview(
  deps: ServiceDeps,
  actor: Actor,
  request: { municipality?: string; year?: string } = {},
): Promise<ScopeOverview> {
  const scope = await resolveReportScope(deps, actor, request);
  if (scope.schools.length === 0) throw new UserError('indicators-no-schools', { scope: scope.name, kind: scope.kind });
  const codes = new Map(scope.schools.map((school) => [school.id, school]));
  // latest verdict of each school per method, from the runs covering the scope
  const runs = await deps.prisma.identificationRun.findMany({
    where: currentRunsCovering(scope.municipalityIds),
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: {
      method: true,
      year: true,
      verdicts: { where: { schoolId: { in: [...codes.keys()] } }, select: { schoolId: true, flagged: true } },
    },
  });
  const latest = new Map<string, Map<number, { flagged: boolean; year: string }>>();
  for (const run of runs) {
    const byMethod = latest.get(run.method) ?? new Map();
    for (const verdict of run.verdicts) byMethod.set(verdict.schoolId, { flagged: verdict.flagged, year: run.year });
    latest.set(run.method, byMethod);
  }
  const methods = IDENTIFICATION_METHODS.flatMap((method) => {
    const verdicts = [...(latest.get(method)?.values() ?? [])];
    if (verdicts.length === 0) return [];
    const year =
      verdicts
        .map((verdict) => verdict.year)
        .sort()
        .at(-1) ?? '';
    return [
      { method, year, evaluated: verdicts.length, flagged: verdicts.filter((verdict) => verdict.flagged).length },
    ];
  });
  const now = deps.now();
  const late = await deps.prisma.campaignSchool.groupBy({
    by: ['schoolId'],
    where: {
      schoolId: { in: [...codes.keys()] },
      status: { not: 'submitted' },
      campaign: { deadline: { lt: now }, status: { not: 'closed' } },
    },
    _count: { _all: true },
  });
  const lateBySchool = new Map(late.map((entry) => [entry.schoolId, entry._count._all]));
  const schools: OverviewSchool[] = scope.schools.map((school) => ({
    code: school.code,
    name: school.name,
    municipality: school.municipality,
    flags: IDENTIFICATION_METHODS.filter((method) => latest.get(method)?.get(school.id)?.flagged),
    lateForms: lateBySchool.get(school.id) ?? 0,
  }));
  schools.sort(
    (a, b) => b.flags.length - a.flags.length || b.lateForms - a.lateForms || a.name.localeCompare(b.name, 'ru'),
  );
  let year: AcademicYear | null = null;
  let targets: IndicatorValue[] = [];
  let campaigns: ScopeOverview['campaigns'] = [];
  try {
    year = await chooseYear(deps, scope, request.year);
  } catch (error) {
    if (!(error instanceof UserError) || request.year) throw error;
  }
  if (year) {
    const computed = await indicatorInputs(deps, scope, year);
    targets = computeIndicators(computed.inputs).filter((indicator) => indicator.target !== null);
  }
  const recent = await deps.prisma.campaign.findMany({
    where: { schools: { some: { schoolId: { in: [...codes.keys()] } } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 5,
    select: {
      id: true,
      title: true,
      deadline: true,
      schools: { where: { schoolId: { in: [...codes.keys()] } }, select: { status: true } },
    },
  });
  campaigns = recent.map((campaign) => ({
    id: campaign.id,
    title: campaign.title,
    deadline: campaign.deadline.toISOString(),
    total: campaign.schools.length,
    submitted: campaign.schools.filter((form) => form.status === 'submitted').length,
  }));
  return {
    scope: { kind: scope.kind, name: scope.name, schools: scope.schools.length },
    year,
    methods,
    schools,
    campaigns,
    targets,
    roadmaps: await scopeRoadmaps(deps, scope),
  };
}

/**
 * What /status with some text means: a director's own school when they type nothing; a code; a
 * name (several matches → the caller offers buttons); nothing typed → the overview.
 */
export async function lookupStatus(deps: ServiceDeps, actor: Actor, query: string): Promise<StatusLookup> {
  const typed = query.trim();
  if (actor.role === 'director' && actor.scope.kind === 'school') {
    const own = await deps.prisma.school.findUniqueOrThrow({ where: { id: actor.scope.schoolId } });
    // another school's code or name is answered like an unknown one (issue 10: existence is not revealed)
    if (
      typed &&
      searchSchools([{ code: own.code, name: own.shortName, fullName: own.fullName }], typed).kind === 'none'
    )
      throw new UserError('status-unknown-school', { query: typed });
    return { kind: 'card', card: await schoolCard(deps, actor, own.code) };
  }
  if (!typed) return { kind: 'overview', overview: await scopeOverview(deps, actor) };
  const inScope = await deps.prisma.school.findMany({
    where: scopeFilters(actor.scope).schools,
    select: { code: true, shortName: true, fullName: true, settlement: true, municipality: { select: { name: true } } },
  });
  const candidates = inScope.map((school) => ({
    code: school.code,
    name: school.shortName || school.fullName,
    fullName: school.fullName,
    settlement: school.settlement,
    municipality: school.municipality.name,
  }));
  const found = searchSchools(candidates, typed);
  if (found.kind === 'code') return { kind: 'card', card: await schoolCard(deps, actor, found.school.code) };
  if (found.kind === 'matches') {
    if (found.schools.length === 1)
      return { kind: 'card', card: await schoolCard(deps, actor, found.schools[0]!.code) };
    return {
      kind: 'choose',
      query: typed,
      schools: found.schools.map(({ code, name, municipality }) => ({ code, name, municipality: municipality ?? '' })),
    };
  }
  // a school outside the scope is answered like an unknown one (issue 10: existence is not revealed)
  throw new UserError('status-unknown-school', { query: typed });
}
