/**
 * Coordinators' campaign conversations: /launch (questionnaire → schools → deadline →
 * reminders → confirmation) and extending a deadline. Every database touch and every message
 * to the schools runs in `conversation.external` and returns plain JSON; typed answers are
 * asked again a bounded number of times.
 */
import { InlineKeyboard } from 'grammy';
import { AccessDeniedError } from '../../domain/access/policy.ts';
import { DEFAULT_REMINDER_DAYS, parseDeadline, parseReminderDays } from '../../domain/campaigns/schedule.ts';
import { actorOf, UserError } from '../../services/index.ts';
import type { RegisteredContext, RegisteredConversation, ConversationContext } from '../context.ts';
import { clip } from '../forms/render.ts';
import { formatDate } from '../format.ts';
import { targetSetLabel } from '../../text/identificationData.ts';
import { launchData } from '../../callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

export const LAUNCH_CONVERSATION = 'campaign-launch';
export const EXTEND_CONVERSATION = 'campaign-extend';
const ATTEMPTS = 3;
/** Dates are asked again after every bad answer (issue 10); the bound only keeps the replay log finite. */
const DATE_ATTEMPTS = 15;

function reminderList(t: Translate, days: readonly number[]): string {
  return days
    .map((d) =>
      d > 0 ? t('campaigns-reminder-before-days', { days: d }) : t('campaigns-reminder-after-days', { days: -d }),
    )
    .join(', ');
}

type Outcome<T> = ({ ok: true } & T) | { ok: false; key: string; params: Record<string, string | number> };

function refusal(error: unknown): { ok: false; key: string; params: Record<string, string | number> } {
  if (error instanceof UserError) return { ok: false, key: error.key, params: error.params };
  if (error instanceof AccessDeniedError) return { ok: false, key: 'access-denied', params: {} };
  throw error;
}

