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
import type { ParseResultsOutcome, ParseStats, ResultsBatch } from '../files/xlsx/read/resultsSheet.ts';
import { readResultsFile, type ResultsReading } from '../files/xlsx/read/resultsParseWorker.ts';
import { transactionConnection, type Prisma } from '../db/client.ts';
import {
  deleteResultRows,
  insertAuditEntries,
  type RawConnection,
  resultColumns,
  resultRowsInsert,
  storedResultRows,
  type StoredResultRow,
  type ResultColumnsInsert,
  type ResultRowInsert,
  withSetChecks,
} from '../db/bulkInserts.ts';
import { unpackRow, type PackedResults } from '../files/xlsx/read/packedResults.ts';
import type { ServiceDeps } from './deps.ts';
import { enqueueJob } from './outbox.ts';
import { actorLabel, audit } from './audit.ts';
import { assertMayList, schoolTarget } from './scope.ts';

export interface ResultsImportOptions {
  fileName?: string;
  onProgress?: (rowsRead: number) => void;
  /**
   * Parse a big file in a worker thread (default true): the process stays responsive (the bot),
   * and rows are written while the rest of the file is read.
   */
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
type StoredRow = StoredResultRow;

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

type Db = ServiceDeps['prisma'] | Prisma.TransactionClient;
type RegistrySchool = {
  id: number;
  code: string;
  fullName: string;
  shortName: string | null;
  municipalityId: number;
  municipality: { regionId: number };
};

/** What one batch of the file changes: rows to insert and stored rows to rewrite. */
interface BatchChanges {
  inserts: ResultColumnsInsert;
  replacements: { before: StoredRow; after: RowData }[];
}

/** The kept rows of a packed batch as the insert takes them: no row objects. */
function packedColumns(
  packed: PackedResults,
  kept: readonly number[],
  schoolOf: readonly (RegistrySchool | null)[],
): ResultColumnsInsert {
  const all = kept.length === packed.size;
  const pick = (values: Int32Array | Float64Array) => (all ? values : kept.map((i) => values[i]!));
  const procedure = (i: number) => packed.procedures[packed.procedure[i]!]!;
  // ОГЭ is grade 9 and ЕГЭ grade 11 when the file leaves «Класс» empty: stored explicitly.
  const grades = packed.procedures.map((entry) => effectiveGrade(entry)!);
  return {
    size: kept.length,
    schoolId: Int32Array.from(kept, (i) => schoolOf[packed.school[i]!]!.id),
    year: kept.map((i) => packed.years[packed.year[i]!]!),
    kind: kept.map((i) => procedure(i).kind),
    subject: kept.map((i) => procedure(i).subject),
    grade: Int32Array.from(kept, (i) => grades[packed.procedure[i]!]!),
    participants: pick(packed.participants),
    failed: pick(packed.failed),
    m2: pick(packed.m2),
    m3: pick(packed.m3),
    m4: pick(packed.m4),
    m5: pick(packed.m5),
    meanScore: pick(packed.meanScore),
  };
}

/**
 * The file's effect, gathered batch by batch as the parser hands rows over: scope, comparison
 * with the stored rows and the counts of the summary. A batch is compared as soon as it comes
 * (and, on import, written), so the database works while the rest of the file is parsed.
 */
class ResultsTally {
  /** errors of rows outside the actor's scope */
  readonly scopeIssues: SheetIssue[] = [];
  outsideRows = 0;
  keptRows = 0;
  newRows = 0;
  unchangedRows = 0;
  readonly replacements: ReplacementView[] = [];
  private readonly schoolIds = new Set<number>();
  private readonly years = new Set<string>();
  private readonly procedures = new Set<string>();
  private readonly byCode: Map<string, RegistrySchool>;
  private readonly byId: Map<number, RegistrySchool>;

  constructor(
    registry: RegistrySchool[],
    private readonly outside: ReadonlySet<string>,
    private readonly onlyInScope: boolean,
  ) {
    this.byCode = new Map(registry.map((school) => [school.code, school]));
    this.byId = new Map(registry.map((school) => [school.id, school]));
  }

  /** True once a row outside the scope is an error: the import will not be written. */
  get refused(): boolean {
    return this.scopeIssues.length > 0;
  }

