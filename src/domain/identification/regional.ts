/**
 * Regional indicators — seed 001 (001_4a8724c71e328c13.txt, «Критерии и показатели отнесения
 * общеобразовательных организаций к типам ШНРО или ШФНСУ» and the «региональные показатели»):
 *
 *   lowest-results               «20% школ с самыми низкими результатами ЕГЭ, ОГЭ, и ВПР за последние 3 года»
 *   continuation-below           «Менее 60% обучающихся продолжающих обучение на старшей ступени»
 *   olympiad-low                 «0,5% и ниже учащихся … принимавших участие в … олимпиадах и конкурсах»
 *   oge-rus-failed-above-region  share below the ОГЭ minimum (русский) above the region's
 *   oge-math-failed-above-region share below the ОГЭ minimum (математика) above the region's
 *   oge-rus-mean-falling         ОГЭ русский mean score falling two years running
 *   oge-math-mean-falling        ОГЭ математика mean score falling two years running
 *   oge-math-failed-rising       share below the ОГЭ minimum (математика) rising
 *   ege-rus-mean-below-region    ЕГЭ русский mean score below the region's
 *
 * Our reading, where the seed leaves it open (docs/identification-rules.md, «Readings of seed 001»):
 * - the list is «20% школ с самыми низкими результатами ЕГЭ, ОГЭ, и ВПР за последние 3 года»:
 *   schools ranked by a composite — per kind (ВПР, ОГЭ, ЕГЭ) the school's failed share pooled over
 *   the years divided by the region's, averaged over the kinds the school has (weights in the
 *   rules) — the worst ⌈20 % × N⌉, ties included. Only `listCriteria` (default: this one) put a
 *   school on the list; every other criterion met is an «также» flag shown with its evidence;
 * - "falling two years running" = mean(L−2) > mean(L−1) > mean(L); "rising" = share(L) −
 *   share(L−1) ≥ `failedRising.minIncrease` with ≥ `failedRising.minParticipants` in both years;
 * - region figures are for L, from the rules file or else pooled over all schools in the data
 *   (mean scores weighted by participants); `coverage` says whether the data is the whole region.
 *   The data cannot tell the main period from retakes: the import is expected to hold main-period
 *   results (seed 003 §2.1 says the same for ФИОКО).
 */
import { ASSESSMENT_KIND_IDS, type AssessmentKind, type AcademicYear, type ResultRow } from '../results/types.ts';
import type { RuleCitation } from './citations.ts';
import {
  REGIONAL_CONTINUATION,
  REGIONAL_EGE_RUS_MEAN_BELOW_REGION,
  REGIONAL_LOWEST,
  REGIONAL_OGE_MATH_FAIL_ABOVE_REGION,
  REGIONAL_OGE_MATH_FAIL_RISING,
  REGIONAL_OGE_MATH_MEAN_FALLING,
  REGIONAL_OGE_RUS_FAIL_ABOVE_REGION,
  REGIONAL_OGE_RUS_MEAN_FALLING,
  REGIONAL_OLYMPIAD,
} from './citations.ts';
import type { Comparison } from './compare.ts';
import { compareShare } from './compare.ts';
import { IdentificationInputError } from './errors.ts';
import { ProcedureMatcher } from './procedures.ts';
import type { RegionalCriterion, RegionalRules } from './rules.ts';
import { REGIONAL_CRITERIA } from './rules.ts';
import type { IndicatorEvidence, SchoolVerdict } from './verdict.ts';
import { statusOf } from './verdict.ts';
import { academicYearsBack, isAcademicYear } from './years.ts';

export interface RegionalContext {
  /** share of grade-9 leavers who continue in grade 10 (fraction) */
  continuationShare?: number | null;
  /** share of pupils who took part in regional / all-Russian olympiads and contests over 3 years (fraction) */
  olympiadShare?: number | null;
}

