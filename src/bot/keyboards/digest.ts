/**
 * The buttons under a weekly digest (issue 13 §1): the full report of the chat's scope — the
 * /report workbook and the справка, sent privately to whoever presses — and the identification
 * lists behind the digest. Callback data stays under Telegram's 64 bytes.
 */
import { InlineKeyboard } from 'grammy';
import type { DigestContent } from '../../domain/digest/content.ts';
import { digestReportCallback } from '../../text/digest.ts';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** «Отчёт (.xlsx)» and «Справка (.docx)» of the chat's scope: the bound chat decides the scope. */
export const DIGEST_SCOPE_REPORT_CALLBACK = /^dg:(x|d)$/;

export function digestKeyboard(t: Translate, content: DigestContent): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  if (content.reportable) keyboard.text(t('digest-button-workbook'), 'dg:x').text(t('digest-button-spravka'), 'dg:d');
  if (content.reportRunIds.length > 0) {
    if (content.reportable) keyboard.row();
    keyboard.text(t('digest-button-report'), digestReportCallback(content.reportRunIds));
  }
  return content.reportable || content.reportRunIds.length > 0 ? keyboard : undefined;
}
