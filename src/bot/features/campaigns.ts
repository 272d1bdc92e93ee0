/**
 * Coordinators' campaigns: /campaigns (completion of each, who is late), /launch, and the
 * buttons of a campaign: export .xlsx, extend the deadline, reopen a school's form, close.
 */
import { renderAnswersExport } from '../../documents/answersExport.ts';
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { createConversation } from '@grammyjs/conversations';
import { mayEver } from '../../domain/access/policy.ts';
import { actorOf } from '../../services/index.ts';
import type { CampaignStatus, CampaignSummary } from '../../services/campaigns.ts';
import type { BotContext, ConversationContext, RegisteredContext } from '../context.ts';
import {
  EXTEND_CONVERSATION,
  LAUNCH_CONVERSATION,
  extendConversation,
  launchConversation,
} from '../conversations/campaigns.ts';
import { clip } from '../forms/render.ts';
import { formatDate, splitLines } from '../format.ts';
import { campaignData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

function summaryLine(ctx: BotContext, campaign: CampaignSummary): string {
  return ctx.t('campaigns-list-item', {
    id: campaign.number,
    title: campaign.title,
    submitted: campaign.submitted,
    total: campaign.total,
    deadline: formatDate(campaign.deadline),
    late: campaign.late,
    status: campaign.status,
  });
}

function statusLines(ctx: BotContext, status: CampaignStatus): string[] {
  const lines = [
    ctx.t('campaigns-status-title', { id: status.number, title: status.title, status: status.status }),
    ctx.t('campaigns-status-questionnaire', {
      questionnaire: status.questionnaire.title,
      version: status.questionnaire.version,
    }),
    ctx.t('campaigns-status-deadline', { deadline: formatDate(status.deadline) }),
    ctx.t('campaigns-status-completion', {
      submitted: status.submitted,
      total: status.total,
      inProgress: status.inProgress,
      notStarted: status.notStarted,
    }),
  ];
  if (status.late > 0) lines.push(ctx.t('campaigns-status-late', { count: status.late }));
  for (const group of ['not-started', 'in-progress', 'submitted'] as const) {
    const schools = status.schools.filter((school) => school.status === group);
    if (schools.length === 0) continue;
    lines.push('', ctx.t('campaigns-status-group', { status: group, count: schools.length }));
    for (const school of schools) {
      lines.push(
        group === 'submitted'
          ? ctx.t('campaigns-status-school-submitted', {
              code: school.code,
              name: school.name,
              date: school.submittedAt ? formatDate(school.submittedAt) : '—',
            })
          : ctx.t('campaigns-status-school', {
              code: school.code,
              name: school.name,
              answered: school.answered,
              items: school.items,
              late: school.late ? 'yes' : 'no',
            }),
      );
    }
  }
  return lines;
}

/** Files sent per tap: Telegram allows about one message a second per chat. */
const FILES_PER_TAP = 30;

function statusKeyboard(ctx: RegisteredContext, status: CampaignStatus): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('campaigns-button-export'), campaignData.export.pack({ id: status.id }))
    .text(ctx.t('campaigns-button-files'), campaignData.files.pack({ id: status.id }))
    .text(ctx.t('campaigns-button-refresh'), campaignData.refresh.pack({ id: status.id }));
  if (status.status === 'open' && mayEver(actorOf(ctx.person), 'campaign.manage')) {
    keyboard
      .row()
      .text(ctx.t('campaigns-button-extend'), campaignData.extend.pack({ id: status.id }))
      .text(ctx.t('campaigns-button-reopen'), campaignData.reopen.pack({ id: status.id }));
    keyboard.row().text(ctx.t('campaigns-button-close'), campaignData.close.pack({ id: status.id }));
  }
  return keyboard;
}

async function showStatus(ctx: RegisteredContext, campaignId: number): Promise<void> {
  const status = await ctx.services.campaigns.status(actorOf(ctx.person), campaignId);
  const chunks = splitLines(statusLines(ctx, status));
  for (const [index, chunk] of chunks.entries()) {
    await ctx.reply(chunk, index === chunks.length - 1 ? { reply_markup: statusKeyboard(ctx, status) } : {});
  }
}

