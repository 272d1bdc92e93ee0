/**
 * What a coordinator should know before «Запустить» (issue 10): schools with nobody to answer,
 * and campaigns of the same questionnaire already open for some of the same schools.
 */
import { AccessDeniedError, mayEver, type Actor } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { scopeFilters } from './scope.ts';

export interface LaunchCheck {
  /** schools of the launch without a registered director or deputy */
  withoutResponders: { code: string; name: string }[];
  /** open campaigns of the same questionnaire (any version) covering some of these schools */
  overlapping: { title: string; deadline: string; schools: number }[];
  /** schools in the launch */
  schools: number;
}

export async function checkLaunch(
  deps: ServiceDeps,
  actor: Actor,
  request: { questionnaireVersionId: number; schools: 'all' | string[] },
): Promise<LaunchCheck> {
  if (!mayEver(actor, 'campaign.manage')) throw new AccessDeniedError('campaign.manage', null);
  const inScope = scopeFilters(actor.scope).schools;
  const schools = await deps.prisma.school.findMany({
    where: request.schools === 'all' ? inScope : { AND: [inScope, { code: { in: request.schools } }] },
    select: { id: true, code: true, shortName: true, fullName: true },
    orderBy: { code: 'asc' },
  });
  const ids = schools.map((school) => school.id);
  const answering = new Set(
    (
      await deps.prisma.user.findMany({
        where: { role: 'director', schoolId: { in: ids } },
        select: { schoolId: true },
      })
    ).map((user) => user.schoolId),
  );
  const version = await deps.prisma.questionnaireVersion.findUnique({
    where: { id: request.questionnaireVersionId },
    select: { key: true },
  });
  const open = version
    ? await deps.prisma.campaign.findMany({
        where: { status: 'open', questionnaire: { key: version.key }, schools: { some: { schoolId: { in: ids } } } },
        select: {
          title: true,
          deadline: true,
          schools: { where: { schoolId: { in: ids } }, select: { schoolId: true } },
        },
        orderBy: { id: 'asc' },
      })
    : [];
  return {
    schools: schools.length,
    withoutResponders: schools
      .filter((school) => !answering.has(school.id))
      .map((school) => ({ code: school.code, name: school.shortName || school.fullName })),
    overlapping: open.map((campaign) => ({
      title: campaign.title,
      deadline: campaign.deadline.toISOString(),
      schools: campaign.schools.length,
    })),
  };
}
