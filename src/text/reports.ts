/** Russian text of the reports (issue #12): missing parts, titles. */
import type { MissingPart } from '../services/reports.ts';
import { methodName, type Translate } from './identification.ts';

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
