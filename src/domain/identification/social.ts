/**
 * Schools in unfavourable social conditions (ШНСУ / ШФНСУ) by an index of social well-being.
 *
 * No seed gives a formula. Seed 004 (004_8126a1f7c96d8137.txt, РАЗДЕЛ 2 «Школа социальной
 * поддержки», п. 1) plans «Социальное обследование („паспортизация“) общеобразовательных
 * учреждений, формирование „индекса социального благополучия“»; seed 001 (001_4a8724c71e328c13.txt,
 * «Описание методов сбора информации») lists «значения индекса социального благополучия школы»
 * among its data. What follows is the project's proposal for the committee to adjust (rules file,
 * `social`), stated plainly in docs/identification-rules.md:
 *
 *   wellᵢ = shareᵢ (favourable indicator) or 1 − shareᵢ (adverse); «да» = 1, «нет» = 0
 *   index = Σ weightᵢ × wellᵢ / Σ weightᵢ        0…1, higher = better
 *   flagged when index < threshold (default 0.6)
 *
 * An unanswered indicator is reported; the index is bounded by taking it as 0 (low) and 1 (high):
 * flagged when even the high bound is below the threshold, incomplete when only the low one is.
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
  /** indicator name (as in the rules file) → share (fraction) or yes/no; null / absent = unanswered */
  indicators: Readonly<Record<string, number | boolean | null | undefined>>;
}

interface SocialVerdict extends SchoolVerdict<'social', 'social-index', IndexEvidence> {
  /** the well-being index over the answered indicators (the exact index when nothing is missing) */
  index: number;
  /** the index with unanswered indicators as 0 (the lowest it can be) */
  indexAtWorst: number;
  /** the index with unanswered indicators as 1 (the highest it can be) */
  indexAtBest: number;
  threshold: number;
}

interface SocialMissing {
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
  /** the year the passports describe (as given by the caller) */
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
    let known = 0;
    let answeredWeight = 0;
    const evidence: IndexEvidence[] = [];
    const unanswered: string[] = [];
    for (const [name, { weight, direction }] of indicators) {
      const raw = context.indicators[name];
      const value = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        unanswered.push(name);
        continue;
      }
      const well = direction === 'favourable' ? value : 1 - value;
      const contribution = (weight * well) / totalWeight;
      known += contribution;
      answeredWeight += weight;
      evidence.push({
        kind: 'index',
        indicator: name,
        value,
        weight,
        contribution,
        direction,
        wellBeing: well,
        ...(typeof raw === 'boolean' ? { answer: raw } : {}),
      });
    }
    const indexAtWorst = known;
    const indexAtBest = known + (totalWeight - answeredWeight) / totalWeight;
    const index = answeredWeight > 0 ? (known * totalWeight) / answeredWeight : 0;
    const status = statusOf(compareShare(indexAtBest, '<', threshold), compareShare(indexAtWorst, '<', threshold));
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
      indexAtBest,
      threshold,
    });
    if (unanswered.length > 0) missing.push({ schoolCode: context.schoolCode, year, items: unanswered });
  }
  return { method: 'social', year, verdicts, missingYears: [], missing, rules: CITATIONS };
}
