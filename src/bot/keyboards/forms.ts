import { InlineKeyboard } from 'grammy';
import { formOpenData } from '../../callbackData.ts';
import type { Translate } from '../../domain/translate.ts';

/** The button that opens a form: in invitations, reminders and /forms. */
export const openFormData = (campaignId: number) => formOpenData.pack({ id: campaignId });

export function openFormKeyboard(t: Translate, campaignId: number): InlineKeyboard {
  return new InlineKeyboard().text(t('forms-button-open'), openFormData(campaignId));
}
