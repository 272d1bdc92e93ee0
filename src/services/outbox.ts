/**
 * The outbox, service side: use cases write the messages they owe people as rows, inside the
 * same transaction as the change that causes them (ARCHITECTURE.md «outbox»). A payload is plain
 * JSON for a renderer in src/delivery/messages.ts; services never render text. The sender
 * (src/delivery/sender.ts) delivers the rows; a dedupe key makes a retried use case harmless.
 */
import type { Prisma } from '../db/client.ts';
import type { DigestContent } from '../domain/digest/content.ts';
import type { MunicipalityChanges } from './identification/index.ts';

type Tx = Prisma.TransactionClient;

/** Every kind of message the bot owes, with its payload. */
export type OutboxPayload =
  | {
      kind: 'campaign.invitation';
      campaignId: number;
      title: string;
      school: string;
      deadline: string;
    }
  | { kind: 'campaign.reminder'; campaignId: number; title: string; deadline: string; offset: number }
  | { kind: 'campaign.extended'; campaignId: number; title: string; deadline: string }
  | { kind: 'campaign.reopened'; campaignId: number; title: string }
  | { kind: 'identification.changes'; change: MunicipalityChanges }
  /** «пора запускать …» with a one-tap launch (issue 13 §3; services/calendar.ts) */
  | { kind: 'calendar.notice'; formKey: string; title: string; audience: 'all' | 'listed'; deadline: string }
  /** a roadmap item 3 days before its due date or the day after (services/roadmaps.ts) */
  | {
      kind: 'roadmap.reminder';
      itemId: number;
      number: string;
      title: string;
      dueDate: string;
      offset: number;
      responsible: string;
    }
  | {
      kind: 'launch.summary';
      campaignId: number;
      /** the number people see (absent in rows queued before it existed) */
      number?: number;
      title: string;
      schools: number;
      sent: number;
      blocked: { chatId: number; school: string }[];
      failed: number;
      unknown: number;
      withoutResponders: string[];
    }
  /** the weekly digest of a committee chat (issue 13 §1): text and buttons */
  | { kind: 'digest'; content: DigestContent }
  /**
   * the digest's chart as a photo (issue 13 §1); `chartKey` names one picture shared by every
   * chat of a scope and week — rendered once, uploaded once, then sent by Telegram's file_id
   */
  | { kind: 'digest.chart'; chartKey: string; content: Pick<DigestContent, 'scope' | 'periodEnd' | 'chart'> };

export interface OutboxEntry {
  dedupeKey: string;
  chatId: number;
  payload: OutboxPayload;
  batchKey?: string;
}

/** Writes messages owed inside the caller's transaction; a key written before is skipped. */
export async function enqueueMessages(tx: Tx, entries: readonly OutboxEntry[], now: Date): Promise<number> {
  if (entries.length === 0) return 0;
  const { count } = await tx.outboxMessage.createMany({
    data: entries.map((entry) => ({
      dedupeKey: entry.dedupeKey,
      chatId: BigInt(entry.chatId),
      kind: entry.payload.kind,
      payload: entry.payload as unknown as Prisma.InputJsonValue,
      batchKey: entry.batchKey ?? null,
      createdAt: now,
      nextAt: now,
    })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * A weekly digest's record (DigestDelivery.status) follows its text message: once the `digest`
 * message reaches a final state (sent, blocked, failed, unknown), the record says so — called in
 * the transaction that settles the message (the sender, its crash recovery, the retirement of a
 * past week), so the two never disagree. `messageId`: only that message; none: every settled one.
 */
export async function settleDigestRecords(tx: Tx, messageId?: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "DigestDelivery" d
    SET status = m.state, "sentAt" = m."sentAt", error = m.error
    FROM "OutboxMessage" m
    WHERE d.status = 'queued' AND m.kind = 'digest'
      AND m.state IN ('sent', 'blocked', 'failed', 'unknown')
      AND (${messageId ?? null}::int IS NULL OR m.id = ${messageId ?? null}::int)
      AND m."chatId" = d."chatId" AND m."dedupeKey" LIKE 'digest:' || d.week || ':%'`;
}

/** A batch whose outcome is reported to `reportTo` once every message of it is settled. */
export async function openBatch(
  tx: Tx,
  batch: { key: string; reportTo: number | null; kind: 'launch'; payload: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await tx.outboxBatch.createMany({
    data: [
      {
        key: batch.key,
        reportTo: batch.reportTo === null ? null : BigInt(batch.reportTo),
        kind: batch.kind,
        payload: batch.payload as Prisma.InputJsonValue,
        createdAt: now,
      },
    ],
    skipDuplicates: true,
  });
}

/** Work that must follow a commit, written with it (run by src/delivery/jobs.ts). */
export async function enqueueJob(
  tx: Tx,
  job: { kind: 'identification.rerun'; payload: { municipalityIds: number[]; importId: number } },
  now: Date,
): Promise<void> {
  await tx.deliveryJob.create({ data: { kind: job.kind, payload: job.payload, createdAt: now } });
}