export async function launchConversation(conversation: RegisteredConversation, ctx: ConversationContext) {
  const setup = await conversation.external(async (outside: RegisteredContext) => {
    const actor = actorOf(outside.person);
    try {
      const [questionnaires, schools] = await Promise.all([
        outside.services.questionnaires.list(actor),
        outside.services.schools.list(actor),
      ]);
      // «школы из перечня ШНОР», «зона риска», «ШНСУ» (issue 11); a set without schools is not offered
      const sets = await outside.services.identificationData.targetSets(actor).catch(() => []);
      return {
        ok: true as const,
        now: outside.services.deps.now().toISOString(),
        schools: schools.map((school) => school.code),
        sets: sets
          .filter((set) => set.codes.length > 0)
          .map((set) => ({ id: set.id, codes: set.codes, label: targetSetLabel(outside.t.bind(outside), set) })),
        questionnaires: questionnaires.map((q) => ({
          versionId: q.versionId,
          title: q.title,
          items: q.items,
          conditional: q.conditional,
          builtin: q.builtin,
        })),
      };
    } catch (error) {
      return refusal(error);
    }
  });
  if (!setup.ok) {
    await ctx.reply(ctx.t(setup.key, setup.params));
    return;
  }
  if (setup.questionnaires.length === 0) {
    await ctx.reply(ctx.t('campaigns-launch-no-questionnaires'));
    return;
  }
  if (setup.schools.length === 0) {
    await ctx.reply(ctx.t('campaigns-no-schools'));
    return;
  }

  // 1. The questionnaire
  const pickKeyboard = new InlineKeyboard();
  setup.questionnaires.forEach((q, index) =>
    pickKeyboard
      .text(
        clip(
          ctx.t('campaigns-launch-questionnaire', {
            title: q.title,
            items: q.items,
            conditional: q.conditional,
            builtin: q.builtin ? 'yes' : 'no',
          }),
          60,
        ),
        launchData.questionnaire.pack({ index }),
      )
      .row(),
  );
  pickKeyboard.text(ctx.t('campaigns-button-cancel'), launchData.cancel.pack({}));
  await ctx.reply(ctx.t('campaigns-launch-pick'), { reply_markup: pickKeyboard });
  const picked = await conversation.waitForCallbackQuery([launchData.questionnaire.exact, launchData.cancel.exact], {
    otherwise: (other) => other.reply(other.t('campaigns-launch-pick')),
  });
  await picked.answerCallbackQuery();
  await picked.editMessageReplyMarkup();
  const pick = launchData.questionnaire.unpack(picked.callbackQuery.data);
  if (!pick) {
    await ctx.reply(ctx.t('cancelled'));
    return;
  }
  const questionnaire = setup.questionnaires[pick.index];
  if (!questionnaire) return;

  // 2. The schools
  const schoolsKeyboard = new InlineKeyboard()
    .text(ctx.t('campaigns-launch-all', { count: setup.schools.length }), launchData.allSchools.pack({}))
    .row();
  for (const set of setup.sets ?? []) schoolsKeyboard.text(set.label, launchData.schoolSet.pack({ id: set.id })).row();
  schoolsKeyboard
    .text(ctx.t('campaigns-launch-choose'), launchData.pickSchools.pack({}))
    .row()
    .text(ctx.t('campaigns-button-cancel'), launchData.cancel.pack({}));
  await ctx.reply(ctx.t('campaigns-launch-schools', { count: setup.schools.length }), {
    reply_markup: schoolsKeyboard,
  });
  const schoolButtons = [launchData.allSchools, launchData.pickSchools, launchData.cancel, launchData.schoolSet];
  const which = await conversation.waitForCallbackQuery(
    schoolButtons.map((codec) => codec.exact),
    {
      otherwise: (other) => other.reply(other.t('campaigns-launch-schools', { count: setup.schools.length })),
    },
  );
  await which.answerCallbackQuery();
  await which.editMessageReplyMarkup();
  const whichData = which.callbackQuery.data;
  if (launchData.cancel.unpack(whichData)) {
    await ctx.reply(ctx.t('cancelled'));
    return;
  }
  let schools: 'all' | string[] = 'all';
  const setId = launchData.schoolSet.unpack(whichData)?.id;
  const set = (setup.sets ?? []).find((entry) => entry.id === setId);
  if (set) schools = [...set.codes];
  if (launchData.pickSchools.unpack(whichData)) {
    await ctx.reply(ctx.t('campaigns-launch-ask-codes'));
    const known = new Set(setup.schools);
    let chosen: string[] | null = null;
    for (let attempt = 1; attempt <= ATTEMPTS && !chosen; attempt++) {
      const answer = await conversation.waitFor('message:text', {
        otherwise: (other) => other.reply(other.t('campaigns-launch-ask-codes')),
      });
      const codes = [
        ...new Set(
          answer.message.text
            .toLowerCase()
            .split(/[\s,;]+/)
            .filter(Boolean),
        ),
      ];
      const unknown = codes.filter((code) => !known.has(code));
      if (codes.length === 0) await answer.reply(answer.t('campaigns-launch-no-codes'));
      else if (unknown.length > 0)
        await answer.reply(answer.t('campaigns-unknown-schools', { codes: unknown.join(', '), count: unknown.length }));
      else chosen = codes;
    }
    if (!chosen) {
      await ctx.reply(ctx.t('campaigns-launch-gave-up'));
      return;
    }
    schools = chosen;
  }

  // 3. The deadline
  await ctx.reply(ctx.t('campaigns-launch-ask-deadline'));
  let deadline: { at: string; date: string } | null = null;
  for (let attempt = 1; attempt <= DATE_ATTEMPTS && !deadline; attempt++) {
    const answer = await conversation.waitFor('message:text', {
      otherwise: (other) => other.reply(other.t('campaigns-launch-ask-deadline')),
    });
    const parsed = parseDeadline(answer.message.text, new Date(setup.now));
    if (parsed.ok) deadline = { at: parsed.deadline.toISOString(), date: parsed.date };
    else await answer.reply(answer.t(parsed.reason, parsed.params));
  }
  if (!deadline) {
    await ctx.reply(ctx.t('campaigns-launch-gave-up'));
    return;
  }

  // 4. Reminders
  await ctx.reply(ctx.t('campaigns-launch-ask-reminders'), {
    reply_markup: new InlineKeyboard().text(
      ctx.t('campaigns-launch-reminders-default'),
      launchData.defaultReminders.pack({}),
    ),
  });
  let reminderDays: number[] | null = null;
  for (let attempt = 1; attempt <= ATTEMPTS && !reminderDays; attempt++) {
    const answer = await conversation.waitUntil(
      (update) =>
        launchData.defaultReminders.unpack(update.callbackQuery?.data ?? '') !== null ||
        update.message?.text !== undefined,
      {
        otherwise: (other) => other.reply(other.t('campaigns-launch-ask-reminders')),
      },
    );
    if (answer.callbackQuery) {
      await answer.answerCallbackQuery();
      await answer.editMessageReplyMarkup();
      reminderDays = [...DEFAULT_REMINDER_DAYS];
      continue;
    }
    const parsed = parseReminderDays(answer.message!.text!);
    if (parsed.ok) reminderDays = parsed.days;
    else await answer.reply(answer.t(parsed.reason, parsed.params));
  }
  if (!reminderDays) {
    await ctx.reply(ctx.t('campaigns-launch-gave-up'));
    return;
  }

  // 5. Confirmation (with what deserves a second look), then launch and invitations
  const chosenSchools = schools;
  const check = await conversation.external(async (outside: RegisteredContext) => {
    try {
      const found = await outside.services.campaigns.checkLaunch(actorOf(outside.person), {
        questionnaireVersionId: questionnaire.versionId,
        schools: chosenSchools,
      });
      return { ok: true as const, ...found };
    } catch (error) {
      return refusal(error);
    }
  });
  const warnings: string[] = [];
  if (check.ok) {
    for (const open of check.overlapping)
      warnings.push(
        ctx.t('campaigns-launch-warn-open', {
          title: open.title,
          deadline: formatDate(open.deadline),
          count: open.schools,
          total: check.schools,
        }),
      );
    if (check.withoutResponders.length > 0)
      warnings.push(
        ctx.t(
          check.withoutResponders.length === check.schools
            ? 'campaigns-launch-warn-nobody-all'
            : 'campaigns-launch-warn-nobody',
          {
            count: check.withoutResponders.length,
            schools: clip(check.withoutResponders.map((school) => `${school.code} ${school.name}`).join(', '), 1500),
          },
        ),
      );
  }
  await ctx.reply(
    ctx.t('campaigns-launch-confirm', {
      title: questionnaire.title,
      schools: schools === 'all' ? setup.schools.length : schools.length,
      deadline: formatDate(deadline.at),
      reminders: reminderList(ctx.t.bind(ctx), reminderDays),
    }) + (warnings.length ? `\n\n${warnings.join('\n')}` : ''),
    {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('campaigns-launch-go'), launchData.go.pack({}))
        .text(ctx.t('campaigns-button-cancel'), launchData.cancel.pack({})),
    },
  );
  const confirm = await conversation.waitForCallbackQuery([launchData.go.exact, launchData.cancel.exact], {
    otherwise: (other) => other.reply(other.t('campaigns-launch-go')),
  });
  await confirm.answerCallbackQuery();
  await confirm.editMessageReplyMarkup();
  if (!launchData.go.unpack(confirm.callbackQuery.data)) {
    await ctx.reply(ctx.t('cancelled'));
    return;
  }
  const chosenDays = reminderDays;
  const due = deadline.at;
  const launched = await conversation.external(
    async (
      outside: RegisteredContext,
    ): Promise<
      Outcome<{
        id: number;
        number: number;
        title: string;
        deadline: string;
        schools: number;
        queued: number;
        again: boolean;
        without: string[];
      }>
    > => {
      try {
        // One transaction writes the campaign and every invitation owed (the outbox); the same
        // request again (a replayed «Запустить», a retried /launch) returns the same campaign.
        const result = await outside.services.campaigns.launch(actorOf(outside.person), {
          questionnaireVersionId: questionnaire.versionId,
          schools,
          deadline: new Date(due),
          reminderDays: chosenDays,
        });
        return {
          ok: true,
          id: result.campaignId,
          number: result.number,
          title: result.title,
          deadline: result.deadline,
          schools: result.schools,
          queued: result.recipients.length,
          again: result.alreadyLaunched,
          without: result.withoutResponders.map((school) => `${school.code} ${school.name}`),
        };
      } catch (error) {
        return refusal(error);
      }
    },
  );
  if (!launched.ok) {
    await ctx.reply(ctx.t(launched.key, launched.params));
    return;
  }
  if (launched.again) {
    await ctx.reply(
      ctx.t('delivery-launch-again', {
        id: launched.number,
        title: launched.title,
        deadline: formatDate(launched.deadline),
      }),
    );
    return;
  }
  const lines = [
    ctx.t('delivery-launch-queued', {
      id: launched.number,
      title: launched.title,
      schools: launched.schools,
      deadline: formatDate(launched.deadline),
      queued: launched.queued,
    }),
  ];
  if (launched.without.length > 0) {
    lines.push(
      '',
      ctx.t('campaigns-launched-without', {
        count: launched.without.length,
        schools: clip(launched.without.join(', '), 3000),
      }),
    );
  }
  await ctx.reply(lines.join('\n'));
  // The invitations go out through the sender; its summary with the counts follows them.
  await conversation.external((outside: RegisteredContext) => outside.delivery.kick());
}

