/**
 * Assessment results (issue #3): a spreadsheet becomes rows only as a whole. `previewResults`
 * parses and validates and says what would change; `importResults` does the same and writes
 * everything in one transaction, replacing earlier rows of the same school × year × procedure
 * (their old values go to the audit log). The same file twice changes nothing.
 */
import { can, mayEver, AccessDeniedError, type Actor } from '../domain/access/policy.ts';
import { effectiveGrade, procedureLabel } from '../domain/results/procedures.ts';
import type { AssessmentKind, ResultRow } from '../domain/results/types.ts';
import { compareIssues, type SheetIssue } from '../files/xlsx/issues.ts';
import type { ParseStats } from '../files/xlsx/read/resultsSheet.ts';
import { parseResultsFileOffThread } from '../files/xlsx/read/resultsParseWorker.ts';
import { insertAuditEntries, insertResultRows, type ResultRowInsert, withSetChecks } from '../db/bulkInserts.ts';
import type { ServiceDeps } from './deps.ts';
import { enqueueJob } from './outbox.ts';
import { actorLabel, audit } from './audit.ts';
import { assertMayList, schoolTarget } from './scope.ts';

export interface ResultsImportOptions {
  fileName?: string;
  onProgress?: (rowsRead: number) => void;
  /** Parse in a worker thread so the process stays responsive (the bot); default true. */
  offThread?: boolean;
  /** «Загрузить только мои школы»: rows of schools outside the actor's scope are skipped, not errors (issue 10) */
  onlyInScope?: boolean;
}

/** One stored row a file would change: what a coordinator checks before «Загрузить» (issue 10). */
export interface ReplacementView {
  /** Excel row in the file */
  row: number;
  schoolCode: string;
  school: string;
  procedure: string;
  year: string;
  before: { participants: number; failed: number; meanScore: number | null };
  after: { participants: number; failed: number; meanScore: number | null };
}

interface ResultsSummary {
  rows: number;
  schools: number;
  years: string[];
  procedures: number;
  /** rows that are not in the database yet */
  newRows: number;
  /** rows that replace different values */
  replacedRows: number;
  /** rows identical to what is stored */
  unchangedRows: number;
  /** municipalities whose schools the file touches (for re-identification) */
  municipalityIds: number[];
  /** every replaced row, old → new, in file order */
  replacements: ReplacementView[];
  /** rows of schools outside the scope that were left out («только мои школы») */
  skippedOutsideRows: number;
  /** where the file's columns are, for notes on its cells */
  columns: Partial<Record<string, { letter: string; header: string }>>;
}

export type ResultsOutcome =
  | {
      ok: false;
      issues: SheetIssue[];
      sheetName: string | null;
      stats: ParseStats | null;
      /** set when the only errors are schools outside the scope: this many rows could be imported alone */
      inScopeRows?: number;
    }
  | {
      ok: true;
      issues: SheetIssue[];
      sheetName: string | null;
      stats: ParseStats;
      summary: ResultsSummary;
      importId: number | null;
    };

type RowData = ResultRowInsert;
type StoredRow = RowData & { id: number };

const STORED_ROW_SELECT = {
  id: true,
  schoolId: true,
  year: true,
  kind: true,
  subject: true,
  grade: true,
  participants: true,
  failed: true,
  m2: true,
  m3: true,
  m4: true,
  m5: true,
  meanScore: true,
} as const;

const rowKey = (row: Pick<RowData, 'schoolId' | 'year' | 'kind' | 'subject' | 'grade'>) =>
  `${row.schoolId}|${row.year}|${row.kind}|${row.subject}|${row.grade}`;

function toData(row: ResultRow, schoolId: number): RowData {
  return {
    schoolId,
    year: row.year,
    kind: row.procedure.kind,
    subject: row.procedure.subject,
    // ОГЭ is grade 9 and ЕГЭ grade 11 when the file leaves «Класс» empty: stored explicitly.
    grade: effectiveGrade(row.procedure)!,
    participants: row.participants,
    failed: row.failed,
    m2: row.marks?.m2 ?? null,
    m3: row.marks?.m3 ?? null,
    m4: row.marks?.m4 ?? null,
    m5: row.marks?.m5 ?? null,
    meanScore: row.meanScore ?? null,
  };
}

const sameValues = (a: RowData, b: RowData) =>
  a.participants === b.participants &&
  a.failed === b.failed &&
  a.m2 === b.m2 &&
  a.m3 === b.m3 &&
  a.m4 === b.m4 &&
  a.m5 === b.m5 &&
  a.meanScore === b.meanScore;

interface Plan {
  outcome: Extract<ResultsOutcome, { ok: true }>;
  inserts: RowData[];
  replacements: { before: StoredRow; after: RowData; rowNumber: number }[];
}

