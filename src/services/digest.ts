/**
 * The weekly digest (issue 13 §1): what changed in a scope since the previous digest, and the
 * exactly-once record of its delivery — one DigestDelivery row per (chat, week), written before
 * the message is sent, with states pending → sending → sent | failed.
 *
 * Why a row per attempt state: a crash while a row is `pending` (also while waiting out a 429)
 * resends it on restart; a row is `sending` only for the one HTTP call in flight, and such a row
 * is never sent again (Telegram has no idempotency key, so at-most-once is the safe side).
 * Two processes claim rows with a conditional UPDATE: only one wins.
 */
import type { Prisma } from '../db/client.ts';
import type {
  DigestCampaign,
  DigestContent,
  DigestImport,
  DigestListChange,
  DigestRoadmap,
  DigestSchoolRef,
} from '../domain/digest/content.ts';
import { type DigestSchedule, currentDigestWeek, localMonth } from '../domain/digest/week.ts';
import type { ServiceDeps } from './deps.ts';
import { IDENTIFICATION_METHODS } from './identification/index.ts';
import { type BoundChat, type DigestScope, boundChat, boundChats } from './committeeChats.ts';
import { UserError } from './errors.ts';

const WEEK_MS = 7 * 86_400_000;

/** The seeds' identification months: August and September (seed 000 Раздел II; seed 001 п. 2.2). */
export const IDENTIFICATION_MONTHS: readonly number[] = [8, 9];

/** Roadmap state for the digest; supplied by the roadmap service (kept as a hook to avoid a cycle). */
export type RoadmapDigestSource = (
  deps: ServiceDeps,
  scope: DigestScope,
  period: { start: Date; end: Date },
  weekEnd: Date,
) => Promise<DigestRoadmap[]>;

function schoolFilter(scope: DigestScope): Prisma.SchoolWhereInput {
  return scope.municipalityId !== null
    ? { municipalityId: scope.municipalityId }
    : { municipality: { regionId: scope.regionId } };
}

const ref = (school: { code: string; shortName: string; fullName: string }): DigestSchoolRef => ({
  code: school.code,
  name: school.shortName || school.fullName,
});

async function importsOf(deps: ServiceDeps, scope: DigestScope, start: Date, end: Date): Promise<DigestImport[]> {
  const imports = await deps.prisma.resultImport.findMany({
    where: { at: { gt: start, lte: end }, results: { some: { school: schoolFilter(scope) } } },
    orderBy: { at: 'asc' },
  });
  const out: DigestImport[] = [];
  for (const entry of imports) {
    const rows = await deps.prisma.assessmentResult.count({
      where: { importId: entry.id, school: schoolFilter(scope) },
    });
    let by: DigestImport['by'] = { kind: 'system' };
    if (entry.actorLabel === 'cli') by = { kind: 'cli' };
    else if (entry.actorId !== null) {
      const user = await deps.prisma.user.findUnique({ where: { id: entry.actorId } });
      by = { kind: 'person', name: user ? [user.firstName, user.lastName].filter(Boolean).join(' ') : '?' };
    }
    out.push({ at: entry.at.toISOString(), fileName: entry.fileName, by, rows });
  }
  return out;
}

/** The latest verdict of each school and method at a moment, within the scope. */
async function flaggedAt(deps: ServiceDeps, scope: DigestScope, moment: Date) {
  const rows = await deps.prisma.$queryRaw<Array<{ schoolId: number; method: string; flagged: boolean }>>`
    SELECT DISTINCT ON (v."schoolId", r.method) v."schoolId" AS "schoolId", r.method AS method, v.flagged AS flagged
    FROM "IdentificationVerdict" v
    JOIN "IdentificationRun" r ON r.id = v."runId"
    JOIN "School" s ON s.id = v."schoolId"
    JOIN "Municipality" m ON m.id = s."municipalityId"
    WHERE r.at <= ${moment} AND m."regionId" = ${scope.regionId}
      AND (${scope.municipalityId}::int IS NULL OR s."municipalityId" = ${scope.municipalityId}::int)
    ORDER BY v."schoolId", r.method, r.at DESC, r.id DESC`;
  const byMethod = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!byMethod.has(row.method)) byMethod.set(row.method, new Set());
    if (row.flagged) byMethod.get(row.method)!.add(row.schoolId);
  }
  return byMethod;
}

