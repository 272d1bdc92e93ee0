/**
 * Risk-zone schools («рисковые школы») — seed 003 §3.2 (003_b4603cc6abcf662b.txt, «Определение
 * рисковых школ»), from the school context table:
 *   1. material base  — items 1.1–1.3 (1.3 per laboratory subject): any «нет»;
 *   2. staff          — 2.1 > 10 % or 2.2 > 0 %;
 *   3. contingent     — 3.1 + 3.2 + 3.3 + 3.4 > 10 %;
 *   4. results        — at least two of 4.1–4.4 >= 20 %, or 4.5 > 10 %.
 * Each block that fires is a named risk factor; a school with at least one is a risk-zone school.
 * Items 4.1–4.4 (share of «2» in ВПР maths / Russian, grades 4 and 8) are taken from imported
 * results when given, else from the questionnaire. The form prefills them from the same results
 * «to confirm or correct»: an answer that differs from the results' share by more than the
 * prefill's rounding (0,1 percentage point) is the director's correction, and the correction is
 * what counts; the evidence keeps both values and who corrected (issue 11).
 *
 * Answers: booleans for 1.x (false = «нет»), shares as fractions (0.1 = 10 %) for the rest.
 * An unanswered item is reported; if answering it the worst way would add a factor, the school's
 * status is `incomplete`.
 */
import type { AcademicYear, ResultRow } from '../results/types.ts';
import type { RuleCitation } from './citations.ts';
import { RISK_CONTINGENT, RISK_MATERIAL_BASE, RISK_RESULTS, RISK_STAFF } from './citations.ts';
import { compareShare } from './compare.ts';
import { IdentificationInputError } from './errors.ts';
import { ProcedureMatcher } from './procedures.ts';
import type { ContingentItem, MaterialBaseItem, RiskRules, VprRiskItem } from './rules.ts';
import { VPR_RISK_ITEMS } from './rules.ts';
import type { AnswerEvidence, SchoolVerdict } from './verdict.ts';
import { statusOf } from './verdict.ts';
import { isAcademicYear } from './years.ts';

export type RiskItem = MaterialBaseItem | '2.1' | '2.2' | ContingentItem | VprRiskItem | '4.5';

type RiskFactor = 'material-base' | 'staff' | 'contingent' | 'results';

export interface RiskQuestionnaire {
  schoolCode: string;
  /** item number → answer: boolean for 1.x, a share (fraction) for 2.x–4.x; null / absent = unanswered */
  answers: Partial<Record<RiskItem, boolean | number | null>>;
  /** who gave each answer (a person's name or label), for the evidence of a correction */
  answeredBy?: Partial<Record<RiskItem, string>>;
}

/** The prefill rounds to 0,1 % (prefill.ts): a smaller difference is the accepted prefill. */
const CORRECTION_TOLERANCE = 0.0005 + 1e-9;

type RiskVerdict = SchoolVerdict<'risk', RiskFactor, AnswerEvidence>;

interface RiskMissing {
  schoolCode: string;
  year: AcademicYear | null;
  items: string[];
}

export interface RiskResult {
  method: 'risk';
  /** the year the questionnaire describes (as given by the caller) */
  year: AcademicYear | null;
  /** the year of the ВПР results used for 4.1–4.4, null when no results were given or matched */
  resultsYear: AcademicYear | null;
  verdicts: RiskVerdict[];
  missingYears: AcademicYear[];
  missing: RiskMissing[];
  rules: readonly RuleCitation[];
}

export interface RiskOptions {
  year?: AcademicYear | null;
  /** imported results; rows of ВПР maths / Russian in grades 4 and 8 give items 4.1–4.4 */
  results?: readonly ResultRow[];
  /** which year of `results` to use; default: the latest with rows for 4.1–4.4 */
  resultsYear?: AcademicYear;
}

export const RISK_CITATIONS: readonly RuleCitation[] = [RISK_MATERIAL_BASE, RISK_STAFF, RISK_CONTINGENT, RISK_RESULTS];

interface VprFigure {
  participants: number;
  failed: number;
}

