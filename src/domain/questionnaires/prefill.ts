/**
 * Prefill of items from imported assessment results (issue #5: «4.1–4.4 are prefilled from
 * imported ВПР results when present (the director confirms or corrects)»).
 * The caller chooses the academic year: for the October context table (seed 003 §3.2) that is
 * the year that ended, whose spring ВПР are the latest results.
 */
import type { AcademicYear, AssessmentKind, ResultRow } from '../results/types.ts';
import { allItems, normaliseLabel, type PrefillSpec, type Questionnaire } from './model.ts';

export interface PrefillSuggestion {
  key: string;
  /** percent, one decimal */
  value: number;
  participants: number;
  failed: number;
  year: AcademicYear;
  spec: PrefillSpec;
}

const KIND: Record<PrefillSpec['source'], AssessmentKind> = { vpr: 'VPR', oge: 'OGE', ege: 'EGE' };

/** Suggested values for prefillable items of one school; items without matching results are left out. */
export function prefillFromResults(
  questionnaire: Questionnaire,
  results: readonly ResultRow[],
  { schoolCode, year }: { schoolCode: string; year: AcademicYear },
): PrefillSuggestion[] {
  const suggestions: PrefillSuggestion[] = [];
  for (const item of allItems(questionnaire)) {
    if (item.type !== 'percent' || !item.prefill) continue;
    const spec = item.prefill;
    const rows = results.filter(
      (row) =>
        row.schoolCode === schoolCode &&
        row.year === year &&
        row.procedure.kind === KIND[spec.source] &&
        normaliseLabel(row.procedure.subject) === normaliseLabel(spec.subject) &&
        (spec.grade === null || row.procedure.grade === spec.grade),
    );
    const participants = rows.reduce((sum, row) => sum + row.participants, 0);
    const failed = rows.reduce((sum, row) => sum + row.failed, 0);
    if (participants === 0) continue;
    suggestions.push({
      key: item.key,
      value: Math.round((failed / participants) * 1000) / 10,
      participants,
      failed,
      year,
      spec,
    });
  }
  return suggestions;
}