async function listChanges(deps: ServiceDeps, scope: DigestScope, start: Date, end: Date): Promise<DigestListChange[]> {
  const before = await flaggedAt(deps, scope, start);
  const after = await flaggedAt(deps, scope, end);
  const changes: DigestListChange[] = [];
  const ids = new Set<number>();
  const diff = IDENTIFICATION_METHODS.map((method) => {
    const was = before.get(method) ?? new Set<number>();
    const now = after.get(method) ?? new Set<number>();
    const entered = [...now].filter((id) => !was.has(id));
    const left = [...was].filter((id) => !now.has(id));
    for (const id of [...entered, ...left]) ids.add(id);
    return { method, entered, left, flagged: now.size, known: after.has(method) };
  });
  const schools = new Map(
    (await deps.prisma.school.findMany({ where: { id: { in: [...ids] } } })).map((school) => [school.id, school]),
  );
  const refs = (list: number[]) =>
    list.map((id) => ref(schools.get(id)!)).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  for (const entry of diff) {
    if (!entry.known) continue;
    changes.push({
      method: entry.method,
      entered: refs(entry.entered),
      left: refs(entry.left),
      flagged: entry.flagged,
    });
  }
  return changes;
}

async function campaignsOf(deps: ServiceDeps, scope: DigestScope, start: Date, end: Date): Promise<DigestCampaign[]> {
  const campaigns = await deps.prisma.campaign.findMany({
    where: { status: 'open', schools: { some: { school: schoolFilter(scope) } } },
    include: { schools: { where: { school: schoolFilter(scope) }, include: { school: true } } },
    orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
  });
  return campaigns.map((campaign) => {
    const overdue = campaign.deadline.getTime() < end.getTime();
    const submitted = campaign.schools.filter((form) => form.status === 'submitted');
    return {
      id: campaign.id,
      title: campaign.title,
      deadline: campaign.deadline.toISOString(),
      submitted: submitted.length,
      total: campaign.schools.length,
      late: overdue
        ? campaign.schools
            .filter((form) => form.status !== 'submitted')
            .map((form) => ref(form.school))
            .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
        : [],
      submittedThisPeriod: submitted.filter(
        (form) => form.submittedAt && form.submittedAt > start && form.submittedAt <= end,
      ).length,
    };
  });
}

