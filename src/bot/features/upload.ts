/**
 * The upload flow: a coordinator sends an .xlsx, the bot tells what table it is (registry,
 * results, a questionnaire of their own) and handles it. Results go through a preview with «Загрузить» / «Отмена»; errors come
 * back as a list and as a copy of the file with the bad cells marked.
 */
import { randomBytes } from 'node:crypto';
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { mayEver } from '../../domain/access/policy.ts';
import { annotateErrors } from '../../files/xlsx/write/annotate.ts';
import type { SheetIssue } from '../../files/xlsx/issues.ts';
import { renderIssue, renderIssueList } from '../../text/sheetIssues.ts';
import { RESULTS_SPEC } from '../../files/xlsx/read/resultsSheet.ts';
import { QUESTIONNAIRE_SPEC } from '../../files/xlsx/read/questionnaireSheet.ts';
import { ROADMAP_SPEC } from '../../files/xlsx/read/roadmapSheet.ts';
import { replyToRoadmapUpload } from './roadmap.ts';
import { SCHOOLS_SPEC } from '../../files/xlsx/read/schoolsSheet.ts';
import { detectUploadKindOffThread } from '../../files/xlsx/read/uploadKindWorker.ts';
import { actorOf } from '../../services/index.ts';
import { replacementText, resultsPreviewText } from '../../text/results.ts';
import type { ResultsOutcome } from '../../services/results.ts';
import type { BotContext, RegisteredContext } from '../context.ts';
import { downloadDocument, TELEGRAM_DOWNLOAD_LIMIT } from '../files.ts';
import { replyToQuestionnaireUpload } from '../questionnaireUpload.ts';
import { replyToContingentUpload, replyToOfficialListUpload } from '../identificationUpload.ts';
import { CONTINGENT_SPEC, OFFICIAL_LIST_SPEC } from '../../files/xlsx/read/identificationSheets.ts';
import { resultsUploadData } from '../../callbackData.ts';
import { onButton } from '../filters/callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

const UPLOAD_SPECS = {
  schools: SCHOOLS_SPEC,
  results: RESULTS_SPEC,
  questionnaire: QUESTIONNAIRE_SPEC,
  roadmap: ROADMAP_SPEC,
  contingent: CONTINGENT_SPEC,
  officialList: OFFICIAL_LIST_SPEC,
} as const;
/** At most one progress edit per this many ms (Telegram limits edits; people need no more). */
const PROGRESS_EVERY_MS = 2_000;

function sheetSuffix(t: Translate, sheetName: string | null) {
  return sheetName ? t('registry-sheet', { name: sheetName }) : '';
}

/** The copy of the file with the issues' cells marked, or null when there is nothing to mark or it cannot be written. */
async function annotatedCopy(bytes: Uint8Array, issues: SheetIssue[], sheetName: string | null) {
  if (!sheetName || !issues.some((issue) => issue.row !== undefined)) return null;
  return annotateErrors(bytes, { sheetName, issues });
}

async function replyWithIssues(
  ctx: BotContext,
  bytes: Uint8Array,
  fileName: string,
  issues: SheetIssue[],
  sheetName: string | null,
  title: string,
  keyboard?: InlineKeyboard,
) {
  // The text promises the copy only when the copy goes out (issue 10).
  const annotated = await annotatedCopy(bytes, issues, sheetName);
  const promise = annotated ? `\n${ctx.t('xlsx-copy-attached')}` : '';
  await ctx.reply(
    `${title}\n\n${renderIssueList(issues, { limit: 20 })}${promise}`,
    keyboard ? { reply_markup: keyboard } : {},
  );
  if (!annotated) return;
  const base = fileName.replace(/\.xlsx$/i, '');
  await ctx.replyWithDocument(new InputFile(annotated, `${base} — ошибки.xlsx`), {
    caption: ctx.t('upload-annotated-caption'),
  });
}

/** Notes for the preview's copy: each replaced row old → new, and the warnings. */
function previewNotes(t: Translate, outcome: Extract<ResultsOutcome, { ok: true }>): SheetIssue[] {
  const failed = outcome.summary.columns.failed ?? outcome.summary.columns.schoolCode;
  const replaced: SheetIssue[] = outcome.summary.replacements.map((change) => ({
    severity: 'warning',
    row: change.row,
    ...(failed ? { column: failed.letter } : {}),
    code: 'results-replaces-note',
    params: { change: replacementText(t, change) },
  }));
  return [...outcome.issues.filter((issue) => issue.severity !== 'error'), ...replaced];
}

