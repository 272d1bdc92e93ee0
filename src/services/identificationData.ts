/**
 * Data the identification methods need besides results (issue 11), as use cases:
 * - «Контингент» import (grade 9 → 10, olympiads): seed 001's two other main criteria;
 * - regional figures a coordinator enters for a year, when not every municipality's data is loaded;
 * - the official ШНОР list of a year (seed 003 «перечень ШНОР, сформированный … ФИОКО»; seed 000
 *   «приказ … об утверждении перечня»), official vs computed, and the campaign target sets.
 * Writes are transactional and audited; a file with any error changes nothing.
 */
import { assertCan, can, mayEver, AccessDeniedError, type Actor } from '../domain/access/policy.ts';
import { isAcademicYear } from '../domain/identification/index.ts';
import { currentRunsCovering } from './identification/current.ts';
import type { AcademicYear } from '../domain/results/types.ts';
import { parseContingentFile, parseOfficialListFile } from '../files/xlsx/read/identificationSheets.ts';
import type { SheetIssue } from '../files/xlsx/issues.ts';
import { actorLabel, audit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { assertMayList, schoolTarget, scopeFilters } from './scope.ts';
import { ensureRegion } from './territory.ts';

export type TableImportResult<S> =
  | { ok: false; issues: SheetIssue[]; sheetName: string | null }
  | ({ ok: true; issues: SheetIssue[]; sheetName: string | null } & S);

async function schoolsByCode(deps: ServiceDeps, codes: readonly string[]) {
  const schools = await deps.prisma.school.findMany({
    where: { code: { in: [...codes] } },
    include: { municipality: true },
  });
  return new Map(schools.map((school) => [school.code, school]));
}

function regionOf(actor: Actor, fallback: number): number {
  return actor.scope.kind === 'all' ? fallback : actor.scope.regionId;
}

// ---------------------------------------------------------------------------------------------
// «Контингент»

export async function importContingent(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: { fileName?: string } = {},
): Promise<TableImportResult<{ years: AcademicYear[]; created: number; replaced: number; schools: number }>> {
  if (!mayEver(actor, 'results.import')) throw new AccessDeniedError('results.import', null);
  const parsed = parseContingentFile(bytes);
  if (!parsed.ok) return { ok: false, issues: parsed.issues, sheetName: parsed.sheetName };
  const known = await schoolsByCode(
    deps,
    parsed.rows.map((row) => row.schoolCode),
  );
  const issues: SheetIssue[] = [...parsed.issues];
  for (const row of parsed.rows) {
    const school = known.get(row.schoolCode);
    if (!school)
      issues.push({
        severity: 'error',
        row: row.rowNumber,
        header: 'Код школы',
        code: 'idtables-error-unknown-code',
        params: { code: row.schoolCode },
      });
    else if (!can(actor, 'results.import', schoolTarget(school)))
      issues.push({
        severity: 'error',
        row: row.rowNumber,
        header: 'Код школы',
        code: 'idtables-error-outside-scope',
        params: { code: row.schoolCode, municipality: school.municipality.name },
      });
  }
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues, sheetName: parsed.sheetName };
  const label = actorLabel(actor);
  let created = 0;
  let replaced = 0;
  await deps.prisma.$transaction(async (tx) => {
    for (const row of parsed.rows) {
      const schoolId = known.get(row.schoolCode)!.id;
      const data = {
        pupils: row.pupils,
        grade9: row.grade9,
        continuedTo10: row.continuedTo10,
        olympiadSchool: row.olympiadSchool,
        olympiadMunicipal: row.olympiadMunicipal,
        olympiadRegional: row.olympiadRegional,
        olympiadFinal: row.olympiadFinal,
        contests: row.contests,
        actorLabel: label,
      };
      const before = await tx.contingentRecord.findUnique({ where: { schoolId_year: { schoolId, year: row.year } } });
      if (before) replaced++;
      else created++;
      await tx.contingentRecord.upsert({
        where: { schoolId_year: { schoolId, year: row.year } },
        create: { schoolId, year: row.year, ...data },
        update: data,
      });
    }
    await audit(tx, actor, {
      action: 'contingent.import',
      entity: 'ContingentRecord',
      entityId: options.fileName ?? '',
      after: { rows: parsed.rows.length, created, replaced },
    });
  });
  return {
    ok: true,
    issues,
    sheetName: parsed.sheetName,
    years: [...new Set(parsed.rows.map((row) => row.year))].sort(),
    created,
    replaced,
    schools: new Set(parsed.rows.map((row) => row.schoolCode)).size,
  };
}

