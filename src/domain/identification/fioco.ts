/**
 * ШНОР by the ФИОКО method — seed 003 §2.1 (003_b4603cc6abcf662b.txt, «Методика идентификации
 * школ как школ с низкими образовательными результатами»).
 *
 * A procedure is low for a school in a year when failed / participants >= threshold (30 %).
 * A school is ШНОР when
 *   (1) `two-procedures`: at least two procedures are low in the last completed year L, or
 *   (2) `two-years`: at least one procedure is low in L and at least one in L − 1
 *       (variant: the same procedure in both years).
 * L defaults to the latest year with ФИОКО rows; L − 1 is the calendar year before L.
 *
 * Missing data is reported, not guessed: for each school the expected procedures are those it has
 * in L or in L − 1; one present in one year and absent in the other is missing. If the missing
 * results, taken as low, would flag the school, its status is `incomplete` instead of `clear`.
 * A row with fewer participants than `minParticipants` (e.g. 0) is present but never low.
 * Two rows for one school × year × procedure are added up and listed in `duplicates`.
 *
 * Built for ~1 M rows: one pass to find L (only when not given), one pass to group into typed
 * arrays, one pass over schools. No per-row allocation except a new school's Map entry.
 */
import type { AcademicYear, ResultRow } from '../results/types.ts';
import type { RuleCitation } from './citations.ts';
import {
  FIOCO_LOW_RESULT,
  FIOCO_PROCEDURES,
  FIOCO_TWO_PROCEDURES,
  FIOCO_TWO_YEARS,
  FIOCO_TWO_YEARS_SAME_PROCEDURE,
} from './citations.ts';
import { compareShare } from './compare.ts';
import { IdentificationInputError } from './errors.ts';
import type { ProcedureSpec } from './procedures.ts';
import { ProcedureMatcher } from './procedures.ts';
import type { FiocoRules } from './rules.ts';
import type { ResultEvidence, SchoolVerdict } from './verdict.ts';
import { statusOf } from './verdict.ts';
import { isAcademicYear, previousAcademicYear } from './years.ts';

type FiocoCriterion = 'two-procedures' | 'two-years';

type FiocoVerdict = SchoolVerdict<'fioco', FiocoCriterion, ResultEvidence>;

/** A school's procedures present in one of the two years and absent in the other. */
interface FiocoMissing {
  schoolCode: string;
  year: AcademicYear;
  /** procedure ids, in the rules' order */
  procedures: string[];
}

interface FiocoDuplicate {
  schoolCode: string;
  year: AcademicYear;
  procedure: string;
}

export interface FiocoResult {
  method: 'fioco';
  /** the last completed year L; null only when there is no ФИОКО data and no year was asked for */
  year: AcademicYear | null;
  /** L − 1 */
  previousYear: AcademicYear | null;
  /** one verdict per school with ФИОКО rows in L or L − 1, sorted by school code */
  verdicts: FiocoVerdict[];
  /** L or L − 1 when the data has no ФИОКО row at all for it (then no per-school `missing` for it) */
  missingYears: AcademicYear[];
  /** per-school gaps, sorted by school code, L before L − 1 */
  missing: FiocoMissing[];
  duplicates: FiocoDuplicate[];
  threshold: number;
  procedures: readonly ProcedureSpec[];
  rules: readonly RuleCitation[];
}

export interface FiocoOptions {
  /** the last completed year L, `YYYY/YYYY`; default: the latest year with ФИОКО rows */
  year?: AcademicYear;
}

export function fiocoCitations(rules: FiocoRules): RuleCitation[] {
  const lowResult: RuleCitation =
    rules.threshold === 0.3 && rules.minParticipants === 1
      ? FIOCO_LOW_RESULT
      : {
          ...FIOCO_LOW_RESULT,
          noteKey: 'identify-fioco-note-threshold',
          noteParams: { thresholdPercent: rules.threshold * 100, minParticipants: rules.minParticipants },
        };
  const twoProcedures: RuleCitation =
    rules.minLowProcedures === 2
      ? FIOCO_TWO_PROCEDURES
      : {
          ...FIOCO_TWO_PROCEDURES,
          noteKey: 'identify-fioco-note-min-low',
          noteParams: { count: rules.minLowProcedures },
        };
  const twoYears = rules.sameProcedureInBothYears ? FIOCO_TWO_YEARS_SAME_PROCEDURE : FIOCO_TWO_YEARS;
  return [lowResult, twoProcedures, twoYears, FIOCO_PROCEDURES];
}

