/**
 * Directors' forms: /forms (the open forms of my school; with one unfinished form it opens
 * right away), the «Заполнить» button of notifications and reminders, and /pause.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { createConversation } from '@grammyjs/conversations';
import { actorOf } from '../../services/index.ts';
import type { FormSummary } from '../../services/forms.ts';
import type { BotContext, ConversationContext, RegisteredContext } from '../context.ts';
import { FORM_CONVERSATION, formConversation, formHandovers } from '../conversations/form.ts';
import { showSubmittedForm } from '../forms/step.ts';
import { clip } from '../forms/render.ts';
import { formatDate } from '../format.ts';
import { openFormData } from '../keyboards/forms.ts';
import { formOpenData, formStepData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

async function enterForm(ctx: BotContext, campaignId: number): Promise<void> {
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(FORM_CONVERSATION, campaignId);
}

/**
 * /pause works in the middle of a form: it must run before the generic «another command
 * leaves the conversation» rule, so it is installed next to /cancel (see createBot).
 */
export function pauseCommand() {
  const feature = new Composer<BotContext>();
  feature.command('pause', async (ctx) => {
    const inForm = ctx.conversation.active(FORM_CONVERSATION) > 0;
    if (inForm) await ctx.conversation.exit(FORM_CONVERSATION);
    // The question's buttons go too: a later tap would resume the form and lose itself (issue 10).
    const session = await ctx.session;
    const live = session.formMessage;
    if (live !== undefined && ctx.chat) {
      session.formMessage = undefined;
      await ctx.api.editMessageReplyMarkup(ctx.chat.id, live).catch(() => undefined);
    }
    await ctx.reply(ctx.t(inForm ? 'forms-paused' : 'forms-nothing-to-pause'));
  });
  return feature;
}

function formLine(ctx: BotContext, form: FormSummary): string {
  return ctx.t('forms-list-item', {
    title: form.title,
    deadline: formatDate(form.deadline),
    answered: form.answered,
    items: form.items,
    state: form.submitted ? 'submitted' : form.late ? 'late' : form.answered > 0 ? 'in-progress' : 'new',
  });
}

export function formsFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.use(createConversation<RegisteredContext, ConversationContext>(formConversation, FORM_CONVERSATION));
  // A conversation instance that used up its steps hands its cursor over to a fresh one.
  privateChats.use(async (ctx, next) => {
    const handover = formHandovers.get(ctx);
    if (!handover) return next();
    formHandovers.delete(ctx);
    await ctx.conversation.enter(FORM_CONVERSATION, handover.campaignId, handover);
  });

  privateChats.command('forms', async (ctx) => {
    const person = ctx.person;
    if (person.role !== 'director') {
      await ctx.reply(ctx.t('forms-only-directors'));
      return;
    }
    const forms = await ctx.services.forms.mine(actorOf(person));
    if (forms.length === 0) {
      await ctx.reply(ctx.t('forms-list-empty'));
      return;
    }
    const unfinished = forms.filter((form) => !form.submitted);
    if (unfinished.length === 1 && forms.length === 1) {
      await enterForm(ctx, unfinished[0]!.campaignId);
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const form of forms) {
      const label = form.submitted
        ? 'forms-button-view'
        : form.answered > 0
          ? 'forms-button-continue'
          : 'forms-button-start';
      keyboard.text(clip(`${ctx.t(label)}: ${form.title}`, 60), openFormData(form.campaignId)).row();
    }
    await ctx.reply(
      [ctx.t('forms-list-title', { count: forms.length }), ...forms.map((form) => formLine(ctx, form))].join('\n'),
      { reply_markup: keyboard },
    );
  });

  onButton(privateChats, formOpenData, async (ctx, { id: campaignId }) => {
    if (ctx.person.role !== 'director') {
      await ctx.answerCallbackQuery({ text: ctx.t('forms-only-directors') });
      return;
    }
    const forms = await ctx.services.forms.mine(actorOf(ctx.person));
    const form = forms.find((f) => f.campaignId === campaignId);
    if (form?.submitted) {
      await ctx.answerCallbackQuery();
      await showSubmittedForm(ctx, campaignId);
      return;
    }
    await enterForm(ctx, campaignId);
  });

  // A button of a form whose conversation is gone (e.g. after /pause): open the form again.
  onButton(privateChats, formStepData, async (ctx, { campaign }) => {
    if (ctx.person.role !== 'director') {
      await ctx.answerCallbackQuery({ text: ctx.t('forms-only-directors') });
      return;
    }
    await enterForm(ctx, campaign);
  });

  return feature;
}
