/**
 * Which stored identification runs are current: the lists a scope reads today, as opposed to a
 * look into a past year (issue 10) or another municipality's run. One filter for every reader
 * (/identify, /status, the digest, reports, indicators, campaign target sets).
 */
import type { Prisma } from '../../db/client.ts';
import type { IdentificationMethod } from '../../domain/identification/index.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The stored runs that are a scope's current lists: region-wide runs and those of the scope's
 * municipalities (`null`: the region's own runs only). A look into a past year (issue 10) never is.
 */
export function currentRunsCovering(
  municipalities: number | readonly number[] | null,
): Prisma.IdentificationRunWhereInput {
  const own =
    municipalities === null ? [] : typeof municipalities === 'number' ? [municipalities] : [...municipalities];
  return {
    look: false,
    OR: [{ municipalityId: null }, ...(own.length > 0 ? [{ municipalityId: { in: own } }] : [])],
  };
}

/** The newest current run of each method covering a municipality (`null`: the region), as ids. */
export async function latestRunIds(
  deps: ServiceDeps,
  municipalityId: number | null,
  methods: readonly IdentificationMethod[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const method of methods) {
    const run = await deps.prisma.identificationRun.findFirst({
      where: { method, ...currentRunsCovering(municipalityId) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    if (run) ids.push(run.id);
  }
  return ids;
}