export function campaignsFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');
  privateChats.use(createConversation<RegisteredContext, ConversationContext>(launchConversation, LAUNCH_CONVERSATION));
  privateChats.use(createConversation<RegisteredContext, ConversationContext>(extendConversation, EXTEND_CONVERSATION));

  privateChats.command('launch', async (ctx) => {
    if (!mayEver(actorOf(ctx.person), 'campaign.manage')) {
      await ctx.reply(ctx.t(ctx.person.role === 'director' ? 'campaigns-for-coordinators' : 'access-denied'));
      return;
    }
    await ctx.conversation.enter(LAUNCH_CONVERSATION);
  });

  privateChats.command('campaigns', async (ctx) => {
    const actor = actorOf(ctx.person);
    if (!mayEver(actor, 'campaign.read')) {
      await ctx.reply(ctx.t(ctx.person.role === 'director' ? 'campaigns-for-coordinators' : 'access-denied'));
      return;
    }
    // the number people read (per territory), never the internal id
    const number = Number.parseInt(ctx.match.trim(), 10);
    if (Number.isInteger(number) && number > 0) {
      const found = await ctx.services.campaigns.byNumber(actor, number);
      if (found.length === 1) await showStatus(ctx, found[0]!.id);
      else if (found.length === 0) await ctx.reply(ctx.t('campaigns-not-found', { id: number }));
      else {
        const keyboard = new InlineKeyboard();
        for (const campaign of found)
          keyboard.text(clip(summaryLine(ctx, campaign), 60), campaignData.refresh.pack({ id: campaign.id })).row();
        await ctx.reply(ctx.t('campaigns-number-ambiguous', { id: number, count: found.length }), {
          reply_markup: keyboard,
        });
      }
      return;
    }
    const campaigns = await ctx.services.campaigns.list(actor);
    if (campaigns.length === 0) {
      await ctx.reply(ctx.t('campaigns-list-empty'));
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const campaign of campaigns.slice(0, 20))
      keyboard
        .text(
          clip(ctx.t('campaigns-button-view', { id: campaign.number, title: campaign.title }), 60),
          campaignData.refresh.pack({ id: campaign.id }),
        )
        .row();
    const lines = [
      ctx.t('campaigns-list-title', { count: campaigns.length }),
      ...campaigns.map((campaign) => summaryLine(ctx, campaign)),
    ];
    const chunks = splitLines(lines);
    for (const [index, chunk] of chunks.entries())
      await ctx.reply(chunk, index === chunks.length - 1 ? { reply_markup: keyboard } : {});
  });

  onButton(privateChats, campaignData.refresh, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    await showStatus(ctx, campaignId);
  });

  onButton(privateChats, campaignData.export, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    const exported = await renderAnswersExport(await ctx.services.campaigns.answers(actorOf(ctx.person), campaignId));
    const status = await ctx.services.campaigns.status(actorOf(ctx.person), campaignId);
    await ctx.replyWithDocument(new InputFile(exported.bytes, exported.fileName), {
      caption: ctx.t('campaigns-export-caption', { title: status.title }),
    });
  });

  // The schools' attached files, next to the export (issue 10).
  onButton(privateChats, campaignData.files, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    const files = await ctx.services.campaigns.files(actorOf(ctx.person), campaignId);
    if (files.length === 0) {
      await ctx.reply(ctx.t('campaigns-files-none'));
      return;
    }
    const shown = files.slice(0, FILES_PER_TAP);
    for (const file of shown) {
      const caption = ctx.t('campaigns-file-caption', { code: file.schoolCode, school: file.school, item: file.item });
      if (file.kind === 'photo') await ctx.replyWithPhoto(file.fileId, { caption });
      else await ctx.replyWithDocument(file.fileId, { caption });
    }
    if (files.length > shown.length)
      await ctx.reply(ctx.t('campaigns-files-more', { count: files.length - shown.length }));
  });

  onButton(privateChats, campaignData.extend, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(EXTEND_CONVERSATION, campaignId);
  });

  onButton(privateChats, campaignData.close, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    const status = await ctx.services.campaigns.status(actorOf(ctx.person), campaignId);
    await ctx.reply(
      ctx.t('campaigns-close-confirm', { title: status.title, submitted: status.submitted, total: status.total }),
      {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('campaigns-button-close-confirm'), campaignData.closeConfirmed.pack({ id: status.id }))
          .text(ctx.t('campaigns-button-cancel'), campaignData.closeCancelled.pack({})),
      },
    );
  });

  onButton(privateChats, campaignData.closeConfirmed, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const closed = await ctx.services.campaigns.close(actorOf(ctx.person), campaignId);
    await ctx.reply(
      ctx.t('campaigns-closed-done', { title: closed.title, submitted: closed.submitted, total: closed.total }),
      {
        reply_markup: new InlineKeyboard().text(
          ctx.t('campaigns-button-export'),
          campaignData.export.pack({ id: closed.id }),
        ),
      },
    );
  });

  onButton(privateChats, campaignData.closeCancelled, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t('cancelled'));
  });

  onButton(privateChats, campaignData.reopen, async (ctx, { id: campaignId }) => {
    await ctx.answerCallbackQuery();
    const status = await ctx.services.campaigns.status(actorOf(ctx.person), campaignId);
    const submitted = status.schools.filter((school) => school.status === 'submitted');
    if (submitted.length === 0) {
      await ctx.reply(ctx.t('campaigns-reopen-none'));
      return;
    }
    const keyboard = new InlineKeyboard();
    submitted.slice(0, 90).forEach((school, index) => {
      keyboard.text(
        clip(`${school.code} ${school.name}`, 40),
        campaignData.reopenSchool.pack({ id: status.id, code: school.code }),
      );
      if (index % 2 === 1) keyboard.row();
    });
    await ctx.reply(ctx.t('campaigns-reopen-ask'), { reply_markup: keyboard });
  });

  onButton(privateChats, campaignData.reopenSchool, async (ctx, { id: campaignId, code }) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const actor = actorOf(ctx.person);
    const reopened = await ctx.services.campaigns.reopen(actor, campaignId, code);
    await ctx.reply(
      ctx.t('campaigns-reopened', {
        school: reopened.school.name,
        code: reopened.school.code,
        notified: reopened.recipients.length,
      }),
    );
    await ctx.delivery.kick();
  });

  return feature;
}
