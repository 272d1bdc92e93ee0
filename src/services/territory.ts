/** The deployment's region (REGION_NAME) and its municipalities. */
import type { Prisma } from '../db/client.ts';
import type { ServiceDeps } from './deps.ts';

const regionIds = new WeakMap<object, number>();

/** One region per deployment: created on first use, id cached per database client. */
export async function ensureRegion(deps: ServiceDeps): Promise<number> {
  const cached = regionIds.get(deps.prisma);
  if (cached !== undefined) return cached;
  const region = await deps.prisma.region.upsert({
    where: { name: deps.settings.regionName },
    create: { name: deps.settings.regionName },
    update: {},
  });
  regionIds.set(deps.prisma, region.id);
  return region.id;
}

export async function findMunicipality(
  db: Prisma.TransactionClient | ServiceDeps['prisma'],
  regionId: number,
  name: string,
) {
  return db.municipality.findFirst({
    where: { regionId, name: { equals: name.trim(), mode: 'insensitive' } },
    include: { region: true },
  });
}
