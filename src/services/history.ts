/**
 * The audit log's reader (issue 10): who changed what about a school, when, before → after.
 * Results replacements (entityId `schoolId|year|kind|subject|grade`) and registry edits.
 */
import { can, type Actor } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { UserError } from './errors.ts';
import { assertMayList, schoolTarget } from './scope.ts';

export type HistoryChange =
  | {
      kind: 'result';
      procedure: { kind: 'VPR' | 'OGE' | 'EGE'; subject: string; grade: number };
      year: string;
      before: { participants: number; failed: number } | null;
      after: { participants: number; failed: number } | null;
    }
  | { kind: 'school'; action: 'create' | 'update'; fields: { field: string; before: string; after: string }[] };

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
    where: { code: code.trim().toLowerCase() },
    include: { municipality: true },
  });
  // outside the scope reads like an unknown code: its existence is not told
  if (!school || !can(actor, 'results.read', schoolTarget(school)))
    throw new UserError('schools-unknown-code', { code: code.trim() });
  const rows = await deps.prisma.auditLog.findMany({
    where: {
      OR: [
        { entity: 'AssessmentResult', entityId: { startsWith: `${school.id}|` } },
        { entity: 'School', entityId: String(school.id) },
      ],
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: limit + 1,
  });
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
