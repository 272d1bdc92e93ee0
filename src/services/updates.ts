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
