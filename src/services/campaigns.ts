/**
 * Campaigns (issue #5): a coordinator launches a questionnaire for the schools of their scope
 * with a deadline; sees completion; extends the deadline; closes the campaign; reopens one
 * school's submitted form; exports the answers. Reminders are computed by the scheduler from
 * what `reminderCampaigns` returns.
 *
 * A campaign belongs to a municipality (municipalityId) or to the whole region (null): that is
 * the target `campaign.manage` / `campaign.read` are checked against.
 */
import { AccessDeniedError, can, mayEver, type Action, type Actor, type Target } from '../domain/access/policy.ts';
import { DEFAULT_REMINDER_DAYS, normaliseReminderDays, passedReminderKeys } from '../domain/campaigns/schedule.ts';
import { localDateTyped } from '../domain/timeZone.ts';
import { questionCount, type AnswerValue, type Answers, type Questionnaire } from '../domain/questionnaires/index.ts';
import type { Prisma } from '../db/client.ts';
import { createHash } from 'node:crypto';
import type { ServiceDeps } from './deps.ts';
import { audit } from './audit.ts';
import { enqueueMessages, openBatch } from './outbox.ts';
import { UserError } from './errors.ts';
import { questionnaireByVersionId, questionnaireVisibleTo } from './questionnaires.ts';
import { scopeFilters } from './scope.ts';
import { ensureRegion } from './territory.ts';
import { nextCampaignNumber } from './visibleNumbers.ts';

export interface LaunchRequest {
  questionnaireVersionId: number;
  /** every school of the actor's scope, or these codes (each must be inside the scope) */
  schools: 'all' | readonly string[];
  /** the moment the forms are due (the bot passes the end of the chosen day) */
  deadline: Date;
  /** days before the deadline (negative: after it); default 3, 1 and −1 */
  reminderDays?: readonly number[];
  title?: string;
}

/** Someone to notify: a responder of a school. */
export interface Recipient {
  telegramId: number;
  schoolId: number;
  schoolCode: string;
  schoolName: string;
}

export interface LaunchResult {
  campaignId: number;
  /** the number people see (per territory) */
  number: number;
  title: string;
  deadline: string;
  reminderDays: number[];
  schools: number;
  recipients: Recipient[];
  /** schools nobody answers for yet (no registered director): invite someone */
  withoutResponders: { code: string; name: string }[];
  /** invitations written to the outbox by this call (0 when the request had been launched before) */
  queued: number;
  /** the same request was launched before (a pressed-again «Запустить», a retried command) */
  alreadyLaunched: boolean;
  /** the outbox batch whose summary reaches the coordinator when delivery ends */
  batchKey: string;
}

/** The launch summary's batch. */
const launchBatchKey = (campaignId: number) => `launch:${campaignId}`;