export interface RegionalOptions {
  /** the last completed year L; default: the latest year in the data */
  year?: AcademicYear;
  /**
   * How many of the region's municipalities the rows of L cover. With fewer than all, figures
   * computed from the data are «по загруженным данным (N из M муниципалитетов)».
   */
  coverage?: { municipalitiesWithData: number; municipalitiesTotal: number };
  /** school code → context figures; without it the two context criteria are not evaluated */
  context?: ReadonlyMap<string, RegionalContext> | Readonly<Record<string, RegionalContext>>;
}

interface RegionalVerdict extends SchoolVerdict<'regional', RegionalCriterion, IndicatorEvidence> {
  /**
   * Criteria met that do not put a school on the list (not in `listCriteria`): the seed's «также»
   * indicators, shown as flags next to the verdict. Their evidence is in `evidence` too.
   */
  also: RegionalCriterion[];
}

/** One kind's part of the composite for lowest-results. */
interface CompositePart {
  kind: AssessmentKind;
  participants: number;
  failed: number;
  /** the school's failed share over the years */
  share: number;
  /** the region's (all ranked schools') failed share of this kind over the same years */
  regionShare: number;
  weight: number;
}

interface RegionalMissing {
  schoolCode: string;
  year: AcademicYear | null;
  /** procedure ids (`oge-math`), `<id>:mean-score` for a row without a mean score, or `continuation` / `olympiad` */
  items: string[];
}

interface RegionFiguresUsed {
  year: AcademicYear;
  ogeRusFailedShare: number | null;
  ogeMathFailedShare: number | null;
  egeRusMeanScore: number | null;
  /** where each figure came from */
  from: {
    ogeRusFailedShare: 'rules' | 'data' | null;
    ogeMathFailedShare: 'rules' | 'data' | null;
    egeRusMeanScore: 'rules' | 'data' | null;
  };
  /** figures from the data cover only part of the region (see RegionalResult.coverage) */
  partial: boolean;
}

export interface RegionalResult {
  method: 'regional';
  year: AcademicYear | null;
  verdicts: RegionalVerdict[];
  missingYears: AcademicYear[];
  missing: RegionalMissing[];
  regionFigures: RegionFiguresUsed | null;
  /** enabled criteria that could not run at all (the context criteria without `options.context`) */
  notEvaluated: RegionalCriterion[];
  /** lowest-results: the composite from which a school is among the lowest, and how many were ranked */
  lowestCutOff: { share: number; ranked: number; selected: number } | null;
  /** the municipalities the data covers; null when the caller did not say */
  coverage: { municipalitiesWithData: number; municipalitiesTotal: number; partial: boolean } | null;
  rules: readonly RuleCitation[];
}

const CITATIONS: Record<RegionalCriterion, RuleCitation> = {
  'lowest-results': REGIONAL_LOWEST,
  'continuation-below': REGIONAL_CONTINUATION,
  'olympiad-low': REGIONAL_OLYMPIAD,
  'oge-rus-failed-above-region': REGIONAL_OGE_RUS_FAIL_ABOVE_REGION,
  'oge-math-failed-above-region': REGIONAL_OGE_MATH_FAIL_ABOVE_REGION,
  'oge-rus-mean-falling': REGIONAL_OGE_RUS_MEAN_FALLING,
  'oge-math-mean-falling': REGIONAL_OGE_MATH_MEAN_FALLING,
  'oge-math-failed-rising': REGIONAL_OGE_MATH_FAIL_RISING,
  'ege-rus-mean-below-region': REGIONAL_EGE_RUS_MEAN_BELOW_REGION,
};

/** Indicator procedures, in this order in the per-school arrays. */
const OGE_RUS = 0;
const OGE_MATH = 1;
const EGE_RUS = 2;
const INDICATOR_PROCEDURES = 3;
/** Per procedure × year: participants, failed, Σ mean × participants, Σ participants with a mean. */
const FIELDS = 4;
const INDICATOR_YEARS = 3;