async function plan(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ResultsImportOptions,
): Promise<ResultsOutcome | Plan> {
  if (!mayEver(actor, 'results.import')) throw new AccessDeniedError('results.import', null);
  const registry = await deps.prisma.school.findMany({
    select: {
      id: true,
      code: true,
      fullName: true,
      shortName: true,
      municipalityId: true,
      municipality: { select: { regionId: true } },
    },
  });
  // Full and short names, one per line: a file may use either (issue 10).
  const knownSchools = new Map(
    registry.map((school) => [school.code, [school.fullName, school.shortName].filter(Boolean).join('\n')]),
  );
  const parsed = await parseResultsFileOffThread(bytes, {
    knownSchools,
    onProgress: options.onProgress,
    inline: options.offThread === false,
  });

  // Scope: a coordinator imports results of its own schools only.
  const byCode = new Map(registry.map((school) => [school.code, school]));
  const outside = new Set(
    registry.filter((school) => !can(actor, 'results.import', schoolTarget(school))).map((school) => school.code),
  );
  // The registry's name of a school outside the actor's scope is not theirs to read (issue 10).
  const issues = parsed.issues.filter(
    (issue) => !(issue.code === 'results-school-name-mismatch' && outside.has(String(issue.params?.code))),
  );
  const codeColumn = parsed.columns.schoolCode;
  let outsideRows = 0;
  const kept: { row: ResultRow; rowNumber: number }[] = [];
  parsed.rows.forEach((row, index) => {
    if (!outside.has(row.schoolCode)) {
      kept.push({ row, rowNumber: parsed.rowNumbers[index]! });
      return;
    }
    outsideRows++;
    if (options.onlyInScope) return;
    issues.push({
      severity: 'error',
      row: parsed.rowNumbers[index],
      ...(codeColumn ? { column: codeColumn.letter, header: codeColumn.header } : {}),
      code: 'results-outside-scope',
      params: { code: row.schoolCode },
    });
  });
  // Checked after the scope, so a school outside it is listed with the file's other errors too.
  if (!parsed.ok || issues.some((issue) => issue.severity === 'error')) {
    // the scope errors are errors too: the count says so (issue 10)
    const stats = { ...parsed.stats, errors: parsed.stats.errors + outsideRows };
    const onlyScope = parsed.ok && kept.length > 0;
    return {
      ok: false,
      issues: issues.sort(compareIssues),
      sheetName: parsed.sheetName,
      stats,
      ...(onlyScope ? { inScopeRows: kept.length } : {}),
    };
  }
  if (kept.length === 0) return { ok: false, issues, sheetName: parsed.sheetName, stats: parsed.stats };

  const incoming = kept.map(({ row }) => toData(row, byCode.get(row.schoolCode)!.id));
  const schoolIds = [...new Set(incoming.map((row) => row.schoolId))];
  const years = [...new Set(incoming.map((row) => row.year))].sort();
  const stored: StoredRow[] = await deps.prisma.assessmentResult.findMany({
    where: { schoolId: { in: schoolIds }, year: { in: years } },
    select: STORED_ROW_SELECT,
  });
  const storedByKey = new Map(stored.map((row) => [rowKey(row), row]));
  const inserts: RowData[] = [];
  const replacements: Plan['replacements'] = [];
  let unchanged = 0;
  // A column the file lacks is "not provided": the stored value stays (not wiped to null), and only
  // the provided fields are compared. The marks «2»–«5» go together (their sum is checked as a set).
  const provided = parsed.columns;
  const hasMarks = (['m2', 'm3', 'm4', 'm5'] as const).some((field) => provided[field]);
  const keepStored = (row: RowData, before: StoredRow): RowData => ({
    ...row,
    ...(hasMarks ? {} : { m2: before.m2, m3: before.m3, m4: before.m4, m5: before.m5 }),
    ...(provided.meanScore ? {} : { meanScore: before.meanScore }),
  });
  incoming.forEach((fileRow, index) => {
    const before = storedByKey.get(rowKey(fileRow));
    const row = before ? keepStored(fileRow, before) : fileRow;
    incoming[index] = row;
    if (!before) inserts.push(row);
    else if (sameValues(before, row)) unchanged++;
    else replacements.push({ before, after: row, rowNumber: kept[index]!.rowNumber });
  });
  const schoolById = new Map(registry.map((school) => [school.id, school]));
  const procedureOf = new Map(kept.map(({ row }, index) => [rowKey(incoming[index]!), procedureLabel(row.procedure)]));
  const valuesOf = (row: RowData) => ({
    participants: row.participants,
    failed: row.failed,
    meanScore: row.meanScore ?? null,
  });
  const municipalityOf = new Map(registry.map((school) => [school.id, school.municipalityId]));
  const municipalityIds = [...new Set(schoolIds.map((id) => municipalityOf.get(id)!))];
  const procedures = new Set(kept.map(({ row }) => procedureLabel(row.procedure)));
  return {
    inserts,
    replacements,
    outcome: {
      ok: true,
      issues,
      sheetName: parsed.sheetName,
      stats: parsed.stats,
      importId: null,
      summary: {
        rows: incoming.length,
        schools: schoolIds.length,
        years,
        procedures: procedures.size,
        newRows: inserts.length,
        replacedRows: replacements.length,
        unchangedRows: unchanged,
        municipalityIds,
        replacements: replacements.map(({ before, after, rowNumber }) => {
          const school = schoolById.get(after.schoolId)!;
          return {
            row: rowNumber,
            schoolCode: school.code,
            school: school.shortName || school.fullName,
            procedure: procedureOf.get(rowKey(after)) ?? after.subject,
            year: after.year,
            before: valuesOf(before),
            after: valuesOf(after),
          };
        }),
        skippedOutsideRows: outsideRows,
        columns: parsed.columns,
      },
    },
  };
}

