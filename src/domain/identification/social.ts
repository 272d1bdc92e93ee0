/**
 * Schools in unfavourable social conditions (ШНСУ / ШФНСУ) by a social index.
 *
 * No seed gives a formula: seed 001 lists «значения индекса социального благополучия школы» among
 * its data sources and seed 004 plans «формирование „индекса социального благополучия“» from a
 * social survey of schools. So the index here is the committee's: a weighted mean of context
 * shares (single-parent and low-income families, parents without higher education, pupils on
 * registers, pupils with ОВЗ, non-native speakers, or indicators of its own), with weights and a
 * threshold from the rules file. The defaults (equal weights, threshold 0.3) are a starting point.
 *
 *   index = Σ weight × share / Σ weight   (over every indicator in the rules, shares as fractions)
 *
 * An unanswered indicator is reported. The index is computed with it as 0 (a lower bound); if it
 * as 1 (the upper bound) would reach the threshold, the school's status is `incomplete`.
 */
import type { AcademicYear } from '../results/types.ts';
import type { RuleCitation } from './citations.ts';
import { SOCIAL_INDEX } from './citations.ts';
import { compareShare } from './compare.ts';
import { IdentificationInputError } from './errors.ts';
import type { SocialRules } from './rules.ts';
import type { IndexEvidence, SchoolVerdict } from './verdict.ts';
import { statusOf } from './verdict.ts';
import { isAcademicYear } from './years.ts';

export interface SocialContext {
  schoolCode: string;
  /** indicator name (as in the rules file) → share (fraction); null / absent = unanswered */
  indicators: Readonly<Record<string, number | null | undefined>>;
}

export interface SocialVerdict extends SchoolVerdict<'social', 'social-index', IndexEvidence> {
  /** the index with unanswered indicators as 0; the exact index when nothing is missing */
  index: number;
  /** the index with unanswered indicators as 1 */
  indexAtWorst: number;
  threshold: number;
}

export interface SocialMissing {
  schoolCode: string;
  year: AcademicYear | null;
  items: string[];
}

export interface SocialResult {
  method: 'social';
  year: AcademicYear | null;
  verdicts: SocialVerdict[];
  missingYears: AcademicYear[];
  missing: SocialMissing[];
  rules: readonly RuleCitation[];
}

export interface SocialOptions {
  /** the year the context data describes (as given by the caller) */
  year?: AcademicYear | null;
}

const CITATIONS: readonly RuleCitation[] = [SOCIAL_INDEX];

export function identifySocial(
  contexts: readonly SocialContext[],
  rules: SocialRules,
  options: SocialOptions = {},
): SocialResult {
  const year = options.year ?? null;
  if (year !== null && !isAcademicYear(year))
    throw new IdentificationInputError('identify-error-year-format', { year });
  const indicators = Object.entries(rules.indicators).filter(([, indicator]) => indicator.weight > 0);
  const totalWeight = indicators.reduce((sum, [, indicator]) => sum + indicator.weight, 0);
  const threshold = rules.threshold;

  const verdicts: SocialVerdict[] = [];
  const missing: SocialMissing[] = [];
  const sorted = [...contexts].sort((a, b) => (a.schoolCode < b.schoolCode ? -1 : a.schoolCode > b.schoolCode ? 1 : 0));
  for (const context of sorted) {
    let index = 0;
    let unansweredWeight = 0;
    const evidence: IndexEvidence[] = [];
    const unanswered: string[] = [];
    for (const [name, { weight }] of indicators) {
      const value = context.indicators[name];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        unanswered.push(name);
        unansweredWeight += weight;
        continue;
      }
      const contribution = (weight * value) / totalWeight;
      index += contribution;
      evidence.push({ kind: 'index', indicator: name, value, weight, contribution });
    }
    const indexAtWorst = index + unansweredWeight / totalWeight;
    const status = statusOf(compareShare(index, '>=', threshold), compareShare(indexAtWorst, '>=', threshold));
    verdicts.push({
      schoolCode: context.schoolCode,
      method: 'social',
      status,
      flagged: status === 'flagged',
      criteria: status === 'flagged' ? ['social-index'] : [],
      undetermined: status === 'incomplete' ? ['social-index'] : [],
      evidence,
      rules: CITATIONS,
      index,
      indexAtWorst,
      threshold,
    });
    if (unanswered.length > 0) missing.push({ schoolCode: context.schoolCode, year, items: unanswered });
  }
  return { method: 'social', year, verdicts, missingYears: [], missing, rules: CITATIONS };
}
