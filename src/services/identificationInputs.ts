/**
 * What the identification methods read from the database, turned into the domain's plain shapes:
 * assessment results (ФИОКО, regional, risk items 4.1–4.4) and questionnaire answers (risk zone,
 * social index). Kept apart from the run itself so that a loader can change (e.g. when the
 * campaigns work settles where answers live) without touching the rest.
 */
import type { Prisma } from '../db/client.ts';
import type {
  ContingentRecord,
  IdentificationRules,
  RegionalContext,
  ProcedureSpec,
  RiskQuestionnaire,
  SocialContext,
} from '../domain/identification/index.ts';
import {
  ProcedureMatcher,
  contextFromContingent,
  academicYearsBack,
  isAcademicYear,
  previousAcademicYear,
} from '../domain/identification/index.ts';
import { CONTEXT_DATA_ID } from '../domain/questionnaires/builtin/contextData.ts';
import { SCHOOL_PASSPORT_ID } from '../domain/questionnaires/builtin/schoolPassport.ts';
import type { AcademicYear, AssessmentKind, ResultRow } from '../domain/results/types.ts';
import { selectResultColumns } from '../db/identificationQueries.ts';
import type { ServiceDeps } from './deps.ts';

/** One kind × subject × grade present in the data for a year (from a GROUP BY, a few hundred rows at most). */
export interface StoredProcedure {
  year: AcademicYear;
  kind: AssessmentKind;
  subject: string;
  grade: number;
}

/** The procedures each year of the data holds, for the schools matched by `schools`. */
export async function storedProcedures(
  deps: ServiceDeps,
  schools: Prisma.SchoolWhereInput,
): Promise<StoredProcedure[]> {
  const groups = await deps.prisma.assessmentResult.groupBy({
    by: ['year', 'kind', 'subject', 'grade'],
    where: isEmpty(schools) ? {} : { school: schools },
  });
  return groups.map((group) => ({ year: group.year, kind: group.kind, subject: group.subject, grade: group.grade }));
}

/** The latest academic year with a row of one of `specs`, as the domain would pick it from all rows. */
export function latestYearWith(
  procedures: readonly StoredProcedure[],
  specs: readonly ProcedureSpec[],
): AcademicYear | null {
  const matcher = new ProcedureMatcher(specs);
  let latest: AcademicYear | null = null;
  for (const stored of procedures) {
    if ((latest === null || stored.year > latest) && isAcademicYear(stored.year) && matcher.match(stored) >= 0)
      latest = stored.year;
  }
  return latest;
}

/** The latest academic year with any row. */
export function latestYear(procedures: readonly StoredProcedure[]): AcademicYear | null {
  let latest: AcademicYear | null = null;
  for (const stored of procedures)
    if ((latest === null || stored.year > latest) && isAcademicYear(stored.year)) latest = stored.year;
  return latest;
}

/**
 * Result rows of the given schools and years whose procedure matches one of `specs` (or, with
 * `kinds`, is of one of those kinds): one query, whatever the number of schools.
 */
