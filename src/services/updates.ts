/** Redelivered updates (same update_id) are handled once. */
import type { ServiceDeps } from './deps.ts';

const KEEP_MS = 3 * 86_400_000;

/** true when this update_id is new (and is now marked as seen). */
export async function claimUpdate(deps: ServiceDeps, updateId: number): Promise<boolean> {
  const inserted = await deps.prisma.processedUpdate.createMany({
    data: [{ updateId: BigInt(updateId), at: deps.now() }],
    skipDuplicates: true,
  });
  if (updateId % 1000 === 0) {
    await deps.prisma.processedUpdate.deleteMany({ where: { at: { lt: new Date(deps.now().getTime() - KEEP_MS) } } });
  }
  return inserted.count === 1;
}

/** After this many starts of one update (each cut by a crash) it is given up as poison. */
const MAX_UPDATE_ATTEMPTS = 3;

/** The inbox: updates as received, before anything confirms them to Telegram. */
export async function storeReceived(deps: ServiceDeps, updates: readonly { update_id: number }[]): Promise<void> {
  if (updates.length === 0) return;
  await deps.prisma.processedUpdate.createMany({
    data: updates.map((update) => ({
      updateId: BigInt(update.update_id),
      at: deps.now(),
      payload: update as object,
      state: 'received',
    })),
    skipDuplicates: true,
  });
}

/**
 * Starts handling an update: 'new' (first time), 'retry' (received before and not finished — a
 * crash cut it, or it waited in the inbox), 'duplicate' (finished before), 'poison' (started
 * MAX_UPDATE_ATTEMPTS times and never finished: now marked failed). One statement.
 */
export async function beginUpdate(
  deps: ServiceDeps,
  update: { update_id: number },
): Promise<'new' | 'retry' | 'duplicate' | 'poison'> {
  const rows = await deps.prisma.$queryRaw<{ attempts: number }[]>`
    INSERT INTO "ProcessedUpdate" ("updateId", "at", "payload", "state", "attempts")
    VALUES (${BigInt(update.update_id)}, ${deps.now()}, ${JSON.stringify(update)}::jsonb, 'received', 1)
    ON CONFLICT ("updateId") DO UPDATE SET "attempts" = "ProcessedUpdate"."attempts" + 1
      WHERE "ProcessedUpdate"."state" = 'received'
    RETURNING "attempts"`;
  if (update.update_id % 1000 === 0) {
    await deps.prisma.processedUpdate.deleteMany({
      where: { at: { lt: new Date(deps.now().getTime() - KEEP_MS) }, state: { not: 'received' } },
    });
  }
  const attempts = rows[0]?.attempts;
  if (attempts === undefined) return 'duplicate';
  if (attempts > MAX_UPDATE_ATTEMPTS) {
    await finishUpdate(deps, update.update_id, 'failed');
    return 'poison';
  }
  return attempts === 1 ? 'new' : 'retry';
}

export async function finishUpdate(deps: ServiceDeps, updateId: number, state: 'done' | 'failed' = 'done') {
  await deps.prisma.processedUpdate.updateMany({ where: { updateId: BigInt(updateId) }, data: { state } });
}

/** Updates received but not finished (a crash, a stop): handled at the next start, in order. */
export async function unfinishedUpdates(deps: ServiceDeps, limit = 1000): Promise<object[]> {
  const rows = await deps.prisma.$queryRaw<{ payload: object }[]>`
    SELECT "payload" FROM "ProcessedUpdate"
    WHERE "state" = 'received' AND "payload" IS NOT NULL
    ORDER BY "updateId" LIMIT ${limit}`;
  return rows.map((row) => row.payload);
}
