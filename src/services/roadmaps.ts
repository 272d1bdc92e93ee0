/**
 * Roadmaps (issue 13 §2): import from .xlsx (one transaction: all or nothing), progress by
 * section, what is due, marking items done (the responsible school's people or a coordinator)
 * and reopening (a coordinator). The digest reads `roadmapDigest`; the status card / report may
 * read `roadmapProgress` (plain data).
 */
import type { Prisma } from '../db/client.ts';
import type { Actor } from '../domain/access/policy.ts';
import { REMINDER_GRACE_MS, endOfDay, reminderKey, reminderTime } from '../domain/campaigns/schedule.ts';
import { localDate } from '../domain/timeZone.ts';
import type { DigestRoadmap, DigestRoadmapItem } from '../domain/digest/content.ts';
import { type Deadline, doneForCurrentPeriod, dueDate } from '../domain/roadmap/deadline.ts';
import type { RoadmapItemDraft } from '../domain/roadmap/item.ts';
import { compareIssues, type SheetIssue } from '../files/xlsx/issues.ts';
import { parseRoadmapFile } from '../files/xlsx/read/roadmapSheet.ts';
import { audit } from './audit.ts';
import { type DigestScope, digestScopeFor } from './committeeChats.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { enqueueMessages } from './outbox.ts';

export interface ImportRoadmapOptions {
  dryRun?: boolean;
  title?: string;
  /** a municipality inside the actor's scope (the CLI operator names one) */
  municipality?: string;
}

export type ImportRoadmapOutcome =
  | { ok: false; issues: SheetIssue[] }
  | {
      ok: true;
      dryRun: boolean;
      roadmapId: number | null;
      title: string;
      scope: string;
      rows: number;
      items: number;
      /** items «каждая школа из перечня» and the schools they fanned out to */
      fannedOut: number;
      sections: string[];
      issues: SheetIssue[];
    };

async function assertManager(actor: Actor): Promise<void> {
  if (actor.role !== 'admin' && actor.role !== 'coordinator') throw new UserError('roadmap-manage-role');
}

/**
 * The ШНОР list of a scope now: schools whose latest ФИОКО verdict flags them. A look into a past
 * year (issue 10) is not the list: only the runs made as current count, as in the indicators.
 */
export async function listedSchools(
  deps: ServiceDeps,
  scope: DigestScope,
): Promise<Array<{ id: number; code: string }>> {
  return deps.prisma.$queryRaw<Array<{ id: number; code: string }>>`
    SELECT s.id, s.code FROM (
      SELECT DISTINCT ON (v."schoolId") v."schoolId", v.flagged
      FROM "IdentificationVerdict" v JOIN "IdentificationRun" r ON r.id = v."runId"
      WHERE r.method = 'fioco' AND NOT r.look
      ORDER BY v."schoolId", r.at DESC, r.id DESC
    ) latest
    JOIN "School" s ON s.id = latest."schoolId"
    JOIN "Municipality" m ON m.id = s."municipalityId"
    WHERE latest.flagged AND m."regionId" = ${scope.regionId}
      AND (${scope.municipalityId}::int IS NULL OR s."municipalityId" = ${scope.municipalityId}::int)
    ORDER BY s.code`;
}

