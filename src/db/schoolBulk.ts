/**
 * Bulk writes of the school registry, the path results take (bulkInserts.ts): one statement per
 * chunk instead of a statement per row, so a 200,000-row registry is written in seconds.
 * Column names follow prisma/schema.prisma.
 */
import type { Prisma } from './client.ts';

type Tx = Prisma.TransactionClient;

export interface SchoolRowWrite {
  code: string;
  municipalityId: number;
  fullName: string;
  shortName: string;
  type: string;
  settlement: string;
  rural: boolean;
}

const columns = (rows: readonly SchoolRowWrite[]) => ({
  code: rows.map((row) => row.code),
  municipalityId: rows.map((row) => row.municipalityId),
  fullName: rows.map((row) => row.fullName),
  shortName: rows.map((row) => row.shortName),
  type: rows.map((row) => row.type),
  settlement: rows.map((row) => row.settlement),
  rural: rows.map((row) => row.rural),
});

/** New schools; returns their ids by code. */
export async function insertSchools(
  tx: Tx,
  rows: readonly SchoolRowWrite[],
  at: Date,
): Promise<{ id: number; code: string }[]> {
  if (rows.length === 0) return [];
  const c = columns(rows);
  return tx.$queryRaw<{ id: number; code: string }[]>`
    INSERT INTO "School" ("code", "municipalityId", "fullName", "shortName", "type", "settlement", "rural", "createdAt", "updatedAt")
    SELECT code, m, fn, sn, ty, st, r, ${at}, ${at}
    FROM unnest(${c.code}::text[], ${c.municipalityId}::int[], ${c.fullName}::text[], ${c.shortName}::text[],
                ${c.type}::text[], ${c.settlement}::text[], ${c.rural}::boolean[]) AS incoming(code, m, fn, sn, ty, st, r)
    RETURNING "id", "code"`;
}

/** Changed schools, matched by code. */
export async function updateSchools(tx: Tx, rows: readonly SchoolRowWrite[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const c = columns(rows);
  return tx.$executeRaw`
    UPDATE "School" AS s SET "municipalityId" = incoming.m, "fullName" = incoming.fn, "shortName" = incoming.sn,
      "type" = incoming.ty, "settlement" = incoming.st, "rural" = incoming.r, "updatedAt" = ${at}
    FROM unnest(${c.code}::text[], ${c.municipalityId}::int[], ${c.fullName}::text[], ${c.shortName}::text[],
                ${c.type}::text[], ${c.settlement}::text[], ${c.rural}::boolean[]) AS incoming(code, m, fn, sn, ty, st, r)
    WHERE s."code" = incoming.code`;
}
