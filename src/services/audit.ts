import type { Prisma } from '../db/client.ts';
import type { Actor } from '../domain/access/policy.ts';

type Tx = Prisma.TransactionClient;

/** JSON-safe copy of a row: Dates → ISO strings, BigInt → string. */
function toAuditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

export function actorLabel(actor: Pick<Actor, 'userId'> | null): string {
  if (!actor) return 'system';
  return actor.userId === null ? 'cli' : `user:${actor.userId}`;
}

/** Records one change of data inside the caller's transaction. */
export async function audit(
  tx: Tx,
  actor: Pick<Actor, 'userId'> | null,
  entry: { action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.userId ?? null,
      actorLabel: actorLabel(actor),
      action: entry.action,
      entity: entry.entity,
      entityId: String(entry.entityId),
      before: toAuditJson(entry.before),
      after: toAuditJson(entry.after),
    },
  });
}
