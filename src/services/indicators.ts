/**
 * Programme indicators for a scope and an academic year (issue #12): resolves the scope (region,
 * municipality or one school, inside the actor's rights), reads what is stored — results,
 * identification runs, questionnaire answers, campaign forms — into the pure IndicatorInputs and
 * lets domain/indicators compute. The reads live here (not in identification.ts) so that service
 * can change underneath.
 */
import { assertCan, AccessDeniedError, type Actor, type Action } from '../domain/access/policy.ts';
import { computeIndicators } from '../domain/indicators/compute.ts';
import type {
  AnswerFact,
  IdentificationSnapshot,
  IndicatorInputs,
  IndicatorValue,
  RoadmapFact,
  ScopeSchool,
} from '../domain/indicators/types.ts';
import { academicYearStart, formatAcademicYear, parseAcademicYear } from '../domain/results/academicYear.ts';
import type { AcademicYear, ResultRow } from '../domain/results/types.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { scopeFilters, schoolTarget } from './scope.ts';
import { ensureRegion, findMunicipality } from './territory.ts';
import { currentRunsCovering } from './identification/current.ts';

export interface ScopeRequest {
  year?: string;
  /** a municipality's name (inside the actor's scope) */
  municipality?: string;
  /** one school's code */
  school?: string;
}

export interface ReportScope {
  kind: 'region' | 'municipality' | 'school';
  name: string;
  regionId: number;
  municipalityIds: number[];
  schools: Array<ScopeSchool & { id: number; municipalityId: number }>;
}

export interface IndicatorReport {
  year: AcademicYear;
  scope: { kind: ReportScope['kind']; name: string; schools: number };
  indicators: IndicatorValue[];
}

export function previousAcademicYear(year: AcademicYear): AcademicYear {
  return formatAcademicYear(academicYearStart(year) - 1);
}

export function yearBounds(year: AcademicYear): { from: Date; to: Date } {
  const start = academicYearStart(year);
  return { from: new Date(Date.UTC(start, 8, 1)), to: new Date(Date.UTC(start + 1, 8, 1)) };
}

function parseYearOption(input: string | undefined): AcademicYear | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  const parsed = parseAcademicYear(input);
  if (!parsed.ok) throw new UserError('indicators-bad-year', { input: input.trim() });
  return parsed.year;
}

/** The actor's scope narrowed by --municipality / --school; refuses what lies outside it. */
export async function resolveReportScope(
  deps: ServiceDeps,
  actor: Actor,
  request: ScopeRequest,
  action: Action = 'report.read',
): Promise<ReportScope> {
  // the actor's own region (a coordinator's municipality's, as their roadmaps and digest read it);
  // the configured one only for the command line and admins, who have none
  const regionId = actor.scope.kind === 'all' ? await ensureRegion(deps) : actor.scope.regionId;
  const region = await deps.prisma.region.findUniqueOrThrow({ where: { id: regionId } });
  const select = { id: true, code: true, shortName: true, fullName: true, municipalityId: true, municipality: true };
  const toSchool = (row: {
    id: number;
    code: string;
    shortName: string;
    fullName: string;
    municipalityId: number;
    municipality: { name: string };
  }) => ({
    id: row.id,
    code: row.code,
    name: row.shortName || row.fullName,
    municipality: row.municipality.name,
    municipalityId: row.municipalityId,
  });
  if (request.school) {
    const code = request.school.trim().toLowerCase();
    const row = await deps.prisma.school.findUnique({
      where: { code: code.startsWith('sch') ? code : `sch${code}` },
      include: { municipality: true },
    });
    if (!row) throw new UserError('schools-unknown-code', { code: request.school.trim() });
    try {
      assertCan(actor, action === 'report.read' ? 'school.read' : action, schoolTarget(row));
    } catch (error) {
      if (error instanceof AccessDeniedError)
        throw new UserError('status-unknown-school', { query: request.school.trim() });
      throw error;
    }
    return {
      kind: 'school',
      name: `${row.code} ${row.shortName || row.fullName}`,
      regionId: row.municipality.regionId,
      municipalityIds: [row.municipalityId],
      schools: [toSchool(row)],
    };
  }
  if (actor.role === 'director') throw new AccessDeniedError(action, null);
  const filters = scopeFilters(actor.scope).schools;
  if (request.municipality) {
    const municipality = await findMunicipality(deps.prisma, regionId, request.municipality);
    if (!municipality) throw new UserError('indicators-unknown-municipality', { name: request.municipality.trim() });
    if (actor.scope.kind === 'municipality' && actor.scope.municipalityId !== municipality.id)
      throw new UserError('indicators-foreign-municipality', { name: municipality.name });
    const rows = await deps.prisma.school.findMany({
      where: { municipalityId: municipality.id },
      select,
      orderBy: { code: 'asc' },
    });
    return {
      kind: 'municipality',
      name: municipality.name,
      regionId,
      municipalityIds: [municipality.id],
      schools: rows.map(toSchool),
    };
  }
  const rows = await deps.prisma.school.findMany({ where: filters, select, orderBy: { code: 'asc' } });
  if (actor.scope.kind === 'municipality') {
    const municipality = await deps.prisma.municipality.findUniqueOrThrow({
      where: { id: actor.scope.municipalityId },
    });
    return {
      kind: 'municipality',
      name: municipality.name,
      regionId,
      municipalityIds: [municipality.id],
      schools: rows.map(toSchool),
    };
  }
  return {
    kind: 'region',
    name: region.name,
    regionId,
    municipalityIds: [...new Set(rows.map((row) => row.municipalityId))],
    schools: rows.map(toSchool),
  };
}

