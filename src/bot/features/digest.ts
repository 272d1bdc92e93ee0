/**
 * Committee chats and the digest in chat (issue 13 §1):
 * - in a group: `/digest here` binds it to the scope of the coordinator / committee member who
 *   sends it, `/digest off` unbinds, `/digest` shows this week's digest now;
 * - in a private chat: `/digest` shows the person's own scope's digest;
 * - the bot's own membership (my_chat_member) and a group's migration to a supergroup;
 * - «Полный отчёт» under a digest sends the .xlsx privately to whoever pressed it (if they may).
 *
 * In groups the bot shows nothing personal and answers only the commands meant for groups
 * (a minimal guard here until the shared group filter lands).
 */
import { type CallbackQueryContext, Composer, GrammyError, InputFile, type Filter } from 'grammy';
import { writeIdentificationReport } from '../../documents/identificationReport.ts';
import { actorOf } from '../../services/index.ts';
import { digestChart, digestChartCaption, digestText } from '../../text/digest.ts';
import { failShareChartPng } from '../../documents/charts/failShareChart.ts';
import { scopeName } from '../../text/identification.ts';
import { digestKeyboard } from '../keyboards/digest.ts';
import { writeSpravka } from '../../documents/docx/spravka.ts';
import { writeReportWorkbook } from '../../documents/xlsx-report/writeReport.ts';
import type { BotContext } from '../context.ts';
import { digestReportData, digestSpravkaData, digestWorkbookData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';

function whenText(ctx: BotContext): string {
  const schedule = ctx.services.digest.schedule();
  const time = `${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
  return ctx.t('digest-when', {
    day: ctx.t('digest-weekday', { day: schedule.weekday }),
    time,
    zone: schedule.timeZone,
  });
}

type GroupContext = Filter<BotContext, 'message'> & { chat: { type: 'group' | 'supergroup'; title: string } };

/** The preview shows what the weekly digest will: the text, then the scope's chart when it has results. */
async function replyWithChart(ctx: BotContext, content: Parameters<typeof digestChart>[1]): Promise<void> {
  if (!content.chart) return;
  await ctx.replyWithPhoto(new InputFile(failShareChartPng(digestChart(ctx.t, content)), 'chart.png'), {
    caption: digestChartCaption(ctx.t, content),
  });
}

export function digestFeature() {
  const feature = new Composer<BotContext>();
  // The group became a supergroup: the old chat gets a service message naming the new id.
  feature.on('message:migrate_to_chat_id', async (ctx) => {
    if (await ctx.services.committeeChats.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id))
      ctx.logger.info({ from: ctx.chat.id, to: ctx.message.migrate_to_chat_id }, 'committee chat migrated');
  });

  // Everything for groups is in this one branch (it ends with the group guard).
  const groups = feature.chatType(['group', 'supergroup']);

  groups.command('digest', async (ctx) => {
    const argument = ctx.match.trim().toLowerCase();
    if (argument === 'here') return bindHere(ctx as unknown as GroupContext);
    if (argument === 'off') {
      if (!ctx.person) return void (await ctx.reply(ctx.t('digest-bind-stranger')));
      const { wasBound } = await ctx.services.committeeChats.unbindByCommand(actorOf(ctx.person), ctx.chat.id);
      return void (await ctx.reply(ctx.t(wasBound ? 'digest-unbound' : 'digest-unbind-none')));
    }
    if (argument !== '') return void (await ctx.reply(ctx.t('digest-usage')));
    const content = await ctx.services.digest.previewForChat(ctx.chat.id);
    const keyboard = digestKeyboard(ctx.t, content);
    await ctx.reply(digestText(ctx.t, content), keyboard ? { reply_markup: keyboard } : {});
    await replyWithChart(ctx, content);
  });

  feature.chatType('private').command('digest', async (ctx) => {
    if (!ctx.person) return void (await ctx.reply(ctx.t('digest-private-none')));
    if (ctx.match.trim() !== '') return void (await ctx.reply(ctx.t('digest-bind-private')));
    const content = await ctx.services.digest.previewForActor(actorOf(ctx.person));
    const keyboard = digestKeyboard(ctx.t, content);
    await ctx.reply(digestText(ctx.t, content), keyboard ? { reply_markup: keyboard } : {});
    await replyWithChart(ctx, content);
  });

  feature.on('my_chat_member', async (ctx, next) => {
    const chat = ctx.myChatMember.chat;
    if (chat.type !== 'group' && chat.type !== 'supergroup') return next();
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'left' || status === 'kicked') {
      if (await ctx.services.committeeChats.unbind(chat.id, 'removed'))
        ctx.logger.info({ chat: chat.id }, 'committee chat unbound: the bot was removed');
      return;
    }
    const was = ctx.myChatMember.old_chat_member.status;
    if ((status === 'member' || status === 'administrator') && (was === 'left' || was === 'kicked')) {
      await ctx.api.sendMessage(chat.id, ctx.t('digest-added')).catch(() => undefined);
    }
    // Made an administrator or restricted: the binding stays; a digest that cannot be posted
    // is recorded as failed with Telegram's reason.
  });

  onButton(groups, digestReportData, async (ctx, { runIds }) => {
    if (!ctx.person || !ctx.from)
      return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-report-denied'), show_alert: true }));
    let report: Awaited<ReturnType<BotContext['services']['identification']['report']>>;
    try {
      report = await ctx.services.identification.report(actorOf(ctx.person), runIds);
    } catch {
      return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-report-denied'), show_alert: true }));
    }
    const bytes = await writeIdentificationReport(report, ctx.t);
    const scope = scopeName(ctx.t, report.scope);
    try {
      await ctx.api.sendDocument(
        ctx.from.id,
        new InputFile(bytes, `Идентификация школ — ${scope}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ')),
        { caption: ctx.t('identify-xlsx-caption', { scope }) },
      );
    } catch {
      return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-report-start-first'), show_alert: true }));
    }
    await ctx.answerCallbackQuery({ text: ctx.t('digest-report-sent') });
  });

  // «Отчёт (.xlsx)» / «Справка (.docx)» under a digest: /report of the group's scope, sent
  // privately to whoever pressed (a coordinator or committee member of that scope).
  const scopeReport = (spravka: boolean) => async (ctx: CallbackQueryContext<BotContext>) => {
    if (ctx.chat?.type !== 'group' && ctx.chat?.type !== 'supergroup') return void (await ctx.answerCallbackQuery());
    const denied = () => ctx.answerCallbackQuery({ text: ctx.t('digest-report-denied'), show_alert: true });
    if (!ctx.person || !ctx.from) return void (await denied());
    const chat = await ctx.services.committeeChats.find(ctx.chat.id);
    if (!chat) return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-not-bound'), show_alert: true }));
    let data: Awaited<ReturnType<BotContext['services']['reports']['data']>>;
    try {
      data = await ctx.services.reports.data(actorOf(ctx.person), {
        ...(chat.scope.municipalityId !== null ? { municipality: chat.scope.name } : {}),
      });
    } catch {
      return void (await denied());
    }
    const name = `${spravka ? 'Аналитическая справка' : 'Отчёт'} — ${data.scope.name}, ${data.year.replace('/', '-')}`;
    const bytes = spravka ? await writeSpravka(data, ctx.t) : await writeReportWorkbook(data, ctx.t);
    try {
      await ctx.api.sendDocument(
        ctx.from.id,
        new InputFile(bytes, `${name}.${spravka ? 'docx' : 'xlsx'}`.replace(/[\\/:*?"<>|]/g, ' ')),
        {
          caption: ctx.t(spravka ? 'report-docx-caption' : 'report-xlsx-caption', {
            scope: data.scope.name,
            year: data.year,
          }),
        },
      );
    } catch {
      return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-report-start-first'), show_alert: true }));
    }
    await ctx.answerCallbackQuery({ text: ctx.t('digest-report-sent') });
  };
  onButton(groups, digestWorkbookData, scopeReport(false));
  onButton(groups, digestSpravkaData, scopeReport(true));

  // Minimal group guard: other commands and messages in groups get no answer (nothing
  // personal is shown there); a command addressed to the bot explicitly gets a hint.
  groups.on('message', async (ctx, next) => {
    const text = ctx.message.text ?? '';
    // /help answers in groups with the group's own text (features/help.ts, issue 10)
    if (/^\/help(@\w+)?(\s|$)/i.test(text)) return next();
    if (
      text.startsWith('/') &&
      ctx.me.username &&
      text.split(/\s/)[0]!.toLowerCase().endsWith(`@${ctx.me.username.toLowerCase()}`)
    )
      await ctx.reply(ctx.t('digest-group-only'));
  });
  groups.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery();
  });

  return feature;
}