const KINDS = ASSESSMENT_KIND_IDS;

interface SchoolFigures {
  pooledParticipants: number;
  pooledFailed: number;
  /** per kind (KINDS order): participants, failed over the lowest-results window */
  byKind: [number, number, number, number, number, number];
  /** −1 participants = no row */
  indicators: Float64Array;
}

/** Tri-state outcome of a criterion for one school. */
type Outcome = 'met' | 'unknown' | 'not-met';

export function identifyRegional(
  rows: readonly ResultRow[],
  rules: RegionalRules,
  options: RegionalOptions = {},
): RegionalResult {
  // Canonical order (seed 001's), whatever order the rules file lists them in.
  const criteria = REGIONAL_CRITERIA.filter((criterion) => rules.criteria.includes(criterion));
  const citations = criteria.map((criterion) => CITATIONS[criterion]);
  let year = options.year ?? null;
  if (year !== null && !isAcademicYear(year))
    throw new IdentificationInputError('identify-error-year-format', { year });
  if (year === null) {
    for (const row of rows) if ((year === null || row.year > year) && isAcademicYear(row.year)) year = row.year;
  }
  const empty: RegionalResult = {
    method: 'regional',
    year,
    verdicts: [],
    missingYears: [],
    missing: [],
    regionFigures: null,
    notEvaluated: [],
    lowestCutOff: null,
    coverage:
      options.coverage === undefined
        ? null
        : {
            ...options.coverage,
            partial: options.coverage.municipalitiesWithData < options.coverage.municipalitiesTotal,
          },
    rules: citations,
  };
  if (year === null) return empty;

  const indicatorYears = academicYearsBack(year, INDICATOR_YEARS);
  const lowestYears = new Set(academicYearsBack(year, rules.lowest.years));
  const lowestKinds = new Set<string>(rules.lowest.kinds);
  const matcher = new ProcedureMatcher([rules.procedures.ogeRus, rules.procedures.ogeMath, rules.procedures.egeRus]);
  const minParticipants = rules.minParticipants;

  // One pass: pooled figures for lowest-results, per-year figures of the three indicator procedures.
  const schools = new Map<string, SchoolFigures>();
  const yearsWithRows = new Set<AcademicYear>();
  for (const row of rows) {
    const yearIndex = indicatorYears.indexOf(row.year);
    const inLowestWindow = lowestYears.has(row.year);
    if (yearIndex < 0 && !inLowestWindow) continue;
    let school = schools.get(row.schoolCode);
    if (school === undefined) {
      school = {
        pooledParticipants: 0,
        pooledFailed: 0,
        byKind: [0, 0, 0, 0, 0, 0],
        indicators: new Float64Array(INDICATOR_PROCEDURES * INDICATOR_YEARS * FIELDS),
      };
      for (let i = 0; i < school.indicators.length; i += FIELDS) school.indicators[i] = -1;
      schools.set(row.schoolCode, school);
    }
    yearsWithRows.add(row.year);
    if (inLowestWindow && lowestKinds.has(row.procedure.kind) && row.participants >= minParticipants) {
      school.pooledParticipants += row.participants;
      school.pooledFailed += row.failed;
      const kind = KINDS.indexOf(row.procedure.kind);
      school.byKind[kind * 2]! += row.participants;
      school.byKind[kind * 2 + 1]! += row.failed;
    }
    if (yearIndex < 0) continue;
    const procedure = matcher.match(row.procedure);
    if (procedure < 0) continue;
    const at = (procedure * INDICATOR_YEARS + yearIndex) * FIELDS;
    const figures = school.indicators;
    if (figures[at]! < 0) figures[at] = 0;
    figures[at]! += row.participants;
    figures[at + 1]! += row.failed;
    if (row.meanScore !== null && row.meanScore !== undefined && row.participants >= minParticipants) {
      figures[at + 2]! += row.meanScore * row.participants;
      figures[at + 3]! += row.participants;
    }
  }

  const regionFigures = computeRegionFigures(year, schools, rules, minParticipants, empty.coverage?.partial ?? false);
  const enabled = new Set(criteria);
  const context = options.context;
  const contextOf = (code: string): RegionalContext | undefined =>
    context === undefined
      ? undefined
      : context instanceof Map
        ? context.get(code)
        : (context as Record<string, RegionalContext>)[code];
  const notEvaluated: RegionalCriterion[] =
    context === undefined ? criteria.filter((c) => c === 'continuation-below' || c === 'olympiad-low') : [];

  // lowest-results: rank by the composite, worst first.
  const composites = compositeOf(schools, rules);
  const ranked = [...composites.entries()]
    .map(([code, composite]) => ({ code, share: composite.value }))
    .sort((a, b) => b.share - a.share || (a.code < b.code ? -1 : 1));
  let lowestCutOff: RegionalResult['lowestCutOff'] = null;
  const rankOf = new Map<string, number>();
  if (ranked.length > 0 && enabled.has('lowest-results')) {
    const selected = Math.max(1, Math.ceil(rules.lowest.share * ranked.length - 1e-9));
    const cutOff = ranked[selected - 1]!.share;
    ranked.forEach((entry, index) => {
      const rank =
        index > 0 && entry.share === ranked[index - 1]!.share ? rankOf.get(ranked[index - 1]!.code)! : index + 1;
      rankOf.set(entry.code, rank);
    });
    lowestCutOff = {
      share: cutOff,
      ranked: ranked.length,
      selected: ranked.filter((entry) => compareShare(entry.share, '>=', cutOff)).length,
    };
  }

  const verdicts: RegionalVerdict[] = [];
  const missing: RegionalMissing[] = [];
  const codes = [...schools.keys()].sort();
  for (const code of codes) {
    const school = schools.get(code)!;
    const figures = school.indicators;
    const evidence: IndicatorEvidence[] = [];
    const missingByYear = new Map<AcademicYear, Set<string>>();
    const addMissing = (missingYear: AcademicYear, item: string) => {
      let items = missingByYear.get(missingYear);
      if (items === undefined) missingByYear.set(missingYear, (items = new Set()));
      items.add(item);
    };
    const procedureId = (procedure: number) =>
      [rules.procedures.ogeRus.id, rules.procedures.ogeMath.id, rules.procedures.egeRus.id][procedure]!;
    const at = (procedure: number, yearIndex: number) => (procedure * INDICATOR_YEARS + yearIndex) * FIELDS;
    const hasAnyRow = (procedure: number) => {
      for (let y = 0; y < INDICATOR_YEARS; y++) if (figures[at(procedure, y)]! >= 0) return true;
      return false;
    };
    /** failed share in year y, 'absent' (no row), or 'none' (row with too few participants) */
    const failedShare = (procedure: number, yearIndex: number): number | 'absent' | 'none' => {
      const i = at(procedure, yearIndex);
      if (figures[i]! < 0) return 'absent';
      if (figures[i]! < minParticipants) return 'none';
      return figures[i + 1]! / figures[i]!;
    };
    /** mean score in year y, 'absent' (no row), 'none' (too few participants) or 'no-mean' (row without a mean) */
    const meanScore = (procedure: number, yearIndex: number): number | 'absent' | 'none' | 'no-mean' => {
      const i = at(procedure, yearIndex);
      if (figures[i]! < 0) return 'absent';
      if (figures[i]! < minParticipants) return 'none';
      if (figures[i + 3]! <= 0) return 'no-mean';
      return figures[i + 2]! / figures[i + 3]!;
    };
    const push = (
      criterion: RegionalCriterion,
      procedure: number | null,
      yearIndex: number,
      value: number,
      comparison: Comparison,
      compareTo: number,
      reference: IndicatorEvidence['reference'],
      referenceYearIndex?: number,
    ) => {
      const entry: IndicatorEvidence = {
        kind: 'indicator',
        criterion,
        year: indicatorYears[yearIndex]!,
        value,
        comparison,
        compareTo,
        reference,
      };
      if (procedure !== null) entry.procedure = procedureId(procedure);
      if (referenceYearIndex !== undefined) entry.referenceYear = indicatorYears[referenceYearIndex]!;
      evidence.push(entry);
    };

    const failedAboveRegion = (
      criterion: RegionalCriterion,
      procedure: number,
      regionShare: number | null,
    ): Outcome => {
      if (!hasAnyRow(procedure)) return 'not-met';
      const share = failedShare(procedure, 0);
      if (share === 'none') return 'not-met';
      if (share === 'absent' || regionShare === null) {
        if (share === 'absent') addMissing(indicatorYears[0]!, procedureId(procedure));
        return 'unknown';
      }
      if (!compareShare(share, '>', regionShare)) return 'not-met';
      push(criterion, procedure, 0, share, '>', regionShare, 'region');
      return 'met';
    };

    const meanFalling = (criterion: RegionalCriterion, procedure: number): Outcome => {
      if (!hasAnyRow(procedure)) return 'not-met';
      const means = [0, 1, 2].map((y) => meanScore(procedure, y));
      if (means.some((mean) => mean === 'none')) return 'not-met';
      let anyUnknown = false;
      means.forEach((mean, y) => {
        if (mean === 'absent') addMissing(indicatorYears[y]!, procedureId(procedure));
        if (mean === 'no-mean') addMissing(indicatorYears[y]!, `${procedureId(procedure)}:mean-score`);
      });
      // pair y: mean(y+1) > mean(y), i.e. the mean fell from year y+1 to year y
      for (let y = 0; y < 2; y++) {
        const later = means[y]!;
        const earlier = means[y + 1]!;
        if (typeof later !== 'number' || typeof earlier !== 'number') anyUnknown = true;
        else if (!(earlier > later)) return 'not-met';
      }
      if (anyUnknown) return 'unknown';
      push(criterion, procedure, 0, means[0] as number, '<', means[1] as number, 'previous-year', 1);
      push(criterion, procedure, 1, means[1] as number, '<', means[2] as number, 'previous-year', 2);
      return 'met';
    };

    const failedRising = (criterion: RegionalCriterion, procedure: number): Outcome => {
      if (!hasAnyRow(procedure)) return 'not-met';
      const latest = failedShare(procedure, 0);
      const previous = failedShare(procedure, 1);
      if (latest === 'none' || previous === 'none') return 'not-met';
      if (latest === 'absent' || previous === 'absent') {
        if (latest === 'absent') addMissing(indicatorYears[0]!, procedureId(procedure));
        if (previous === 'absent') addMissing(indicatorYears[1]!, procedureId(procedure));
        return 'unknown';
      }
      // A rise counts only when it is meaningful: enough pupils both years, by enough points.
      const { minIncrease, minParticipants: enough } = rules.failedRising;
      if (figures[at(procedure, 0)]! < enough || figures[at(procedure, 1)]! < enough) return 'not-met';
      if (!compareShare(latest - previous, '>=', minIncrease) || !compareShare(latest, '>', previous)) return 'not-met';
      push(criterion, procedure, 0, latest, '>', previous, 'previous-year', 1);
      evidence.at(-1)!.minIncrease = minIncrease;
      return 'met';
    };

    const meanBelowRegion = (criterion: RegionalCriterion, procedure: number, regionMean: number | null): Outcome => {
      if (!hasAnyRow(procedure)) return 'not-met';
      const mean = meanScore(procedure, 0);
      if (mean === 'none') return 'not-met';
      if (typeof mean !== 'number' || regionMean === null) {
        if (mean === 'absent') addMissing(indicatorYears[0]!, procedureId(procedure));
        if (mean === 'no-mean') addMissing(indicatorYears[0]!, `${procedureId(procedure)}:mean-score`);
        return 'unknown';
      }
      if (!(mean < regionMean - 1e-9)) return 'not-met';
      push(criterion, procedure, 0, mean, '<', regionMean, 'region');
      return 'met';
    };

    const contextCriterion = (
      criterion: RegionalCriterion,
      field: 'continuationShare' | 'olympiadShare',
      comparison: Comparison,
      threshold: number,
    ): Outcome => {
      if (context === undefined) return 'not-met';
      const value = contextOf(code)?.[field];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        addMissing(indicatorYears[0]!, field === 'continuationShare' ? 'continuation' : 'olympiad');
        return 'unknown';
      }
      if (!compareShare(value, comparison, threshold)) return 'not-met';
      push(criterion, null, 0, value, comparison, threshold, 'threshold');
      return 'met';
    };

    const lowest = (): Outcome => {
      const composite = composites.get(code);
      if (lowestCutOff === null || composite === undefined) return 'not-met';
      if (!compareShare(composite.value, '>=', lowestCutOff.share)) return 'not-met';
      evidence.push({
        kind: 'indicator',
        criterion: 'lowest-results',
        year,
        value: composite.value,
        comparison: '>=',
        compareTo: lowestCutOff.share,
        reference: 'cut-off',
        rank: rankOf.get(code)!,
        ranked: lowestCutOff.ranked,
        parts: composite.parts,
      });
      return 'met';
    };

    const met: RegionalCriterion[] = [];
    const also: RegionalCriterion[] = [];
    const unknown: RegionalCriterion[] = [];
    for (const criterion of criteria) {
      let outcome: Outcome;
      switch (criterion) {
        case 'lowest-results':
          outcome = lowest();
          break;
        case 'continuation-below':
          outcome = contextCriterion(criterion, 'continuationShare', '<', rules.continuationBelow);
          break;
        case 'olympiad-low':
          outcome = contextCriterion(criterion, 'olympiadShare', '<=', rules.olympiadAtMost);
          break;
        case 'oge-rus-failed-above-region':
          outcome = failedAboveRegion(criterion, OGE_RUS, regionFigures.ogeRusFailedShare);
          break;
        case 'oge-math-failed-above-region':
          outcome = failedAboveRegion(criterion, OGE_MATH, regionFigures.ogeMathFailedShare);
          break;
        case 'oge-rus-mean-falling':
          outcome = meanFalling(criterion, OGE_RUS);
          break;
        case 'oge-math-mean-falling':
          outcome = meanFalling(criterion, OGE_MATH);
          break;
        case 'oge-math-failed-rising':
          outcome = failedRising(criterion, OGE_MATH);
          break;
        case 'ege-rus-mean-below-region':
          outcome = meanBelowRegion(criterion, EGE_RUS, regionFigures.egeRusMeanScore);
          break;
      }
      const listed = rules.listCriteria.includes(criterion);
      if (outcome === 'met') (listed ? met : also).push(criterion);
      else if (outcome === 'unknown' && listed) unknown.push(criterion);
    }
    const status = statusOf(met.length >= rules.minCriteria, met.length + unknown.length >= rules.minCriteria);
    verdicts.push({
      schoolCode: code,
      method: 'regional',
      status,
      flagged: status === 'flagged',
      criteria: met,
      also,
      undetermined: status === 'incomplete' ? unknown : [],
      evidence,
      rules: citations,
    });
    for (const missingYear of indicatorYears) {
      const items = missingByYear.get(missingYear);
      if (items !== undefined) missing.push({ schoolCode: code, year: missingYear, items: [...items] });
    }
  }

  return {
    ...empty,
    verdicts,
    missingYears: indicatorYears.filter((y) => !yearsWithRows.has(y)),
    missing,
    regionFigures,
    notEvaluated,
    lowestCutOff,
  };
}

