/**
 * The two bulk statements of an identification run, in SQL because the ORM's per-row cost
 * dominates at region scale (PGlite, 10k schools, 180k result rows: findMany 3.4 s, this 0.4 s;
 * 10k verdicts: createMany 3.2 s, this 0.4 s — see bench/identifyService.ts):
 * - result rows come back as one text value (string_agg), split here, not 180k row objects;
 * - verdicts go in as one JSON array unpacked by the server (jsonb_array_elements).
 * Which schools may be read is decided by the caller (services/scope.ts): it passes their ids.
 */
import type { Prisma, PrismaClient } from './client.ts';
import type { AssessmentKind } from '../domain/results/types.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface ResultColumns {
  schoolId: number[];
  year: string[];
  kind: AssessmentKind[];
  subject: string[];
  grade: number[];
  participants: number[];
  failed: number[];
  meanScore: Array<number | null>;
}

// Control characters no cell of a results file can hold (the import reads printable text).
const FIELD = '\u001f';
const RECORD = '\u001e';

/**
 * Result rows of the given schools and years whose subject is one of `subjects` (spellings as
 * stored) or whose kind is one of `kinds`. The caller matches procedures exactly; this only
 * keeps the transfer small.
 */
export async function selectResultColumns(
  db: Db,
  where: {
    schoolIds: readonly number[];
    years: readonly string[];
    subjects: readonly string[];
    kinds: readonly string[];
  },
): Promise<ResultColumns> {
  const columns: ResultColumns = {
    schoolId: [],
    year: [],
    kind: [],
    subject: [],
    grade: [],
    participants: [],
    failed: [],
    meanScore: [],
  };
  if (
    where.schoolIds.length === 0 ||
    where.years.length === 0 ||
    (where.subjects.length === 0 && where.kinds.length === 0)
  )
    return columns;
  const rows = await db.$queryRaw<Array<{ data: string | null }>>`
    SELECT string_agg(concat_ws(chr(31), "schoolId", year, kind, subject, grade, participants, failed, coalesce("meanScore"::text, '')), chr(30)) AS data
    FROM "AssessmentResult"
    WHERE "schoolId" = ANY(${[...where.schoolIds]}::int[])
      AND year = ANY(${[...where.years]}::text[])
      AND (subject = ANY(${[...where.subjects]}::text[]) OR kind::text = ANY(${[...where.kinds]}::text[]))`;
  const data = rows[0]?.data;
  if (!data) return columns;
  for (const record of data.split(RECORD)) {
    const fields = record.split(FIELD);
    columns.schoolId.push(Number(fields[0]));
    columns.year.push(fields[1]!);
    columns.kind.push(fields[2] as ResultColumns['kind'][number]);
    columns.subject.push(fields[3]!);
    columns.grade.push(Number(fields[4]));
    columns.participants.push(Number(fields[5]));
    columns.failed.push(Number(fields[6]));
    columns.meanScore.push(fields[7] === '' || fields[7] === undefined ? null : Number(fields[7]));
  }
  return columns;
}

export interface VerdictRow {
  schoolId: number;
  flagged: boolean;
  criteria: unknown;
  evidence: unknown;
}

/** Inserts a run's verdicts in one statement. */
export async function insertVerdicts(db: Db, runId: number, verdicts: readonly VerdictRow[]): Promise<void> {
  if (verdicts.length === 0) return;
  const payload = JSON.stringify(
    verdicts.map((verdict) => ({ s: verdict.schoolId, f: verdict.flagged, c: verdict.criteria, e: verdict.evidence })),
  );
  await db.$executeRaw`
    INSERT INTO "IdentificationVerdict" ("runId", "schoolId", flagged, criteria, evidence)
    SELECT ${runId}, (v->>'s')::int, (v->>'f')::boolean, (v->'c')::jsonb, (v->'e')::jsonb
    FROM json_array_elements(${payload}::json) AS v`;
}
