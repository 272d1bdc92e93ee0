/**
 * Chat uploads of the identification tables of issue 11 («Контингент», the official ШНОР list),
 * recognised from their header in the upload flow like the registry and results.
 */
import { renderIssueList } from '../text/sheetIssues.ts';
import { actorOf } from '../services/index.ts';
import { contingentImportedText, officialListImportedText } from '../text/identificationData.ts';
import type { RegisteredContext } from './context.ts';

export async function replyToContingentUpload(
  ctx: RegisteredContext,
  bytes: Uint8Array,
  fileName: string,
): Promise<void> {
  const outcome = await ctx.services.identificationData.importContingent(actorOf(ctx.person), bytes, { fileName });
  if (!outcome.ok) {
    const errors = outcome.issues.filter((issue) => issue.severity === 'error').length;
    await ctx.reply(
      `${ctx.t('idtables-contingent-failed', { count: errors })}\n\n${renderIssueList(outcome.issues, { limit: 20 })}`,
    );
    return;
  }
  await ctx.reply(contingentImportedText(ctx.t, outcome));
}

export async function replyToOfficialListUpload(
  ctx: RegisteredContext,
  bytes: Uint8Array,
  fileName: string,
): Promise<void> {
  const outcome = await ctx.services.identificationData.importOfficialList(actorOf(ctx.person), bytes, { fileName });
  if (!outcome.ok) {
    const errors = outcome.issues.filter((issue) => issue.severity === 'error').length;
    await ctx.reply(
      `${ctx.t('idtables-official-failed', { count: errors })}\n\n${renderIssueList(outcome.issues, { limit: 20 })}`,
    );
    return;
  }
  await ctx.reply(officialListImportedText(ctx.t, outcome));
}
