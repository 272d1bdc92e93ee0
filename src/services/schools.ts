/**
 * The school registry (issue #2 §5): import from .xlsx (chat or CLI), idempotent by school code;
 * any invalid row means nothing is written and every error is listed with row and column.
 */
import { assertCan, can, mayEver, AccessDeniedError, type Actor } from '../domain/access/policy.ts';
import type { SheetIssue } from '../files/xlsx/issues.ts';
import { WORKER_THRESHOLD_BYTES } from '../files/xlsx/read/resultsParseWorker.ts';
import { parseSchoolsFileOffThread } from '../files/xlsx/read/schoolsParseWorker.ts';
import { insertAuditEntries } from '../db/bulkInserts.ts';
import { transactionConnection } from '../db/client.ts';
import { insertSchools, updateSchools, type SchoolRowWrite } from '../db/schoolBulk.ts';
import type { ServiceDeps } from './deps.ts';
import { actorLabel, audit } from './audit.ts';
import { UserError } from './errors.ts';
import { assertMayList, schoolTarget } from './scope.ts';
import { ensureRegion } from './territory.ts';

export interface ImportSchoolsOptions {
  dryRun?: boolean;
  /**
   * parse and write on this thread (the CLI has no other chats to keep responsive). Otherwise a
   * large file is imported on a worker thread when deps.workerDatabase is set (the bot), or at
   * least parsed on one.
   */
  inline?: boolean;
}

const WRITE_CHUNK = 10_000;

export type ImportSchoolsResult =
  | { ok: false; issues: SheetIssue[]; sheetName: string | null }
  | {
      ok: true;
      issues: SheetIssue[];
      sheetName: string | null;
      created: number;
      updated: number;
      unchanged: number;
      municipalitiesCreated: number;
      dryRun: boolean;
    };

const normalise = (name: string) => name.trim().toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ');