export function identifyRiskZone(
  questionnaires: readonly RiskQuestionnaire[],
  rules: RiskRules,
  options: RiskOptions = {},
): RiskResult {
  const year = options.year ?? null;
  if (year !== null && !isAcademicYear(year))
    throw new IdentificationInputError('identify-error-year-format', { year });
  if (options.resultsYear !== undefined && !isAcademicYear(options.resultsYear)) {
    throw new IdentificationInputError('identify-error-year-format', { year: options.resultsYear });
  }
  const { resultsYear, figures } = vprFigures(options.results ?? [], rules, options.resultsYear);

  const verdicts: RiskVerdict[] = [];
  const missing: RiskMissing[] = [];
  const sorted = [...questionnaires].sort((a, b) =>
    a.schoolCode < b.schoolCode ? -1 : a.schoolCode > b.schoolCode ? 1 : 0,
  );
  for (const questionnaire of sorted) {
    const verdict = assessSchool(questionnaire, rules, figures.get(questionnaire.schoolCode), resultsYear);
    verdicts.push(verdict.verdict);
    if (verdict.missingItems.length > 0) {
      missing.push({ schoolCode: questionnaire.schoolCode, year, items: verdict.missingItems });
    }
  }
  return { method: 'risk', year, resultsYear, verdicts, missingYears: [], missing, rules: RISK_CITATIONS };
}

function assessSchool(
  questionnaire: RiskQuestionnaire,
  rules: RiskRules,
  vpr: Map<VprRiskItem, VprFigure> | undefined,
  resultsYear: AcademicYear | null,
): { verdict: RiskVerdict; missingItems: string[] } {
  const answers = questionnaire.answers;
  const missingItems: string[] = [];
  const share = (item: RiskItem): number | null => {
    const value = answers[item];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    missingItems.push(item);
    return null;
  };
  const factors: RiskFactor[] = [];
  const atWorst: RiskFactor[] = [];
  const evidence: AnswerEvidence[] = [];

  // 1. «материально-техническая база»: хотя бы один отрицательный ответ
  {
    let fires = false;
    let unknown = false;
    for (const item of rules.materialBase.items) {
      const value = answers[item];
      if (value === false) {
        fires = true;
        evidence.push({ kind: 'answer', criterion: 'material-base', item, value: false, source: 'questionnaire' });
      } else if (value !== true) {
        unknown = true;
        missingItems.push(item);
      }
    }
    if (fires) factors.push('material-base');
    if (fires || unknown) atWorst.push('material-base');
  }

  // 2. «кадровые условия»: 2.1 более 10 %, 2.2 более 0 %
  {
    const checks: Array<[RiskItem, number]> = [
      ['2.1', rules.staff.overloadedTeachersAbove],
      ['2.2', rules.staff.teachersWithoutRetrainingAbove],
    ];
    let fires = false;
    let unknown = false;
    for (const [item, threshold] of checks) {
      const value = share(item);
      if (value === null) unknown = unknown || compareShare(1, '>', threshold);
      else if (compareShare(value, '>', threshold)) {
        fires = true;
        evidence.push({
          kind: 'answer',
          criterion: 'staff',
          item,
          value,
          threshold,
          comparison: '>',
          source: 'questionnaire',
        });
      }
    }
    if (fires) factors.push('staff');
    if (fires || unknown) atWorst.push('staff');
  }

  // 3. «контингент обучающихся»: более 10 % в сумме по всем показателям
  {
    let sum = 0;
    let unanswered = 0;
    const parts: AnswerEvidence[] = [];
    for (const item of rules.contingent.items) {
      const value = share(item);
      if (value === null) unanswered++;
      else {
        sum += value;
        parts.push({ kind: 'answer', criterion: 'contingent', item, value, source: 'questionnaire' });
      }
    }
    const threshold = rules.contingent.sumAbove;
    const fires = compareShare(sum, '>', threshold);
    if (fires) {
      factors.push('contingent');
      evidence.push(...parts, {
        kind: 'answer',
        criterion: 'contingent',
        item: rules.contingent.items.join('+'),
        value: sum,
        threshold,
        comparison: '>',
        source: 'questionnaire',
      });
    }
    if (fires || (unanswered > 0 && compareShare(sum + unanswered, '>', threshold))) atWorst.push('contingent');
  }

  // 4. «образовательные результаты»: 4.1–4.4 — 20 % и более не менее чем по двум; 4.5 — более 10 %
  {
    const { vprFailedAtLeast, minVprItems, nonProgressingAbove, minParticipants } = rules.results;
    let high = 0;
    let unknownVpr = 0;
    const parts: AnswerEvidence[] = [];
    const corrections: AnswerEvidence[] = [];
    for (const item of VPR_RISK_ITEMS) {
      const figure = vpr?.get(item);
      let value: number | null;
      let entry: AnswerEvidence;
      const answered = answers[item];
      const resultsShare =
        figure !== undefined && figure.participants >= minParticipants ? figure.failed / figure.participants : null;
      if (
        resultsShare !== null &&
        typeof answered === 'number' &&
        Number.isFinite(answered) &&
        Math.abs(answered - resultsShare) > CORRECTION_TOLERANCE
      ) {
        // the director corrected the prefilled share: the correction counts, both are shown
        value = answered;
        entry = {
          kind: 'answer',
          criterion: 'results',
          item,
          value,
          threshold: vprFailedAtLeast,
          comparison: '>=',
          source: 'correction',
          year: resultsYear!,
          procedure: rules.results.vprItems[item].id,
          participants: figure!.participants,
          failed: figure!.failed,
          resultsValue: resultsShare,
          ...(questionnaire.answeredBy?.[item] ? { correctedBy: questionnaire.answeredBy[item] } : {}),
        };
        corrections.push(entry);
      } else if (figure !== undefined && figure.participants >= minParticipants) {
        value = figure.failed / figure.participants;
        entry = {
          kind: 'answer',
          criterion: 'results',
          item,
          value,
          threshold: vprFailedAtLeast,
          comparison: '>=',
          source: 'results',
          year: resultsYear!,
          procedure: rules.results.vprItems[item].id,
          participants: figure.participants,
          failed: figure.failed,
        };
      } else {
        value = share(item);
        entry = {
          kind: 'answer',
          criterion: 'results',
          item,
          value: value ?? 0,
          threshold: vprFailedAtLeast,
          comparison: '>=',
          source: 'questionnaire',
        };
      }
      if (value === null) unknownVpr++;
      else if (compareShare(value, '>=', vprFailedAtLeast)) {
        high++;
        parts.push(entry);
      }
    }
    const nonProgressing = share('4.5');
    const vprFires = high >= minVprItems;
    const nonProgressingFires = nonProgressing !== null && compareShare(nonProgressing, '>', nonProgressingAbove);
    if (vprFires) evidence.push(...parts);
    // a correction is shown even when it does not fire: it changed (or kept off) the verdict
    evidence.push(...corrections.filter((entry) => !(vprFires && parts.includes(entry))));
    if (nonProgressingFires) {
      evidence.push({
        kind: 'answer',
        criterion: 'results',
        item: '4.5',
        value: nonProgressing,
        threshold: nonProgressingAbove,
        comparison: '>',
        source: 'questionnaire',
      });
    }
    const fires = vprFires || nonProgressingFires;
    if (fires) factors.push('results');
    const firesAtWorst =
      fires ||
      (high + unknownVpr >= minVprItems && compareShare(1, '>=', vprFailedAtLeast)) ||
      (nonProgressing === null && compareShare(1, '>', nonProgressingAbove));
    if (firesAtWorst) atWorst.push('results');
  }

  const status = statusOf(factors.length > 0, atWorst.length > 0);
  return {
    verdict: {
      schoolCode: questionnaire.schoolCode,
      method: 'risk',
      status,
      flagged: status === 'flagged',
      criteria: factors,
      undetermined: status === 'incomplete' ? atWorst : [],
      evidence,
      rules: RISK_CITATIONS,
    },
    missingItems,
  };
}