/**
 * The composite behind lowest-results, per school with results: for each kind with a weight, the
 * school's failed share over the window divided by the region's (the pooled share of every school
 * in the data); the weighted mean of those ratios over the kinds the school has. A ratio, not a
 * share, so that ВПР (≈ 10–20 % failing) does not drown ЕГЭ (≈ 1–3 % failing).
 */
function compositeOf(
  schools: ReadonlyMap<string, SchoolFigures>,
  rules: RegionalRules,
): Map<string, { value: number; parts: CompositePart[] }> {
  const region = [0, 0, 0, 0, 0, 0];
  for (const school of schools.values()) for (let i = 0; i < 6; i++) region[i]! += school.byKind[i]!;
  const result = new Map<string, { value: number; parts: CompositePart[] }>();
  for (const [code, school] of schools) {
    let sum = 0;
    let weights = 0;
    const parts: CompositePart[] = [];
    KINDS.forEach((kind, k) => {
      const weight = rules.lowest.weights[kind];
      const participants = school.byKind[k * 2]!;
      const regionParticipants = region[k * 2]!;
      if (weight <= 0 || participants <= 0 || regionParticipants <= 0) return;
      const regionShare = region[k * 2 + 1]! / regionParticipants;
      if (regionShare <= 0) return;
      const failed = school.byKind[k * 2 + 1]!;
      const share = failed / participants;
      sum += (weight * share) / regionShare;
      weights += weight;
      parts.push({ kind, participants, failed, share, regionShare, weight });
    });
    if (weights > 0) result.set(code, { value: sum / weights, parts });
  }
  return result;
}

