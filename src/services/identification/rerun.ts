/** After a results import: rerun the methods that read results and report what changed per municipality. */
import type { Prisma } from '../../db/client.ts';
import type { Scope } from '../../domain/access/policy.ts';
import { defaultRules, type IdentificationMethod } from '../../domain/identification/index.ts';
import type { AcademicYear } from '../../domain/results/types.ts';
import type { ServiceDeps } from '../deps.ts';
import { enqueueMessages } from '../outbox.ts';
import { scopeFilters } from '../scope.ts';
import { compute } from './run.ts';
import { type StoredOutcome, storeRuns } from './store.ts';
import { RESULT_METHODS, type SchoolRef } from './views.ts';

export interface MunicipalityChanges {
  municipalityId: number;
  municipality: string;
  /** Telegram ids of the coordinators to tell: the municipality's and the region-wide ones */
  recipients: number[];
  /** true when some method's list changed (entered or left non-empty) */
  changed: boolean;
  methods: Array<{
    method: IdentificationMethod;
    runId: number;
    year: AcademicYear | null;
    evaluated: number;
    flagged: number;
    /** false for the first run of the scope: then every flagged school counts as entered */
    hadPreviousRun: boolean;
    entered: SchoolRef[];
    left: SchoolRef[];
  }>;
}

/**
 * After a results import: reruns the methods that read results (default rules) for each affected
 * municipality, stores the runs as the system, and returns what changed. The results service's
 * follow-up job calls it once per import; no access check (the import had one).
 *
 * With `announce`, the coordinators' announcements of a change are written to the outbox in the
 * same transaction as the runs that found it (keys `${announce.key}:identification:…`): a crash
 * leaves both or neither, so a repeated rerun — which finds no change against runs already
 * stored — never loses an announcement, and a repeated key is skipped.
 */
export async function rerunAfterImport(
  deps: ServiceDeps,
  affectedMunicipalityIds: readonly number[],
  announce?: { key: string },
): Promise<MunicipalityChanges[]> {
  const ids = [...new Set(affectedMunicipalityIds)];
  if (ids.length === 0) return [];
  const municipalities = await deps.prisma.municipality.findMany({
    where: { id: { in: ids } },
    orderBy: { name: 'asc' },
  });
  const rules = defaultRules();
  const changes: MunicipalityChanges[] = [];
  for (const regionId of [...new Set(municipalities.map((m) => m.regionId))]) {
    const inRegion = municipalities.filter((m) => m.regionId === regionId);
    const scopes: Scope[] = inRegion.map((m) => ({ kind: 'municipality', regionId, municipalityId: m.id }));
    const scopeFilter: Prisma.SchoolWhereInput = { OR: scopes.map((scope) => scopeFilters(scope).schools) };
    const { computations, schools } = await compute(deps, {
      methods: RESULT_METHODS,
      rules,
      year: undefined,
      scopeFilter,
      regionFilter: scopeFilters({ kind: 'region', regionId }).schools,
    });
    const targets = inRegion.map((m) => ({
      municipalityId: m.id,
      schools: schools.filter((school) => school.municipalityId === m.id),
    }));
    const coordinators = await deps.prisma.user.findMany({
      where: {
        role: 'coordinator',
        OR: [{ municipalityId: { in: inRegion.map((m) => m.id) } }, { regionId, municipalityId: null, schoolId: null }],
      },
      select: { telegramId: true, municipalityId: true },
    });
    const changesOf = (stored: readonly StoredOutcome[]): MunicipalityChanges[] =>
      inRegion.map((municipality) => {
        const outcome = stored.find((entry) => entry.municipalityId === municipality.id)!;
        const methods = outcome.outcomes.flatMap((entry) =>
          entry.state === 'done'
            ? [
                {
                  method: entry.method,
                  runId: entry.run.runId,
                  year: entry.run.year,
                  evaluated: entry.run.counts.evaluated,
                  flagged: entry.run.counts.flagged,
                  hadPreviousRun: entry.run.previousRun !== null,
                  entered: entry.run.entered,
                  left: entry.run.left,
                },
              ]
            : [],
        );
        return {
          municipalityId: municipality.id,
          municipality: municipality.name,
          recipients: coordinators
            .filter((user) => user.municipalityId === null || user.municipalityId === municipality.id)
            .map((user) => Number(user.telegramId)),
          changed: methods.some((method) => method.entered.length > 0 || method.left.length > 0),
          methods,
        };
      });
    const stored = await storeRuns(
      deps,
      null,
      rules,
      computations,
      targets,
      undefined,
      false,
      announce &&
        ((tx, inTransaction) =>
          enqueueMessages(
            tx,
            changesOf(inTransaction)
              .filter((change) => change.changed)
              .flatMap((change) =>
                [...new Set(change.recipients)].map((chatId) => ({
                  dedupeKey: `${announce.key}:identification:${change.municipalityId}:${chatId}`,
                  chatId,
                  payload: { kind: 'identification.changes' as const, change },
                })),
              ),
            deps.now(),
          ).then(() => undefined)),
    );
    changes.push(...changesOf(stored));
  }
  return changes;
}
