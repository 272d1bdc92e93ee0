/**
 * The weekly digest (issue 13 §1): what changed in a scope since the previous digest, and the
 * exactly-once record — one DigestDelivery row per (chat, week), written in ONE transaction with
 * the digest's outbox message(s) (services/outbox.ts; dedupe key `digest:<week>:<chat>`). The
 * outbox sender (src/delivery/sender.ts) delivers them paced, like every other message the bot
 * owes: a row is `sending` only during its HTTP call (a 429 puts it back to `pending`), so a
 * crash while waiting out a 429 sends it after the restart, and never twice. Two processes
 * recording the same week at once collide on the unique keys: one row each.
 */
import type { Prisma } from '../db/client.ts';
import type { OutboxEntry } from './outbox.ts';
import { enqueueMessages, settleDigestRecords } from './outbox.ts';
import { chartData } from '../domain/results/failShares.ts';
import { computeIndicators } from '../domain/indicators/index.ts';
import { isIdentificationMonth } from '../domain/calendar/identification.ts';
import {
  movedIndicators,
  type DigestIndicatorSnapshot,
  type DigestCampaign,
  type DigestContent,
  type DigestImport,
  type DigestListChange,
  type DigestRoadmap,
  type DigestSchoolRef,
} from '../domain/digest/content.ts';
import { type DigestSchedule, currentDigestWeek, localMonth } from '../domain/digest/week.ts';
import type { ServiceDeps } from './deps.ts';
import { IDENTIFICATION_METHODS } from './identification/index.ts';
import { latestRunIds } from './identification/current.ts';
import { indicatorInputs, latestDataYear, loadResults, type ReportScope } from './indicators.ts';
import { type BoundChat, type DigestScope, boundChat, boundChats } from './committeeChats.ts';
import { UserError } from './errors.ts';

const WEEK_MS = 7 * 86_400_000;

