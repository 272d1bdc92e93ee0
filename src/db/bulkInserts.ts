/**
 * Bulk writes for region-sized imports. Prisma's createMany costs about a millisecond a row
 * here; one binary COPY per batch moves 90,000 rows in under a second of server CPU.
 * Column names follow prisma/schema.prisma.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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

/** PostgreSQL's epoch for timestamps (2000-01-01 UTC), in milliseconds since 1970. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
/** `PGCOPY\n\377\r\n\0`, no flags, no header extension: the binary COPY header. */
const COPY_HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const RESULT_COLUMNS = 14;

/**
 * Result rows in PostgreSQL's binary COPY format: each value as the server stores it, so it
 * parses none of them (text or array literals cost it a quarter of the import's CPU, issue 8).
 * Numbers are int4 and float8, texts UTF-8 (an enum's value is its label), `updatedAt` a
 * timestamp in microseconds since 2000; a nullable number with no value is NULL.
 */
function encodeResultRows(rows: ResultColumnsInsert, importId: number, at: Date): Buffer {
  const texts = new Map<string, Buffer>();
  const utf8 = (value: string) => {
    let bytes = texts.get(value);
    if (bytes === undefined) texts.set(value, (bytes = Buffer.from(value, 'utf8')));
    return bytes;
  };
  const nullable = [rows.m2, rows.m3, rows.m4, rows.m5];
  let size = COPY_HEADER.length + 2;
  for (let i = 0; i < rows.size; i++) {
    // field count; 3 texts; 9 int4 at most (4 of them may be NULL: shorter); float8; timestamp
    size += 2 + 12 + utf8(rows.year[i]!).length + utf8(rows.kind[i]!).length + utf8(rows.subject[i]!).length;
    size += 9 * 8 + 12 + 12;
  }
  const out = Buffer.allocUnsafe(size);
  let o = COPY_HEADER.copy(out, 0);
  const int4 = (value: number) => {
    o = out.writeInt32BE(4, o);
    o = out.writeInt32BE(value, o);
  };
  const nullableInt4 = (value: number | null | undefined) => {
    if (isNone(value)) o = out.writeInt32BE(-1, o);
    else int4(value!);
  };
  const text = (value: string) => {
    const bytes = utf8(value);
    o = out.writeInt32BE(bytes.length, o);
    o += bytes.copy(out, o);
  };
  const stamp = BigInt(at.getTime() - PG_EPOCH_MS) * 1000n;
  for (let i = 0; i < rows.size; i++) {
    o = out.writeInt16BE(RESULT_COLUMNS, o);
    int4(rows.schoolId[i]!);
    text(rows.year[i]!);
    text(rows.kind[i]!);
    text(rows.subject[i]!);
    int4(rows.grade[i]!);
    int4(rows.participants[i]!);
    int4(rows.failed[i]!);
    for (const column of nullable) nullableInt4(column[i]);
    const mean = rows.meanScore[i];
    if (isNone(mean)) o = out.writeInt32BE(-1, o);
    else {
      o = out.writeInt32BE(8, o);
      o = out.writeDoubleBE(mean!, o);
    }
    int4(importId);
    o = out.writeInt32BE(8, o);
    o = out.writeBigInt64BE(stamp, o);
  }
  o = out.writeInt16BE(-1, o); // the trailer
  return out.subarray(0, o);
}

const COPY_RESULT_ROWS = `COPY "AssessmentResult"
  ("schoolId", "year", "kind", "subject", "grade", "participants", "failed", "m2", "m3", "m4", "m5", "meanScore", "importId", "updatedAt")
  FROM STDIN (FORMAT binary)`;

/**
 * Result rows of one import as one binary COPY: the data is encoded when this is called and sent
 * when the returned function is (an import encodes the next batch while the server writes the
 * previous one). It goes on the transaction's own driver connection, past Prisma
 * (`transactionConnection`), and is part of that transaction; the per-row checks (foreign keys,
 * the unique key) apply as to an INSERT. Resolves to the number of rows written.
 */
export function resultRowsInsert(
  connection: RawConnection,
  rows: ResultColumnsInsert,
  importId: number,
  at: Date,
): () => Promise<number> {
  if (rows.size === 0) return async () => 0;
  const data = encodeResultRows(rows, importId, at);
  return () =>
    new Promise<number>((resolve, reject) => {
      const copy = connection.query(copyFrom(COPY_RESULT_ROWS));
      copy.on('error', reject);
      copy.on('finish', () => resolve(copy.rowCount));
      copy.end(data);
    });
}

/** A stored result row as an import compares it with the file's. */
export type StoredResultRow = ResultRowInsert & { id: number };

/**
 * The stored rows of these schools and years: what one batch of an import is compared with.
 * On a driver connection, like the inserts (a batch's lookup through Prisma cost its query
 * compiler as much as the statement itself); the import runs it on a connection of its own.
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

/** Many audit entries of one action by one actor (e.g. every replaced result row), on the transaction's connection. */
export async function insertAuditEntries(
  connection: RawConnection,
  common: { actorId: number | null; actorLabel: string; action: string; entity: string; at: Date },
  entries: readonly AuditInsert[],
): Promise<number> {
  if (entries.length === 0) return 0;
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  const { rowCount } = await connection.query(
    `INSERT INTO "AuditLog" ("actorId", "actorLabel", "action", "entity", "entityId", "before", "after", "at")
     SELECT $1::int, $2, $3, $4, e, b::jsonb, a::jsonb, $5::timestamp(3)
     FROM unnest($6::text[], $7::text[], $8::text[]) AS entry(e, b, a)`,
    [
      common.actorId,
      common.actorLabel,
      common.action,
      common.entity,
      common.at.toISOString(), // as Prisma writes DateTime: UTC
      entries.map((entry) => entry.entityId),
      entries.map((entry) => json(entry.before)),
      entries.map((entry) => json(entry.after)),
    ],
  );
  return rowCount ?? 0;
}

/** Deletes result rows by id (rows an import replaces), on the transaction's connection. */
export async function deleteResultRows(connection: RawConnection, ids: readonly number[]): Promise<number> {
  const { rowCount } = await connection.query('DELETE FROM "AssessmentResult" WHERE "id" = ANY($1::int[])', [ids]);
  return rowCount ?? 0;
}
