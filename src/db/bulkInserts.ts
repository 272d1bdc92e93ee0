/**
 * Bulk inserts for region-sized imports. Prisma's createMany costs about a millisecond a row
 * here; one INSERT … SELECT FROM unnest(arrays) per batch moves 90,000 rows in about a second.
 * Column names follow prisma/schema.prisma.
 */
import type pg from 'pg';
import type { Prisma } from './client.ts';
import type { AssessmentKind } from '../domain/results/types.ts';

type Tx = Prisma.TransactionClient;
/** The driver's connection of the transaction (src/db/client.ts `transactionConnection`). */
export type RawConnection = Pick<pg.ClientBase, 'query'>;

export interface ResultRowInsert {
  schoolId: number;
  year: string;
  kind: AssessmentKind;
  subject: string;
  grade: number;
  participants: number;
  failed: number;
  m2: number | null;
  m3: number | null;
  m4: number | null;
  m5: number | null;
  meanScore: number | null;
}

/**
 * Result rows in columns, one entry per row: how an import hands a batch over (the reader's
 * packed columns need no row objects). In the nullable number columns null, NaN or a negative
 * number means "no value": counts and scores are never negative.
 */
export interface ResultColumnsInsert {
  size: number;
  schoolId: ArrayLike<number>;
  year: readonly string[];
  kind: readonly string[];
  subject: readonly string[];
  grade: ArrayLike<number>;
  participants: ArrayLike<number>;
  failed: ArrayLike<number>;
  m2: ArrayLike<number | null>;
  m3: ArrayLike<number | null>;
  m4: ArrayLike<number | null>;
  m5: ArrayLike<number | null>;
  meanScore: ArrayLike<number | null>;
}

/** The same rows as objects, in columns. */
export function resultColumns(rows: readonly ResultRowInsert[]): ResultColumnsInsert {
  const column = <K extends keyof ResultRowInsert>(key: K) => rows.map((row) => row[key]);
  return {
    size: rows.length,
    schoolId: column('schoolId'),
    year: column('year'),
    kind: column('kind'),
    subject: column('subject'),
    grade: column('grade'),
    participants: column('participants'),
    failed: column('failed'),
    m2: column('m2'),
    m3: column('m3'),
    m4: column('m4'),
    m5: column('m5'),
    meanScore: column('meanScore'),
  };
}

const isNone = (value: number | null | undefined) => value === null || value === undefined || !(value >= 0);

/** A PostgreSQL array literal of numbers (NULL for no value), e.g. `{1,NULL,3}`. */
function numberArray(values: ArrayLike<number | null>): string {
  let anyNone = false;
  for (let i = 0; i < values.length && !anyNone; i++) anyNone = isNone(values[i]);
  if (anyNone) return `{${Array.from(values, (value) => (isNone(value) ? 'NULL' : String(value))).join(',')}}`;
  // every value there (the usual case): a typed array's own join is native, the generic one is not
  return `{${ArrayBuffer.isView(values) ? (values as Int32Array).join(',') : Array.prototype.join.call(values, ',')}}`;
}

/** A PostgreSQL array literal of strings, every element quoted and escaped (each distinct text once). */
function textArray(values: readonly string[]): string {
  const quoted = new Map<string, string>();
  const quote = (value: string) => {
    let text = quoted.get(value);
    if (text === undefined) {
      text = `"${value.replace(/["\\]/g, '\\$&')}"`;
      quoted.set(value, text);
    }
    return text;
  };
  return `{${values.map(quote).join(',')}}`;
}

/**
 * Result rows of one import as one INSERT … SELECT FROM unnest(arrays): the statement is built
 * when this is called and sent when the returned function is (an import builds the next batch's
 * statement while the server writes the previous one). Each array travels as one array literal
 * (a string): twelve arrays of 10,000 values as parameters cost Prisma's driver adapter about
 * 0.3 s of CPU per chunk to serialise, twelve strings almost nothing. It is sent on the
 * transaction's own driver connection, past Prisma's query compiler (`transactionConnection`).
 */
export function resultRowsInsert(
  connection: RawConnection,
  rows: ResultColumnsInsert,
  importId: number,
  at: Date,
): () => Promise<number> {
  if (rows.size === 0) return async () => 0;
  const values = [
    numberArray(rows.schoolId),
    textArray(rows.year),
    textArray(rows.kind),
    textArray(rows.subject),
    numberArray(rows.grade),
    numberArray(rows.participants),
    numberArray(rows.failed),
    numberArray(rows.m2),
    numberArray(rows.m3),
    numberArray(rows.m4),
    numberArray(rows.m5),
    numberArray(rows.meanScore),
    importId,
    // as Prisma writes DateTime: UTC (pg would send a Date in the process's local time)
    at.toISOString(),
  ];
  return async () => (await connection.query(INSERT_RESULT_ROWS, values)).rowCount ?? 0;
}

