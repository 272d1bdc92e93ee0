/**
 * The content of the reports (issue #12): the .xlsx workbook and the «аналитическая справка».
 * One read of a scope and year: indicators, the identification lists with evidence, results,
 * campaigns with answers, data sources, and which parts are missing. Documents are rendered in
 * src/documents from this; nothing here is text.
 */
import type { Actor } from '../domain/access/policy.ts';
import type { Evidence, IdentificationMethod } from '../domain/identification/index.ts';
import { computeIndicators } from '../domain/indicators/compute.ts';
import type { IndicatorValue } from '../domain/indicators/types.ts';
import type { ExportSchoolAnswers } from '../domain/questionnaires/export.ts';
import type { Questionnaire } from '../domain/questionnaires/model.ts';
import type { AcademicYear, ResultRow } from '../domain/results/types.ts';
import type { ServiceDeps } from './deps.ts';
import {
  chooseYear,
  indicatorInputs,
  previousAcademicYear,
  resolveReportScope,
  type ReportScope,
  type ScopeRequest,
} from './indicators.ts';
import { questionnaireByVersionId } from './questionnaires.ts';
import { type ScopeRoadmaps, scopeRoadmaps } from './roadmapState.ts';
import { currentRunsCovering } from './identification/current.ts';

const REPORT_METHODS: readonly IdentificationMethod[] = ['fioco', 'risk', 'social', 'regional'];

interface ListedSchool {
  code: string;
  name: string;
  municipality: string;
  criteria: string[];
  evidence: Evidence[];
}

/** who launched a run, as a reader is told (never the stored actor id) */
type RunBy = { kind: 'person'; name: string } | { kind: 'cli' } | { kind: 'system' } | { kind: 'unknown' };

/** the run's stored actor label («user:12», «cli», «system») → who, by name */
async function runBy(deps: ServiceDeps, label: string): Promise<RunBy> {
  const id = /^user:(\d+)$/.exec(label)?.[1];
  if (id === undefined) return label === 'cli' ? { kind: 'cli' } : { kind: 'system' };
  const user = await deps.prisma.user.findUnique({ where: { id: Number(id) } });
  const name = user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : '';
  return name ? { kind: 'person', name } : { kind: 'unknown' };
}

interface MethodList {
  method: IdentificationMethod;
  /** null when no run covers the scope for the year */
  run: { year: AcademicYear; ranAt: string; by: RunBy } | null;
  evaluated: number;
  flagged: ListedSchool[];
  labels: Record<string, string>;
}

interface ReportCampaign {
  id: number;
  title: string;
  questionnaireKey: string;
  createdAt: string;
  deadline: string;
  total: number;
  submitted: number;
  questionnaire: Questionnaire;
  answers: ExportSchoolAnswers[];
}

export type MissingPart =
  | { part: 'results'; year: AcademicYear }
  | { part: 'identification'; method: IdentificationMethod; year: AcademicYear }
  | { part: 'campaigns'; year: AcademicYear }
  | { part: 'roadmap'; year: AcademicYear };

export interface ReportData {
  generatedAt: string;
  year: AcademicYear;
  previousYear: AcademicYear;
  scope: { kind: ReportScope['kind']; name: string; schools: number };
  schools: Array<{ code: string; name: string; municipality: string }>;
  indicators: IndicatorValue[];
  lists: MethodList[];
  results: ResultRow[];
  campaigns: ReportCampaign[];
  imports: Array<{ fileName: string; at: string; rows: number }>;
  /** the roadmaps imported in the year for the scope (issue 13), cut to the scope's items */
  roadmaps: ScopeRoadmaps;
  missing: MissingPart[];
}

