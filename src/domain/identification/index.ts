/**
 * Identification of schools (issue #4): ШНОР by the ФИОКО method, risk-zone schools, regional
 * indicators, unfavourable social conditions. Pure: plain data in, plain data out.
 */
export type { RuleCitation } from './citations.ts';
export { SHARE_TOLERANCE, compareShare, type Comparison } from './compare.ts';
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
  rulesSchema,
  type FiocoRules,
  type IdentificationRules,
  type RegionalCriterion,
  type RegionalRules,
  type RiskRules,
  type RulesError,
  type RulesParseResult,
  type SocialRules,
} from './rules.ts';
export type {
  AnswerEvidence,
  Evidence,
  IdentificationMethod,
  IndexEvidence,
  IndicatorEvidence,
  ResultEvidence,
  SchoolVerdict,
  VerdictStatus,
} from './verdict.ts';
export {
  fiocoCitations,
  identifyFioco,
  type FiocoCriterion,
  type FiocoDuplicate,
  type FiocoMissing,
  type FiocoOptions,
  type FiocoResult,
  type FiocoVerdict,
} from './fioco.ts';
export {
  RISK_CITATIONS,
  identifyRiskZone,
  type RiskFactor,
  type RiskItem,
  type RiskMissing,
  type RiskOptions,
  type RiskQuestionnaire,
  type RiskResult,
  type RiskVerdict,
} from './riskZone.ts';
export {
  identifyRegional,
  type CompositePart,
  type RegionFiguresUsed,
  type RegionalContext,
  type RegionalMissing,
  type RegionalOptions,
  type RegionalResult,
  type RegionalVerdict,
} from './regional.ts';
export { contextFromContingent, contingentProblems, type ContingentRecord } from './contingent.ts';
export {
  identifySocial,
  type SocialContext,
  type SocialMissing,
  type SocialOptions,
  type SocialResult,
  type SocialVerdict,
} from './social.ts';
export {
  toCliJson,
  type CliJson,
  type CliMissing,
  type CliResultEvidence,
  type CliSchool,
  type IdentificationResult,
  type SchoolNames,
} from './cliJson.ts';
export {
  diffRuns,
  runOf,
  schoolHistory,
  type HistoryEvent,
  type IdentificationRun,
  type RunDiff,
} from './history.ts';
export { academicYearsBack, isAcademicYear, previousAcademicYear } from './years.ts';
export {
  criterionLabelKey,
  methodLabelKey,
  riskItemLabelKey,
  socialIndicatorLabelKey,
  statusLabelKey,
} from './labels.ts';