const INSERT_RESULT_ROWS = `
  INSERT INTO "AssessmentResult"
    ("schoolId", "year", "kind", "subject", "grade", "participants", "failed", "m2", "m3", "m4", "m5", "meanScore", "importId", "updatedAt")
  SELECT s, y, k::"AssessmentKind", sub, g, p, f, m2, m3, m4, m5, mean, $13::int, $14::timestamp(3)
  FROM unnest(
    $1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
    $8::int[], $9::int[], $10::int[], $11::int[], $12::float8[]
  ) AS incoming(s, y, k, sub, g, p, f, m2, m3, m4, m5, mean)`;

/** A stored result row as an import compares it with the file's. */
export type StoredResultRow = ResultRowInsert & { id: number };

/**
 * The stored rows of these schools and years: what one batch of an import is compared with.
 * On the transaction's own connection, like the inserts it goes with (a batch's lookup through
 * Prisma cost its query compiler as much as the statement itself).
 */
export async function storedResultRows(
  connection: RawConnection,
  schoolIds: readonly number[],
  years: readonly string[],
): Promise<StoredResultRow[]> {
  const { rows } = await connection.query<StoredResultRow>(
    `SELECT "id", "schoolId", "year", "kind", "subject", "grade", "participants", "failed",
            "m2", "m3", "m4", "m5", "meanScore"
     FROM "AssessmentResult" WHERE "schoolId" = ANY($1::int[]) AND "year" = ANY($2::text[])`,
    [schoolIds, years],
  );
  return rows;
}

/**
 * Runs `write` — bulk inserts into AssessmentResult — with its foreign keys checked once per set
 * instead of once per row. PostgreSQL checks a foreign key by a trigger per inserted row (a
 * lookup and a FOR KEY SHARE lock on the referenced row); for 90,000 result rows of 1,000 schools
 * that was 60 % of the statement's time. Here the referenced schools are locked FOR KEY SHARE in
 * one statement — the same lock the triggers take, so none can be deleted until the commit — and
 * a missing one fails the import as the foreign key would; the import row is the transaction's
 * own. The per-row triggers are then skipped with `session_replication_role = replica` (as
 * pg_restore --disable-triggers does), which only a superuser may set: the embedded server's
 * role is one; on another server without the right, the rows go in with the usual checks.
 * `write` must only insert rows of `schoolIds` and of an import row created in this transaction
 * (and audit entries of the acting user, who exists).
 */
export async function withSetChecks<T>(tx: Tx, schoolIds: readonly number[], write: () => Promise<T>): Promise<T> {
  // Replica mode skips every ordinary trigger: taken only when the table has none besides the
  // foreign keys' own (internal) ones — a trigger someone added to their server keeps firing.
  const [may] = await tx.$queryRaw<{ may: boolean }[]>`
    SELECT has_parameter_privilege('session_replication_role', 'SET')
       AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '"AssessmentResult"'::regclass AND NOT tgisinternal) AS may`;
  if (!may?.may) return write();
  const ids = [...new Set(schoolIds)];
  const found = await tx.$queryRaw<{ id: number }[]>`
    SELECT "id" FROM "School" WHERE "id" = ANY(${ids}::int[]) FOR KEY SHARE`;
  if (found.length !== ids.length) {
    const present = new Set(found.map((row) => row.id));
    throw new Error(
      `AssessmentResult: schools not in the registry: ${ids.filter((id) => !present.has(id)).join(', ')}`,
    );
  }
  await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
  const result = await write(); // on failure the transaction is rolled back, the setting with it
  await tx.$executeRaw`SET LOCAL session_replication_role = DEFAULT`;
  return result;
}

export interface AuditInsert {
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Many audit entries of one action by one actor (e.g. every replaced result row). */
export async function insertAuditEntries(
  tx: Tx,
  common: { actorId: number | null; actorLabel: string; action: string; entity: string; at: Date },
  entries: readonly AuditInsert[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  return tx.$executeRaw`
    INSERT INTO "AuditLog" ("actorId", "actorLabel", "action", "entity", "entityId", "before", "after", "at")
    SELECT ${common.actorId}::int, ${common.actorLabel}, ${common.action}, ${common.entity}, e, b::jsonb, a::jsonb, ${common.at}
    FROM unnest(${entries.map((entry) => entry.entityId)}::text[], ${entries.map((entry) => json(entry.before))}::text[],
                ${entries.map((entry) => json(entry.after))}::text[]) AS entry(e, b, a)`;
}