export async function loadResultRows(
  deps: ServiceDeps,
  request: {
    /** the schools to read, as the scope filter found them */
    schools: ReadonlyArray<{ id: number; code: string }>;
    years: readonly AcademicYear[];
    procedures: readonly StoredProcedure[];
    specs: readonly ProcedureSpec[];
    kinds?: readonly AssessmentKind[];
  },
): Promise<ResultRow[]> {
  const matcher = new ProcedureMatcher(request.specs);
  const kinds = new Set(request.kinds ?? []);
  const years = new Set(request.years);
  // The subject spellings present in the data that the rules claim: the query asks for those only.
  const subjects = new Set<string>();
  for (const stored of request.procedures) {
    if (years.has(stored.year) && !kinds.has(stored.kind) && matcher.match(stored) >= 0) subjects.add(stored.subject);
  }
  const columns = await selectResultColumns(deps.prisma, {
    schoolIds: request.schools.map((school) => school.id),
    years: [...years],
    subjects: [...subjects],
    kinds: [...kinds],
  });
  const codeOf = new Map(request.schools.map((school) => [school.id, school.code]));
  const rows: ResultRow[] = new Array(columns.schoolId.length);
  let count = 0;
  for (let i = 0; i < columns.schoolId.length; i++) {
    const schoolCode = codeOf.get(columns.schoolId[i]!);
    if (schoolCode === undefined) continue;
    rows[count++] = {
      schoolCode,
      year: columns.year[i]!,
      // grade is stored for every kind (ОГЭ 9, ЕГЭ 11), which is what the domain assumes for an empty one
      procedure: { kind: columns.kind[i]!, subject: columns.subject[i]!, grade: columns.grade[i]! },
      participants: columns.participants[i]!,
      failed: columns.failed[i]!,
      meanScore: columns.meanScore[i]!,
    };
  }
  rows.length = count;
  return rows;
}

/** L and L − 1 for ФИОКО. */
export const fiocoYears = (year: AcademicYear): AcademicYear[] => [year, previousAcademicYear(year)];

/** The years the regional indicators read: L back to the longest window they use. */
export const regionalYears = (year: AcademicYear, rules: IdentificationRules['regional']): AcademicYear[] =>
  academicYearsBack(year, Math.max(3, rules.lowest.years));

// ---------------------------------------------------------------------------------------------
// Questionnaire answers

/**
 * Risk-zone input: for each school, the answers of its latest submitted «Контекстные данные ОУ»
 * (questionnaire key `context-data`, seed 003 §3.2). Answers are stored as the forms keep them
 * (item key `1.3/physics`, percent as 12.5); the domain wants `1.3.physics` and fractions.
 * Returns null when no school in scope has submitted that questionnaire at all.
 */
export async function loadRiskQuestionnaires(
  deps: ServiceDeps,
  schools: Prisma.SchoolWhereInput,
  codeOf: ReadonlyMap<number, string>,
): Promise<{ questionnaires: RiskQuestionnaire[]; submittedAt: Map<string, string> } | null> {
  const submitted = await deps.prisma.campaignSchool.findMany({
    where: {
      submittedAt: { not: null },
      campaign: { questionnaire: { key: CONTEXT_DATA_ID } },
      ...(isEmpty(schools) ? {} : { school: schools }),
    },
    select: { campaignId: true, schoolId: true, submittedAt: true },
    orderBy: [{ submittedAt: 'desc' }, { campaignId: 'desc' }],
  });
  if (submitted.length === 0) return null;
  const latest = new Map<number, { campaignId: number; submittedAt: Date }>();
  for (const form of submitted)
    if (!latest.has(form.schoolId))
      latest.set(form.schoolId, { campaignId: form.campaignId, submittedAt: form.submittedAt! });

  const answers = await deps.prisma.answer.findMany({
    where: {
      campaignId: { in: [...new Set([...latest.values()].map((form) => form.campaignId))] },
      schoolId: { in: [...latest.keys()] },
    },
    select: { campaignId: true, schoolId: true, itemNumber: true, value: true, answeredById: true },
  });
  // who answered 4.1–4.4: named in the evidence of a correction of the prefilled share
  const authorIds = [
    ...new Set(answers.flatMap((answer) => (answer.answeredById === null ? [] : [answer.answeredById]))),
  ];
  const authors = new Map(
    (
      await deps.prisma.user.findMany({
        where: { id: { in: authorIds } },
        select: { id: true, firstName: true, lastName: true, username: true },
      })
    ).map((user) => [
      user.id,
      [user.firstName, user.lastName].filter(Boolean).join(' ') + (user.username ? ` (@${user.username})` : ''),
    ]),
  );
  const answeredBy = new Map<number, NonNullable<RiskQuestionnaire['answeredBy']>>();
  const bySchool = new Map<number, RiskQuestionnaire['answers']>();
  for (const answer of answers) {
    if (latest.get(answer.schoolId)?.campaignId !== answer.campaignId) continue;
    let map = bySchool.get(answer.schoolId);
    if (map === undefined) bySchool.set(answer.schoolId, (map = {}));
    const item = answer.itemNumber.replace('/', '.') as keyof RiskQuestionnaire['answers'];
    const value = answer.value;
    const author = answer.answeredById === null ? undefined : authors.get(answer.answeredById);
    if (author !== undefined) {
      let names = answeredBy.get(answer.schoolId);
      if (names === undefined) answeredBy.set(answer.schoolId, (names = {}));
      names[item] = author;
    }
    (map as Record<string, boolean | number | null>)[item] =
      typeof value === 'boolean' ? value : typeof value === 'number' ? value / 100 : null;
  }
  const questionnaires: RiskQuestionnaire[] = [];
  const submittedAt = new Map<string, string>();
  for (const [schoolId, form] of latest) {
    const schoolCode = codeOf.get(schoolId);
    if (schoolCode === undefined) continue;
    const names = answeredBy.get(schoolId);
    questionnaires.push({ schoolCode, answers: bySchool.get(schoolId) ?? {}, ...(names ? { answeredBy: names } : {}) });
    submittedAt.set(schoolCode, form.submittedAt.toISOString());
  }
  return { questionnaires, submittedAt };
}