/** How many schools in the actor's scope have «Контингент» data for a year (and how many there are). */
export async function contingentCoverage(
  deps: ServiceDeps,
  actor: Actor,
  year: string,
): Promise<{ year: AcademicYear; withData: number; schools: number }> {
  const filters = assertMayList(actor, 'identification.read');
  if (!isAcademicYear(year)) throw new UserError('identify-error-year-format', { year });
  const schools = await deps.prisma.school.count({ where: filters.schools });
  const withData = await deps.prisma.school.count({
    where: { AND: [filters.schools, { contingent: { some: { year } } }] },
  });
  return { year, withData, schools };
}

// ---------------------------------------------------------------------------------------------
// Regional figures entered by a coordinator

export interface RegionFiguresInput {
  year: string;
  /** fractions 0…1 */
  ogeRusFailedShare?: number | null;
  ogeMathFailedShare?: number | null;
  /** points 0…100 */
  egeRusMeanScore?: number | null;
}

export async function setRegionFigures(deps: ServiceDeps, actor: Actor, input: RegionFiguresInput) {
  const regionId = regionOf(actor, await ensureRegion(deps));
  assertCan(actor, 'identification.run', { kind: 'region', regionId });
  const year = input.year.trim();
  if (!isAcademicYear(year)) throw new UserError('identify-error-year-format', { year: input.year });
  for (const key of ['ogeRusFailedShare', 'ogeMathFailedShare'] as const) {
    const value = input[key];
    if (value !== undefined && value !== null && !(value >= 0 && value <= 1))
      throw new UserError('idtables-region-figure-share', { key, value: String(value) });
  }
  const score = input.egeRusMeanScore;
  if (score !== undefined && score !== null && !(score >= 0 && score <= 100))
    throw new UserError('idtables-region-figure-score', { value: String(score) });
  const data = {
    ogeRusFailedShare: input.ogeRusFailedShare ?? null,
    ogeMathFailedShare: input.ogeMathFailedShare ?? null,
    egeRusMeanScore: input.egeRusMeanScore ?? null,
    actorLabel: actorLabel(actor),
  };
  if (data.ogeRusFailedShare === null && data.ogeMathFailedShare === null && data.egeRusMeanScore === null)
    throw new UserError('idtables-region-figure-none');
  return deps.prisma.$transaction(async (tx) => {
    const before = await tx.regionFigure.findUnique({ where: { regionId_year: { regionId, year } } });
    const saved = await tx.regionFigure.upsert({
      where: { regionId_year: { regionId, year } },
      create: { regionId, year, ...data },
      update: data,
    });
    await audit(tx, actor, {
      action: 'region-figures.set',
      entity: 'RegionFigure',
      entityId: saved.id,
      before,
      after: saved,
    });
    return { year, ...data };
  });
}

// ---------------------------------------------------------------------------------------------
// The official ШНОР list

export async function importOfficialList(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: { fileName?: string } = {},
): Promise<
  TableImportResult<{ year: AcademicYear; orderNumber: string; orderDate: string; schools: number; replaced: boolean }>
