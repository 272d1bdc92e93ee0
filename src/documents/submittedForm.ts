/**
 * The director's copy of a submitted form as an .xlsx (issue 10: the 4-message text dump was no
 * copy to keep or print): one row per item — section, number and question, answer.
 */
import { loadExcelJS } from '../files/xlsx/excel.ts';
import {
  formatAnswer,
  itemTitle,
  reviewBySection,
  type Answers,
  type Questionnaire,
} from '../domain/questionnaires/index.ts';
import { t } from '../i18n.ts';

export async function writeSubmittedForm(input: {
  title: string;
  school: string;
  submittedAt: string | null;
  questionnaire: Questionnaire;
  answers: Answers;
}): Promise<Buffer> {
  const translate = (key: string, params?: Record<string, string | number>) => t(key, params);
  const excel = await loadExcelJS(); // on first use: the bot does not carry ExcelJS until then (issue 8)
  const workbook = new excel.Workbook();
  const sheet = workbook.addWorksheet(t('forms-copy-sheet'));
  sheet.columns = [{ width: 28 }, { width: 70 }, { width: 40 }];
  sheet.addRow([t('forms-copy-heading', { title: input.title, school: input.school })]).font = { bold: true };
  sheet.addRow([t('forms-copy-submitted', { date: input.submittedAt ?? '—' })]);
  sheet.addRow([]);
  const header = sheet.addRow([
    t('forms-copy-column-section'),
    t('forms-copy-column-question'),
    t('forms-copy-column-answer'),
  ]);
  header.font = { bold: true };
  for (const section of reviewBySection(input.questionnaire, input.answers)) {
    for (const entry of section.entries) {
      const title = itemTitle(entry.item);
      const value = entry.answered ? formatAnswer(entry.item, entry.value, translate) : t('forms-review-no-answer');
      const row = sheet.addRow([`${section.index}. ${section.section.title}`, t(title.key, title.params), value]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
