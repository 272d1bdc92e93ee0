/** How a checked results file is described, in the chat and in the terminal alike. */
import { renderIssueList } from '../files/xlsx/issues.ts';
import type { ResultsOutcome } from '../services/results.ts';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function resultsPreviewText(
  t: Translate,
  fileName: string,
  outcome: Extract<ResultsOutcome, { ok: true }>,
  options: { warningsLimit?: number } = {},
): string {
  const { summary } = outcome;
  const lines = [
    t('upload-results-preview', {
      name: fileName,
      sheet: outcome.sheetName ? t('registry-sheet', { name: outcome.sheetName }) : '',
      rows: summary.rows,
      schools: summary.schools,
      years: summary.years.join(', '),
      procedures: summary.procedures,
      newRows: summary.newRows,
      replacedRows: summary.replacedRows,
      unchangedRows: summary.unchangedRows,
    }),
  ];
  const warnings = outcome.issues.filter((issue) => issue.severity !== 'error');
  if (warnings.length) {
    lines.push(
      '',
      t('upload-warnings', { count: warnings.length }),
      renderIssueList(warnings, { limit: options.warningsLimit ?? 10 }),
    );
  }
  return lines.join('\n');
}
