/**
 * What every identification method says about a school: the status, the criteria met, the
 * evidence behind them, and the rule's own words.
 */
import type { AssessmentKind, AcademicYear } from '../results/types.ts';
import type { RuleCitation } from './citations.ts';
import type { Comparison } from './compare.ts';

/** Glossary: ШНОР → `fioco`, зона риска → `risk`, региональные показатели → `regional`, ШНСУ → `social`. */
export type IdentificationMethod = 'fioco' | 'risk' | 'regional' | 'social';

/**
 * `flagged`: the criteria hold on the data there is (more data cannot undo that: every criterion
 * only grows with more data).
 * `incomplete`: not flagged on the data there is, but data reported missing could still flag it.
 * `clear`: not flagged whatever the missing data would say.
 */
export type VerdictStatus = 'flagged' | 'clear' | 'incomplete';

/** ФИОКО / ВПР evidence: one procedure of one year. */
export interface ResultEvidence {
  kind: 'result';
  year: AcademicYear;
  /** procedure id from the rules file, e.g. `vpr-math-5` */
  procedure: string;
  participants: number;
  failed: number;
  /** failed / participants, unrounded */
  share: number;
  threshold: number;
  comparison: Comparison;
}

/** A questionnaire answer (or a value derived from results) compared with a threshold. */
export interface AnswerEvidence {
  kind: 'answer';
  /** the risk factor / criterion the answer supports */
  criterion: string;
  /** item number from the source table, e.g. `2.1`, `1.3.physics`, or `3.1–3.4` for a sum */
  item: string;
  /** `false` is «нет»; numbers are shares (fractions) */
  value: boolean | number;
  threshold?: number;
  comparison?: Comparison;
  /**
   * where the value came from: the questionnaire, imported results (4.1–4.4), or a director's
   * correction of the share prefilled from the results (then `resultsValue` is the results' share)
   */
  source: 'questionnaire' | 'results' | 'correction';
  /** with source `correction`: the share the results give (what the form prefilled) */
  resultsValue?: number;
  /** with source `correction`: who answered (corrected) the item */
  correctedBy?: string;
  /** with source `results`: the ВПР figures behind the share */
  year?: AcademicYear;
  procedure?: string;
  participants?: number;
  failed?: number;
}

/** A school's figure compared with the region's, its own earlier figure, or a threshold. */
export interface IndicatorEvidence {
  kind: 'indicator';
  criterion: string;
  year: AcademicYear;
  procedure?: string;
  value: number;
  comparison: Comparison;
  compareTo: number;
  /** what `compareTo` is */
  reference: 'region' | 'previous-year' | 'threshold' | 'cut-off';
  /** with reference `previous-year`: which year */
  referenceYear?: AcademicYear;
  /** with reference `cut-off`: the school's place, 1 = worst, out of `ranked` schools */
  rank?: number;
  ranked?: number;
  /** with criterion lowest-results: the parts of the composite, one per kind of results */
  parts?: Array<{
    kind: AssessmentKind;
    participants: number;
    failed: number;
    share: number;
    regionShare: number;
    weight: number;
  }>;
  /** with criterion oge-math-failed-rising: the rise that counts (fraction) */
  minIncrease?: number;
}

/** One weighted indicator of the social index. */
export interface IndexEvidence {
  kind: 'index';
  indicator: string;
  value: number;
  weight: number;
  /** weight × well-being / total weight: the indicator's part of the index */
  contribution: number;
  /** adverse: well-being = 1 − value; favourable: well-being = value */
  direction?: 'adverse' | 'favourable';
  wellBeing?: number;
  /** the answer was «да» / «нет» (then `value` is 1 / 0) */
  answer?: boolean;
}

export type Evidence = ResultEvidence | AnswerEvidence | IndicatorEvidence | IndexEvidence;

export interface SchoolVerdict<
  M extends IdentificationMethod = IdentificationMethod,
  C extends string = string,
  E extends Evidence = Evidence,
> {
  schoolCode: string;
  method: M;
  status: VerdictStatus;
  /** status === 'flagged' */
  flagged: boolean;
  /** criteria met, in the order the rule lists them */
  criteria: C[];
  /** criteria that missing data could still make met (non-empty only when status is 'incomplete') */
  undetermined: C[];
  evidence: E[];
  /** the rule's text: quotations of the definition and of every criterion, ids matching `criteria` */
  rules: readonly RuleCitation[];
}

/** Status from "met on the data" and "could be met if the missing data were the worst". */
export function statusOf(metOnData: boolean, metAtWorst: boolean): VerdictStatus {
  if (metOnData) return 'flagged';
  return metAtWorst ? 'incomplete' : 'clear';
}
