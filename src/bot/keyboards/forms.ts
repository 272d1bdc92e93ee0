import { InlineKeyboard } from 'grammy';
import { formOpenData } from '../../callbackData.ts';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The button that opens a form: in invitations, reminders and /forms. */
export const openFormData = (campaignId: number) => formOpenData.pack({ id: campaignId });

export function openFormKeyboard(t: Translate, campaignId: number): InlineKeyboard {
  return new InlineKeyboard().text(t('forms-button-open'), openFormData(campaignId));
}
