/**
 * Identification of schools (issue #4): ШНОР by the ФИОКО method, risk-zone schools, regional
 * indicators, unfavourable social conditions. Pure: plain data in, plain data out.
 */
export type { RuleCitation } from './citations.ts';
export type { Comparison } from './compare.ts';
export { IdentificationInputError } from './errors.ts';
export {
  ProcedureMatcher,
  effectiveGrade,
  normalizeSubject,
  type ProcedureSpec,
} from './procedures.ts';
export {
  CONTINGENT_ITEMS,
  FIOCO_DEFAULT_PROCEDURES,
  MATERIAL_BASE_ITEMS,
  REGIONAL_CRITERIA,
  VPR_RISK_ITEMS,
  defaultRules,
  parseRules,
  parseRulesJson,
  type FiocoRules,
  type IdentificationRules,
  type RegionalCriterion,
  type RegionalRules,
  type SocialRules,
} from './rules.ts';
export type {
  Evidence,
  IdentificationMethod,
  VerdictStatus,
} from './verdict.ts';
export {
  fiocoCitations,
  identifyFioco,
} from './fioco.ts';
export {
  RISK_CITATIONS,
  identifyRiskZone,
  type RiskItem,
  type RiskQuestionnaire,
} from './riskZone.ts';
export {
  identifyRegional,
  type RegionalContext,
} from './regional.ts';
export { contextFromContingent, type ContingentRecord } from './contingent.ts';
export {
  identifySocial,
  type SocialContext,
} from './social.ts';
export {
  toCliJson,
  type CliJson,
  type IdentificationResult,
} from './cliJson.ts';
export {
  diffRuns,
  runOf,
  schoolHistory,
  type HistoryEvent,
  type IdentificationRun,
} from './history.ts';
export { academicYearsBack, isAcademicYear, previousAcademicYear } from './years.ts';
export {
  criterionLabelKey,
  methodLabelKey,
  riskItemLabelKey,
  socialIndicatorLabelKey,
  statusLabelKey,
} from './labels.ts';
