/**
 * A campaign's answers as the coordinator downloads them (issue #5): the table from the domain's
 * `tabulateAnswers`, each school's form status and submission time, and a sheet about the
 * campaign. The service gathers the data (services/campaigns.ts `campaignAnswers`); the words and
 * dates are put here, in the installation's time zone (text/format.ts).
 */
import { allItems, tabulateAnswers } from '../domain/questionnaires/index.ts';
import { writeAnswersWorkbook } from '../files/xlsx/write/answersExport.ts';
import { t } from '../i18n.ts';
import type { CampaignAnswers } from '../services/campaigns.ts';
import { formatDate, formatDateTime } from '../text/format.ts';

export async function renderAnswersExport(
  data: CampaignAnswers,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const { questionnaire, forms } = data;
  const table = tabulateAnswers(
    questionnaire,
    forms.map((form) => ({
      schoolCode: form.schoolCode,
      schoolName: form.schoolName,
      answerSet: { questionnaireId: questionnaire.id, version: questionnaire.version, answers: form.answers },
    })),
    { translate: t },
  );
  const submitted = forms.filter((form) => form.state === 'submitted').length;
  const bytes = await writeAnswersWorkbook({
    table,
    status: forms.map((form) => ({
      label: t('campaigns-school-status', { status: form.state }),
      submittedAt: form.submittedAt ? formatDateTime(form.submittedAt) : null,
    })),
    about: [
      { label: t('campaigns-export-about-campaign'), value: data.title },
      {
        label: t('campaigns-export-about-questionnaire'),
        value: `${data.questionnaireTitle} (${t('campaigns-version', { version: data.questionnaireVersion })})`,
      },
      { label: t('campaigns-export-about-deadline'), value: formatDateTime(data.deadline) },
      { label: t('campaigns-export-about-status'), value: t('campaigns-state', { status: data.status }) },
      {
        label: t('campaigns-export-about-completion'),
        value: t('campaigns-completion', { submitted, total: forms.length }),
      },
      { label: t('campaigns-export-about-items'), value: String(allItems(questionnaire).length) },
      { label: t('campaigns-export-about-exported'), value: formatDateTime(data.exportedAt) },
    ],
  });
  const safeTitle = data.title
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return { fileName: `${safeTitle} — ответы ${formatDate(data.exportedAt)}.xlsx`, bytes, rows: forms.length };
}