/**
 * Social-index input: for each school, the answers of its latest submitted «Социальный паспорт
 * школы» (questionnaire `school-passport`, seed 004 РАЗДЕЛ 2 п. 1), mapped to the rules'
 * indicators by their passport item (`item`). Percent answers become fractions, yes/no stays
 * boolean. Returns null when no school in scope has submitted a passport.
 */
export async function loadSocialContexts(
  deps: ServiceDeps,
  schools: Prisma.SchoolWhereInput,
  codeOf: ReadonlyMap<number, string>,
  rules: IdentificationRules['social'],
): Promise<SocialContext[] | null> {
  const submitted = await deps.prisma.campaignSchool.findMany({
    where: {
      submittedAt: { not: null },
      campaign: { questionnaire: { key: SCHOOL_PASSPORT_ID } },
      ...(isEmpty(schools) ? {} : { school: schools }),
    },
    select: { campaignId: true, schoolId: true },
    orderBy: [{ submittedAt: 'desc' }, { campaignId: 'desc' }],
  });
  if (submitted.length === 0) return null;
  const latest = new Map<number, number>();
  for (const form of submitted) if (!latest.has(form.schoolId)) latest.set(form.schoolId, form.campaignId);
  const answers = await deps.prisma.answer.findMany({
    where: { campaignId: { in: [...new Set(latest.values())] }, schoolId: { in: [...latest.keys()] } },
    select: { campaignId: true, schoolId: true, itemNumber: true, value: true },
  });
  const indicatorOfItem = new Map<string, string>();
  for (const [name, indicator] of Object.entries(rules.indicators))
    if (indicator.item) indicatorOfItem.set(indicator.item, name);
  const bySchool = new Map<number, Record<string, number | boolean | null>>();
  for (const answer of answers) {
    if (latest.get(answer.schoolId) !== answer.campaignId) continue;
    const name = indicatorOfItem.get(answer.itemNumber);
    if (name === undefined) continue;
    let map = bySchool.get(answer.schoolId);
    if (map === undefined) bySchool.set(answer.schoolId, (map = {}));
    const value = answer.value;
    map[name] = typeof value === 'boolean' ? value : typeof value === 'number' ? value / 100 : null;
  }
  const contexts: SocialContext[] = [];
  for (const schoolId of latest.keys()) {
    const schoolCode = codeOf.get(schoolId);
    if (schoolCode !== undefined) contexts.push({ schoolCode, indicators: bySchool.get(schoolId) ?? {} });
  }
  return contexts;
}