/** Parse, validate and compare with the database; writes nothing. */
export async function previewResults(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ResultsImportOptions = {},
): Promise<ResultsOutcome> {
  const planned = await plan(deps, actor, bytes, options);
  return 'outcome' in planned ? planned.outcome : planned;
}

const INSERT_CHUNK = 10_000;

/** Imports the whole file in one transaction, or nothing. */
export async function importResults(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ResultsImportOptions = {},
): Promise<ResultsOutcome> {
  const planned = await plan(deps, actor, bytes, options);
  if (!('outcome' in planned)) return planned;
  const { inserts, replacements, outcome } = planned;
  if (inserts.length === 0 && replacements.length === 0) return outcome; // the same file again: nothing to do

  const importId = await deps.prisma.$transaction(
    async (tx) => {
      const record = await tx.resultImport.create({
        data: {
          actorId: actor.userId,
          actorLabel: actorLabel(actor),
          fileName: options.fileName ?? 'results.xlsx',
          rowsTotal: outcome.summary.rows,
          rowsNew: inserts.length,
          rowsReplaced: replacements.length,
          rowsUnchanged: outcome.summary.unchangedRows,
          at: deps.now(),
        },
      });
      // Replaced rows: the old values go to the audit log, then the row is rewritten.
      if (replacements.length > 0) {
        await tx.assessmentResult.deleteMany({ where: { id: { in: replacements.map(({ before }) => before.id) } } });
        await insertAuditEntries(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actorLabel(actor),
            action: 'results.replace',
            entity: 'AssessmentResult',
            at: deps.now(),
          },
          replacements.map(({ before, after }) => ({ entityId: rowKey(before), before, after })),
        );
      }
      const rows = [...inserts, ...replacements.map(({ after }) => after)];
      // Chunks keep each statement (and the embedded database's memory) moderate.
      await withSetChecks(
        tx,
        rows.map((row) => row.schoolId),
        async () => {
          for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
            await insertResultRows(tx, rows.slice(start, start + INSERT_CHUNK), record.id, deps.now());
          }
        },
      );
      await audit(tx, actor, {
        action: 'results.import',
        entity: 'ResultImport',
        entityId: record.id,
        after: { fileName: record.fileName, ...outcome.summary },
      });
      // The identification rerun (and its announcements) follows this commit: recorded with it.
      await enqueueJob(
        tx,
        {
          kind: 'identification.rerun',
          payload: { municipalityIds: outcome.summary.municipalityIds, importId: record.id },
        },
        deps.now(),
      );
      return record.id;
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return { ...outcome, importId };
}

export interface SchoolResult {
  year: string;
  kind: AssessmentKind;
  subject: string;
  grade: number;
  participants: number;
  failed: number;
  share: number | null;
  meanScore: number | null;
}

/** Results of the schools in the actor's scope, filtered by school, year and kind. */
export async function queryResults(
  deps: ServiceDeps,
  actor: Actor,
  filter: { schoolCode?: string; year?: string; kind?: AssessmentKind } = {},
): Promise<(SchoolResult & { schoolCode: string })[]> {
  const filters = assertMayList(actor, 'results.read');
  const rows = await deps.prisma.assessmentResult.findMany({
    where: {
      school: { ...filters.schools, ...(filter.schoolCode ? { code: filter.schoolCode.trim().toLowerCase() } : {}) },
      ...(filter.year ? { year: filter.year } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    },
    include: { school: { select: { code: true } } },
    orderBy: [{ school: { code: 'asc' } }, { year: 'asc' }, { kind: 'asc' }, { subject: 'asc' }, { grade: 'asc' }],
  });
  return rows.map((row) => ({
    schoolCode: row.school.code,
    year: row.year,
    kind: row.kind,
    subject: row.subject,
    grade: row.grade,
    participants: row.participants,
    failed: row.failed,
    share: row.participants > 0 ? row.failed / row.participants : null,
    meanScore: row.meanScore,
  }));
}
