/**
 * The numbers people see for campaigns and invites (issue 10: «campaign #3 → #36, invite #8 →
 * #36» came from database sequences, which skip after a crash and count every territory
 * together). A number is per territory — a municipality, or 0 for the region — and is allocated
 * inside the transaction that creates the row: the transaction-scoped advisory lock orders two
 * launches in one territory, and a rolled-back creation gives its number back. Ids stay internal
 * (callback data); what a person reads or types is the number.
 */
import type { Prisma } from '../db/client.ts';

type Tx = Prisma.TransactionClient;

/** Lock namespaces for pg_advisory_xact_lock(int, int): one per numbered table. */
const CAMPAIGN_NUMBERS = 771_001;
const INVITE_NUMBERS = 771_002;

export async function nextCampaignNumber(tx: Tx, municipalityId: number | null): Promise<number> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CAMPAIGN_NUMBERS}::int, ${municipalityId ?? 0}::int)::text`;
  const [row] = await tx.$queryRaw<{ next: number }[]>`
    SELECT (COALESCE(MAX("number"), 0) + 1)::int AS "next" FROM "Campaign"
    WHERE "municipalityId" IS NOT DISTINCT FROM ${municipalityId}::int`;
  return row!.next;
}

/** `territoryId`: the municipality of the invite or of its school; 0 for a region-wide invite. */
export async function nextInviteNumber(tx: Tx, territoryId: number): Promise<number> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${INVITE_NUMBERS}::int, ${territoryId}::int)::text`;
  const [row] = await tx.$queryRaw<{ next: number }[]>`
    SELECT (COALESCE(MAX("number"), 0) + 1)::int AS "next" FROM "Invite" WHERE "territoryId" = ${territoryId}::int`;
  return row!.next;
}