/** One campaign per request: who, which questionnaire, which schools, which deadline. */
function launchKeyOf(actor: Actor, versionId: number, schoolIds: readonly number[], deadline: Date): string {
  const ids = [...schoolIds].sort((a, b) => a - b).join(',');
  return createHash('sha256')
    .update(`${actor.userId ?? 'cli'}|${versionId}|${deadline.toISOString()}|${ids}`)
    .digest('hex');
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';

type SchoolFormStatus = 'submitted' | 'in-progress' | 'not-started';

export interface CampaignSummary {
  id: number;
  /** the number people see (per territory, see visibleNumbers.ts) */
  number: number;
  title: string;
  questionnaire: { key: string; version: number; title: string };
  deadline: string;
  status: 'open' | 'closed';
  reminderDays: number[];
  total: number;
  submitted: number;
  /** not submitted although the deadline has passed (0 while it has not) */
  late: number;
}

interface CampaignSchoolStatus {
  code: string;
  name: string;
  municipality: string;
  status: SchoolFormStatus;
  answered: number;
  items: number;
  submittedAt: string | null;
  late: boolean;
}

export interface CampaignStatus extends CampaignSummary {
  inProgress: number;
  notStarted: number;
  schools: CampaignSchoolStatus[];
}

const schoolName = (school: { shortName: string; fullName: string }) => school.shortName || school.fullName;

async function campaignTarget(deps: ServiceDeps, municipalityId: number | null): Promise<Target> {
  const regionId = await ensureRegion(deps);
  return municipalityId === null ? { kind: 'region', regionId } : { kind: 'municipality', regionId, municipalityId };
}

/** A campaign the actor may see (or manage); others are «not found», so nothing leaks. */
export async function loadCampaign(deps: ServiceDeps, actor: Actor, campaignId: number, action: Action) {
  if (!mayEver(actor, action)) throw new AccessDeniedError(action, null);
  const campaign = await deps.prisma.campaign.findUnique({
    where: { id: campaignId },
    include: { questionnaire: true },
  });
  if (!campaign || !can(actor, action, await campaignTarget(deps, campaign.municipalityId))) {
    throw new UserError('campaigns-not-found', { id: campaignId });
  }
  return campaign;
}

function visibleCampaigns(actor: Actor): Prisma.CampaignWhereInput {
  return actor.scope.kind === 'municipality' ? { municipalityId: actor.scope.municipalityId } : {};
}

export async function respondersOf(deps: ServiceDeps, schoolIds: readonly number[]): Promise<Recipient[]> {
  if (schoolIds.length === 0) return [];
  const users = await deps.prisma.user.findMany({
    where: { role: 'director', schoolId: { in: [...schoolIds] } },
    include: { school: true },
    orderBy: { id: 'asc' },
  });
  return users.map((user) => ({
    telegramId: Number(user.telegramId),
    schoolId: user.schoolId!,
    schoolCode: user.school!.code,
    schoolName: schoolName(user.school!),
  }));
}

export async function launchCampaign(deps: ServiceDeps, actor: Actor, request: LaunchRequest): Promise<LaunchResult> {
  if (!mayEver(actor, 'campaign.manage')) throw new AccessDeniedError('campaign.manage', null);
  const version = await deps.prisma.questionnaireVersion.findUnique({ where: { id: request.questionnaireVersionId } });
  // Another territory's own questionnaire is not there for this actor (issue 10).
  if (!version || !questionnaireVisibleTo(actor, version.key))
    throw new UserError('campaigns-questionnaire-unknown', { id: request.questionnaireVersionId });
  await questionnaireByVersionId(deps, version.id); // a broken definition must not reach the schools
  const now = deps.now();
  if (request.deadline.getTime() <= now.getTime())
    throw new UserError('campaigns-deadline-past', { input: localDateTyped(request.deadline) });
  const reminderDays = [...(request.reminderDays ?? DEFAULT_REMINDER_DAYS)];

  const inScope = scopeFilters(actor.scope).schools;
  let schools: Awaited<ReturnType<typeof deps.prisma.school.findMany>>;
  if (request.schools === 'all') {
    schools = await deps.prisma.school.findMany({ where: inScope, orderBy: { code: 'asc' } });
  } else {
    const codes = [...new Set(request.schools.map((code) => code.trim().toLowerCase()).filter(Boolean))];
    schools = await deps.prisma.school.findMany({
      where: { AND: [inScope, { code: { in: codes } }] },
      orderBy: { code: 'asc' },
    });
    const found = new Set(schools.map((school) => school.code));
    const unknown = codes.filter((code) => !found.has(code));
    if (unknown.length > 0)
      throw new UserError('campaigns-unknown-schools', { codes: unknown.join(', '), count: unknown.length });
  }
  if (schools.length === 0) throw new UserError('campaigns-no-schools');

  const municipalities = new Set(schools.map((school) => school.municipalityId));
  const municipalityId =
    actor.scope.kind === 'municipality' || actor.scope.kind === 'school'
      ? actor.scope.municipalityId
      : request.schools !== 'all' && municipalities.size === 1
        ? [...municipalities][0]!
        : null;
  if (!can(actor, 'campaign.manage', await campaignTarget(deps, municipalityId)))
    throw new AccessDeniedError('campaign.manage', null);

  const title = (request.title ?? version.title).trim();
  const passed = passedReminderKeys(request.deadline, reminderDays, now);
  const launchKey = launchKeyOf(
    actor,
    version.id,
    schools.map((school) => school.id),
    request.deadline,
  );
  const recipients = await respondersOf(
    deps,
    schools.map((school) => school.id),
  );
  const answered = new Set(recipients.map((r) => r.schoolId));
  const withoutResponders = schools
    .filter((school) => !answered.has(school.id))
    .map((school) => ({ code: school.code, name: schoolName(school) }));
  const result = (
    campaign: { id: number; number: number | null; title: string; deadline: Date },
    queued: number,
    alreadyLaunched: boolean,
  ): LaunchResult => ({
    campaignId: campaign.id,
    number: campaign.number ?? campaign.id,
    title: campaign.title,
    deadline: campaign.deadline.toISOString(),
    reminderDays,
    schools: schools.length,
    recipients,
    withoutResponders,
    queued,
    alreadyLaunched,
    batchKey: launchBatchKey(campaign.id),
  });

  const before = await deps.prisma.campaign.findUnique({ where: { launchKey } });
  if (before) return result(before, 0, true);
  const reportTo =
    actor.userId === null
      ? null
      : ((await deps.prisma.user.findUnique({ where: { id: actor.userId }, select: { telegramId: true } }))
          ?.telegramId ?? null);
  try {
    // The campaign, its forms, the audit entry and every invitation owed: one transaction.
    const { campaign, queued } = await deps.prisma.$transaction(async (tx) => {
      const created = await tx.campaign.create({
        data: {
          number: await nextCampaignNumber(tx, municipalityId),
          questionnaireVersionId: version.id,
          title,
          municipalityId,
          deadline: request.deadline,
          reminderDays,
          createdById: actor.userId,
          createdAt: now,
          launchKey,
        },
      });
      await tx.campaignSchool.createMany({
        data: schools.map((school) => ({ campaignId: created.id, schoolId: school.id, remindersSent: passed })),
      });
      await audit(tx, actor, {
        action: 'campaign.launch',
        entity: 'Campaign',
        entityId: created.id,
        after: { ...created, schools: schools.map((school) => school.code) },
      });
      const batchKey = launchBatchKey(created.id);
      // nobody to invite: the launch reply says so, and no «доставлено 0 из 0» summary follows it
      if (recipients.length > 0)
        await openBatch(
          tx,
          {
            key: batchKey,
            reportTo: reportTo === null ? null : Number(reportTo),
            kind: 'launch',
            payload: {
              campaignId: created.id,
              number: created.number,
              title,
              schools: schools.length,
              withoutResponders: withoutResponders.map((school) => `${school.code} ${school.name}`),
            },
          },
          now,
        );
      const queued = await enqueueMessages(
        tx,
        recipients.map((recipient) => ({
          dedupeKey: `campaign:${created.id}:invite:${recipient.schoolId}:${recipient.telegramId}`,
          chatId: recipient.telegramId,
          batchKey,
          payload: {
            kind: 'campaign.invitation',
            campaignId: created.id,
            title,
            school: recipient.schoolName,
            deadline: created.deadline.toISOString(),
          },
        })),
        now,
      );
      return { campaign: created, queued };
    });
    return result(campaign, queued, false);
  } catch (error) {
    // Two launches of the same request at once: the second finds the first one's campaign.
    if (!isUniqueViolation(error)) throw error;
    const existing = await deps.prisma.campaign.findUnique({ where: { launchKey } });
    if (!existing) throw error;
    return result(existing, 0, true);
  }
}

function summarise(
  campaign: {
    id: number;
    number: number | null;
    title: string;
    deadline: Date;
    status: string;
    reminderDays: unknown;
    questionnaire: { key: string; version: number; title: string };
  },
  statuses: readonly string[],
  now: Date,
): CampaignSummary {
  const submitted = statuses.filter((status) => status === 'submitted').length;
  const overdue = campaign.deadline.getTime() < now.getTime();
  return {
    id: campaign.id,
    number: campaign.number ?? campaign.id,
    title: campaign.title,
    questionnaire: {
      key: campaign.questionnaire.key,
      version: campaign.questionnaire.version,
      title: campaign.questionnaire.title,
    },
    deadline: campaign.deadline.toISOString(),
    status: campaign.status === 'closed' ? 'closed' : 'open',
    reminderDays: normaliseReminderDays(campaign.reminderDays),
    total: statuses.length,
    submitted,
    late: overdue && campaign.status !== 'closed' ? statuses.length - submitted : 0,
  };
}

/** The campaigns of the actor's scope matching `where`, with completion counts. */
async function campaignSummaries(
  deps: ServiceDeps,
  actor: Actor,
  where: Prisma.CampaignWhereInput,
  order: Prisma.CampaignOrderByWithRelationInput[],
  limit?: number,
): Promise<CampaignSummary[]> {
  if (!mayEver(actor, 'campaign.read')) throw new AccessDeniedError('campaign.read', null);
  const rows = await deps.prisma.campaign.findMany({
    where: { AND: [visibleCampaigns(actor), where] },
    include: { questionnaire: true, schools: { select: { status: true } } },
    orderBy: order,
    ...(limit !== undefined ? { take: limit } : {}),
  });
  const now = deps.now();
  return rows.map((row) =>
    summarise(
      row,
      row.schools.map((s) => s.status),
      now,
    ),
  );
}

/** The campaigns of the actor's scope, newest first, with completion counts. */
export function listCampaigns(
  deps: ServiceDeps,
  actor: Actor,
  options: { limit?: number } = {},
): Promise<CampaignSummary[]> {
  return campaignSummaries(
    deps,
    actor,
    {},
    [{ status: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    options.limit ?? 30,
  );
}

/**
 * The campaigns a person means by the number they read and typed («/campaigns 3»): numbers are
 * per territory, so a region-wide reader may get one per municipality and choose.
 */
export function campaignsByNumber(deps: ServiceDeps, actor: Actor, number: number): Promise<CampaignSummary[]> {
  return campaignSummaries(deps, actor, { OR: [{ number }, { number: null, id: number }] }, [{ id: 'asc' }]);
}

/** Completion school by school: who submitted, who is filling in, who has not started, who is late. */
export async function campaignStatus(deps: ServiceDeps, actor: Actor, campaignId: number): Promise<CampaignStatus> {
  const campaign = await loadCampaign(deps, actor, campaignId, 'campaign.read');
  const [forms, answers, questionnaire] = await Promise.all([
    deps.prisma.campaignSchool.findMany({
      where: { campaignId },
      include: { school: { include: { municipality: true } } },
    }),
    deps.prisma.answer.findMany({ where: { campaignId }, select: { schoolId: true, itemNumber: true, value: true } }),
    questionnaireByVersionId(deps, campaign.questionnaireVersionId),
  ]);
  const bySchool = groupAnswers(answers);
  const now = deps.now();
  const overdue = campaign.deadline.getTime() < now.getTime();
  const schools = forms.map((form): CampaignSchoolStatus => {
    const given = bySchool.get(form.schoolId) ?? {};
    const { answered, total } = questionCount(questionnaire, given);
    const submitted = form.status === 'submitted';
    return {
      code: form.school.code,
      name: schoolName(form.school),
      municipality: form.school.municipality.name,
      status: submitted ? 'submitted' : answered > 0 ? 'in-progress' : 'not-started',
      answered,
      items: total,
      submittedAt: form.submittedAt?.toISOString() ?? null,
      late: !submitted && overdue,
    };
  });
  const order: Record<SchoolFormStatus, number> = { 'not-started': 0, 'in-progress': 1, submitted: 2 };
  schools.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      a.municipality.localeCompare(b.municipality, 'ru') ||
      a.code.localeCompare(b.code),
  );
  return {
    ...summarise(
      campaign,
      forms.map((form) => form.status),
      now,
    ),
    inProgress: schools.filter((s) => s.status === 'in-progress').length,
    notStarted: schools.filter((s) => s.status === 'not-started').length,
    schools,
  };
}

function groupAnswers(
  rows: readonly { schoolId: number; itemNumber: string; value: unknown }[],
): Map<number, Record<string, AnswerValue | null>> {
  const bySchool = new Map<number, Record<string, AnswerValue | null>>();
  for (const row of rows) {
    let answers = bySchool.get(row.schoolId);
    if (!answers) bySchool.set(row.schoolId, (answers = {}));
    answers[row.itemNumber] = row.value as AnswerValue | null;
  }
  return bySchool;
}

export async function extendDeadline(
  deps: ServiceDeps,
  actor: Actor,
  campaignId: number,
  deadline: Date,
): Promise<{ deadline: string; recipients: Recipient[]; queued: number }> {
  const campaign = await loadCampaign(deps, actor, campaignId, 'campaign.manage');
  if (campaign.status === 'closed') throw new UserError('campaigns-closed', { title: campaign.title });
  const now = deps.now();
  if (deadline.getTime() <= now.getTime())
    throw new UserError('campaigns-deadline-past', { input: localDateTyped(deadline) });
  // «Продлить» means later: an earlier date is refused, not announced as an extension (issue 10).
  if (deadline.getTime() <= campaign.deadline.getTime())
    throw new UserError('campaigns-extend-earlier', {
      input: localDateTyped(deadline),
      deadline: localDateTyped(campaign.deadline),
    });
  const passed = passedReminderKeys(deadline, normaliseReminderDays(campaign.reminderDays), now);
  const pending = await deps.prisma.campaignSchool.findMany({
    where: { campaignId, status: 'pending' },
    select: { schoolId: true },
  });
  const recipients = await respondersOf(
    deps,
    pending.map((p) => p.schoolId),
  );
  const queued = await deps.prisma.$transaction(async (tx) => {
    const after = await tx.campaign.update({ where: { id: campaignId }, data: { deadline } });
    // Reminders are keyed by the deadline: the new one re-arms those still ahead.
    await tx.campaignSchool.updateMany({ where: { campaignId }, data: { remindersSent: passed } });
    await audit(tx, actor, {
      action: 'campaign.extend',
      entity: 'Campaign',
      entityId: campaignId,
      before: { deadline: campaign.deadline },
      after: { deadline: after.deadline },
    });
    // The schools that have not submitted are told, with the change.
    return enqueueMessages(
      tx,
      recipients.map((recipient) => ({
        dedupeKey: `campaign:${campaignId}:extend:${deadline.toISOString()}:${recipient.schoolId}:${recipient.telegramId}`,
        chatId: recipient.telegramId,
        payload: {
          kind: 'campaign.extended',
          campaignId,
          title: campaign.title,
          deadline: deadline.toISOString(),
        },
      })),
      now,
    );
  });
  return { deadline: deadline.toISOString(), recipients, queued };
}

export async function closeCampaign(deps: ServiceDeps, actor: Actor, campaignId: number): Promise<CampaignSummary> {
  const campaign = await loadCampaign(deps, actor, campaignId, 'campaign.manage');
  if (campaign.status === 'closed') throw new UserError('campaigns-closed', { title: campaign.title });
  const now = deps.now();
  const closed = await deps.prisma.$transaction(async (tx) => {
    const after = await tx.campaign.update({
      where: { id: campaignId },
      data: { status: 'closed', closedAt: now },
      include: { questionnaire: true, schools: { select: { status: true } } },
    });
    await audit(tx, actor, {
      action: 'campaign.close',
      entity: 'Campaign',
      entityId: campaignId,
      before: { status: campaign.status },
      after: { status: 'closed', closedAt: now },
    });
    return after;
  });
  return summarise(
    closed,
    closed.schools.map((s) => s.status),
    now,
  );
}

/** Makes a submitted form editable again; its answers stay. */
export async function reopenSchool(
  deps: ServiceDeps,
  actor: Actor,
  campaignId: number,
  schoolCode: string,
): Promise<{ school: { code: string; name: string }; recipients: Recipient[]; queued: number }> {
  const campaign = await loadCampaign(deps, actor, campaignId, 'campaign.manage');
  if (campaign.status === 'closed') throw new UserError('campaigns-closed', { title: campaign.title });
  const code = schoolCode.trim().toLowerCase();
  const form = await deps.prisma.campaignSchool.findFirst({
    where: { campaignId, school: { code } },
    include: { school: true },
  });
  if (!form) throw new UserError('campaigns-school-not-in-campaign', { code });
  if (form.status !== 'submitted')
    throw new UserError('campaigns-school-not-submitted', { code, school: schoolName(form.school) });
  const recipients = await respondersOf(deps, [form.schoolId]);
  const now = deps.now();
  const queued = await deps.prisma.$transaction(async (tx) => {
    const reopened = await tx.campaignSchool.updateMany({
      where: { campaignId, schoolId: form.schoolId, status: 'submitted' },
      data: { status: 'pending', submittedAt: null, submittedById: null },
    });
    if (reopened.count !== 1)
      throw new UserError('campaigns-school-not-submitted', { code, school: schoolName(form.school) });
    const { school: _school, ...before } = form;
    await audit(tx, actor, {
      action: 'campaign.reopen',
      entity: 'CampaignSchool',
      entityId: `${campaignId}:${form.schoolId}`,
      before,
      after: { status: 'pending' },
    });
    return enqueueMessages(
      tx,
      recipients.map((recipient) => ({
        dedupeKey: `campaign:${campaignId}:reopen:${form.schoolId}:${now.getTime()}:${recipient.telegramId}`,
        chatId: recipient.telegramId,
        payload: { kind: 'campaign.reopened', campaignId, title: campaign.title },
      })),
      now,
    );
  });
  return { school: { code: form.school.code, name: schoolName(form.school) }, recipients, queued };
}

/** What a campaign's export shows (rendered to .xlsx by src/documents/answersExport.ts). */
export interface CampaignAnswers {
  title: string;
  questionnaire: Questionnaire;
  /** the questionnaire's title as stored with the version the campaign runs */
  questionnaireTitle: string;
  questionnaireVersion: number;
  deadline: Date;
  status: string;
  /** one per school of the campaign, by school code */
  forms: {
    schoolCode: string;
    schoolName: string;
    state: SchoolFormStatus;
    submittedAt: Date | null;
    answers: Answers;
  }[];
  exportedAt: Date;
}

/** Every school's answers to a campaign, for the export. */
export async function campaignAnswers(deps: ServiceDeps, actor: Actor, campaignId: number): Promise<CampaignAnswers> {
  const campaign = await loadCampaign(deps, actor, campaignId, 'campaign.read');
  const [forms, answers, questionnaire] = await Promise.all([
    deps.prisma.campaignSchool.findMany({
      where: { campaignId },
      include: { school: true },
      orderBy: { school: { code: 'asc' } },
    }),
    deps.prisma.answer.findMany({ where: { campaignId }, select: { schoolId: true, itemNumber: true, value: true } }),
    questionnaireByVersionId(deps, campaign.questionnaireVersionId),
  ]);
  const bySchool = groupAnswers(answers);
  return {
    title: campaign.title,
    questionnaire,
    questionnaireTitle: campaign.questionnaire.title,
    questionnaireVersion: campaign.questionnaire.version,
    deadline: campaign.deadline,
    status: campaign.status,
    forms: forms.map((form) => {
      const schoolAnswers = (bySchool.get(form.schoolId) ?? {}) as Answers;
      const answered = Object.keys(schoolAnswers).length > 0;
      return {
        schoolCode: form.school.code,
        schoolName: schoolName(form.school),
        state: form.status === 'submitted' ? 'submitted' : answered ? 'in-progress' : 'not-started',
        submittedAt: form.submittedAt,
        answers: schoolAnswers,
      };
    }),
    exportedAt: deps.now(),
  };
}

// ─────────────── For the reminder scheduler (a trusted caller, no actor) ───────────────

export interface ReminderCampaign {
  id: number;
  title: string;
  deadline: Date;
  reminderDays: number[];
  /** forms not submitted yet, with the reminder keys already sent */
  schools: { schoolId: number; remindersSent: string[] }[];
}

export async function reminderCampaigns(deps: ServiceDeps): Promise<ReminderCampaign[]> {
  const rows = await deps.prisma.campaign.findMany({
    where: { status: 'open' },
    include: { schools: { where: { status: 'pending' }, select: { schoolId: true, remindersSent: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    deadline: row.deadline,
    reminderDays: normaliseReminderDays(row.reminderDays),
    schools: row.schools.map((s) => ({
      schoolId: s.schoolId,
      remindersSent: Array.isArray(s.remindersSent) ? (s.remindersSent as string[]) : [],
    })),
  }));
}

/** Appends reminder keys to the schools' records (atomically, so a second runner cannot erase them). */
export async function recordReminders(
  deps: ServiceDeps,
  sent: readonly { campaignId: number; schoolId: number; keys: readonly string[] }[],
): Promise<void> {
  for (const entry of sent) {
    await deps.prisma.$executeRaw`
      UPDATE "CampaignSchool" SET "remindersSent" = "remindersSent" || ${JSON.stringify(entry.keys)}::jsonb
      WHERE "campaignId" = ${entry.campaignId} AND "schoolId" = ${entry.schoolId}`;
  }
}

/**
 * Records due reminders and writes the messages they owe in one transaction: a reminder is
 * either recorded and queued, or neither (the scheduler's next pass tries again).
 */
export async function queueReminders(
  deps: ServiceDeps,
  due: readonly {
    campaignId: number;
    title: string;
    deadline: Date;
    schoolId: number;
    /** null: only record (stale or meaningless now) */
    offset: number | null;
    keys: readonly string[];
  }[],
): Promise<{ reminded: number; queued: number }> {
  if (due.length === 0) return { reminded: 0, queued: 0 };
  const toSend = due.filter((reminder) => reminder.offset !== null);
  const responders = await respondersOf(deps, [...new Set(toSend.map((reminder) => reminder.schoolId))]);
  const now = deps.now();
  const queued = await deps.prisma.$transaction(async (tx) => {
    for (const entry of due) {
      await tx.$executeRaw`
        UPDATE "CampaignSchool" SET "remindersSent" = "remindersSent" || ${JSON.stringify(entry.keys)}::jsonb
        WHERE "campaignId" = ${entry.campaignId} AND "schoolId" = ${entry.schoolId}`;
    }
    return enqueueMessages(
      tx,
      toSend.flatMap((reminder) =>
        responders
          .filter((responder) => responder.schoolId === reminder.schoolId)
          .map((responder) => ({
            dedupeKey: `campaign:${reminder.campaignId}:reminder:${reminder.keys[0]}:${reminder.schoolId}:${responder.telegramId}`,
            chatId: responder.telegramId,
            payload: {
              kind: 'campaign.reminder' as const,
              campaignId: reminder.campaignId,
              title: reminder.title,
              deadline: reminder.deadline.toISOString(),
              offset: reminder.offset!,
            },
          })),
      ),
      now,
    );
  });
  return { reminded: toSend.length, queued };
}