export async function extendConversation(
  conversation: RegisteredConversation,
  ctx: ConversationContext,
  campaignId: number,
) {
  const current = await conversation.external(async (outside: RegisteredContext) => {
    try {
      const status = await outside.services.campaigns.status(actorOf(outside.person), campaignId);
      return {
        ok: true as const,
        title: status.title,
        deadline: status.deadline,
        now: outside.services.deps.now().toISOString(),
      };
    } catch (error) {
      return refusal(error);
    }
  });
  if (!current.ok) {
    await ctx.reply(ctx.t(current.key, current.params));
    return;
  }
  await ctx.reply(ctx.t('campaigns-extend-ask', { title: current.title, deadline: formatDate(current.deadline) }));
  let deadline: string | null = null;
  for (let attempt = 1; attempt <= DATE_ATTEMPTS && !deadline; attempt++) {
    const answer = await conversation.waitFor('message:text', {
      otherwise: (other) =>
        other.reply(other.t('campaigns-extend-ask', { title: current.title, deadline: formatDate(current.deadline) })),
    });
    const parsed = parseDeadline(answer.message.text, new Date(current.now));
    // «Продлить» is later than now *and* than the current deadline (issue 10)
    if (parsed.ok && parsed.deadline.getTime() > new Date(current.deadline).getTime())
      deadline = parsed.deadline.toISOString();
    else if (parsed.ok)
      await answer.reply(
        answer.t('campaigns-extend-earlier', {
          input: formatDate(parsed.deadline.toISOString()),
          deadline: formatDate(current.deadline),
        }),
      );
    else await answer.reply(answer.t(parsed.reason, parsed.params));
  }
  if (!deadline) {
    await ctx.reply(ctx.t('campaigns-launch-gave-up'));
    return;
  }
  const due = deadline;
  const extended = await conversation.external(
    async (outside: RegisteredContext): Promise<Outcome<{ deadline: string; notified: number }>> => {
      try {
        const result = await outside.services.campaigns.extend(actorOf(outside.person), campaignId, new Date(due));
        await outside.delivery.kick();
        return { ok: true, deadline: result.deadline, notified: result.recipients.length };
      } catch (error) {
        return refusal(error);
      }
    },
  );
  if (!extended.ok) {
    await ctx.reply(ctx.t(extended.key, extended.params));
    return;
  }
  await ctx.reply(
    ctx.t('campaigns-extended', {
      title: current.title,
      deadline: formatDate(extended.deadline),
      notified: extended.notified,
    }),
  );
}