async function methodLists(deps: ServiceDeps, scope: ReportScope, year: AcademicYear): Promise<MethodList[]> {
  const byId = new Map(scope.schools.map((school) => [school.id, school]));
  const lists: MethodList[] = [];
  for (const method of REPORT_METHODS) {
    const runs = await deps.prisma.identificationRun.findMany({
      where: {
        method,
        year,
        // a look into a past year (issue 10) is not that year's list
        ...currentRunsCovering(scope.municipalityIds),
      },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: {
        at: true,
        year: true,
        actorLabel: true,
        rules: true,
        verdicts: {
          where: { schoolId: { in: [...byId.keys()] } },
          select: { schoolId: true, flagged: true, criteria: true, evidence: true },
        },
      },
    });
    const latest = new Map<number, { flagged: boolean; criteria: unknown; evidence: unknown }>();
    let newest: (typeof runs)[number] | null = null;
    let labels: Record<string, string> = {};
    for (const run of runs) {
      if (run.verdicts.length === 0) continue;
      newest = run;
      labels = { ...labels, ...((run.rules as { labels?: Record<string, string> } | null)?.labels ?? {}) };
      for (const verdict of run.verdicts) latest.set(verdict.schoolId, verdict);
    }
    const flagged: ListedSchool[] = [];
    for (const [schoolId, verdict] of latest) {
      if (!verdict.flagged) continue;
      const school = byId.get(schoolId)!;
      const stored = (verdict.evidence ?? {}) as { items?: Evidence[] };
      flagged.push({
        code: school.code,
        name: school.name,
        municipality: school.municipality,
        criteria: Array.isArray(verdict.criteria) ? (verdict.criteria as string[]) : [],
        evidence: Array.isArray(stored.items) ? stored.items : [],
      });
    }
    flagged.sort((a, b) => a.code.localeCompare(b.code));
    lists.push({
      method,
      run: newest
        ? { year: newest.year, ranAt: newest.at.toISOString(), by: await runBy(deps, newest.actorLabel) }
        : null,
      evaluated: latest.size,
      flagged,
      labels,
    });
  }
  return lists;
}

/** Everything a report shows for a scope and year; missing parts are listed, not fatal. */
export async function reportData(deps: ServiceDeps, actor: Actor, request: ScopeRequest): Promise<ReportData> {
  const scope = await resolveReportScope(deps, actor, request);
  const year = await chooseYear(deps, scope, request.year);
  const { inputs, campaigns } = await indicatorInputs(deps, scope, year);
  const lists = await methodLists(deps, scope, year);
  const names = new Map(scope.schools.map((school) => [school.code, school.name]));
  const ids = new Map(scope.schools.map((school) => [school.id, school.code]));
  const reportCampaigns: ReportCampaign[] = [];
  for (const campaign of campaigns) {
    const version = await deps.prisma.campaign.findUniqueOrThrow({
      where: { id: campaign.id },
      select: { questionnaireVersionId: true },
    });
    const questionnaire = await questionnaireByVersionId(deps, version.questionnaireVersionId);
    const answers = await deps.prisma.answer.findMany({
      where: { campaignId: campaign.id, schoolId: { in: [...ids.keys()] } },
      select: { schoolId: true, itemNumber: true, value: true, questionnaireVersion: true },
    });
    const bySchool = new Map<string, ExportSchoolAnswers>();
    for (const answer of answers) {
      const code = ids.get(answer.schoolId)!;
      const entry = bySchool.get(code) ?? {
        schoolCode: code,
        schoolName: names.get(code) ?? code,
        answerSet: { questionnaireId: questionnaire.id, version: answer.questionnaireVersion, answers: {} },
      };
      (entry.answerSet.answers as Record<string, unknown>)[answer.itemNumber] = answer.value;
      bySchool.set(code, entry);
    }
    reportCampaigns.push({
      id: campaign.id,
      title: campaign.title,
      questionnaireKey: campaign.questionnaireKey,
      createdAt: campaign.createdAt.toISOString(),
      deadline: campaign.deadline.toISOString(),
      total: campaign.total,
      submitted: campaign.submitted,
      questionnaire,
      answers: [...bySchool.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode)),
    });
  }
  const importRows = await deps.prisma.resultImport.findMany({
    where: { results: { some: { schoolId: { in: [...ids.keys()] } } } },
    orderBy: { at: 'asc' },
    select: { fileName: true, at: true, rowsTotal: true },
  });
  const missing: MissingPart[] = [];
  if (!inputs.results.some((row) => row.year === year)) missing.push({ part: 'results', year });
  for (const list of lists) if (!list.run) missing.push({ part: 'identification', method: list.method, year });
  if (campaigns.length === 0) missing.push({ part: 'campaigns', year });
  const roadmaps = await scopeRoadmaps(deps, scope, { year });
  if (roadmaps.roadmaps.length === 0) missing.push({ part: 'roadmap', year });
  return {
    generatedAt: deps.now().toISOString(),
    year,
    previousYear: previousAcademicYear(year),
    scope: { kind: scope.kind, name: scope.name, schools: scope.schools.length },
    schools: scope.schools.map(({ code, name, municipality }) => ({ code, name, municipality })),
    indicators: computeIndicators(inputs),
    lists,
    results: inputs.results,
    campaigns: reportCampaigns,
    imports: importRows.map((row) => ({ fileName: row.fileName, at: row.at.toISOString(), rows: row.rowsTotal })),
    roadmaps,
    missing,
  };
}
