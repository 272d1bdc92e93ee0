/**
 * The director's side of a campaign (issue #5, «The director's flow»): the open forms of my
 * school, a form's state, saving one answer, submitting.
 *
 * Answers belong to the school: several responders may fill one form. Saving is one atomic
 * statement per answer (an upsert of (campaign, school, item) plus an audit entry with the value
 * before and after), so two people answering different items never overwrite each other, and
 * for the same item the last write wins while the audit log keeps both. A submitted form, or
 * any form of a closed campaign, is read-only.
 */
import { AccessDeniedError, type Actor } from '../domain/access/policy.ts';
import {
  allItems,
  canSkip,
  checkSubmission,
  findItem,
  prefillFromResults,
  questionCount,
  validateValue,
  type AnswerValue,
  type PrefillSuggestion,
  type Questionnaire,
} from '../domain/questionnaires/index.ts';
import type { ResultRow } from '../domain/results/types.ts';
import type { ServiceDeps } from './deps.ts';
import { actorLabel, audit } from './audit.ts';
import { UserError } from './errors.ts';
import { questionnaireByVersionId } from './questionnaires.ts';

export interface FormSummary {
  campaignId: number;
  title: string;
  deadline: string;
  submitted: boolean;
  answered: number;
  items: number;
  late: boolean;
}

/** A form as plain JSON: what the chat flow needs to show a question or the review. */
export interface FormSnapshot {
  campaignId: number;
  title: string;
  deadline: string;
  versionId: number;
  /** the campaign takes answers (not closed) */
  open: boolean;
  submitted: boolean;
  submittedAt: string | null;
  /** item key → value; null = skipped */
  answers: Record<string, AnswerValue | null>;
}

export type SubmitResult =
  | { ok: true; submittedAt: string }
  | {
      ok: false;
      missing: string[];
      invalid: { key: string; reason: string; params: Record<string, string | number> }[];
    };

/** Only a director answers, and only for the school of their scope. */
function responderSchool(actor: Actor): number {
  if (actor.role !== 'director' || actor.scope.kind !== 'school') throw new AccessDeniedError('form.answer', null);
  return actor.scope.schoolId;
}

/** campaign → questionnaire version: fixed at launch, so read once per process. */
const campaignVersions = new WeakMap<object, Map<number, number>>();

async function campaignVersionId(deps: ServiceDeps, campaignId: number): Promise<number> {
  let cache = campaignVersions.get(deps.prisma);
  if (!cache) campaignVersions.set(deps.prisma, (cache = new Map()));
  const known = cache.get(campaignId);
  if (known !== undefined) return known;
  const campaign = await deps.prisma.campaign.findUnique({
    where: { id: campaignId },
    select: { questionnaireVersionId: true },
  });
  if (!campaign) throw new UserError('forms-not-found');
  cache.set(campaignId, campaign.questionnaireVersionId);
  return campaign.questionnaireVersionId;
}

async function questionnaireOfCampaign(deps: ServiceDeps, campaignId: number): Promise<Questionnaire> {
  return questionnaireByVersionId(deps, await campaignVersionId(deps, campaignId));
}

/** Open campaigns of my school, the nearest deadline first, with progress. */
export async function myForms(deps: ServiceDeps, actor: Actor): Promise<FormSummary[]> {
  const schoolId = responderSchool(actor);
  const forms = await deps.prisma.campaignSchool.findMany({
    where: { schoolId, campaign: { status: 'open' } },
    include: { campaign: true },
    orderBy: [{ campaign: { deadline: 'asc' } }, { campaignId: 'asc' }],
  });
  if (forms.length === 0) return [];
  const answers = await deps.prisma.answer.findMany({
    where: { schoolId, campaignId: { in: forms.map((form) => form.campaignId) } },
    select: { campaignId: true, itemNumber: true, value: true },
  });
  const now = deps.now();
  const result: FormSummary[] = [];
  for (const form of forms) {
    const questionnaire = await questionnaireByVersionId(deps, form.campaign.questionnaireVersionId);
    const given: Record<string, AnswerValue | null> = {};
    for (const answer of answers)
      if (answer.campaignId === form.campaignId) given[answer.itemNumber] = answer.value as AnswerValue | null;
    const count = questionCount(questionnaire, given);
    const submitted = form.status === 'submitted';
    result.push({
      campaignId: form.campaignId,
      title: form.campaign.title,
      deadline: form.campaign.deadline.toISOString(),
      submitted,
      answered: count.answered,
      items: count.total,
      late: !submitted && form.campaign.deadline.getTime() < now.getTime(),
    });
  }
  return result;
}

