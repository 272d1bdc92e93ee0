/**
 * The upload flow: a coordinator sends an .xlsx, the bot tells what table it is (registry,
 * results, a questionnaire of their own) and handles it. Results go through a preview with «Загрузить» / «Отмена»; errors come
 * back as a list and as a copy of the file with the bad cells marked.
 */
import { randomBytes } from 'node:crypto';
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { mayEver } from '../../domain/access/policy.ts';
import { annotateErrors } from '../../files/xlsx/annotate.ts';
import { renderIssue, renderIssueList, type SheetIssue } from '../../files/xlsx/issues.ts';
import { RESULTS_SPEC } from '../../files/xlsx/resultsSheet.ts';
import { QUESTIONNAIRE_SPEC } from '../../files/xlsx/questionnaireSheet.ts';
import { ROADMAP_SPEC } from '../../files/xlsx/roadmapSheet.ts';
import { replyToRoadmapUpload } from './roadmap.ts';
import { SCHOOLS_SPEC } from '../../files/xlsx/schoolsSheet.ts';
import { detectUploadKind } from '../../files/xlsx/uploadKind.ts';
import { actorOf } from '../../services/index.ts';
import { resultsPreviewText } from '../../text/results.ts';
import type { BotContext } from '../context.ts';
import { downloadDocument, TELEGRAM_DOWNLOAD_LIMIT } from '../files.ts';
import { replyToQuestionnaireUpload } from '../questionnaireUpload.ts';
import { announceIdentificationChanges } from './identify.ts';

const UPLOAD_SPECS = {
  schools: SCHOOLS_SPEC,
  results: RESULTS_SPEC,
  questionnaire: QUESTIONNAIRE_SPEC,
  roadmap: ROADMAP_SPEC,
} as const;
/** At most one progress edit per this many ms (Telegram limits edits; people need no more). */
const PROGRESS_EVERY_MS = 2_000;

type Translate = BotContext['t'];

function sheetSuffix(t: Translate, sheetName: string | null) {
  return sheetName ? t('registry-sheet', { name: sheetName }) : '';
}

async function replyWithIssues(
  ctx: BotContext,
  bytes: Uint8Array,
  fileName: string,
  issues: SheetIssue[],
  sheetName: string | null,
  title: string,
) {
  const cellIssues = issues.some((issue) => issue.row !== undefined);
  await ctx.reply(`${title}\n\n${renderIssueList(issues, { limit: 20 })}`);
  if (!cellIssues || !sheetName) return;
  const annotated = await annotateErrors(bytes, { sheetName, issues });
  if (!annotated) return;
  const base = fileName.replace(/\.xlsx$/i, '');
  await ctx.replyWithDocument(new InputFile(annotated, `${base} — ошибки.xlsx`), {
    caption: ctx.t('upload-annotated-caption'),
  });
}