function computeRegionFigures(
  year: AcademicYear,
  schools: ReadonlyMap<string, SchoolFigures>,
  rules: RegionalRules,
  minParticipants: number,
  partial: boolean,
): RegionFiguresUsed {
  const given = rules.regionFigures[year] ?? {};
  const pooled = (procedure: number) => {
    let participants = 0;
    let failed = 0;
    let meanWeighted = 0;
    let meanWeight = 0;
    const at = procedure * INDICATOR_YEARS * FIELDS; // year index 0 = L
    for (const school of schools.values()) {
      const count = school.indicators[at]!;
      if (count < minParticipants) continue;
      participants += count;
      failed += school.indicators[at + 1]!;
      meanWeighted += school.indicators[at + 2]!;
      meanWeight += school.indicators[at + 3]!;
    }
    return {
      failedShare: participants > 0 ? failed / participants : null,
      mean: meanWeight > 0 ? meanWeighted / meanWeight : null,
    };
  };
  const ogeRus = pooled(OGE_RUS);
  const ogeMath = pooled(OGE_MATH);
  const egeRus = pooled(EGE_RUS);
  const pick = (fromRules: number | undefined, fromData: number | null) =>
    fromRules !== undefined
      ? { value: fromRules, from: 'rules' as const }
      : { value: fromData, from: fromData === null ? null : ('data' as const) };
  const ogeRusFailed = pick(given.ogeRusFailedShare, ogeRus.failedShare);
  const ogeMathFailed = pick(given.ogeMathFailedShare, ogeMath.failedShare);
  const egeRusMean = pick(given.egeRusMeanScore, egeRus.mean);
  return {
    year,
    ogeRusFailedShare: ogeRusFailed.value,
    ogeMathFailedShare: ogeMathFailed.value,
    egeRusMeanScore: egeRusMean.value,
    from: {
      ogeRusFailedShare: ogeRusFailed.from,
      ogeMathFailedShare: ogeMathFailed.from,
      egeRusMeanScore: egeRusMean.from,
    },
    partial: partial && [ogeRusFailed, ogeMathFailed, egeRusMean].some((figure) => figure.from === 'data'),
  };
}