/** The form of my school in this campaign, with every answer given so far (one query: it runs on every answer). */
export async function loadForm(
  deps: ServiceDeps,
  actor: Actor,
  campaignId: number,
): Promise<{ form: FormSnapshot; questionnaire: Questionnaire }> {
  const schoolId = responderSchool(actor);
  const rows = await deps.prisma.$queryRaw<
    {
      status: string;
      submittedAt: Date | null;
      campaignStatus: string;
      title: string;
      deadline: Date;
      versionId: number;
      answers: Record<string, AnswerValue | null> | null;
    }[]
  >`
    SELECT cs."status", cs."submittedAt", c."status" AS "campaignStatus", c."title", c."deadline", c."questionnaireVersionId" AS "versionId",
           (SELECT jsonb_object_agg(a."itemNumber", a."value") FROM "Answer" a
             WHERE a."campaignId" = cs."campaignId" AND a."schoolId" = cs."schoolId") AS "answers"
    FROM "CampaignSchool" cs JOIN "Campaign" c ON c."id" = cs."campaignId"
    WHERE cs."campaignId" = ${campaignId} AND cs."schoolId" = ${schoolId}`;
  const row = rows[0];
  if (!row) throw new UserError('forms-not-found');
  const questionnaire = await questionnaireByVersionId(deps, row.versionId);
  return {
    questionnaire,
    form: {
      campaignId,
      title: row.title,
      deadline: new Date(row.deadline).toISOString(),
      versionId: row.versionId,
      open: row.campaignStatus === 'open',
      submitted: row.status === 'submitted',
      submittedAt: row.submittedAt ? new Date(row.submittedAt).toISOString() : null,
      answers: { ...(row.answers ?? {}) },
    },
  };
}

/** Why a form does not take answers: not ours, submitted, or the campaign is closed. */
async function refusal(deps: ServiceDeps, campaignId: number, schoolId: number): Promise<UserError> {
  const form = await deps.prisma.campaignSchool.findUnique({
    where: { campaignId_schoolId: { campaignId, schoolId } },
    include: { campaign: true },
  });
  if (!form) return new UserError('forms-not-found');
  if (form.campaign.status !== 'open') return new UserError('forms-closed', { title: form.campaign.title });
  return new UserError('forms-already-submitted', { title: form.campaign.title });
}

/**
 * Saves one answer (`null`: «Пропустить», allowed for optional items only). The value is
 * checked against the item; the form must take answers. Returns the value as stored.
 */
export async function saveAnswer(
  deps: ServiceDeps,
  actor: Actor,
  campaignId: number,
  itemKey: string,
  value: AnswerValue | null,
): Promise<{ value: AnswerValue | null }> {
  const schoolId = responderSchool(actor);
  const questionnaire = await questionnaireOfCampaign(deps, campaignId);
  const item = findItem(questionnaire, itemKey);
  if (!item) throw new UserError('forms-item-unknown', { item: itemKey });
  let stored: AnswerValue | null = null;
  if (value === null) {
    if (!canSkip(item)) throw new UserError('forms-skip-required');
  } else {
    const checked = validateValue(item, value);
    if (!checked.ok) throw new UserError(checked.reason, checked.params);
    stored = checked.value;
  }
  const json = JSON.stringify(stored);
  const at = deps.now();
  // One statement: lock the form row (it must still take answers), read the value before,
  // upsert, and write the audit entry. The form row lock orders concurrent saves of a school.
  const saved = await deps.prisma.$queryRaw<{ id: number }[]>`
    WITH form AS MATERIALIZED (
      SELECT cs."campaignId", cs."schoolId",
             (SELECT a."value" FROM "Answer" a
               WHERE a."campaignId" = cs."campaignId" AND a."schoolId" = cs."schoolId" AND a."itemNumber" = ${itemKey}
               FOR UPDATE) AS "before"
      FROM "CampaignSchool" cs JOIN "Campaign" c ON c."id" = cs."campaignId"
      WHERE cs."campaignId" = ${campaignId} AND cs."schoolId" = ${schoolId} AND cs."status" = 'pending' AND c."status" = 'open'
      FOR UPDATE OF cs
    ), saved AS (
      INSERT INTO "Answer" ("campaignId", "schoolId", "itemNumber", "value", "questionnaireVersion", "answeredById", "answeredAt")
      SELECT f."campaignId", f."schoolId", ${itemKey}, ${json}::jsonb, ${questionnaire.version}, ${actor.userId}, ${at} FROM form f
      ON CONFLICT ("campaignId", "schoolId", "itemNumber") DO UPDATE
        SET "value" = EXCLUDED."value", "questionnaireVersion" = EXCLUDED."questionnaireVersion",
            "answeredById" = EXCLUDED."answeredById", "answeredAt" = EXCLUDED."answeredAt"
      RETURNING 1
    )
    INSERT INTO "AuditLog" ("at", "actorId", "actorLabel", "action", "entity", "entityId", "before", "after")
    SELECT ${at}, ${actor.userId}, ${actorLabel(actor)}, 'answer.save', 'Answer', ${`${campaignId}:${schoolId}:${itemKey}`}, f."before", ${json}::jsonb
    FROM form f, saved
    RETURNING "id"`;
  if (saved.length === 0) throw await refusal(deps, campaignId, schoolId);
  return { value: stored };
}

