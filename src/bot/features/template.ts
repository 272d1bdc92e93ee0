/**
 * /template schools | results | questionnaire | contingent | roadmap | official-list — the templates the bot points to, in the chat
 * (issue 10: coordinators have no terminal; `kurator template …` writes the same files).
 */
import { Composer, InputFile } from 'grammy';
import { mayEver } from '../../domain/access/policy.ts';
import { writeContingentTemplate, writeOfficialListTemplate } from '../../files/xlsx/write/identificationTemplates.ts';
import { writeQuestionnaireTemplate } from '../../files/xlsx/write/questionnaireTemplate.ts';
import { writeRoadmapTemplate } from '../../files/xlsx/write/roadmapTemplate.ts';
import { writeResultsTemplate, writeSchoolsTemplate } from '../../files/xlsx/write/templates.ts';
import { actorOf } from '../../services/index.ts';
import type { RegisteredContext } from '../context.ts';

const KINDS = {
  schools: 'Шаблон реестра школ.xlsx',
  results: 'Шаблон результатов.xlsx',
  questionnaire: 'Шаблон анкеты.xlsx',
  contingent: 'Шаблон контингента.xlsx',
  roadmap: 'Шаблон дорожной карты.xlsx',
  'official-list': 'Шаблон перечня ШНОР.xlsx',
} as const;
type Kind = keyof typeof KINDS;

const SYNONYMS: Record<string, Kind> = {
  schools: 'schools',
  школы: 'schools',
  реестр: 'schools',
  results: 'results',
  результаты: 'results',
  questionnaire: 'questionnaire',
  анкета: 'questionnaire',
  contingent: 'contingent',
  контингент: 'contingent',
  roadmap: 'roadmap',
  'дорожная карта': 'roadmap',
  'official-list': 'official-list',
  перечень: 'official-list',
};

export function templateFeature() {
  const feature = new Composer<RegisteredContext>();
  feature.chatType('private').command('template', async (ctx) => {
    const actor = actorOf(ctx.person);
    if (!mayEver(actor, 'results.import') && !mayEver(actor, 'school.write') && !mayEver(actor, 'campaign.manage')) {
      await ctx.reply(ctx.t('template-forbidden'));
      return;
    }
    const kind = SYNONYMS[ctx.match.trim().toLowerCase()];
    if (!kind) {
      await ctx.reply(ctx.t('template-usage'));
      return;
    }
    await ctx.replyWithChatAction('upload_document');
    const bytes = await templateBytes(kind, async () =>
      // the codes sheet lists the schools the coordinator may load data for
      (await ctx.services.schools.list(actor)).map((school) => ({ code: school.code, name: school.fullName })),
    );
    await ctx.replyWithDocument(new InputFile(bytes, KINDS[kind]), { caption: ctx.t(`template-caption-${kind}`) });
  });
  return feature;
}

async function templateBytes(
  kind: Kind,
  schools: () => Promise<Array<{ code: string; name: string }>>,
): Promise<Uint8Array> {
  switch (kind) {
    case 'schools':
      return writeSchoolsTemplate();
    case 'questionnaire':
      return writeQuestionnaireTemplate();
    case 'results':
      return writeResultsTemplate(await schools());
    case 'contingent':
      return writeContingentTemplate(await schools());
    case 'roadmap':
      return writeRoadmapTemplate();
    case 'official-list':
      return writeOfficialListTemplate();
  }
}