/** Roadmap state for the digest; supplied by the roadmap service (kept as a hook to avoid a cycle). */
type RoadmapDigestSource = (
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

/**
 * The latest verdict of each school and method at a moment, within the scope. A look into a past
 * year (issue 10) is not the current list: only the runs made as current count, as in indicators.
 */
async function flaggedAt(deps: ServiceDeps, scope: DigestScope, moment: Date) {
  const rows = await deps.prisma.$queryRaw<Array<{ schoolId: number; method: string; flagged: boolean }>>`
    SELECT DISTINCT ON (v."schoolId", r.method) v."schoolId" AS "schoolId", r.method AS method, v.flagged AS flagged
    FROM "IdentificationVerdict" v
    JOIN "IdentificationRun" r ON r.id = v."runId"
    JOIN "School" s ON s.id = v."schoolId"
    JOIN "Municipality" m ON m.id = s."municipalityId"
    WHERE r.at <= ${moment} AND NOT r.look AND m."regionId" = ${scope.regionId}
      AND (${scope.municipalityId}::int IS NULL OR s."municipalityId" = ${scope.municipalityId}::int)
    ORDER BY v."schoolId", r.method, r.at DESC, r.id DESC`;
  const byMethod = new Map<string, Set<number>>();
  for (const row of rows) {
    if (!byMethod.has(row.method)) byMethod.set(row.method, new Set());
    if (row.flagged) byMethod.get(row.method)!.add(row.schoolId);
  }
  return byMethod;
}

async function listChanges(
  deps: ServiceDeps,
  scope: DigestScope,
  start: Date,
  end: Date,
  /** the identification month: name every school on the list (domain/calendar/identification.ts) */
  whole: boolean,
): Promise<DigestListChange[]> {
  const before = await flaggedAt(deps, scope, start);
  const after = await flaggedAt(deps, scope, end);
  const changes: DigestListChange[] = [];
  const ids = new Set<number>();
  const diff = IDENTIFICATION_METHODS.map((method) => {
    const was = before.get(method) ?? new Set<number>();
    const now = after.get(method) ?? new Set<number>();
    const entered = [...now].filter((id) => !was.has(id));
    const left = [...was].filter((id) => !now.has(id));
    for (const id of [...entered, ...left, ...(whole ? now : [])]) ids.add(id);
    return { method, entered, left, flagged: now.size, known: after.has(method), list: [...now] };
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
      ...(whole ? { schools: refs(entry.list) } : {}),
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

export interface DigestOptions {
  schedule: DigestSchedule;
  roadmaps?: RoadmapDigestSource;
}

/** The digest scope as the indicators and /report see it (no actor: the chat's binding decides). */
async function reportScopeOf(deps: ServiceDeps, scope: DigestScope): Promise<ReportScope> {
  const rows = await deps.prisma.school.findMany({
    where: schoolFilter(scope),
    select: { id: true, code: true, shortName: true, fullName: true, municipalityId: true, municipality: true },
    orderBy: { code: 'asc' },
  });
  return {
    kind: scope.municipalityId !== null ? 'municipality' : 'region',
    name: scope.name,
    regionId: scope.regionId,
    municipalityIds:
      scope.municipalityId !== null ? [scope.municipalityId] : [...new Set(rows.map((r) => r.municipalityId))],
    schools: rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.shortName || row.fullName,
      municipality: row.municipality.name,
      municipalityId: row.municipalityId,
    })),
  };
}

interface ScopeFigures {
  chart: DigestContent['chart'];
  /** the indicators of the newest academic year with data; null when the scope has none */
  snapshot: DigestIndicatorSnapshot | null;
  catalogue: Parameters<typeof movedIndicators>[2];
}

/** The scope's chart series and programme indicators now (services/indicators, domain/indicators). */
async function scopeFigures(deps: ServiceDeps, scope: DigestScope): Promise<ScopeFigures> {
  const reportScope = await reportScopeOf(deps, scope);
  if (reportScope.schools.length === 0) return { chart: null, snapshot: null, catalogue: [] };
  const chart = chartData(await loadResults(deps, reportScope.schools));
  const year = await latestDataYear(deps, reportScope);
  if (!year) return { chart: chart.series.length > 0 ? chart : null, snapshot: null, catalogue: [] };
  const values = computeIndicators((await indicatorInputs(deps, reportScope, year)).inputs);
  return {
    chart: chart.series.length > 0 ? chart : null,
    snapshot: { year, values: Object.fromEntries(values.map((value) => [value.id, value.value])) },
    catalogue: values.map((value) => ({
      id: value.id,
      title: value.title,
      unit: value.unit,
      target: value.target,
      onTarget: value.onTarget,
    })),
  };
}

/** The digest of a scope for a period (the content only; nothing is recorded). */
async function buildDigest(
  deps: ServiceDeps,
  scope: DigestScope,
  period: { start: Date; end: Date; week: string; weekEnd: Date },
  options: DigestOptions,
  figures?: { now: ScopeFigures; before: DigestIndicatorSnapshot | null },
): Promise<DigestContent> {
  const { start, end } = period;
  const current = figures?.now ?? (await scopeFigures(deps, scope));
  const identificationMonth = isIdentificationMonth(localMonth(end, options.schedule.timeZone));
  const moved = current.snapshot ? movedIndicators(figures?.before ?? null, current.snapshot, current.catalogue) : null;
  return {
    scope: { name: scope.name, kind: scope.municipalityId !== null ? 'municipality' : 'region' },
    week: period.week,
    periodStart: start.toISOString(),
    periodEnd: end.toISOString(),
    imports: await importsOf(deps, scope, start, end),
    lists: await listChanges(deps, scope, start, end, identificationMonth),
    campaigns: await campaignsOf(deps, scope, start, end),
    roadmaps: options.roadmaps ? await options.roadmaps(deps, scope, { start, end }, period.weekEnd) : [],
    identificationMonth,
    reportRunIds: await latestRunIds(deps, scope.municipalityId, IDENTIFICATION_METHODS),
    chart: current.chart,
    indicators: moved && current.snapshot ? { year: current.snapshot.year, moved } : null,
    reportable: current.snapshot !== null,
  };
}

/** Where the previous digest of a chat ended and its indicators; a first digest looks one week back. */
async function previousOf(deps: ServiceDeps, chatId: number, fallback: Date) {
  const previous = await deps.prisma.digestDelivery.findFirst({
    where: { chatId: BigInt(chatId) },
    orderBy: { week: 'desc' },
    select: { periodEnd: true, indicators: true },
  });
  return {
    start: previous?.periodEnd ?? fallback,
    before: (previous?.indicators ?? null) as DigestIndicatorSnapshot | null,
  };
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
  const previous = chatId !== undefined ? await previousOf(deps, chatId, fallback) : { start: fallback, before: null };
  return buildDigest(
    deps,
    scope,
    { start: previous.start, end: now, week: week.week, weekEnd: week.nextDueAt },
    options,
    { now: await scopeFigures(deps, scope), before: previous.before },
  );
}

/** The outbox key of a chat's digest for a week: one message per chat and week, ever. */
const digestKey = (week: string, chatId: number) => `digest:${week}:${chatId}`;

/** The outbox rows of one chat's digest: the text with its buttons, then the chart. */
function digestMessages(chatId: number, week: string, content: DigestContent, chartKey: string): OutboxEntry[] {
  const entries: OutboxEntry[] = [{ dedupeKey: digestKey(week, chatId), chatId, payload: { kind: 'digest', content } }];
  if (content.chart)
    entries.push({
      dedupeKey: `${digestKey(week, chatId)}:chart`,
      chatId,
      payload: {
        kind: 'digest.chart',
        chartKey,
        content: { scope: content.scope, periodEnd: content.periodEnd, chart: content.chart },
      },
    });
  return entries;
}

export interface PrepareReport {
  week: string;
  /** chats whose digest was recorded (and queued) by this call */
  queued: number;
}

/**
 * Records this week's digests that are due and not yet recorded: per scope (chats sharing a
 * period and a previous snapshot share one computation) one transaction writes the
 * DigestDelivery rows with their outbox messages; `onQueued` runs after each commit so the
 * sender starts while the next scope is computed. Unsent digest messages of earlier weeks are
 * retired (a digest is news of its week).
 */
export async function prepareDueDigests(
  deps: ServiceDeps,
  options: DigestOptions,
  onQueued?: () => void,
): Promise<PrepareReport> {
  const now = deps.now();
  const week = currentDigestWeek(now, options.schedule);
  await deps.prisma.$transaction(async (tx) => {
    await tx.outboxMessage.updateMany({
      where: {
        kind: { in: ['digest', 'digest.chart'] },
        state: 'pending',
        NOT: { dedupeKey: { startsWith: `digest:${week.week}:` } },
      },
      data: { state: 'failed', error: 'week passed while not sent' },
    });
    await settleDigestRecords(tx);
  });
  const recorded = new Set(
    (await deps.prisma.digestDelivery.findMany({ where: { week: week.week }, select: { chatId: true } })).map((row) =>
      Number(row.chatId),
    ),
  );
  const chats: BoundChat[] = (await boundChats(deps)).filter(
    (chat) => !recorded.has(chat.chatId) && Date.parse(chat.boundAt) <= week.dueAt.getTime(),
  );
  if (chats.length === 0) return { week: week.week, queued: 0 };
  // Where each chat's previous digest ended and what its indicators were (one query for all).
  const previous = await deps.prisma.digestDelivery.findMany({
    where: { chatId: { in: chats.map((chat) => BigInt(chat.chatId)) }, week: { lt: week.week } },
    distinct: ['chatId'],
    orderBy: [{ chatId: 'asc' }, { week: 'desc' }],
    select: { chatId: true, periodEnd: true, indicators: true },
  });
  const before = new Map(previous.map((row) => [Number(row.chatId), row]));
  const fallback = new Date(week.dueAt.getTime() - WEEK_MS);
  // Group the chats: same scope, same period start, same previous snapshot → same content.
  const groups = new Map<
    string,
    { scope: DigestScope; start: Date; before: DigestIndicatorSnapshot | null; chats: number[] }
  >();
  for (const chat of chats) {
    const row = before.get(chat.chatId);
    const start = row?.periodEnd ?? fallback;
    const snapshot = (row?.indicators ?? null) as DigestIndicatorSnapshot | null;
    const key = `${chat.scope.regionId}:${chat.scope.municipalityId}:${start.getTime()}:${JSON.stringify(snapshot)}`;
    const group = groups.get(key) ?? { scope: chat.scope, start, before: snapshot, chats: [] };
    group.chats.push(chat.chatId);
    groups.set(key, group);
  }
  const figures = new Map<string, ScopeFigures>();
  let queued = 0;
  for (const group of groups.values()) {
    const scopeKey = `${group.scope.regionId}:${group.scope.municipalityId}`;
    let current = figures.get(scopeKey);
    if (!current) {
      current = await scopeFigures(deps, group.scope);
      figures.set(scopeKey, current);
    }
    const content = await buildDigest(
      deps,
      group.scope,
      { start: group.start, end: now, week: week.week, weekEnd: week.nextDueAt },
      options,
      { now: current, before: group.before },
    );
    const chartKey = `${week.week}:${scopeKey}`;
    const messages = group.chats.map((chatId) => digestMessages(chatId, week.week, content, chartKey));
    await deps.prisma.$transaction(async (tx) => {
      await tx.digestDelivery.createMany({
        data: group.chats.map((chatId) => ({
          chatId: BigInt(chatId),
          week: week.week,
          periodStart: group.start,
          periodEnd: now,
          content: content as unknown as Prisma.InputJsonValue,
          status: 'queued',
          indicators: (current.snapshot ?? undefined) as Prisma.InputJsonValue | undefined,
        })),
        skipDuplicates: true,
      });
      // Texts first, then the charts: a chat's two messages are not neighbours in the queue,
      // so the per-group pause (1 s) never holds a sender slot.
      await enqueueMessages(
        tx,
        messages.map((entries) => entries[0]!),
        now,
      );
      await enqueueMessages(
        tx,
        messages.flatMap((entries) => entries.slice(1)),
        now,
      );
    });
    queued += group.chats.length;
    onQueued?.();
  }
  return { week: week.week, queued };
}

export interface DeliveryCounts {
  week: string;
  pending: number;
  sent: number;
  failed: number;
}

/** This week's digest texts by outbox state (pending also counts those being sent). */
export async function deliveryCounts(deps: ServiceDeps, schedule: DigestSchedule): Promise<DeliveryCounts> {
  const week = currentDigestWeek(deps.now(), schedule).week;
  const groups = await deps.prisma.outboxMessage.groupBy({
    by: ['state'],
    where: { kind: 'digest', dedupeKey: { startsWith: `digest:${week}:` } },
    _count: true,
  });
  const count = (...states: string[]) =>
    groups.filter((group) => states.includes(group.state)).reduce((sum, group) => sum + group._count, 0);
  return {
    week,
    pending: count('pending', 'sending'),
    sent: count('sent'),
    failed: count('failed', 'blocked', 'unknown'),
  };
}