/** Result rows of some schools (all years, or the given ones). */
export async function loadResults(
  deps: ServiceDeps,
  schools: ReadonlyArray<{ id: number; code: string }>,
  years?: readonly AcademicYear[],
): Promise<ResultRow[]> {
  if (schools.length === 0) return [];
  const codes = new Map(schools.map((school) => [school.id, school.code]));
  const rows = await deps.prisma.assessmentResult.findMany({
    where: { schoolId: { in: [...codes.keys()] }, ...(years ? { year: { in: [...years] } } : {}) },
    select: {
      schoolId: true,
      year: true,
      kind: true,
      subject: true,
      grade: true,
      participants: true,
      failed: true,
      meanScore: true,
    },
  });
  return rows.map((row) => ({
    schoolCode: codes.get(row.schoolId)!,
    year: row.year,
    procedure: { kind: row.kind, subject: row.subject, grade: row.grade },
    participants: row.participants,
    failed: row.failed,
    meanScore: row.meanScore,
  }));
}

/**
 * Each school's latest verdict per method and academic year, from region-wide and municipal runs
 * made as current (a later «look» into a past year does not rewrite that year's list).
 */
async function loadIdentification(
  deps: ServiceDeps,
  scope: ReportScope,
  years: readonly AcademicYear[],
): Promise<Record<string, Record<AcademicYear, IdentificationSnapshot>>> {
  const codes = new Map(scope.schools.map((school) => [school.id, school.code]));
  const runs = await deps.prisma.identificationRun.findMany({
    where: {
      year: { in: [...years] },
      // a look into a past year (issue 10) is not that year's list: only the runs made as current count
      ...currentRunsCovering(scope.municipalityIds),
    },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: {
      method: true,
      year: true,
      verdicts: {
        where: { schoolId: { in: [...codes.keys()] } },
        select: { schoolId: true, flagged: true, criteria: true },
      },
    },
  });
  const latest = new Map<string, Map<string, { flagged: boolean; criteria: string[] }>>();
  for (const run of runs) {
    const key = `${run.method}\u0000${run.year}`;
    const bySchool = latest.get(key) ?? new Map();
    for (const verdict of run.verdicts) {
      bySchool.set(codes.get(verdict.schoolId)!, {
        flagged: verdict.flagged,
        criteria: Array.isArray(verdict.criteria) ? (verdict.criteria as string[]) : [],
      });
    }
    latest.set(key, bySchool);
  }
  const result: Record<string, Record<AcademicYear, IdentificationSnapshot>> = {};
  for (const [key, bySchool] of latest) {
    const [method, year] = key.split('\u0000') as [string, string];
    const codesSorted = [...bySchool.keys()].sort();
    result[method] ??= {};
    result[method][year] = {
      evaluated: codesSorted,
      flagged: codesSorted.filter((code) => bySchool.get(code)!.flagged),
      criteria: Object.fromEntries(codesSorted.map((code) => [code, bySchool.get(code)!.criteria])),
    };
  }
  return result;
}