async function bindHere(ctx: GroupContext): Promise<void> {
  const bot = ctx as unknown as BotContext;
  if (!bot.person) {
    await ctx.reply(bot.t('digest-bind-stranger'));
    return;
  }
  const cannotPost = async () => {
    // The group cannot hear us: tell the person privately; nothing stays bound.
    bot.logger.warn({ chat: ctx.chat.id }, 'cannot post in the group to bind');
    await ctx.api
      .sendMessage(ctx.from!.id, bot.t('digest-cannot-post', { title: ctx.chat.title }))
      .catch(() => undefined);
  };
  const member = await ctx.getChatMember(ctx.me.id).catch(() => null);
  if (member?.status === 'restricted' && !member.can_send_messages) return cannotPost();
  const outcome = await bot.services.committeeChats.bind(actorOf(bot.person), {
    id: ctx.chat.id,
    title: ctx.chat.title,
  });
  const scope =
    outcome.chat.scope.municipalityId === null
      ? bot.t('digest-scope-region', { name: outcome.chat.scope.name })
      : outcome.chat.scope.name;
  const text =
    outcome.state === 'already'
      ? bot.t('digest-already', { scope })
      : outcome.state === 'rebound'
        ? bot.t('digest-rebound', { scope, previous: outcome.previous })
        : bot.t('digest-bound', { scope, when: whenText(bot) });
  try {
    await ctx.reply(text);
  } catch (error) {
    if (!(error instanceof GrammyError) || (error.error_code !== 400 && error.error_code !== 403)) throw error;
    await bot.services.committeeChats.unbind(ctx.chat.id, 'forbidden');
    await cannotPost();
  }
}