/** School → item 4.1–4.4 → summed ВПР figures of the chosen year. */
function vprFigures(
  rows: readonly ResultRow[],
  rules: RiskRules,
  requestedYear: AcademicYear | undefined,
): { resultsYear: AcademicYear | null; figures: Map<string, Map<VprRiskItem, VprFigure>> } {
  const figures = new Map<string, Map<VprRiskItem, VprFigure>>();
  const specs = VPR_RISK_ITEMS.map((item) => rules.results.vprItems[item]);
  const matcher = new ProcedureMatcher(specs);
  let resultsYear: AcademicYear | null = requestedYear ?? null;
  if (resultsYear === null) {
    for (const row of rows) {
      if (
        (resultsYear === null || row.year > resultsYear) &&
        isAcademicYear(row.year) &&
        matcher.match(row.procedure) >= 0
      ) {
        resultsYear = row.year;
      }
    }
  }
  if (resultsYear === null) return { resultsYear, figures };
  for (const row of rows) {
    if (row.year !== resultsYear) continue;
    const index = matcher.match(row.procedure);
    if (index < 0) continue;
    const item = VPR_RISK_ITEMS[index]!;
    let school = figures.get(row.schoolCode);
    if (school === undefined) figures.set(row.schoolCode, (school = new Map()));
    const figure = school.get(item);
    if (figure === undefined) school.set(item, { participants: row.participants, failed: row.failed });
    else {
      figure.participants += row.participants;
      figure.failed += row.failed;
    }
  }
  return { resultsYear, figures };
}