  async compare(connection: RawConnection, batch: ResultsBatch): Promise<BatchChanges> {
    const { rows: packed, columns: provided } = batch;
    // The batch's schools (by index into its code table): the registry's, or null outside the scope.
    const schoolOf = packed.schoolCodes.map((code) => (this.outside.has(code) ? null : this.byCode.get(code)!));
    const kept: number[] = [];
    const codeColumn = provided.schoolCode;
    for (let i = 0; i < packed.size; i++) {
      if (schoolOf[packed.school[i]!]) {
        kept.push(i);
        continue;
      }
      this.outsideRows++;
      if (this.onlyInScope) continue;
      this.scopeIssues.push({
        severity: 'error',
        row: packed.rowNumbers[i],
        ...(codeColumn ? { column: codeColumn.letter, header: codeColumn.header } : {}),
        code: 'results-outside-scope',
        params: { code: packed.schoolCodes[packed.school[i]!]! },
      });
    }
    this.keptRows += kept.length;
    if (kept.length === 0) return { inserts: resultColumns([]), replacements: [] };
    const schools = new Set<number>();
    const yearIndexes = new Set<number>();
    const procedureIndexes = new Set<number>();
    for (const i of kept) {
      schools.add(schoolOf[packed.school[i]!]!.id);
      yearIndexes.add(packed.year[i]!);
      procedureIndexes.add(packed.procedure[i]!);
    }
    const years = [...yearIndexes].map((index) => packed.years[index]!);
    for (const id of schools) this.schoolIds.add(id);
    for (const year of years) this.years.add(year);
    for (const index of procedureIndexes) this.procedures.add(procedureLabel(packed.procedures[index]!));
    const stored = await storedResultRows(connection, [...schools], years);
    if (stored.length === 0) {
      // Nothing stored yet for these schools and years (a new year's file): every row is new,
      // and goes in straight from the reader's columns.
      this.newRows += kept.length;
      return { inserts: packedColumns(packed, kept, schoolOf), replacements: [] };
    }
    const storedByKey = new Map(stored.map((row) => [rowKey(row), row]));
    // A column the file lacks is "not provided": the stored value stays (not wiped to null), and
    // only the provided fields are compared. The marks «2»–«5» go together (their sum is checked
    // as a set).
    const hasMarks = (['m2', 'm3', 'm4', 'm5'] as const).some((field) => provided[field]);
    const keepStored = (row: RowData, before: StoredRow): RowData => ({
      ...row,
      ...(hasMarks ? {} : { m2: before.m2, m3: before.m3, m4: before.m4, m5: before.m5 }),
      ...(provided.meanScore ? {} : { meanScore: before.meanScore }),
    });
    const inserts: RowData[] = [];
    const replacements: BatchChanges['replacements'] = [];
    for (const i of kept) {
      const fileRow = toData(unpackRow(packed, i), schoolOf[packed.school[i]!]!.id);
      const before = storedByKey.get(rowKey(fileRow));
      if (!before) {
        inserts.push(fileRow);
        continue;
      }
      const after = keepStored(fileRow, before);
      if (sameValues(before, after)) {
        this.unchangedRows++;
        continue;
      }
      replacements.push({ before, after });
      const school = this.byId.get(after.schoolId)!;
      this.replacements.push({
        row: packed.rowNumbers[i]!,
        schoolCode: school.code,
        school: school.shortName || school.fullName,
        procedure: procedureLabel(packed.procedures[packed.procedure[i]!]!),
        year: after.year,
        before: valuesOf(before),
        after: valuesOf(after),
      });
    }
    this.newRows += inserts.length;
    return { inserts: resultColumns(inserts), replacements };
  }