function isEmpty(filter: object): boolean {
  return Object.keys(filter).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Regional method inputs (issue 11)

/**
 * What the regional method needs besides results: how many of the region's municipalities have
 * results in L (coverage), the coordinator's regional figures for L (RegionFigure, filling what the
 * rules file leaves out), and the context from «Контингент» (null when no school has a record).
 */
export async function loadRegionalInputs(
  deps: ServiceDeps,
  regionFilter: Prisma.SchoolWhereInput,
  schools: ReadonlyArray<{ id: number; code: string; municipalityId: number }>,
  year: AcademicYear,
  rules: IdentificationRules['regional'],
): Promise<{
  rules: IdentificationRules['regional'];
  coverage: { municipalitiesWithData: number; municipalitiesTotal: number };
  context: Map<string, RegionalContext> | null;
  enteredFigures: boolean;
}> {
  const municipalityFilter: Prisma.MunicipalityWhereInput = isEmpty(regionFilter)
    ? {}
    : { schools: { some: regionFilter } };
  const municipalitiesTotal = await deps.prisma.municipality.count({ where: municipalityFilter });
  const withData = await deps.prisma.municipality.count({
    where: { AND: [municipalityFilter, { schools: { some: { ...regionFilter, results: { some: { year } } } } }] },
  });
  // Region ids of the schools (one region per deployment in practice; an admin may see several).
  const regionIds = await deps.prisma.region.findMany({
    where: { municipalities: { some: municipalityFilter } },
    select: { id: true },
  });
  const entered =
    regionIds.length === 1
      ? await deps.prisma.regionFigure.findUnique({ where: { regionId_year: { regionId: regionIds[0]!.id, year } } })
      : null;
  let effective = rules;
  let enteredFigures = false;
  if (entered) {
    const given = rules.regionFigures[year] ?? {};
    const merged = { ...given };
    if (merged.ogeRusFailedShare === undefined && entered.ogeRusFailedShare !== null)
      merged.ogeRusFailedShare = entered.ogeRusFailedShare;
    if (merged.ogeMathFailedShare === undefined && entered.ogeMathFailedShare !== null)
      merged.ogeMathFailedShare = entered.ogeMathFailedShare;
    if (merged.egeRusMeanScore === undefined && entered.egeRusMeanScore !== null)
      merged.egeRusMeanScore = entered.egeRusMeanScore;
    enteredFigures = Object.keys(merged).length > Object.keys(given).length;
    effective = { ...rules, regionFigures: { ...rules.regionFigures, [year]: merged } };
  }
  const records = await loadContingent(deps, schools, academicYearsBack(year, 3));
  return {
    rules: effective,
    coverage: { municipalitiesWithData: withData, municipalitiesTotal },
    // no record of L at all: the two criteria are «not checked — no «Контингент» for L», not per-school gaps
    context: records.some((record) => record.year === year) ? contextFromContingent(records, year) : null,
    enteredFigures,
  };
}

/** «Контингент» records of the given schools and years. */
async function loadContingent(
  deps: ServiceDeps,
  schools: ReadonlyArray<{ id: number; code: string }>,
  years: readonly AcademicYear[],
): Promise<ContingentRecord[]> {
  const codeOf = new Map(schools.map((school) => [school.id, school.code]));
  const rows = await deps.prisma.contingentRecord.findMany({
    where: { schoolId: { in: [...codeOf.keys()] }, year: { in: [...years] } },
  });
  return rows.map((row) => ({
    schoolCode: codeOf.get(row.schoolId)!,
    year: row.year,
    pupils: row.pupils,
    grade9: row.grade9,
    continuedTo10: row.continuedTo10,
    olympiadSchool: row.olympiadSchool,
    olympiadMunicipal: row.olympiadMunicipal,
    olympiadRegional: row.olympiadRegional,
    olympiadFinal: row.olympiadFinal,
    contests: row.contests,
  }));
}