export function identifyFioco(rows: readonly ResultRow[], rules: FiocoRules, options: FiocoOptions = {}): FiocoResult {
  const specs = rules.procedures;
  const procedureCount = specs.length;
  const matcher = new ProcedureMatcher(specs);
  const citations = fiocoCitations(rules);

  let year: AcademicYear | null = options.year ?? null;
  if (year !== null && !isAcademicYear(year)) {
    throw new IdentificationInputError('identify-error-year-format', { year });
  }
  if (year === null) year = latestFiocoYear(rows, matcher);
  const empty: FiocoResult = {
    method: 'fioco',
    year,
    previousYear: year === null ? null : previousAcademicYear(year),
    verdicts: [],
    missingYears: [],
    missing: [],
    duplicates: [],
    threshold: rules.threshold,
    procedures: specs,
    rules: citations,
  };
  if (year === null) return empty;
  const previousYear = previousAcademicYear(year);

  // Group: school → [L: procedure 0…P−1, L−1: procedure 0…P−1]; participants −1 = no row.
  const stride = 2 * procedureCount;
  const schoolIndex = new Map<string, number>();
  const codes: string[] = [];
  // Sized for full data (each school has every procedure in three years), grown if there are more
  // schools: avoids copying buffers of tens of megabytes while grouping.
  let capacity = Math.max(1024, Math.ceil(rows.length / (3 * procedureCount)));
  let participants = new Float64Array(capacity * stride).fill(-1);
  let failed = new Float64Array(capacity * stride);
  const duplicates: FiocoDuplicate[] = [];
  let seenLatest = false;
  let seenPrevious = false;
  let previousSchool = -1;

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const yearOffset = row.year === year ? 0 : row.year === previousYear ? procedureCount : -1;
    if (yearOffset < 0) continue;
    const procedure = matcher.match(row.procedure);
    if (procedure < 0) continue;
    // Imports list the schools in the same order for every procedure: try the school after the
    // previous row's before the Map (a Map lookup on 40k string keys is most of the pass).
    let school: number | undefined = previousSchool + 1;
    if (school >= codes.length || codes[school] !== row.schoolCode) school = schoolIndex.get(row.schoolCode);
    if (school === undefined) {
      school = codes.length;
      codes.push(row.schoolCode);
      schoolIndex.set(row.schoolCode, school);
      if (school >= capacity) {
        capacity *= 2;
        const grownParticipants = new Float64Array(capacity * stride).fill(-1);
        grownParticipants.set(participants);
        participants = grownParticipants;
        const grownFailed = new Float64Array(capacity * stride);
        grownFailed.set(failed);
        failed = grownFailed;
      }
    }
    previousSchool = school;
    if (yearOffset === 0) seenLatest = true;
    else seenPrevious = true;
    const slot = school * stride + yearOffset + procedure;
    if (participants[slot]! < 0) {
      participants[slot] = row.participants;
      failed[slot] = row.failed;
    } else {
      participants[slot]! += row.participants;
      failed[slot]! += row.failed;
      duplicates.push({ schoolCode: row.schoolCode, year: row.year, procedure: specs[procedure]!.id });
    }
  }

  const order = codes.map((_, index) => index);
  order.sort((a, b) => (codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0));

  const threshold = rules.threshold;
  const minParticipants = rules.minParticipants;
  const isLow = (slot: number): boolean => {
    const count = participants[slot]!;
    return count >= minParticipants && compareShare(failed[slot]! / count, '>=', threshold);
  };
  const evidenceOf = (slot: number, evidenceYear: AcademicYear, procedure: number): ResultEvidence => ({
    kind: 'result',
    year: evidenceYear,
    procedure: specs[procedure]!.id,
    participants: participants[slot]!,
    failed: failed[slot]!,
    share: failed[slot]! / participants[slot]!,
    threshold,
    comparison: '>=',
  });

  const verdicts: FiocoVerdict[] = new Array(order.length);
  const missing: FiocoMissing[] = [];
  for (let n = 0; n < order.length; n++) {
    const school = order[n]!;
    const base = school * stride;
    let lowLatest = 0;
    let lowPrevious = 0;
    let missingLatest = 0;
    let missingPrevious = 0;
    let sameProcedure = false;
    let sameProcedureAtWorst = false;
    const evidence: ResultEvidence[] = [];
    let missingLatestIds: string[] | null = null;
    let missingPreviousIds: string[] | null = null;

    for (let p = 0; p < procedureCount; p++) {
      const latestSlot = base + p;
      const previousSlot = base + procedureCount + p;
      const inLatest = participants[latestSlot]! >= 0;
      const inPrevious = participants[previousSlot]! >= 0;
      if (!inLatest && !inPrevious) continue;
      const lowInLatest = inLatest && isLow(latestSlot);
      const lowInPrevious = inPrevious && isLow(previousSlot);
      if (lowInLatest) {
        lowLatest++;
        evidence.push(evidenceOf(latestSlot, year, p));
      }
      if (lowInPrevious) lowPrevious++;
      if (lowInLatest && lowInPrevious) sameProcedure = true;
      if (!inLatest) {
        missingLatest++;
        if (seenLatest) (missingLatestIds ??= []).push(specs[p]!.id);
      }
      if (!inPrevious) {
        missingPrevious++;
        if (seenPrevious) (missingPreviousIds ??= []).push(specs[p]!.id);
      }
      if ((lowInLatest || !inLatest) && (lowInPrevious || !inPrevious)) sameProcedureAtWorst = true;
    }
    // L − 1 evidence after all of L's
    if (lowPrevious > 0) {
      for (let p = 0; p < procedureCount; p++) {
        const previousSlot = base + procedureCount + p;
        if (participants[previousSlot]! >= 0 && isLow(previousSlot))
          evidence.push(evidenceOf(previousSlot, previousYear, p));
      }
    }

    const twoProcedures = lowLatest >= rules.minLowProcedures;
    const twoProceduresAtWorst = lowLatest + missingLatest >= rules.minLowProcedures;
    const twoYears = rules.sameProcedureInBothYears ? sameProcedure : lowLatest > 0 && lowPrevious > 0;
    const twoYearsAtWorst = rules.sameProcedureInBothYears
      ? sameProcedureAtWorst
      : lowLatest + missingLatest > 0 && lowPrevious + missingPrevious > 0;

    const status = statusOf(twoProcedures || twoYears, twoProceduresAtWorst || twoYearsAtWorst);
    const criteria: FiocoCriterion[] = [];
    if (twoProcedures) criteria.push('two-procedures');
    if (twoYears) criteria.push('two-years');
    const undetermined: FiocoCriterion[] = [];
    if (status === 'incomplete') {
      if (twoProceduresAtWorst) undetermined.push('two-procedures');
      if (twoYearsAtWorst) undetermined.push('two-years');
    }
    const schoolCode = codes[school]!;
    verdicts[n] = {
      schoolCode,
      method: 'fioco',
      status,
      flagged: status === 'flagged',
      criteria,
      undetermined,
      evidence,
      rules: citations,
    };
    if (missingLatestIds !== null) missing.push({ schoolCode, year, procedures: missingLatestIds });
    if (missingPreviousIds !== null) missing.push({ schoolCode, year: previousYear, procedures: missingPreviousIds });
  }

  const missingYears: AcademicYear[] = [];
  if (!seenLatest) missingYears.push(year);
  if (!seenPrevious) missingYears.push(previousYear);

  return { ...empty, previousYear, verdicts, missingYears, missing, duplicates };
}

/** The latest academic year with at least one row of a ФИОКО procedure. */
function latestFiocoYear(rows: readonly ResultRow[], matcher: ProcedureMatcher): AcademicYear | null {
  let latest: AcademicYear | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // `YYYY/YYYY` strings order like the years they name; compare before the costlier match.
    if ((latest === null || row.year > latest) && isAcademicYear(row.year) && matcher.match(row.procedure) >= 0) {
      latest = row.year;
    }
  }
  return latest;
}