/** Submits the form if every required visible item has a value and every value fits. */
export async function submitForm(deps: ServiceDeps, actor: Actor, campaignId: number): Promise<SubmitResult> {
  const schoolId = responderSchool(actor);
  const questionnaire = await questionnaireOfCampaign(deps, campaignId);
  const now = deps.now();
  return deps.prisma.$transaction(async (tx) => {
    // The lock makes a colleague's answer either land before the check or wait for the outcome.
    const locked = await tx.$queryRaw<{ status: string; open: boolean }[]>`
      SELECT cs."status", c."status" = 'open' AS "open" FROM "CampaignSchool" cs JOIN "Campaign" c ON c."id" = cs."campaignId"
      WHERE cs."campaignId" = ${campaignId} AND cs."schoolId" = ${schoolId} FOR UPDATE OF cs`;
    const form = locked[0];
    if (!form) throw new UserError('forms-not-found');
    if (!form.open) throw await refusal(deps, campaignId, schoolId);
    if (form.status === 'submitted') throw await refusal(deps, campaignId, schoolId);
    const rows = await tx.answer.findMany({
      where: { campaignId, schoolId },
      select: { itemNumber: true, value: true },
    });
    const answers: Record<string, AnswerValue | null> = {};
    for (const row of rows) answers[row.itemNumber] = row.value as AnswerValue | null;
    const check = checkSubmission(questionnaire, answers);
    if (!check.ready) {
      return {
        ok: false as const,
        missing: check.missing.map((item) => item.key),
        invalid: check.invalid.map((entry) => ({ key: entry.item.key, reason: entry.reason, params: entry.params })),
      };
    }
    await tx.campaignSchool.update({
      where: { campaignId_schoolId: { campaignId, schoolId } },
      data: { status: 'submitted', submittedAt: now, submittedById: actor.userId },
    });
    await audit(tx, actor, {
      action: 'form.submit',
      entity: 'CampaignSchool',
      entityId: `${campaignId}:${schoolId}`,
      before: { status: 'pending' },
      after: { status: 'submitted', submittedAt: now, answers: Object.keys(answers).length },
    });
    return { ok: true as const, submittedAt: now.toISOString() };
  });
}

/**
 * Values suggested from imported results (issue #5: «4.1–4.4 are prefilled from imported ВПР
 * results»): the latest academic year with results of this school.
 */
export async function prefillSuggestions(
  deps: ServiceDeps,
  actor: Actor,
  campaignId: number,
): Promise<PrefillSuggestion[]> {
  const schoolId = responderSchool(actor);
  const questionnaire = await questionnaireOfCampaign(deps, campaignId);
  const specs = allItems(questionnaire).flatMap((item) =>
    item.type === 'percent' && item.prefill ? [item.prefill] : [],
  );
  if (specs.length === 0) return [];
  const kinds = [...new Set(specs.map((spec) => (({ vpr: 'VPR', oge: 'OGE', ege: 'EGE' }) as const)[spec.source]))];
  const rows = await deps.prisma.assessmentResult.findMany({
    where: { schoolId, kind: { in: kinds } },
    orderBy: { year: 'desc' },
  });
  if (rows.length === 0) return [];
  const results: ResultRow[] = rows.map((row) => ({
    schoolCode: 'this',
    year: row.year,
    procedure: { kind: row.kind, subject: row.subject, grade: row.grade },
    participants: row.participants,
    failed: row.failed,
  }));
  // The latest year that gives a value for at least one item.
  for (const year of [...new Set(results.map((row) => row.year))]) {
    const suggestions = prefillFromResults(questionnaire, results, { schoolCode: 'this', year });
    if (suggestions.length > 0) return suggestions;
  }
  return [];
}