export async function importSchools(
  deps: ServiceDeps,
  actor: Actor,
  bytes: Uint8Array,
  options: ImportSchoolsOptions = {},
): Promise<ImportSchoolsResult> {
  if (!mayEver(actor, 'school.write')) throw new AccessDeniedError('school.write', null);
  if (!options.inline && deps.workerDatabase && bytes.byteLength >= WORKER_THRESHOLD_BYTES) {
    const { importSchoolsOnWorker } = await import('./schoolsImportWorker.ts');
    return importSchoolsOnWorker({ ...deps, workerDatabase: deps.workerDatabase }, actor, bytes, options);
  }
  const parsed = await parseSchoolsFileOffThread(bytes, { inline: options.inline });
  const sheetName = parsed.sheetName ?? null;
  if (!parsed.ok) return { ok: false, issues: parsed.issues, sheetName };

  // the actor's own region (an admin and the command line: the configured one); a municipality
  // already there under another region's id is the same municipality, not a new one
  const regionId = actor.scope.kind === 'all' ? await ensureRegion(deps) : actor.scope.regionId;
  const municipalities = await deps.prisma.municipality.findMany();
  const municipalityByName = new Map(
    [
      ...municipalities.filter((m) => m.regionId !== regionId),
      ...municipalities.filter((m) => m.regionId === regionId),
    ].map((m) => [normalise(m.name), m]),
  );
  // The whole registry at once: a 200,000-code IN list would exceed the statement's parameters.
  const incomingCodes = new Set(parsed.rows.map((row) => row.code));
  const existing = (await deps.prisma.school.findMany({ include: { municipality: true } })).filter((school) =>
    incomingCodes.has(school.code),
  );
  const existingByCode = new Map(existing.map((school) => [school.code, school]));

  // Scope: every row must land (and, when it moves a school, come from) inside the actor's scope.
  const issues: SheetIssue[] = [...parsed.issues];
  for (const row of parsed.rows) {
    const known = municipalityByName.get(normalise(row.municipality));
    const target = known
      ? { kind: 'municipality' as const, regionId: known.regionId, municipalityId: known.id }
      : { kind: 'region' as const, regionId };
    const previous = existingByCode.get(row.code);
    // A new municipality is created in the region, so only region-wide people may add one.
    const allowed =
      can(actor, 'school.write', target) && (!previous || can(actor, 'school.write', schoolTarget(previous)));
    if (!allowed) {
      issues.push({
        severity: 'error',
        row: row.rowNumber,
        column: row.columns.municipality,
        header: 'Муниципалитет',
        code: 'schools-outside-scope',
        params: { municipality: row.municipality, code: row.code },
      });
    }
  }
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues, sheetName };

  const counts = { created: 0, updated: 0, unchanged: 0, municipalitiesCreated: 0 };
  const write = async () =>
    deps.prisma.$transaction(
      async (tx) => {
        const created: SchoolRowWrite[] = [];
        const updated: { row: SchoolRowWrite; before: Record<string, unknown> }[] = [];
        for (const row of parsed.rows) {
          const key = normalise(row.municipality);
          let municipality = municipalityByName.get(key);
          if (!municipality) {
            municipality = await tx.municipality.create({ data: { regionId, name: row.municipality.trim() } });
            municipalityByName.set(key, municipality);
            counts.municipalitiesCreated++;
            await audit(tx, actor, {
              action: 'municipality.create',
              entity: 'Municipality',
              entityId: municipality.id,
              after: municipality,
            });
          }
          const fields = {
            municipalityId: municipality.id,
            fullName: row.fullName,
            shortName: row.shortName,
            type: row.type,
            settlement: row.settlement,
            rural: row.rural,
          };
          const previous = existingByCode.get(row.code);
          if (!previous) {
            created.push({ code: row.code, ...fields });
            continue;
          }
          const changed = (Object.keys(fields) as (keyof typeof fields)[]).some(
            (field) => previous[field] !== fields[field],
          );
          if (!changed) {
            counts.unchanged++;
            continue;
          }
          const { municipality: _m, ...before } = previous;
          updated.push({ row: { code: row.code, ...fields }, before });
        }
        // One statement per chunk (the results' bulk path), audit entries alike.
        const at = deps.now();
        const common = { actorId: actor.userId, actorLabel: actorLabel(actor), entity: 'School', at };
        const connection = await transactionConnection(tx);
        for (let start = 0; start < created.length; start += WRITE_CHUNK) {
          const chunk = created.slice(start, start + WRITE_CHUNK);
          const ids = await insertSchools(tx, chunk, at);
          const idByCode = new Map(ids.map((entry) => [entry.code, entry.id]));
          await insertAuditEntries(
            connection,
            { ...common, action: 'school.create' },
            chunk.map((row) => ({
              entityId: String(idByCode.get(row.code)),
              before: null,
              after: { id: idByCode.get(row.code), ...row },
            })),
          );
        }
        for (let start = 0; start < updated.length; start += WRITE_CHUNK) {
          const chunk = updated.slice(start, start + WRITE_CHUNK);
          await updateSchools(
            tx,
            chunk.map((entry) => entry.row),
            at,
          );
          await insertAuditEntries(
            connection,
            { ...common, action: 'school.update' },
            chunk.map((entry) => ({
              entityId: String(entry.before.id),
              before: entry.before,
              after: { ...entry.before, ...entry.row },
            })),
          );
        }
        counts.created = created.length;
        counts.updated = updated.length;
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
  if (!options.dryRun) await write();
  else {
    // A dry run counts what would happen without writing.
    for (const row of parsed.rows) {
      const previous = existingByCode.get(row.code);
      if (!previous) counts.created++;
      else counts.updated++;
      if (!municipalityByName.has(normalise(row.municipality))) {
        municipalityByName.set(normalise(row.municipality), { id: -1, regionId, name: row.municipality });
        counts.municipalitiesCreated++;
      }
    }
  }
  return { ok: true, issues, sheetName, dryRun: options.dryRun ?? false, ...counts };
}

export interface SchoolEntry {
  code: string;
  fullName: string;
  shortName: string;
  type: string;
  settlement: string;
  rural: boolean;
  municipality: string;
}

function toSchoolEntry(row: Omit<SchoolEntry, 'municipality'> & { municipality: { name: string } }): SchoolEntry {
  return {
    code: row.code,
    fullName: row.fullName,
    shortName: row.shortName,
    type: row.type,
    settlement: row.settlement,
    rural: row.rural,
    municipality: row.municipality.name,
  };
}

export async function listSchools(deps: ServiceDeps, actor: Actor): Promise<SchoolEntry[]> {
  const filters = assertMayList(actor, 'school.read');
  const rows = await deps.prisma.school.findMany({
    where: filters.schools,
    include: { municipality: true },
    orderBy: [{ municipality: { name: 'asc' } }, { code: 'asc' }],
  });
  return rows.map(toSchoolEntry);
}

export async function listMunicipalities(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ id: number; name: string; schools: number }[]> {
  const filters = assertMayList(actor, 'school.read');
  const rows = await deps.prisma.municipality.findMany({
    where: filters.municipalities,
    include: { _count: { select: { schools: true } } },
    orderBy: { name: 'asc' },
  });
  return rows.map((row) => ({ id: row.id, name: row.name, schools: row._count.schools }));
}

export async function findSchool(deps: ServiceDeps, actor: Actor, code: string): Promise<SchoolEntry> {
  const row = await deps.prisma.school.findUnique({
    where: { code: code.trim().toLowerCase() },
    include: { municipality: true },
  });
  if (!row) throw new UserError('schools-unknown-code', { code });
  assertCan(actor, 'school.read', schoolTarget(row));
  return toSchoolEntry(row);
}
