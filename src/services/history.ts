/**
 * The audit log's reader (issue 10): who changed what about a school, when, before → after.
 * Results replacements (entityId `schoolId|year|kind|subject|grade`), registry edits, and the
 * school's questionnaire answers: an answer changed after it was given (entityId
 * `campaignId:schoolId:item`, before → after), a form submitted or returned for rework. First
 * answers are not listed one by one (an 88-item form would bury everything else); the submission
 * says how many there were.
 */
import { Prisma } from '../db/client.ts';
import { can, type Actor } from '../domain/access/policy.ts';
import { findItem, type AnswerValue, type Item } from '../domain/questionnaires/index.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { questionnaireByVersionId } from './questionnaires.ts';
import { assertMayList, schoolTarget } from './scope.ts';
import type { AssessmentKind } from '../domain/results/types.ts';
import { schoolCodeOfQuery } from '../domain/schools/school.ts';

type HistoryChange =
  | {
      kind: 'result';
      procedure: { kind: AssessmentKind; subject: string; grade: number };
      year: string;
      before: { participants: number; failed: number } | null;
      after: { participants: number; failed: number } | null;
    }
  | { kind: 'school'; action: 'create' | 'update'; fields: { field: string; before: string; after: string }[] }
  | {
      kind: 'answer';
      campaign: { id: number; title: string };
      /** the item as the campaign's questionnaire version defines it (null: no longer found) */
      item: Item | null;
      itemKey: string;
      /** null: skipped («Пропустить») */
      before: AnswerValue | null;
      after: AnswerValue | null;
    }
  | { kind: 'form'; action: 'submit' | 'reopen'; campaign: { id: number; title: string }; answers: number | null };

export interface HistoryEntry {
  at: string;
  /** the person's name; null for the command line or the system */
  who: string | null;
  via: 'person' | 'cli' | 'system';
  change: HistoryChange;
}

export interface SchoolChangeHistory {
  school: { code: string; name: string };
  entries: HistoryEntry[];
  /** more entries exist than were returned */
  truncated: boolean;
}

const SCHOOL_FIELDS = ['fullName', 'shortName', 'type', 'settlement', 'rural', 'municipalityId'] as const;

type Values = { participants: number; failed: number };
const valuesOf = (value: unknown): Values | null =>
  value && typeof value === 'object' && 'participants' in value
    ? { participants: Number((value as Values).participants), failed: Number((value as Values).failed) }
    : null;

export async function schoolChangeHistory(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
  limit = 50,
): Promise<SchoolChangeHistory> {
  assertMayList(actor, 'results.read');
  const school = await deps.prisma.school.findUnique({
    where: { code: schoolCodeOfQuery(code) },
    include: { municipality: true },
  });
  // outside the scope reads like an unknown code: its existence is not told
  if (!school || !can(actor, 'results.read', schoolTarget(school)))
    throw new UserError('schools-unknown-code', { code: code.trim() });
  const ofSchool = (entityId: string) => entityId.split(':')[1] === String(school.id);
  const rows = (
    await deps.prisma.auditLog.findMany({
      where: {
        OR: [
          { entity: 'AssessmentResult', entityId: { startsWith: `${school.id}|` } },
          { entity: 'School', entityId: String(school.id) },
          // an answer that replaced one given before (a first answer has no `before`)
          { entity: 'Answer', entityId: { contains: `:${school.id}:` }, before: { not: Prisma.DbNull } },
          {
            entity: 'CampaignSchool',
            entityId: { endsWith: `:${school.id}` },
            action: { in: ['form.submit', 'campaign.reopen'] },
          },
        ],
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    })
  ).filter(
    (row) =>
      (row.entity !== 'Answer' && row.entity !== 'CampaignSchool') ||
      (ofSchool(row.entityId) && (row.entity !== 'Answer' || JSON.stringify(row.before) !== JSON.stringify(row.after))),
  );
  const campaignIds = [
    ...new Set(
      rows.flatMap((row) =>
        row.entity === 'Answer' || row.entity === 'CampaignSchool' ? [Number(row.entityId.split(':')[0])] : [],
      ),
    ),
  ];
  const campaigns = new Map(
    (
      await deps.prisma.campaign.findMany({
        where: { id: { in: campaignIds } },
        select: { id: true, title: true, questionnaireVersionId: true },
      })
    ).map((campaign) => [campaign.id, campaign]),
  );
  const questionnaires = new Map(
    await Promise.all(
      [...new Set([...campaigns.values()].map((campaign) => campaign.questionnaireVersionId))].map(
        async (versionId) => [versionId, await questionnaireByVersionId(deps, versionId)] as const,
      ),
    ),
  );
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId === null ? [] : [row.actorId])))];
  const people = new Map(
    (await deps.prisma.user.findMany({ where: { id: { in: actorIds } } })).map((user) => [
      user.id,
      [user.firstName, user.lastName].filter(Boolean).join(' '),
    ]),
  );
  const entries: HistoryEntry[] = rows.slice(0, limit).map((row) => {
    const via = row.actorId !== null ? 'person' : row.actorLabel === 'cli' ? 'cli' : 'system';
    const who = row.actorId !== null ? (people.get(row.actorId) ?? null) : null;
    if (row.entity === 'AssessmentResult') {
      const [, year, kind, subject, grade] = row.entityId.split('|');
      return {
        at: row.at.toISOString(),
        who,
        via,
        change: {
          kind: 'result',
          procedure: { kind: kind as 'VPR', subject: subject!, grade: Number(grade) },
          year: year!,
          before: valuesOf(row.before),
          after: valuesOf(row.after),
        },
      };
    }
    if (row.entity === 'Answer' || row.entity === 'CampaignSchool') {
      const [campaignId, , itemKey = ''] = row.entityId.split(':');
      const campaign = campaigns.get(Number(campaignId));
      const about = { id: Number(campaignId), title: campaign?.title ?? '' };
      if (row.entity === 'CampaignSchool') {
        const counted = (row.after as { answers?: unknown } | null)?.answers;
        return {
          at: row.at.toISOString(),
          who,
          via,
          change: {
            kind: 'form',
            action: row.action === 'form.submit' ? 'submit' : 'reopen',
            campaign: about,
            answers: typeof counted === 'number' ? counted : null,
          },
        };
      }
      const questionnaire = campaign ? questionnaires.get(campaign.questionnaireVersionId) : undefined;
      return {
        at: row.at.toISOString(),
        who,
        via,
        change: {
          kind: 'answer',
          campaign: about,
          item: (questionnaire && findItem(questionnaire, itemKey)) ?? null,
          itemKey,
          before: row.before as AnswerValue | null,
          after: row.after as AnswerValue | null,
        },
      };
    }
    const before = (row.before ?? {}) as Record<string, unknown>;
    const after = (row.after ?? {}) as Record<string, unknown>;
    const fields = SCHOOL_FIELDS.filter((field) => String(before[field] ?? '') !== String(after[field] ?? '')).map(
      (field) => ({ field, before: String(before[field] ?? ''), after: String(after[field] ?? '') }),
    );
    return {
      at: row.at.toISOString(),
      who,
      via,
      change: { kind: 'school', action: row.action === 'school.create' ? 'create' : 'update', fields },
    };
  });
  return {
    school: { code: school.code, name: school.shortName || school.fullName },
    entries,
    truncated: rows.length > limit,
  };
}
