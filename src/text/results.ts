/** How a checked results file is described, in the chat and in the terminal alike. */
import { renderIssueList } from './sheetIssues.ts';
import type { ReplacementView, ResultsOutcome } from '../services/results.ts';
import type { Translate } from '../domain/translate.ts';

/** Replaced rows named in the preview; the rest are in the annotated copy. */
const REPLACEMENTS_IN_TEXT = 5;

/** «ВПР, Математика, 5 класс, 2023/2024: не справились 3 из 28 → 7 из 28» */
export function replacementText(t: Translate, change: ReplacementView): string {
  const values = (v: ReplacementView['before']) =>
    t('upload-results-values', { failed: v.failed, participants: v.participants });
  return t('upload-results-replacement', {
    procedure: change.procedure,
    year: change.year,
    before: values(change.before),
    after: values(change.after),
  });
}

export function resultsPreviewText(
  t: Translate,
  fileName: string,
  outcome: Extract<ResultsOutcome, { ok: true }>,
  options: {
    warningsLimit?: number;
    /** where the rest of the replaced rows can be seen: the annotated copy (the chat) or `--json` (the CLI) */
    restIn?: 'copy' | 'json';
  } = {},
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
  const { replacements } = summary;
  if (replacements.length > 0) {
    lines.push('', t('upload-results-replacements-title', { count: replacements.length }));
    for (const change of replacements.slice(0, REPLACEMENTS_IN_TEXT))
      lines.push(`  ${change.schoolCode} ${change.school} — ${replacementText(t, change)}`);
    if (replacements.length > REPLACEMENTS_IN_TEXT) {
      const more =
        options.restIn === 'json' ? 'upload-results-replacements-more-cli' : 'upload-results-replacements-more';
      lines.push(`  ${t(more, { count: replacements.length - REPLACEMENTS_IN_TEXT })}`);
    }
  }
  if (summary.skippedOutsideRows > 0)
    lines.push('', t('upload-results-skipped-outside', { count: summary.skippedOutsideRows }));
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