export async function importRoadmap(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  fileName: string,
  options: ImportRoadmapOptions = {},
): Promise<ImportRoadmapOutcome> {
  await assertManager(actor);
  const scope = await digestScopeFor(deps, actor, options.municipality);
  const parsed = parseRoadmapFile(bytes);
  const issues = [...parsed.issues];

  // Schools named by code must exist in the scope; «каждая школа из перечня» needs a list.
  const codes = [
    ...new Set(parsed.items.flatMap((item) => (item.responsible.kind === 'school' ? [item.responsible.code] : []))),
  ];
  const known = await deps.prisma.school.findMany({
    where: {
      code: { in: codes },
      ...(scope.municipalityId !== null
        ? { municipalityId: scope.municipalityId }
        : { municipality: { regionId: scope.regionId } }),
    },
    select: { id: true, code: true },
  });
  const schoolId = new Map(known.map((school) => [school.code, school.id]));
  const responsibleColumn = parsed.responsibleColumn ?? {};
  for (const item of parsed.items) {
    if (item.responsible.kind === 'school' && !schoolId.has(item.responsible.code))
      issues.push({
        severity: 'error',
        row: item.row,
        ...responsibleColumn,
        code: 'roadmap-school-unknown',
        params: { code: item.responsible.code, scope: scope.name },
      });
  }
  if (!parsed.ok) return { ok: false, issues: issues.sort(compareIssues) };
  const listed = parsed.items.some((item) => item.responsible.kind === 'each-listed-school')
    ? await listedSchools(deps, scope)
    : [];
  for (const item of parsed.items) {
    if (item.responsible.kind === 'each-listed-school' && listed.length === 0)
      issues.push({ severity: 'error', row: item.row, code: 'roadmap-no-list', params: { scope: scope.name } });
  }
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues: issues.sort(compareIssues) };

  const today = localDate(deps.now());
  const rowsToWrite: Array<Omit<Prisma.RoadmapItemCreateManyInput, 'roadmapId'>> = [];
  let fannedOut = 0;
  parsed.items.forEach((item: RoadmapItemDraft, position) => {
    const base = {
      position,
      row: item.row,
      section: item.section,
      number: item.number,
      title: item.title,
      deadlineText: item.deadlineText,
      deadline: item.deadline as unknown as Prisma.InputJsonValue,
      dueDate: dueDate(item.deadline, today),
      responsible: item.responsible.text,
      result: item.result,
    };
    if (item.responsible.kind === 'each-listed-school') {
      fannedOut++;
      for (const school of listed) rowsToWrite.push({ ...base, schoolId: school.id, responsible: school.code });
    } else if (item.responsible.kind === 'school') {
      rowsToWrite.push({ ...base, schoolId: schoolId.get(item.responsible.code)! });
    } else rowsToWrite.push(base);
  });
  // a title given with the import, else the document's own (the lines above its table), else the
  // file's name — the one a coordinator gave the file
  const title = options.title?.trim() || parsed.title || fileName.replace(/\.xlsx$/i, '');
  const sections = [...new Set(parsed.items.map((item) => item.section).filter(Boolean))];
  const summary = {
    ok: true as const,
    dryRun: options.dryRun === true,
    title,
    scope: scope.name,
    rows: parsed.rows,
    items: rowsToWrite.length,
    fannedOut,
    sections,
    issues,
  };
  if (options.dryRun) return { ...summary, roadmapId: null };
  const roadmapId = await deps.prisma.$transaction(async (tx) => {
    const roadmap = await tx.roadmap.create({
      data: {
        title,
        regionId: scope.regionId,
        municipalityId: scope.municipalityId,
        fileName,
        importedById: actor.userId,
        importedAt: deps.now(),
      },
    });
    await tx.roadmapItem.createMany({ data: rowsToWrite.map((row) => ({ ...row, roadmapId: roadmap.id })) });
    await audit(tx, actor, {
      action: 'roadmap.import',
      entity: 'Roadmap',
      entityId: roadmap.id,
      after: { title, fileName, items: rowsToWrite.length },
    });
    return roadmap.id;
  });
  return { ...summary, roadmapId };
}

export interface RoadmapItemView {
  id: number;
  section: string;
  number: string;
  title: string;
  deadlineText: string;
  deadline: Deadline;
  dueDate: string | null;
  responsible: string;
  /** the school the item is addressed to (a code in «Ответственные», or fanned out to the ШНОР list) */
  schoolId: number | null;
  result: string;
  status: 'open' | 'done';
  doneAt: string | null;
  comment: string | null;
}

export interface RoadmapView {
  id: number;
  title: string;
  scope: string;
  total: number;
  done: number;
  sections: Array<{ name: string; total: number; done: number }>;
  /** open items due within the next 7 days */
  dueSoon: RoadmapItemView[];
  overdue: RoadmapItemView[];
  items: RoadmapItemView[];
}

function scopeWhere(scope: Omit<DigestScope, 'name'>): Prisma.RoadmapWhereInput {
  return scope.municipalityId !== null
    ? { regionId: scope.regionId, OR: [{ municipalityId: scope.municipalityId }, { municipalityId: null }] }
    : { regionId: scope.regionId };
}

/**
 * An item as of `today` (ISO, the installation's time zone): a repeating deadline («ежегодно, июнь», «1 раз в
 * четверть», «постоянно», «по графику») is due in its current period, and counts as done only
 * when it was marked done in that period (domain/roadmap/deadline.ts); the stored dueDate is the
 * one at import, kept for history.
 */
const view = (
  item: {
    id: number;
    section: string;
    number: string;
    title: string;
    deadlineText: string;
    deadline: unknown;
    dueDate: string | null;
    responsible: string;
    schoolId: number | null;
    result: string;
    status: string;
    doneAt: Date | null;
    comment: string | null;
  },
  today: string,
): RoadmapItemView => {
  const deadline = item.deadline as Deadline;
  const done =
    item.status === 'done' && (!item.doneAt || doneForCurrentPeriod(deadline, localDate(item.doneAt), today));
  return {
    id: item.id,
    section: item.section,
    number: item.number,
    title: item.title,
    deadlineText: item.deadlineText,
    deadline,
    dueDate: dueDate(deadline, today),
    responsible: item.responsible,
    schoolId: item.schoolId,
    result: item.result,
    status: done ? 'done' : 'open',
    doneAt: item.doneAt?.toISOString() ?? null,
    comment: item.comment,
  };
};

