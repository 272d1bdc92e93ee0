/**
 * Spreadsheet issues (src/files/xlsx/issues.ts) as Russian text for the chat, the CLI and the
 * notes of the annotated copy (`locales/ru/xlsx.ftl`, `results.ftl`, `schools.ftl`).
 */
import { t, type TranslationVars } from '../i18n.ts';
import type { IssueSeverity, SheetIssue } from '../files/xlsx/issues.ts';

/** Renders one issue with its position: «строка 17, столбец F «Не справились»: …». */
export function renderIssue(issue: SheetIssue): string {
  const message = t(issue.code, issue.params as TranslationVars | undefined);
  // Row numbers go in as text: Fluent would group 12345 as «12 345».
  // the message wraps the header in «»; a header that has them already («2») keeps one pair
  const header = issue.header?.replace(/^«(.*)»$/s, '$1') ?? '';
  if (issue.row !== undefined && issue.column !== undefined) {
    return t(issue.header ? 'xlsx-at-cell-with-header' : 'xlsx-at-cell', {
      row: String(issue.row),
      column: issue.column,
      header,
      message,
    });
  }
  if (issue.row !== undefined) return t('xlsx-at-row', { row: String(issue.row), message });
  if (issue.column !== undefined) {
    return t(issue.header ? 'xlsx-at-column-with-header' : 'xlsx-at-column', { column: issue.column, header, message });
  }
  return message;
}

interface IssueCounts {
  errors: number;
  warnings: number;
  infos: number;
}

function countIssues(issues: readonly SheetIssue[]): IssueCounts {
  const counts: IssueCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const issue of issues) {
    if (issue.severity === 'error') counts.errors++;
    else if (issue.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/**
 * The chat reply: the first `limit` errors (then warnings and notes if room is left),
 * one per line, and a closing line saying how many were left out.
 * `totalErrors` is the true count when the stored list was capped.
 */
export function renderIssueList(
  issues: readonly SheetIssue[],
  options: { limit?: number; totalErrors?: number } = {},
): string {
  const limit = options.limit ?? 20;
  const bySeverity = (severity: IssueSeverity) => issues.filter((i) => i.severity === severity);
  const ordered = [...bySeverity('error'), ...bySeverity('warning'), ...bySeverity('info')];
  const groups = groupRepeated(ordered).slice(0, limit);
  const lines = groups.map((group) => `${marker(group[0]!.severity)} ${renderGroup(group)}`);
  const shown = groups.flat();
  const errorsShown = shown.filter((i) => i.severity === 'error').length;
  const totalErrors = options.totalErrors ?? countIssues(issues).errors;
  const hidden = ordered.length - shown.length + (totalErrors - countIssues(issues).errors);
  if (hidden > 0) {
    lines.push(t('xlsx-more-issues', { count: hidden, errors: Math.max(0, totalErrors - errorsShown) }));
  }
  return lines.join('\n');
}

/**
 * The same message on many rows (same code, parameters and column) is one line with the rows
 * and a count (issue 10: a name warning on each of 156 rows was a 3,000-character preview).
 */
function groupRepeated(issues: readonly SheetIssue[]): SheetIssue[][] {
  const groups = new Map<string, SheetIssue[]>();
  for (const issue of issues) {
    const key =
      issue.row === undefined
        ? `#${groups.size}`
        : JSON.stringify([issue.severity, issue.code, issue.column, issue.params]);
    const group = groups.get(key);
    if (group) group.push(issue);
    else groups.set(key, [issue]);
  }
  return [...groups.values()];
}

const ROWS_NAMED = 5;

function renderGroup(group: readonly SheetIssue[]): string {
  if (group.length === 1) return renderIssue(group[0]!);
  const first = group[0]!;
  const rows = group.slice(0, ROWS_NAMED).map((issue) => String(issue.row));
  return t('xlsx-repeated', {
    count: group.length,
    rows: rows.join(', ') + (group.length > ROWS_NAMED ? ', …' : ''),
    column: first.column ?? 'none',
    message: t(first.code, first.params as TranslationVars | undefined),
  });
}

function marker(severity: IssueSeverity): string {
  return severity === 'error' ? '✖' : severity === 'warning' ? '⚠' : 'ℹ';
}
