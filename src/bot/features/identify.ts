/**
 * Identification in chat (issue #4):
 * - /identify [year] — a coordinator (or admin) runs all methods for their scope: summary per method
 *   (N of M schools, entered / left since the previous run, who is flagged) and a button for the
 *   full list as .xlsx. A committee member gets the last stored run of their scope (they read, not
 *   run); a director is refused (the service says so).
 * (/status — the school card and the overview — lives in ./status.ts.)
 * What a results import changed is told to the coordinators through the outbox (src/delivery/jobs.ts).
 */
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { mayEver } from '../../domain/access/policy.ts';
import { parseAcademicYear } from '../../domain/results/academicYear.ts';
import { writeIdentificationReport } from '../../documents/identificationReport.ts';
import { formatRanAt, methodSummaryLines, scopeName, summaryLines } from '../../text/identification.ts';
import { IDENTIFICATION_METHODS } from '../../services/identification/index.ts';
import { actorOf } from '../../services/index.ts';
import type { BotContext, RegisteredContext } from '../context.ts';
import { splitLines } from '../format.ts';
import { identificationReportData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

/** Flagged schools listed in the chat per method; the rest are in the .xlsx. */
const LIST_IN_CHAT = 40;

function reportKeyboard(t: Translate, runIds: readonly number[]): InlineKeyboard | undefined {
  if (runIds.length === 0) return undefined;
  return new InlineKeyboard().text(t('identify-button-xlsx'), identificationReportData.pack({ runIds: [...runIds] }));
}

/** Long summaries go out in several messages; the button rides on the last one. */
async function replyWithButton(
  ctx: BotContext,
  lines: readonly string[],
  keyboard: InlineKeyboard | undefined,
): Promise<void> {
  const chunks = splitLines(lines);
  for (const [index, chunk] of chunks.entries()) {
    await ctx.reply(chunk, index === chunks.length - 1 && keyboard ? { reply_markup: keyboard } : {});
  }
}

export function identifyFeature() {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.command('identify', async (ctx) => {
    const actor = actorOf(ctx.person);
    const typed = ctx.match.trim();
    // «2023-2024», «2023/24», «2024» mean 2023/2024; anything else is refused by the service with an example
    const parsed = typed ? parseAcademicYear(typed) : null;
    const year = parsed?.ok ? parsed.year : typed || undefined;
    if (mayEver(actor, 'identification.run')) {
      await ctx.replyWithChatAction('typing');
      const summary = await ctx.services.identification.run(actor, { methods: IDENTIFICATION_METHODS, year });
      const runIds = summary.methods.flatMap((outcome) => (outcome.state === 'done' ? [outcome.run.runId] : []));
      await replyWithButton(
        ctx,
        summaryLines(ctx.t, summary, { listFlagged: LIST_IN_CHAT }),
        reportKeyboard(ctx.t, runIds),
      );
      return;
    }
    // Committee members read the last stored runs; directors are refused by the service.
    const latest = await ctx.services.identification.latest(actor);
    if (latest.runs.length === 0) {
      await ctx.reply(ctx.t('identify-never-run'));
      return;
    }
    const newest = latest.runs
      .map((run) => run.ranAt)
      .sort()
      .at(-1)!;
    const lines = [
      ctx.t('identify-summary-title', { scope: scopeName(ctx.t, latest.scope), date: formatRanAt(newest) }),
      ctx.t('identify-last-run', { date: formatRanAt(newest) }),
      ctx.t('identify-summary-schools', { count: latest.schoolsInScope }),
    ];
    for (const run of latest.runs) lines.push('', ...methodSummaryLines(ctx.t, run, { listFlagged: LIST_IN_CHAT }));
    await replyWithButton(
      ctx,
      lines,
      reportKeyboard(
        ctx.t,
        latest.runs.map((run) => run.runId),
      ),
    );
  });

  onButton(privateChats, identificationReportData, async (ctx, { runIds }) => {
    await ctx.answerCallbackQuery();
    const report = await ctx.services.identification.report(actorOf(ctx.person), runIds);
    await ctx.replyWithChatAction('upload_document');
    const bytes = await writeIdentificationReport(report, ctx.t);
    const scope = scopeName(ctx.t, report.scope);
    await ctx.replyWithDocument(
      new InputFile(bytes, `Идентификация школ — ${scope}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ')),
      {
        caption: ctx.t('identify-xlsx-caption', { scope }),
      },
    );
  });

  return feature;
}
