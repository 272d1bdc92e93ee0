/** Russian text of the reports (issue #12): missing parts, titles. */
import type { MissingPart, ReportData } from '../services/reports.ts';
import { methodName } from './identification.ts';
import type { Translate } from '../domain/translate.ts';

export function missingPartText(t: Translate, missing: MissingPart): string {
  switch (missing.part) {
    case 'results':
      return t('report-missing-results', { year: missing.year });
    case 'identification':
      return t('report-missing-identification', { method: methodName(t, missing.method), year: missing.year });
    case 'campaigns':
      return t('report-missing-campaigns', { year: missing.year });
    case 'roadmap':
      return t('report-missing-roadmap', { year: missing.year });
  }
}

/** Told beside the document: which parts of the report have no data (the document still renders). */
export function missingSummary(t: Translate, data: Pick<ReportData, 'missing'>): string | null {
  if (data.missing.length === 0) return null;
  return [
    t('report-missing-summary', { count: data.missing.length }),
    ...data.missing.map((missing) => `• ${missingPartText(t, missing)}`),
  ].join('\n');
}
