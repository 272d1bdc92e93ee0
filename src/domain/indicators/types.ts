/**
 * Programme indicators (issue #12): the shapes. Pure data; the catalogue is in catalog.ts, the
 * formulas in compute.ts, what a scope's data looks like to them in `IndicatorInputs`.
 */
import type { AcademicYear, ResultRow } from '../results/types.ts';

/** `share` values are fractions 0…1 (a renderer shows 0.125 as «12,5 %»); `count` is a number of schools. */
type IndicatorUnit = 'share' | 'count' | 'qualitative';

interface IndicatorTarget {
  comparison: '<=' | '>=' | '=';
  /** in the indicator's unit: a share as a fraction */
  value: number;
  /** the seed's own words for the target, e.g. «не более 5 %» */
  text: string;
}

export interface IndicatorDefinition {
  /** seed prefix-section-item, e.g. `003-3.3.3.3` (docs/indicators.md lists them all) */
  id: string;
  /** the seed's wording */
  title: string;
  /** seed file and section, e.g. «seed 003 §3.3.3, п. 3» */
  source: string;
  unit: IndicatorUnit;
  /** how it is computed, in words (numerator / denominator), for the docs and the report */
  formula: string;
  target?: IndicatorTarget;
  /** where the data would come from when it is not stored (questionnaire item or import) */
  supply: string;
}

export interface IndicatorValue {
  id: string;
  title: string;
  source: string;
  unit: IndicatorUnit;
  formula: string;
  numerator: number | null;
  denominator: number | null;
  /** share → numerator / denominator; count → the count; null when missing */
  value: number | null;
  target: IndicatorTarget | null;
  /** null when there is no target or no value */
  onTarget: boolean | null;
  /** what is missing and which questionnaire item or import would supply it; null when computed */
  missing: string | null;
}

export interface ScopeSchool {
  code: string;
  name: string;
  municipality: string;
}

/** One identification method's list for one academic year: each school's latest verdict. */
export interface IdentificationSnapshot {
  /** codes of the schools with a verdict */
  evaluated: string[];
  flagged: string[];
  /** school code → criteria that fired (risk: 'material-base' | 'staff' | 'contingent' | 'results') */
  criteria: Record<string, string[]>;
}

/** An answer of a built-in questionnaire given in the academic year. */
export interface AnswerFact {
  questionnaireKey: string;
  version: number;
  schoolCode: string;
  item: string;
  value: unknown;
  /** the school's form was submitted (only submitted forms count) */
  submitted: boolean;
}

export interface IndicatorInputs {
  year: AcademicYear;
  previousYear: AcademicYear;
  schools: ScopeSchool[];
  /** the scope's result rows, all stored years */
  results: ResultRow[];
  /** the region's result rows of the year and the two before (the regional comparisons of seed 001) */
  regionResults: ResultRow[];
  /** method → academic year → snapshot */
  identification: Record<string, Record<AcademicYear, IdentificationSnapshot>>;
  answers: AnswerFact[];
  /** every school's form of every campaign launched in the academic year */
  forms: Array<{ questionnaireKey: string; schoolCode: string; submitted: boolean }>;
  /**
   * Items of the roadmaps imported in the academic year for the scope (issue 13): addressed to one
   * of the scope's schools (`schoolCode`) or to the committee (null). Absent or null: none imported.
   */
  roadmap?: RoadmapFact[] | null;
}

export interface RoadmapFact {
  schoolCode: string | null;
  done: boolean;
}
