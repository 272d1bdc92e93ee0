/**
 * The buttons under a weekly digest (issue 13 §1): the full report of the chat's scope — the
 * /report workbook and the справка, sent privately to whoever presses — and the identification
 * lists behind the digest. Callback data stays under Telegram's 64 bytes.
 */
import { InlineKeyboard } from 'grammy';
import type { DigestContent } from '../../domain/digest/content.ts';
import { digestReportData, digestSpravkaData, digestWorkbookData } from '../../callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

export function digestKeyboard(t: Translate, content: DigestContent): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  if (content.reportable)
    keyboard
      .text(t('digest-button-workbook'), digestWorkbookData.pack({}))
      .text(t('digest-button-spravka'), digestSpravkaData.pack({}));
  if (content.reportRunIds.length > 0) {
    if (content.reportable) keyboard.row();
    keyboard.text(t('digest-button-report'), digestReportData.pack({ runIds: content.reportRunIds.slice(0, 8) }));
  }
  return content.reportable || content.reportRunIds.length > 0 ? keyboard : undefined;
}