  /** The verdict once the parser is done: the failure as the coordinator sees it, or the summary. */
  outcome(parsed: ParseResultsOutcome): ResultsOutcome {
    // The registry's name of a school outside the actor's scope is not theirs to read (issue 10).
    const issues = parsed.issues.filter(
      (issue) => !(issue.code === 'results-school-name-mismatch' && this.outside.has(String(issue.params?.code))),
    );
    issues.push(...this.scopeIssues);
    // Checked after the scope, so a school outside it is listed with the file's other errors too.
    if (!parsed.ok || issues.some((issue) => issue.severity === 'error')) {
      // the scope errors are errors too: the count says so (issue 10)
      const stats = { ...parsed.stats, errors: parsed.stats.errors + this.outsideRows };
      const onlyScope = parsed.ok && this.keptRows > 0;
      return {
        ok: false,
        issues: issues.sort(compareIssues),
        sheetName: parsed.sheetName,
        stats,
        ...(onlyScope ? { inScopeRows: this.keptRows } : {}),
      };
    }
    if (this.keptRows === 0) return { ok: false, issues, sheetName: parsed.sheetName, stats: parsed.stats };
    const schoolIds = [...this.schoolIds];
    return {
      ok: true,
      issues,
      sheetName: parsed.sheetName,
      stats: parsed.stats,
      importId: null,
      summary: {
        rows: this.keptRows,
        schools: schoolIds.length,
        years: [...this.years].sort(),
        procedures: this.procedures.size,
        newRows: this.newRows,
        replacedRows: this.replacements.length,
        unchangedRows: this.unchangedRows,
        municipalityIds: [...new Set(schoolIds.map((id) => this.byId.get(id)!.municipalityId))],
        replacements: this.replacements,
        skippedOutsideRows: this.outsideRows,
        columns: parsed.columns,
      },
    };
  }
}

const valuesOf = (row: RowData) => ({
  participants: row.participants,
  failed: row.failed,
  meanScore: row.meanScore ?? null,
});

async function loadRegistry(db: Db): Promise<RegistrySchool[]> {
  return db.school.findMany({
    select: {
      id: true,
      code: true,
      fullName: true,
      shortName: true,
      municipalityId: true,
      municipality: { select: { regionId: true } },
    },
  });
}

/** Sends one batch's statements; built beforehand, so the next batch is prepared while this one is written. */
type BatchWrite = () => Promise<unknown>;

/**
 * Reads the file batch by batch: each batch is compared with the stored rows through `connection` as it
 * comes and, unless the file is already refused, handed to `write`, whose statements go out
 * after the previous batch's. Returns the verdict once every statement is written. `outside`:
 * the registry's codes outside the actor's scope.
 */
async function readFile(
  connection: RawConnection,
  registry: RegistrySchool[],
  outside: ReadonlySet<string>,
  reading: ResultsReading,
  options: ResultsImportOptions,
  write?: (changes: BatchChanges) => BatchWrite,
): Promise<ResultsOutcome> {
  const tally = new ResultsTally(registry, outside, options.onlyInScope === true);
  let writing: Promise<unknown> = Promise.resolve();
  let earlier: Promise<unknown> = writing;
  let writeFailed = false;
  try {
    for await (const event of reading) {
      if (writeFailed) await writing; // throws the write's error: the rest of the file is not read
      if (event.type === 'done') {
        await writing;
        return tally.outcome(event.outcome);
      }
      // At most one batch waits for the one being written: a slow server holds the reading up
      // rather than every batch's statements piling up in memory.
      await earlier;
      const changes = await tally.compare(connection, event);
      if (!write || tally.refused) continue;
      earlier = writing;
      writing = writing.then(write(changes));
      writing.catch(() => {
        writeFailed = true;
      });
    }
  } finally {
    await writing.catch(() => undefined); // nothing of this import is left in flight
  }
  throw new Error('results parser ended without a verdict');
}

/**
 * Starts reading the file (a big one in a worker, which boots meanwhile) before `registry`, the
 * schools it checks the codes against, is loaded. The caller closes the reading when done.
 */
function startReading(registry: Promise<RegistrySchool[]>, bytes: Uint8Array, options: ResultsImportOptions) {
  // Full and short names, one per line: a file may use either (issue 10).
  const knownSchools = registry.then(
    (schools) =>
      new Map(schools.map((school) => [school.code, [school.fullName, school.shortName].filter(Boolean).join('\n')])),
  );
  return readResultsFile(bytes, { knownSchools, onProgress: options.onProgress, inline: options.offThread === false });
}

/** Codes of the registry's schools outside the actor's scope: a coordinator imports its own schools only. */
function outsideScope(actor: Actor, registry: RegistrySchool[]): Set<string> {
  return new Set(
    registry.filter((school) => !can(actor, 'results.import', schoolTarget(school))).map((school) => school.code),
  );
}

/** Parse, validate and compare with the database; writes nothing. */
export async function previewResults(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ResultsImportOptions = {},
): Promise<ResultsOutcome> {
  if (!mayEver(actor, 'results.import')) throw new AccessDeniedError('results.import', null);
  const registry = loadRegistry(deps.prisma);
  const reading = startReading(registry, bytes, options);
  try {
    const schools = await registry;
    return await withReadConnection(deps, (reads) =>
      readFile(reads, schools, outsideScope(actor, schools), reading, options),
    );
  } finally {
    await reading.close();
  }
}

/** Runs `read` on a pooled connection of its own (the driver's, as the bulk statements use). */
function withReadConnection<T>(deps: ServiceDeps, read: (connection: RawConnection) => Promise<T>): Promise<T> {
  return deps.prisma.$transaction(async (tx) => read(await transactionConnection(tx)), {
    timeout: 600_000,
    maxWait: 60_000,
  });
}

/** Ends the import's transaction without a trace: the file is refused, or changes nothing. */
class NothingToWrite extends Error {
  constructor(readonly outcome: ResultsOutcome) {
    super('results import: nothing to write');
  }
}

/**
 * Imports the whole file in one transaction, or nothing. Batches are written as they are read
 * (the parse goes on in its worker meanwhile); an error anywhere in the file rolls back every
 * batch written before it.
 */
export async function importResults(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ResultsImportOptions = {},
): Promise<ResultsOutcome> {
  if (!mayEver(actor, 'results.import')) throw new AccessDeniedError('results.import', null);
  // The registry is read inside the transaction (no connection of its own); the worker is
  // started now and gets it then.
  let loaded: ((registry: Promise<RegistrySchool[]>) => void) | null = null;
  const registry = new Promise<RegistrySchool[]>((resolve) => {
    loaded = resolve;
  });
  const load = (from: Promise<RegistrySchool[]>) => {
    from.catch(() => undefined); // seen by whoever awaits the registry
    loaded?.(from);
    loaded = null;
  };
  const reading = startReading(registry, bytes, options);
  try {
    return await deps.prisma.$transaction(
      async (tx) => {
        load(loadRegistry(tx));
        const record = await tx.resultImport.create({
          data: {
            actorId: actor.userId,
            actorLabel: actorLabel(actor),
            fileName: options.fileName ?? 'results.xlsx',
            rowsTotal: 0,
            rowsNew: 0,
            rowsReplaced: 0,
            rowsUnchanged: 0,
            at: deps.now(),
          },
        });
        const connection = await transactionConnection(tx);
        const schools = await registry;
        const outside = outsideScope(actor, schools);
        const inScope = schools.filter((school) => !outside.has(school.code)).map((school) => school.id);
        // The batches are compared on a connection of their own, while the previous batch is
        // written on the transaction's (the file has no key twice: a repeated row is an error
        // and never written, so no batch needs the ones written before it).
        const outcome = await withSetChecks(tx, inScope, () =>
          withReadConnection(deps, (reads) =>
            readFile(reads, schools, outside, reading, options, ({ inserts, replacements }) => {
              // Built now; sent after the previous batch's statements.
              const insert = resultRowsInsert(connection, inserts, record.id, deps.now());
              const rewrite = resultRowsInsert(
                connection,
                resultColumns(replacements.map(({ after }) => after)),
                record.id,
                deps.now(),
              );
              return async () => {
                // Replaced rows: the old values go to the audit log, then the row is rewritten.
                if (replacements.length > 0) {
                  await deleteResultRows(
                    connection,
                    replacements.map(({ before }) => before.id),
                  );
                  await insertAuditEntries(
                    connection,
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
                await rewrite();
                await insert();
              };
            }),
          ),
        );
        // Refused, or the same file again: nothing stays, not even the import's own row.
        if (!outcome.ok || outcome.summary.newRows + outcome.summary.replacedRows === 0)
          throw new NothingToWrite(outcome);
        const { summary } = outcome;
        await tx.resultImport.update({
          where: { id: record.id },
          data: {
            rowsTotal: summary.rows,
            rowsNew: summary.newRows,
            rowsReplaced: summary.replacedRows,
            rowsUnchanged: summary.unchangedRows,
          },
        });
        // The summary without its list of replaced rows: each has an audit entry of its own
        // (`results.replace`), and a region's corrected file would put 90,000 of them in one.
        await audit(tx, actor, {
          action: 'results.import',
          entity: 'ResultImport',
          entityId: record.id,
          after: { fileName: record.fileName, ...summary, replacements: undefined },
        });
        // The identification rerun (and its announcements) follows this commit: recorded with it.
        await enqueueJob(
          tx,
          { kind: 'identification.rerun', payload: { municipalityIds: summary.municipalityIds, importId: record.id } },
          deps.now(),
        );
        return { ...outcome, importId: record.id };
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof NothingToWrite) return error.outcome;
    throw error;
  } finally {
    load(Promise.reject(new Error('the results import ended before its registry was read')));
    await reading.close();
  }
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