> {
  const regionId = regionOf(actor, await ensureRegion(deps));
  assertCan(actor, 'identification.run', { kind: 'region', regionId });
  const parsed = parseOfficialListFile(bytes);
  const list = parsed.rows[0]!;
  if (!parsed.ok) return { ok: false, issues: parsed.issues, sheetName: parsed.sheetName };
  const known = await schoolsByCode(
    deps,
    list.codes.map((entry) => entry.code),
  );
  const issues: SheetIssue[] = [...parsed.issues];
  for (const entry of list.codes) {
    const school = known.get(entry.code);
    if (!school || school.municipality.regionId !== regionId)
      issues.push({
        severity: 'error',
        row: entry.rowNumber,
        header: 'Код школы',
        code: 'idtables-error-unknown-code',
        params: { code: entry.code },
      });
  }
  if (list.codes.length === 0) issues.push({ severity: 'error', code: 'idtables-error-list-empty' });
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues, sheetName: parsed.sheetName };
  const year = list.year!;
  const label = actorLabel(actor);
  const replaced = await deps.prisma.$transaction(async (tx) => {
    const before = await tx.officialList.findUnique({
      where: { regionId_year: { regionId, year } },
      include: { schools: { select: { school: { select: { code: true } } } } },
    });
    if (before) await tx.officialList.delete({ where: { id: before.id } });
    const created = await tx.officialList.create({
      data: {
        regionId,
        year,
        orderNumber: list.orderNumber!,
        orderDate: list.orderDate!,
        fileName: options.fileName ?? '',
        actorLabel: label,
        at: deps.now(),
        schools: { create: list.codes.map((entry) => ({ schoolId: known.get(entry.code)!.id })) },
      },
    });
    await audit(tx, actor, {
      action: 'official-list.import',
      entity: 'OfficialList',
      entityId: created.id,
      before: before
        ? {
            orderNumber: before.orderNumber,
            orderDate: before.orderDate,
            codes: before.schools.map((s) => s.school.code),
          }
        : undefined,
      after: { year, orderNumber: list.orderNumber, orderDate: list.orderDate, codes: list.codes.map((e) => e.code) },
    });
    return before !== null;
  });
  return {
    ok: true,
    issues,
    sheetName: parsed.sheetName,
    year,
    orderNumber: list.orderNumber!,
    orderDate: list.orderDate!,
    schools: list.codes.length,
    replaced,
  };
}

export interface SchoolRefPlain {
  code: string;
  name: string;
  municipality: string;
}

/** Official vs computed (the latest ФИОКО run), cut to the actor's scope. Plain data for the card and reports. */
export interface OfficialComparison {
  /** null when no official list has been imported */
  official: { year: AcademicYear; orderNumber: string; orderDate: string; importedAt: string } | null;
  /** the latest stored ФИОКО run covering the scope; null when never run */
  computed: { runId: number; year: AcademicYear | null; ranAt: string } | null;
  both: SchoolRefPlain[];
  onlyOfficial: SchoolRefPlain[];
  onlyComputed: SchoolRefPlain[];
}

const refOf = (school: { code: string; shortName: string; fullName: string; municipality: { name: string } }) => ({
  code: school.code,
  name: school.shortName || school.fullName,
  municipality: school.municipality.name,
});

export async function officialComparison(
  deps: ServiceDeps,
  actor: Actor,
  options: { year?: string } = {},
): Promise<OfficialComparison> {
  const filters = assertMayList(actor, 'identification.read');
  const regionId = regionOf(actor, await ensureRegion(deps));
  const list = await deps.prisma.officialList.findFirst({
    where: { regionId, ...(options.year ? { year: options.year } : {}) },
    orderBy: { year: 'desc' },
    include: {
      schools: {
        where: { school: filters.schools },
        include: { school: { include: { municipality: true } } },
      },
    },
  });
  const municipalityId =
    actor.scope.kind === 'municipality' || actor.scope.kind === 'school' ? actor.scope.municipalityId : null;
  const run = await deps.prisma.identificationRun.findFirst({
    where: { method: 'fioco', ...currentRunsCovering(municipalityId) },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    include: {
      verdicts: {
        where: { flagged: true, school: filters.schools },
        include: { school: { include: { municipality: true } } },
      },
    },
  });
  const official = new Map((list?.schools ?? []).map((entry) => [entry.school.code, refOf(entry.school)]));
  const computed = new Map((run?.verdicts ?? []).map((verdict) => [verdict.school.code, refOf(verdict.school)]));
  const byCode = (a: SchoolRefPlain, b: SchoolRefPlain) => (a.code < b.code ? -1 : 1);
  return {
    official: list
      ? { year: list.year, orderNumber: list.orderNumber, orderDate: list.orderDate, importedAt: list.at.toISOString() }
      : null,
    computed: run ? { runId: run.id, year: run.year || null, ranAt: run.at.toISOString() } : null,
    both: [...official.values()].filter((school) => computed.has(school.code)).sort(byCode),
    onlyOfficial: [...official.values()].filter((school) => !computed.has(school.code)).sort(byCode),
    onlyComputed: [...computed.values()].filter((school) => !official.has(school.code)).sort(byCode),
  };
}