export function uploadFeature(options: { apiRoot: string }) {
  const feature = new Composer<BotContext>();
  const privateChats = feature.chatType('private');

  privateChats.on('message:document', async (ctx) => {
    const actor = actorOf(ctx.person!);
    if (!mayEver(actor, 'school.write') && !mayEver(actor, 'results.import') && !mayEver(actor, 'campaign.manage')) {
      await ctx.reply(ctx.t('upload-forbidden'));
      return;
    }
    const document = ctx.message.document;
    const fileName = document.file_name ?? 'file.xlsx';
    if ((document.file_size ?? 0) > TELEGRAM_DOWNLOAD_LIMIT) {
      await ctx.reply(ctx.t('upload-too-big', { sizeMb: ((document.file_size ?? 0) / 1048576).toFixed(1) }));
      return;
    }
    const status = await ctx.reply(ctx.t('upload-reading', { name: fileName }));
    let bytes: Uint8Array;
    try {
      bytes = await downloadDocument(ctx, options.apiRoot);
    } catch (error) {
      ctx.logger.warn({ err: error }, 'download failed');
      await ctx.reply(ctx.t('upload-download-failed'));
      return;
    }
    const detected = detectUploadKind(bytes, UPLOAD_SPECS);
    if (!detected.ok) {
      await ctx.reply(renderIssue(detected.issue));
      return;
    }

    if (detected.kind === 'questionnaire') {
      await replyToQuestionnaireUpload(ctx, bytes, fileName);
      return;
    }

    if (detected.kind === 'roadmap') {
      await replyToRoadmapUpload(ctx, bytes, fileName);
      return;
    }

    if (detected.kind === 'schools') {
      const result = await ctx.services.schools.importFile(actor, bytes);
      const sheet = sheetSuffix(ctx.t, result.sheetName);
      if (!result.ok) {
        const errors = result.issues.filter((issue) => issue.severity === 'error').length;
        await replyWithIssues(
          ctx,
          bytes,
          fileName,
          result.issues,
          result.sheetName,
          ctx.t('registry-failed', { count: errors }),
        );
        return;
      }
      const warnings = result.issues.filter((issue) => issue.severity !== 'error');
      const summary = ctx.t('registry-imported', {
        sheet,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        municipalities: result.municipalitiesCreated,
      });
      await ctx.reply(
        warnings.length ? `${summary}\n\n${ctx.t('registry-warnings')}\n${renderIssueList(warnings)}` : summary,
      );
      return;
    }

    // Results: preview first; nothing is written until «Загрузить».
    let lastEdit = Date.now();
    const outcome = await ctx.services.results.preview(actor, bytes, {
      fileName,
      onProgress: (rows) => {
        if (Date.now() - lastEdit < PROGRESS_EVERY_MS) return;
        lastEdit = Date.now();
        ctx.api
          .editMessageText(ctx.chat.id, status.message_id, ctx.t('upload-progress', { name: fileName, rows }))
          .catch((error: unknown) => ctx.logger.debug({ err: error }, 'progress edit skipped'));
      },
    });
    if (!outcome.ok) {
      const errors = outcome.stats?.errors ?? outcome.issues.filter((issue) => issue.severity === 'error').length;
      await replyWithIssues(
        ctx,
        bytes,
        fileName,
        outcome.issues,
        outcome.sheetName,
        ctx.t('upload-results-failed', { count: errors }),
      );
      return;
    }
    const text = resultsPreviewText(ctx.t, fileName, outcome);
    if (outcome.summary.newRows + outcome.summary.replacedRows === 0) {
      await ctx.reply(`${text}\n\n${ctx.t('upload-results-nothing-new')}`);
      return;
    }
    const token = randomBytes(4).toString('hex');
    ctx.session.pendingResults = { fileId: document.file_id, fileName, token };
    await ctx.reply(text, {
      reply_markup: new InlineKeyboard()
        .text(ctx.t('upload-results-confirm'), `res:ok:${token}`)
        .text(ctx.t('upload-results-cancel'), `res:no:${token}`),
    });
  });

  privateChats.callbackQuery(/^res:(ok|no):([0-9a-f]{8})$/, async (ctx) => {
    const [, decision, token] = ctx.match;
    const pending = ctx.session.pendingResults;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (!pending || pending.token !== token) {
      await ctx.reply(ctx.t('upload-results-stale'));
      return;
    }
    ctx.session.pendingResults = undefined;
    if (decision === 'no') {
      await ctx.reply(ctx.t('upload-results-cancelled'));
      return;
    }
    const bytes = await downloadDocument(ctx, options.apiRoot, pending.fileId);
    const outcome = await ctx.services.results.importFile(actorOf(ctx.person!), bytes, { fileName: pending.fileName });
    if (!outcome.ok) {
      const errors = outcome.issues.filter((issue) => issue.severity === 'error').length;
      await replyWithIssues(
        ctx,
        bytes,
        pending.fileName,
        outcome.issues,
        outcome.sheetName,
        ctx.t('upload-results-failed', { count: errors }),
      );
      return;
    }
    const { newRows, replacedRows, unchangedRows, municipalityIds } = outcome.summary;
    await ctx.reply(ctx.t('upload-results-saved', { newRows, replacedRows, unchangedRows }));
    // New results can move schools onto or off the lists: rerun and tell the coordinators concerned.
    try {
      const changes = await ctx.services.identification.rerunAfterImport(municipalityIds);
      await announceIdentificationChanges(ctx.api, changes, { logger: ctx.logger, t: ctx.t });
    } catch (error) {
      ctx.logger.error({ err: error }, 'identification rerun after import failed');
    }
  });

  return feature;
}
