/**
 * People known to the bot: turning a Telegram user into an Actor (role + scope), once per update.
 * Admins come from ADMIN_TELEGRAM_IDS and are registered on first contact.
 */
import type { Actor, Role, Scope } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { audit } from './audit.ts';
import { ensureRegion } from './territory.ts';
import { assertMayList } from './scope.ts';

export interface TelegramPerson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** A registered person as adapters see it: plain JSON, no BigInt. */
export interface Person {
  userId: number;
  telegramId: number;
  name: string;
  role: Role;
  scope: Scope;
  /** set on the update that registered the person (an administrator's very first message) */
  firstContact?: boolean;
  /** Human-readable scope: region, municipality, school. */
  where: { region: string | null; municipality: string | null; school: { code: string; name: string } | null };
}

export const CLI_ACTOR: Actor = { userId: null, role: 'admin', scope: { kind: 'all' } };

export function actorOf(person: Person): Actor {
  return { userId: person.userId, role: person.role, scope: person.scope };
}

const personInclude = {
  region: true,
  municipality: { include: { region: true } },
  school: { include: { municipality: { include: { region: true } } } },
} as const;

/** What toPerson reads: a user with its region, municipality and school (with theirs). */
interface PersonRow {
  id: number;
  telegramId: bigint;
  firstName: string;
  lastName: string | null;
  role: Role;
  regionId: number | null;
  region: { name: string } | null;
  municipality: { id: number; regionId: number; name: string; region: { name: string } } | null;
  school: {
    id: number;
    code: string;
    shortName: string;
    fullName: string;
    municipalityId: number;
    municipality: { regionId: number; name: string; region: { name: string } };
  } | null;
}

interface FlatPersonRow {
  id: number;
  telegramId: bigint;
  firstName: string;
  lastName: string | null;
  role: Role;
  regionId: number | null;
  regionName: string | null;
  mId: number | null;
  mRegionId: number | null;
  mName: string | null;
  mRegionName: string | null;
  sId: number | null;
  sCode: string | null;
  sShortName: string | null;
  sFullName: string | null;
  sMunicipalityId: number | null;
  sRegionId: number | null;
  sMunicipalityName: string | null;
  sRegionName: string | null;
}

/**
 * One query with joins: this runs for every update the bot handles, and the include above
 * would take six round trips (see bench/flow.ts).
 */
async function loadUser(deps: ServiceDeps, telegramId: number): Promise<PersonRow | null> {
  const rows = await deps.prisma.$queryRaw<FlatPersonRow[]>`
    SELECT u."id", u."telegramId", u."firstName", u."lastName", u."role"::text AS "role", u."regionId", r."name" AS "regionName",
           m."id" AS "mId", m."regionId" AS "mRegionId", m."name" AS "mName", mr."name" AS "mRegionName",
           s."id" AS "sId", s."code" AS "sCode", s."shortName" AS "sShortName", s."fullName" AS "sFullName",
           s."municipalityId" AS "sMunicipalityId", sm."regionId" AS "sRegionId", sm."name" AS "sMunicipalityName", sr."name" AS "sRegionName"
    FROM "User" u
    LEFT JOIN "Region" r ON r."id" = u."regionId"
    LEFT JOIN "Municipality" m ON m."id" = u."municipalityId"
    LEFT JOIN "Region" mr ON mr."id" = m."regionId"
    LEFT JOIN "School" s ON s."id" = u."schoolId"
    LEFT JOIN "Municipality" sm ON sm."id" = s."municipalityId"
    LEFT JOIN "Region" sr ON sr."id" = sm."regionId"
    WHERE u."telegramId" = ${BigInt(telegramId)}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    telegramId: BigInt(row.telegramId),
    firstName: row.firstName,
    lastName: row.lastName,
    role: row.role,
    regionId: row.regionId,
    region: row.regionName === null ? null : { name: row.regionName },
    municipality:
      row.mId === null
        ? null
        : { id: row.mId, regionId: row.mRegionId!, name: row.mName!, region: { name: row.mRegionName! } },
    school:
      row.sId === null
        ? null
        : {
            id: row.sId,
            code: row.sCode!,
            shortName: row.sShortName!,
            fullName: row.sFullName!,
            municipalityId: row.sMunicipalityId!,
            municipality: {
              regionId: row.sRegionId!,
              name: row.sMunicipalityName!,
              region: { name: row.sRegionName! },
            },
          },
  };
}

function toPerson(row: PersonRow): Person {
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
  const base = { userId: row.id, telegramId: Number(row.telegramId), name, role: row.role };
  switch (row.role) {
    case 'admin':
      return { ...base, scope: { kind: 'all' }, where: { region: null, municipality: null, school: null } };
    case 'director': {
      const school = row.school!;
      return {
        ...base,
        scope: {
          kind: 'school',
          regionId: school.municipality.regionId,
          municipalityId: school.municipalityId,
          schoolId: school.id,
        },
        where: {
          region: school.municipality.region.name,
          municipality: school.municipality.name,
          school: { code: school.code, name: school.shortName || school.fullName },
        },
      };
    }
    case 'coordinator':
    case 'committee':
      if (row.municipality) {
        return {
          ...base,
          scope: { kind: 'municipality', regionId: row.municipality.regionId, municipalityId: row.municipality.id },
          where: { region: row.municipality.region.name, municipality: row.municipality.name, school: null },
        };
      }
      return {
        ...base,
        scope: { kind: 'region', regionId: row.regionId! },
        where: { region: row.region?.name ?? null, municipality: null, school: null },
      };
  }
}

/** The registered person behind a Telegram user, or null for a stranger. */
export async function findPerson(deps: ServiceDeps, from: TelegramPerson): Promise<Person | null> {
  const isAdmin = deps.settings.adminTelegramIds.includes(from.id);
  const row = await loadUser(deps, from.id);
  if (row && (row.role === 'admin' || !isAdmin)) return toPerson(row);
  if (!isAdmin) return null;
  // A configured admin: register (or promote) on first contact.
  const regionId = await ensureRegion(deps);
  const saved = await deps.prisma.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { telegramId: BigInt(from.id) },
      create: {
        telegramId: BigInt(from.id),
        firstName: from.first_name,
        lastName: from.last_name ?? null,
        username: from.username ?? null,
        role: 'admin',
        regionId,
      },
      update: { role: 'admin', municipalityId: null, schoolId: null, regionId },
    });
    await audit(tx, null, { action: 'admin.register', entity: 'User', entityId: user.id, before: row, after: user });
    return user;
  });
  const person = toPerson((await loadUser(deps, Number(saved.telegramId)))!);
  // «С возвращением» would be wrong on the very first /start (issue 10)
  return row ? person : { ...person, firstContact: true };
}

export interface UserListEntry {
  name: string;
  username: string | null;
  role: Role;
  where: Person['where'];
  since: string;
}

/** People inside the actor's scope (admins see everyone). */
export async function listPeople(deps: ServiceDeps, actor: Actor): Promise<UserListEntry[]> {
  const filter = assertMayList(actor, 'user.list');
  const rows = await deps.prisma.user.findMany({
    where: filter.users,
    include: personInclude,
    orderBy: [{ role: 'asc' }, { firstName: 'asc' }],
  });
  return rows.map((row) => {
    const person = toPerson(row);
    return {
      name: person.name,
      username: row.username,
      role: row.role,
      where: person.where,
      since: row.createdAt.toISOString(),
    };
  });
}