/** Campaign target sets (issue 11): «школы из перечня ШНОР», «зона риска», «ШНСУ». */
type TargetSetId = 'official-list' | 'risk-zone' | 'social';

export interface TargetSet {
  id: TargetSetId;
  /** school codes in the actor's scope; empty when the set has no data yet */
  codes: string[];
  /** where the set comes from: the list's year and order, or the run's date */
  source: { year: AcademicYear | null; orderNumber?: string; orderDate?: string; ranAt?: string } | null;
}

export async function targetSets(deps: ServiceDeps, actor: Actor): Promise<TargetSet[]> {
  const comparison = await officialComparison(deps, actor);
  const filters = scopeFilters(actor.scope);
  const municipalityId =
    actor.scope.kind === 'municipality' || actor.scope.kind === 'school' ? actor.scope.municipalityId : null;
  const fromRun = async (method: 'risk' | 'social', id: TargetSetId): Promise<TargetSet> => {
    const run = await deps.prisma.identificationRun.findFirst({
      where: { method, ...currentRunsCovering(municipalityId) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      include: {
        verdicts: { where: { flagged: true, school: filters.schools }, select: { school: { select: { code: true } } } },
      },
    });
    return {
      id,
      codes: (run?.verdicts ?? []).map((verdict) => verdict.school.code).sort(),
      source: run ? { year: run.year || null, ranAt: run.at.toISOString() } : null,
    };
  };
  return [
    {
      id: 'official-list',
      codes: [...comparison.both, ...comparison.onlyOfficial].map((school) => school.code).sort(),
      source: comparison.official
        ? {
            year: comparison.official.year,
            orderNumber: comparison.official.orderNumber,
            orderDate: comparison.official.orderDate,
          }
        : null,
    },
    await fromRun('risk', 'risk-zone'),
    await fromRun('social', 'social'),
  ];
}

/** One school's place on the official list and on the computed one, for the school card (issue 12). */
export interface SchoolOfficialStatus {
  code: string;
  /** null when no official list has been imported */
  official: { year: AcademicYear; orderNumber: string; orderDate: string; listed: boolean } | null;
  /** null when ФИОКО has never evaluated the school */
  computed: { runId: number; year: AcademicYear | null; flagged: boolean } | null;
  /** the two disagree (only when both exist) */
  differs: boolean;
}

export async function schoolOfficialStatus(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
): Promise<SchoolOfficialStatus> {
  const normalised = code.trim().toLowerCase();
  const school = await deps.prisma.school.findUnique({ where: { code: normalised }, include: { municipality: true } });
  if (!school) throw new UserError('schools-unknown-code', { code: code.trim() });
  assertCan(actor, 'identification.read', schoolTarget(school));
  const list = await deps.prisma.officialList.findFirst({
    where: { regionId: school.municipality.regionId },
    orderBy: { year: 'desc' },
    include: { schools: { where: { schoolId: school.id }, select: { schoolId: true } } },
  });
  const verdict = await deps.prisma.identificationVerdict.findFirst({
    where: {
      schoolId: school.id,
      run: { method: 'fioco', ...currentRunsCovering(school.municipalityId) },
    },
    orderBy: [{ run: { at: 'desc' } }, { runId: 'desc' }],
    select: { flagged: true, run: { select: { id: true, year: true } } },
  });
  const official = list
    ? { year: list.year, orderNumber: list.orderNumber, orderDate: list.orderDate, listed: list.schools.length > 0 }
    : null;
  const computed = verdict ? { runId: verdict.run.id, year: verdict.run.year || null, flagged: verdict.flagged } : null;
  return {
    code: school.code,
    official,
    computed,
    differs: official !== null && computed !== null && official.listed !== computed.flagged,
  };
}