export interface CampaignForms {
  forms: IndicatorInputs['forms'];
  answers: AnswerFact[];
  campaigns: Array<{
    id: number;
    title: string;
    questionnaireKey: string;
    version: number;
    createdAt: Date;
    deadline: Date;
    total: number;
    submitted: number;
  }>;
}

/** Campaigns launched in the academic year, their forms for the scope's schools and the answers. */
async function loadCampaignForms(deps: ServiceDeps, scope: ReportScope, year: AcademicYear): Promise<CampaignForms> {
  const { from, to } = yearBounds(year);
  const codes = new Map(scope.schools.map((school) => [school.id, school.code]));
  const ids = [...codes.keys()];
  const campaigns = await deps.prisma.campaign.findMany({
    where: { createdAt: { gte: from, lt: to }, schools: { some: { schoolId: { in: ids } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      title: true,
      createdAt: true,
      deadline: true,
      questionnaire: { select: { key: true, version: true } },
      schools: { where: { schoolId: { in: ids } }, select: { schoolId: true, status: true } },
    },
  });
  const answers = await deps.prisma.answer.findMany({
    where: { campaignId: { in: campaigns.map((campaign) => campaign.id) }, schoolId: { in: ids } },
    select: { campaignId: true, schoolId: true, itemNumber: true, value: true, questionnaireVersion: true },
  });
  const byId = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
  const submitted = new Set(
    campaigns.flatMap((campaign) =>
      campaign.schools.filter((form) => form.status === 'submitted').map((form) => `${campaign.id}:${form.schoolId}`),
    ),
  );
  return {
    campaigns: campaigns.map((campaign) => ({
      id: campaign.id,
      title: campaign.title,
      questionnaireKey: campaign.questionnaire.key,
      version: campaign.questionnaire.version,
      createdAt: campaign.createdAt,
      deadline: campaign.deadline,
      total: campaign.schools.length,
      submitted: campaign.schools.filter((form) => form.status === 'submitted').length,
    })),
    forms: campaigns.flatMap((campaign) =>
      campaign.schools.map((form) => ({
        questionnaireKey: campaign.questionnaire.key,
        schoolCode: codes.get(form.schoolId)!,
        submitted: form.status === 'submitted',
      })),
    ),
    answers: answers.map((answer) => ({
      questionnaireKey: byId.get(answer.campaignId)!.questionnaire.key,
      version: answer.questionnaireVersion,
      schoolCode: codes.get(answer.schoolId)!,
      item: answer.itemNumber,
      value: answer.value,
      submitted: submitted.has(`${answer.campaignId}:${answer.schoolId}`),
    })),
  };
}

/**
 * Items of the roadmaps imported in the academic year for the scope's territory (issue 13), those
 * addressed to the scope's schools or to the committee; null when no roadmap was imported then.
 */
async function loadRoadmapFacts(
  deps: ServiceDeps,
  scope: ReportScope,
  year: AcademicYear,
): Promise<RoadmapFact[] | null> {
  const { from, to } = yearBounds(year);
  const codes = new Map(scope.schools.map((school) => [school.id, school.code]));
  const roadmaps = await deps.prisma.roadmap.findMany({
    where: {
      regionId: scope.regionId,
      importedAt: { gte: from, lt: to },
      OR: [{ municipalityId: null }, { municipalityId: { in: scope.municipalityIds } }],
    },
    select: { items: { select: { schoolId: true, status: true, doneAt: true } } },
  });
  if (roadmaps.length === 0) return null;
  return roadmaps
    .flatMap((roadmap) => roadmap.items)
    .filter((item) => item.schoolId === null || codes.has(item.schoolId))
    .map((item) => ({
      schoolCode: item.schoolId === null ? null : codes.get(item.schoolId)!,
      // done within the academic year (a recurring item's later marks belong to later years)
      done: item.status === 'done' && item.doneAt !== null && item.doneAt >= from && item.doneAt < to,
    }));
}

/** The newest academic year with results or identification runs for the scope; null when nothing is stored. */
export async function latestDataYear(deps: ServiceDeps, scope: ReportScope): Promise<AcademicYear | null> {
  const ids = scope.schools.map((school) => school.id);
  const result = await deps.prisma.assessmentResult.findFirst({
    where: { schoolId: { in: ids } },
    orderBy: { year: 'desc' },
    select: { year: true },
  });
  if (result) return result.year;
  const run = await deps.prisma.identificationRun.findFirst({
    where: {
      year: { not: '' },
      ...currentRunsCovering(scope.municipalityIds),
    },
    orderBy: { year: 'desc' },
    select: { year: true },
  });
  return run?.year ?? null;
}

/** Everything the indicators read, for one resolved scope and year. */
export async function indicatorInputs(
  deps: ServiceDeps,
  scope: ReportScope,
  year: AcademicYear,
): Promise<{ inputs: IndicatorInputs; campaigns: CampaignForms['campaigns'] }> {
  const previous = previousAcademicYear(year);
  const regionSchools = await deps.prisma.school.findMany({
    where: { municipality: { regionId: scope.regionId } },
    select: { id: true, code: true },
  });
  const [results, regionResults, identification, forms, roadmap] = await Promise.all([
    loadResults(deps, scope.schools),
    loadResults(deps, regionSchools, [year]),
    loadIdentification(deps, scope, [year, previous]),
    loadCampaignForms(deps, scope, year),
    loadRoadmapFacts(deps, scope, year),
  ]);
  return {
    inputs: {
      year,
      previousYear: previous,
      schools: scope.schools.map(({ code, name, municipality }) => ({ code, name, municipality })),
      results,
      regionResults,
      identification,
      answers: forms.answers,
      forms: forms.forms,
      roadmap,
    },
    campaigns: forms.campaigns,
  };
}

/** Picks the year: the asked one (refused when nothing is stored for it) or the newest with data. */
export async function chooseYear(deps: ServiceDeps, scope: ReportScope, asked: string | undefined) {
  if (scope.schools.length === 0) throw new UserError('indicators-no-schools', { scope: scope.name, kind: scope.kind });
  const year = parseYearOption(asked);
  if (year) {
    const ids = scope.schools.map((school) => school.id);
    const { from, to } = yearBounds(year);
    const [results, runs, campaigns] = await Promise.all([
      deps.prisma.assessmentResult.count({ where: { schoolId: { in: ids }, year } }),
      deps.prisma.identificationRun.count({
        where: { year, ...currentRunsCovering(scope.municipalityIds) },
      }),
      deps.prisma.campaign.count({
        where: { createdAt: { gte: from, lt: to }, schools: { some: { schoolId: { in: ids } } } },
      }),
    ]);
    if (results + runs + campaigns === 0)
      throw new UserError('indicators-year-empty', { year, scope: scope.name, kind: scope.kind });
    return year;
  }
  const latest = await latestDataYear(deps, scope);
  if (!latest) throw new UserError('indicators-no-data', { scope: scope.name, kind: scope.kind });
  return latest;
}

export async function programmeIndicators(
  deps: ServiceDeps,
  actor: Actor,
  request: ScopeRequest,
): Promise<IndicatorReport> {
  const scope = await resolveReportScope(deps, actor, request);
  const year = await chooseYear(deps, scope, request.year);
  const { inputs } = await indicatorInputs(deps, scope, year);
  return {
    year,
    scope: { kind: scope.kind, name: scope.name, schools: scope.schools.length },
    indicators: computeIndicators(inputs),
  };
}
