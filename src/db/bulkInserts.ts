/**
 * Bulk inserts for region-sized imports. Prisma's createMany costs about a millisecond a row
 * here; one INSERT … SELECT FROM unnest(arrays) moves 90,000 rows in a few seconds, on PGlite
 * and PostgreSQL alike. Column names follow prisma/schema.prisma.
 */
import type { Prisma } from './client.ts';
import type { AssessmentKind } from '../domain/results/types.ts';

type Tx = Prisma.TransactionClient;

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

/** A PostgreSQL array literal of numbers (NULL for null), e.g. `{1,NULL,3}`. */
const numberArray = (values: readonly (number | null | undefined)[]) =>
  `{${values.map((value) => (value === null || value === undefined ? 'NULL' : String(value))).join(',')}}`;
/** A PostgreSQL array literal of strings, every element quoted and escaped. */
const textArray = (values: readonly string[]) =>
  `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Inserts result rows of one import: one INSERT … SELECT FROM unnest(arrays). Each array travels
 * as one array literal (a string): twelve arrays of 10,000 values as parameters cost Prisma's
 * driver adapter about 0.3 s of CPU per chunk to serialise, twelve strings almost nothing.
 */
export async function insertResultRows(
  tx: Tx,
  rows: readonly ResultRowInsert[],
  importId: number,
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const numbers = (key: 'schoolId' | 'grade' | 'participants' | 'failed' | 'm2' | 'm3' | 'm4' | 'm5' | 'meanScore') =>
    numberArray(rows.map((row) => row[key]));
  const texts = (key: 'year' | 'kind' | 'subject') => textArray(rows.map((row) => row[key]));
  return tx.$executeRaw`
    INSERT INTO "AssessmentResult"
      ("schoolId", "year", "kind", "subject", "grade", "participants", "failed", "m2", "m3", "m4", "m5", "meanScore", "importId", "updatedAt")
    SELECT s, y, k::"AssessmentKind", sub, g, p, f, m2, m3, m4, m5, mean, ${importId}, ${at}
    FROM unnest(
      ${numbers('schoolId')}::int[], ${texts('year')}::text[], ${texts('kind')}::text[], ${texts('subject')}::text[],
      ${numbers('grade')}::int[], ${numbers('participants')}::int[], ${numbers('failed')}::int[],
      ${numbers('m2')}::int[], ${numbers('m3')}::int[], ${numbers('m4')}::int[], ${numbers('m5')}::int[],
      ${numbers('meanScore')}::float8[]
    ) AS incoming(s, y, k, sub, g, p, f, m2, m3, m4, m5, mean)`;
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
 * `write` must only insert rows of `schoolIds` and of an import row created in this transaction.
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
