/** The answer to an imported questionnaire sheet, shared by the chat upload and `kurator import questionnaire`. */
import { renderIssueList } from './sheetIssues.ts';
import type { ImportQuestionnaireResult } from '../services/questionnaires.ts';
import type { Translate } from '../domain/translate.ts';

export function questionnaireImportText(
  t: Translate,
  result: ImportQuestionnaireResult,
  options: { limit?: number } = {},
): string {
  const sheet = result.sheetName ? t('registry-sheet', { name: result.sheetName }) : '';
  if (!result.ok) {
    const errors = result.issues.filter((issue) => issue.severity === 'error');
    return `${t('questionnaire-failed', { count: errors.length })}\n${renderIssueList(result.issues, { limit: options.limit ?? 30 })}`;
  }
  const params = {
    title: result.title,
    version: result.version,
    sections: result.sections,
    items: result.items,
    sheet,
  };
  const head = result.unchanged
    ? t('questionnaire-unchanged', params)
    : result.dryRun
      ? t('questionnaire-dry-run', params)
      : t('questionnaire-imported', params);
  const warnings = result.issues.filter((issue) => issue.severity === 'warning');
  return warnings.length > 0 ? `${head}\n\n${renderIssueList(warnings, { limit: 10 })}` : head;
}