/** Done of total per section, in the order the sections first appear. */
export function sectionProgress(items: readonly RoadmapItemView[]): RoadmapView['sections'] {
  const sections = new Map<string, { name: string; total: number; done: number }>();
  for (const item of items) {
    const entry = sections.get(item.section) ?? { name: item.section, total: 0, done: 0 };
    entry.total++;
    if (item.status === 'done') entry.done++;
    sections.set(item.section, entry);
  }
  return [...sections.values()];
}

/** Plain data for /roadmap, the digest and (for the status engineer) the card and report. */
export async function roadmapProgress(deps: ServiceDeps, scope: DigestScope): Promise<RoadmapView[]> {
  const roadmaps = await deps.prisma.roadmap.findMany({
    where: scopeWhere(scope),
    include: { items: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
    orderBy: { id: 'asc' },
  });
  const today = localDate(deps.now());
  const weekAhead = localDate(new Date(deps.now().getTime() + 7 * 86_400_000));
  return roadmaps.map((roadmap) => {
    const items = roadmap.items.map((item) => view(item, today));
    const open = items.filter((item) => item.status === 'open' && item.dueDate !== null);
    return {
      id: roadmap.id,
      title: roadmap.title,
      scope: scope.name,
      total: items.length,
      done: items.filter((item) => item.status === 'done').length,
      sections: sectionProgress(items),
      dueSoon: open.filter((item) => item.dueDate! >= today && item.dueDate! <= weekAhead),
      overdue: open.filter((item) => item.dueDate! < today),
      items,
    };
  });
}

export async function roadmapForActor(deps: ServiceDeps, actor: Actor): Promise<RoadmapView[]> {
  if (actor.role === 'director') throw new UserError('roadmap-director');
  return roadmapProgress(deps, await digestScopeFor(deps, actor));
}

async function itemInScope(deps: ServiceDeps, actor: Actor, itemId: number) {
  const item = await deps.prisma.roadmapItem.findUnique({ where: { id: itemId }, include: { roadmap: true } });
  if (!item) throw new UserError('roadmap-item-unknown', { id: itemId });
  const scope = actor.scope;
  const inScope =
    scope.kind === 'all' ||
    (scope.kind === 'region' && scope.regionId === item.roadmap.regionId) ||
    (scope.kind === 'municipality' &&
      (item.roadmap.municipalityId === scope.municipalityId || item.roadmap.municipalityId === null)) ||
    (scope.kind === 'school' && item.schoolId === scope.schoolId);
  if (!inScope) throw new UserError('roadmap-item-unknown', { id: itemId });
  return item;
}

/** The responsible school's people or a coordinator mark an item done, with a comment (and a file). */
export async function markDone(
  deps: ServiceDeps,
  actor: Actor,
  itemId: number,
  comment: string,
  fileId?: string,
): Promise<RoadmapItemView> {
  const item = await itemInScope(deps, actor, itemId);
  const may =
    actor.role === 'admin' || actor.role === 'coordinator' || (actor.role === 'director' && item.schoolId !== null);
  if (!may) throw new UserError('roadmap-done-role');
  if (comment.trim() === '') throw new UserError('roadmap-done-comment');
  const today = localDate(deps.now());
  // done for the current period already (a repeating item marked in an earlier period is open again)
  if (view(item, today).status === 'done')
    throw new UserError('roadmap-already-done', { number: item.number, title: item.title });
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.roadmapItem.update({
      where: { id: itemId },
      data: {
        status: 'done',
        doneAt: deps.now(),
        doneById: actor.userId,
        comment: comment.trim(),
        fileId: fileId ?? null,
      },
    });
    await audit(tx, actor, {
      action: 'roadmap.done',
      entity: 'RoadmapItem',
      entityId: itemId,
      before: { status: item.status },
      after: { status: 'done', comment, period: dueDate(item.deadline as Deadline, today) },
    });
    return row;
  });
  return view(updated, today);
}

export async function reopen(deps: ServiceDeps, actor: Actor, itemId: number): Promise<RoadmapItemView> {
  await assertManager(actor);
  const item = await itemInScope(deps, actor, itemId);
  const today = localDate(deps.now());
  if (view(item, today).status !== 'done')
    throw new UserError('roadmap-not-done', { number: item.number, title: item.title });
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.roadmapItem.update({
      where: { id: itemId },
      data: { status: 'open', doneAt: null, doneById: null },
    });
    await audit(tx, actor, {
      action: 'roadmap.reopen',
      entity: 'RoadmapItem',
      entityId: itemId,
      before: { status: 'done', comment: item.comment },
    });
    return row;
  });
  return view(updated, today);
}