export function uploadFeature(options: { apiRoot: string }) {
  const feature = new Composer<RegisteredContext>();
  const privateChats = feature.chatType('private');

  privateChats.on('message:document', async (ctx) => {
    const actor = actorOf(ctx.person);
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
    const detected = await detectUploadKindOffThread(bytes, UPLOAD_SPECS);
    if (!detected.ok) {
      await ctx.reply(renderIssue(detected.issue));
      return;
    }

    if (detected.kind === 'questionnaire') {
      await replyToQuestionnaireUpload(ctx, bytes, fileName);
      return;
    }
    if (detected.kind === 'contingent') {
      await replyToContingentUpload(ctx, bytes, fileName);
      return;
    }
    if (detected.kind === 'officialList') {
      await replyToOfficialListUpload(ctx, bytes, fileName);
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
      // Only schools outside the scope are wrong: offer to load the coordinator's own rows (issue 10).
      let keyboard: InlineKeyboard | undefined;
      if (outcome.inScopeRows) {
        const token = randomBytes(4).toString('hex');
        (await ctx.session).pendingResults = { fileId: document.file_id, fileName, token };
        keyboard = new InlineKeyboard()
          .text(
            ctx.t('upload-results-only-mine', { count: outcome.inScopeRows }),
            resultsUploadData.pack({ action: 'mine', token }),
          )
          .row()
          .text(ctx.t('upload-results-cancel'), resultsUploadData.pack({ action: 'no', token }));
      }
      await replyWithIssues(
        ctx,
        bytes,
        fileName,
        outcome.issues,
        outcome.sheetName,
        ctx.t('upload-results-failed', { count: errors }),
        keyboard,
      );
      return;
    }
    await replyWithPreview(ctx, bytes, fileName, document.file_id, outcome, false);
  });

  /** The preview of a checked file with «Загрузить» / «Отмена», and the annotated copy when it has notes. */
  async function replyWithPreview(
    ctx: BotContext,
    bytes: Uint8Array,
    fileName: string,
    fileId: string,
    outcome: Extract<ResultsOutcome, { ok: true }>,
    onlyMine: boolean,
  ) {
    const notes = previewNotes(ctx.t, outcome);
    const annotated = await annotatedCopy(bytes, notes, outcome.sheetName);
    const text = resultsPreviewText(ctx.t, fileName, outcome) + (annotated ? `\n${ctx.t('xlsx-copy-attached')}` : '');
    if (outcome.summary.newRows + outcome.summary.replacedRows === 0) {
      await ctx.reply(`${text}\n\n${ctx.t('upload-results-nothing-new')}`);
    } else {
      const token = randomBytes(4).toString('hex');
      (await ctx.session).pendingResults = { fileId, fileName, token, ...(onlyMine ? { onlyMine } : {}) };
      await ctx.reply(text, {
        reply_markup: new InlineKeyboard()
          .text(ctx.t('upload-results-confirm'), resultsUploadData.pack({ action: 'ok', token }))
          .text(ctx.t('upload-results-cancel'), resultsUploadData.pack({ action: 'no', token })),
      });
    }
    if (annotated) {
      const base = fileName.replace(/\.xlsx$/i, '');
      await ctx.replyWithDocument(new InputFile(annotated, `${base} — замечания.xlsx`), {
        caption: ctx.t('upload-preview-copy-caption'),
      });
    }
  }

  // «Загрузить» / «Только мои школы» / «Отмена» under a checked results file
  onButton(privateChats, resultsUploadData, async (ctx, { action, token }) => {
    if (action === 'mine') await onlyMine(ctx, token);
    else await decide(ctx, action, token);
  });

  async function onlyMine(ctx: RegisteredContext, token: string) {
    const session = await ctx.session;
    const pending = session.pendingResults;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (!pending || pending.token !== token) {
      await ctx.reply(ctx.t('upload-results-stale'));
      return;
    }
    const bytes = await downloadDocument(ctx, options.apiRoot, pending.fileId);
    const outcome = await ctx.services.results.preview(actorOf(ctx.person), bytes, {
      fileName: pending.fileName,
      onlyInScope: true,
    });
    if (!outcome.ok) {
      session.pendingResults = undefined;
      await ctx.reply(ctx.t('upload-results-failed', { count: outcome.stats?.errors ?? 0 }));
      return;
    }
    await replyWithPreview(ctx, bytes, pending.fileName, pending.fileId, outcome, true);
  }

  async function decide(ctx: RegisteredContext, decision: 'ok' | 'no', token: string) {
    const session = await ctx.session;
    const pending = session.pendingResults;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (!pending || pending.token !== token) {
      await ctx.reply(ctx.t('upload-results-stale'));
      return;
    }
    session.pendingResults = undefined;
    if (decision === 'no') {
      await ctx.reply(ctx.t('upload-results-cancelled'));
      return;
    }
    const bytes = await downloadDocument(ctx, options.apiRoot, pending.fileId);
    const outcome = await ctx.services.results.importFile(actorOf(ctx.person), bytes, {
      fileName: pending.fileName,
      ...(pending.onlyMine ? { onlyInScope: true } : {}),
    });
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
    const { newRows, replacedRows, unchangedRows } = outcome.summary;
    await ctx.reply(ctx.t('upload-results-saved', { newRows, replacedRows, unchangedRows }));
    // New results can move schools onto or off the lists: the import recorded the rerun as a
    // follow-up job with its commit; run it now (and at the next start, should we die first).
    await ctx.delivery.afterCommit();
  }

  return feature;
}