async function reportRunIds(deps: ServiceDeps, scope: DigestScope): Promise<number[]> {
  const ids: number[] = [];
  for (const method of IDENTIFICATION_METHODS) {
    const run = await deps.prisma.identificationRun.findFirst({
      where: {
        method,
        OR: [
          { municipalityId: null },
          ...(scope.municipalityId !== null ? [{ municipalityId: scope.municipalityId }] : []),
        ],
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    if (run) ids.push(run.id);
  }
  return ids;
}

export interface DigestOptions {
  schedule: DigestSchedule;
  roadmaps?: RoadmapDigestSource;
}

/** The digest of a scope for a period (the content only; nothing is recorded). */
export async function buildDigest(
  deps: ServiceDeps,
  scope: DigestScope,
  period: { start: Date; end: Date; week: string; weekEnd: Date },
  options: DigestOptions,
): Promise<DigestContent> {
  const { start, end } = period;
  return {
    scope: { name: scope.name, kind: scope.municipalityId !== null ? 'municipality' : 'region' },
    week: period.week,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    imports: await importsOf(deps, scope, start, end),
    lists: await listChanges(deps, scope, start, end),
    campaigns: await campaignsOf(deps, scope, start, end),
    roadmaps: options.roadmaps ? await options.roadmaps(deps, scope, { start, end }, period.weekEnd) : [],
    identificationMonth: IDENTIFICATION_MONTHS.includes(localMonth(end, options.schedule.timeZone)),
    reportRunIds: await reportRunIds(deps, scope),
  };
}

/** Where the previous digest of a chat ended; a first digest looks one week back. */
async function periodStartFor(deps: ServiceDeps, chatId: number, fallback: Date, before?: string): Promise<Date> {
  const previous = await deps.prisma.digestDelivery.findFirst({
    where: { chatId: BigInt(chatId), ...(before ? { week: { lt: before } } : {}) },
    orderBy: { week: 'desc' },
  });
  return previous?.periodEnd ?? fallback;
}

/** This week's digest of a chat's scope, now (the `/digest` preview; nothing is recorded). */
export async function previewForChat(deps: ServiceDeps, chatId: number, options: DigestOptions) {
  const chat = await boundChat(deps, chatId);
  if (!chat) throw new UserError('digest-not-bound');
  return previewForScope(deps, chat.scope, options, chatId);
}

export async function previewForScope(
  deps: ServiceDeps,
  scope: DigestScope,
  options: DigestOptions,
  chatId?: number,
): Promise<DigestContent> {
  const now = deps.now();
  const week = currentDigestWeek(now, options.schedule);
  const fallback = new Date(week.dueAt.getTime() - WEEK_MS);
  const start = chatId !== undefined ? await periodStartFor(deps, chatId, fallback) : fallback;
  return buildDigest(deps, scope, { start, end: now, week: week.week, weekEnd: week.nextDueAt }, options);
}

export interface DueDelivery {
  id: number;
  chatId: number;
  week: string;
  content: DigestContent;
}

/**
 * Writes the rows of this week's digests that are due and not yet recorded (the content is
 * fixed here), retires unsent rows of earlier weeks, and returns every row still to send.
 */
export async function prepareDueDigests(deps: ServiceDeps, options: DigestOptions): Promise<DueDelivery[]> {
  const now = deps.now();
  const week = currentDigestWeek(now, options.schedule);
  await deps.prisma.digestDelivery.updateMany({
    where: { status: 'pending', week: { lt: week.week } },
    data: { status: 'failed', error: 'week passed while not sent' },
  });
  const recorded = new Set(
    (await deps.prisma.digestDelivery.findMany({ where: { week: week.week }, select: { chatId: true } })).map((row) =>
      Number(row.chatId),
    ),
  );
  const chats: BoundChat[] = (await boundChats(deps)).filter(
    (chat) => !recorded.has(chat.chatId) && Date.parse(chat.boundAt) <= week.dueAt.getTime(),
  );
  // Where each chat's previous digest ended (one query for all chats).
  const previous = await deps.prisma.digestDelivery.findMany({
    where: { chatId: { in: chats.map((chat) => BigInt(chat.chatId)) }, week: { lt: week.week } },
    distinct: ['chatId'],
    orderBy: [{ chatId: 'asc' }, { week: 'desc' }],
    select: { chatId: true, periodEnd: true },
  });
  const endedAt = new Map(previous.map((row) => [Number(row.chatId), row.periodEnd]));
  const fallback = new Date(week.dueAt.getTime() - WEEK_MS);
  // Chats of one scope with the same period share one computation (1,000 chats, few scopes).
  const contents = new Map<string, DigestContent>();
  const rows: Prisma.DigestDeliveryCreateManyInput[] = [];
  for (const chat of chats) {
    const start = endedAt.get(chat.chatId) ?? fallback;
    const key = `${chat.scope.regionId}:${chat.scope.municipalityId}:${start.getTime()}`;
    let content = contents.get(key);
    if (!content) {
      content = await buildDigest(
        deps,
        chat.scope,
        { start, end: now, week: week.week, weekEnd: week.nextDueAt },
        options,
      );
      contents.set(key, content);
    }
    rows.push({
      chatId: BigInt(chat.chatId),
      week: week.week,
      periodStart: start,
      periodEnd: now,
      content: content as unknown as Prisma.InputJsonValue,
    });
  }
  // Two processes may get here at once: the unique (chat, week) keeps one row each.
  if (rows.length > 0) await deps.prisma.digestDelivery.createMany({ data: rows, skipDuplicates: true });
  const due = await deps.prisma.digestDelivery.findMany({
    where: { week: week.week, status: 'pending' },
    orderBy: { id: 'asc' },
  });
  const active = new Set((await boundChats(deps)).map((chat) => chat.chatId));
  return due
    .filter((row) => active.has(Number(row.chatId)))
    .map((row) => ({
      id: row.id,
      chatId: Number(row.chatId),
      week: row.week,
      content: row.content as unknown as DigestContent,
    }));
}

/** Takes a row for one HTTP call; false when another process (or an earlier attempt) has it. */
export async function claimDelivery(deps: ServiceDeps, id: number, worker: string): Promise<boolean> {
  const claimed = await deps.prisma.digestDelivery.updateMany({
    where: { id, status: 'pending' },
    data: { status: 'sending', claimedBy: worker, claimedAt: deps.now(), attempts: { increment: 1 } },
  });
  return claimed.count === 1;
}

export async function finishDelivery(
  deps: ServiceDeps,
  id: number,
  outcome:
    | { state: 'sent'; messageId: number }
    | { state: 'retry'; error: string }
    | { state: 'failed'; error: string },
): Promise<void> {
  const data =
    outcome.state === 'sent'
      ? { status: 'sent', sentAt: deps.now(), messageId: outcome.messageId, error: null }
      : outcome.state === 'retry'
        ? { status: 'pending', error: outcome.error }
        : { status: 'failed', error: outcome.error };
  await deps.prisma.digestDelivery.update({ where: { id }, data });
}

export interface DeliveryCounts {
  week: string;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
}

export async function deliveryCounts(deps: ServiceDeps, schedule: DigestSchedule): Promise<DeliveryCounts> {
  const week = currentDigestWeek(deps.now(), schedule).week;
  const groups = await deps.prisma.digestDelivery.groupBy({ by: ['status'], where: { week }, _count: true });
  const count = (status: string) => groups.find((group) => group.status === status)?._count ?? 0;
  return { week, pending: count('pending'), sending: count('sending'), sent: count('sent'), failed: count('failed') };
}
