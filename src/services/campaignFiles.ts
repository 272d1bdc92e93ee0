/**
 * Files the schools attached to their forms («файл» answers), for the coordinator and the
 * committee of the campaign (issue 10: nobody could reach them). Telegram keeps them; the bot
 * sends them again by their file_id.
 */
import type { FileValue } from '../domain/questionnaires/index.ts';
import type { Actor } from '../domain/access/policy.ts';
import type { ServiceDeps } from './deps.ts';
import { loadCampaign } from './campaigns.ts';
import { scopeFilters } from './scope.ts';

export interface CampaignFile extends FileValue {
  schoolCode: string;
  school: string;
  item: string;
}

const isFile = (value: unknown): value is FileValue =>
  typeof value === 'object' && value !== null && typeof (value as FileValue).fileId === 'string';

export async function campaignFiles(deps: ServiceDeps, actor: Actor, campaignId: number): Promise<CampaignFile[]> {
  await loadCampaign(deps, actor, campaignId, 'campaign.read');
  const answers = await deps.prisma.answer.findMany({
    where: { campaignId, school: scopeFilters(actor.scope).schools },
    select: { itemNumber: true, value: true, school: { select: { code: true, shortName: true, fullName: true } } },
    orderBy: [{ school: { code: 'asc' } }, { itemNumber: 'asc' }],
  });
  return answers.flatMap((answer) => {
    const value: unknown = answer.value;
    return isFile(value)
      ? [
          {
            ...value,
            schoolCode: answer.school.code,
            school: answer.school.shortName || answer.school.fullName,
            item: answer.itemNumber,
          },
        ]
      : [];
  });
}
