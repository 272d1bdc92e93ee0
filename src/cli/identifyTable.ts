/**
 * `kurator identify` without --json: per method the summary, then an aligned table of the
 * evaluated schools (flagged first) with each school's evidence on the lines below it.
 */
import {
  criteriaText,
  evidenceText,
  methodSummaryLines,
  noDataLine,
  scopeName,
  statusName,
  formatRanAt,
} from '../text/identification.ts';
import type { IdentificationSummary, MethodRunView } from '../services/identification/index.ts';
import type { Translate } from '../domain/translate.ts';

const STATUS_ORDER: Record<string, number> = { flagged: 0, incomplete: 1, clear: 2 };

/** Pads cells to the widest in each column (the last column is left as it is). */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}

function runTable(t: Translate, run: MethodRunView): string[] {
  if (run.verdicts.length === 0) return [t('identify-cli-no-verdicts')];
  const verdicts = [...run.verdicts].sort(
    (a, b) => STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const header = [
    'identify-col-code',
    'identify-col-school',
    'identify-col-municipality',
    'identify-col-status',
    'identify-col-criteria',
  ].map((key) => t(key));
  const rows = [
    header,
    ...verdicts.map((v) => [v.code, v.name, v.municipality, statusName(t, v.status), criteriaText(t, v.criteria, run)]),
  ];
  const aligned = alignColumns(rows);
  const lines = [aligned[0]!, '-'.repeat(Math.min(120, [...aligned[0]!].length))];
  verdicts.forEach((verdict, index) => {
    lines.push(aligned[index + 1]!);
    for (const evidence of verdict.evidence) lines.push(`    ↳ ${evidenceText(t, evidence, run.labels)}`);
    if (verdict.undetermined.length) {
      lines.push(
        `    ? ${t('identify-status-undetermined', { criteria: criteriaText(t, verdict.undetermined, run) })}`,
      );
    }
  });
  return lines;
}

export function summaryTables(t: Translate, summary: IdentificationSummary): string[] {
  const lines = [
    t('identify-summary-title', { scope: scopeName(t, summary.scope), date: formatRanAt(summary.ranAt) }),
    t('identify-summary-schools', { count: summary.schoolsInScope }),
  ];
  for (const outcome of summary.methods) {
    lines.push('');
    if (outcome.state === 'no-data') {
      lines.push(noDataLine(t, outcome.method, outcome.reason));
      continue;
    }
    lines.push(...methodSummaryLines(t, outcome.run), '', ...runTable(t, outcome.run));
    for (const year of outcome.run.missingYears) lines.push(t('identify-missing-year', { year }));
  }
  return lines;
}