const digestItem = (item: RoadmapItemView): DigestRoadmapItem => ({
  id: item.id,
  number: item.number,
  title: item.title,
  deadline: item.deadlineText,
  responsible: item.responsible,
});

/** The digest's roadmap part: done in the period, due before the next digest, overdue. */
export async function roadmapDigest(
  deps: ServiceDeps,
  scope: DigestScope,
  period: { start: Date; end: Date },
  weekEnd: Date,
): Promise<DigestRoadmap[]> {
  const today = localDate(period.end);
  const until = localDate(weekEnd);
  return (await roadmapProgress(deps, scope)).map((roadmap) => ({
    title: roadmap.title,
    done: roadmap.done,
    total: roadmap.total,
    doneThisPeriod: roadmap.items
      .filter(
        (item) =>
          item.status === 'done' &&
          item.doneAt &&
          item.doneAt > period.start.toISOString() &&
          item.doneAt <= period.end.toISOString(),
      )
      .map(digestItem),
    dueThisWeek: roadmap.items
      .filter(
        (item) => item.status === 'open' && item.dueDate !== null && item.dueDate >= today && item.dueDate <= until,
      )
      .map(digestItem),
    overdue: roadmap.items
      .filter((item) => item.status === 'open' && item.dueDate !== null && item.dueDate < today)
      .map(digestItem),
  }));
}

/** Roadmap reminders use the campaign reminders' offsets: 3 days before the due date, the day after. */
const ROADMAP_REMINDER_DAYS: readonly number[] = [3, -1];

export interface RoadmapReminder {
  itemId: number;
  number: string;
  title: string;
  dueDate: string;
  offset: number;
  responsible: string;
  /** coordinators of the roadmap's scope and the responsible school's people */
  recipients: number[];
}

/**
 * Reminders that came due: each is recorded on its item and its messages queued in the outbox in
 * one transaction (src/delivery/sender.ts delivers them once; a blocked bot is recorded), so a
 * crash can neither lose nor repeat one. Returns what was queued.
 */
export async function queueRoadmapReminders(deps: ServiceDeps): Promise<RoadmapReminder[]> {
  const now = deps.now();
  const today = localDate(now);
  // Open items, and done ones whose deadline repeats (due again in a new period).
  const items = await deps.prisma.roadmapItem.findMany({
    include: { roadmap: true },
    orderBy: [{ roadmapId: 'asc' }, { position: 'asc' }, { id: 'asc' }],
  });
  const due: RoadmapReminder[] = [];
  for (const item of items) {
    const current = view(item, today);
    const dueOn = current.dueDate;
    if (current.status === 'done' || dueOn === null) continue;
    // the key names the period's due date: each period is reminded once
    const deadline = endOfDay(dueOn);
    const sent = new Set((item.remindersSent as string[] | null) ?? []);
    const fresh = ROADMAP_REMINDER_DAYS.map((offset) => ({
      offset,
      at: reminderTime(deadline, offset),
      key: reminderKey(offset, deadline),
    }))
      .filter((reminder) => reminder.at.getTime() <= now.getTime() && !sent.has(reminder.key))
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    if (fresh.length === 0) continue;
    const latest = fresh[0]!;
    const reminder = await deps.prisma.$transaction(async (tx) => {
      const updated = await tx.roadmapItem.updateMany({
        where: { id: item.id, remindersSent: { equals: item.remindersSent as Prisma.InputJsonValue } },
        data: { remindersSent: [...sent, ...fresh.map((entry) => entry.key)] },
      });
      if (updated.count === 0) return null; // another process took it
      // After downtime a stale reminder is only recorded, not sent.
      if (now.getTime() - latest.at.getTime() > REMINDER_GRACE_MS) return null;
      const people = await tx.user.findMany({
        where: {
          OR: [
            {
              role: 'coordinator',
              regionId: item.roadmap.regionId,
              ...(item.roadmap.municipalityId !== null ? { municipalityId: item.roadmap.municipalityId } : {}),
            },
            { role: 'coordinator', regionId: item.roadmap.regionId, municipalityId: null },
            ...(item.schoolId !== null ? [{ role: 'director' as const, schoolId: item.schoolId }] : []),
          ],
        },
        select: { telegramId: true },
      });
      const entry: RoadmapReminder = {
        itemId: item.id,
        number: item.number,
        title: item.title,
        dueDate: dueOn,
        offset: latest.offset,
        responsible: item.responsible,
        recipients: [...new Set(people.map((person) => Number(person.telegramId)))],
      };
      const { recipients, ...payload } = entry;
      await enqueueMessages(
        tx,
        recipients.map((chatId) => ({
          dedupeKey: `roadmap:${item.id}:${latest.key}:${chatId}`,
          chatId,
          payload: { kind: 'roadmap.reminder', ...payload },
        })),
        now,
      );
      return entry;
    });
    if (reminder) due.push(reminder);
  }
  return due;
}
