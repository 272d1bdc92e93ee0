/**
 * Validation of one results row (issue #3, long format: school × academic year × procedure)
 * and of duplicates within one file. Pure: the caller reads the cells and places the problems.
 *
 * «Не справились» is the count the ФИОКО method works with: participants who got «2» (ВПР) or
 * did not reach the minimum score (ОГЭ/ЕГЭ), first attempt only: seed 003 §2.1
 * (003_b4603cc6abcf662b.txt, «Методика ФИОКО»).
 */
import { isSchoolCode, normaliseSchoolCode, sameSchoolName } from '../schools/school.ts';
import type { RowProblem } from '../schools/rowProblem.ts';
import { parseAcademicYear, type AcademicYearParse } from './academicYear.ts';
import {
  ASSESSMENT_KINDS,
  formatGrades,
  KIND_LABELS,
  parseAssessmentKind,
  parseGrade,
  isKnownSubject,
  KNOWN_SUBJECTS,
  parseSubject,
  effectiveGrade,
  procedureLabel,
  ProcedureIds,
  type SubjectParse,
} from './procedures.ts';
import type { AssessmentKind, ResultRow } from './types.ts';

export type ResultField =
  | 'year'
  | 'schoolCode'
  | 'schoolName'
  | 'kind'
  | 'subject'
  | 'grade'
  | 'participants'
  | 'failed'
  | 'failedShare'
  | 'm2'
  | 'm3'
  | 'm4'
  | 'm5'
  | 'meanScore';

export type ResultProblem = RowProblem<ResultField>;

/**
 * One row as read from the file. `null`: empty cell or absent column; `undefined`: the cell
 * could not be read (a date where a number belongs, an error value, …) and was already
 * reported, so no further message is given about it.
 */
export interface ResultRowInput {
  year: string | number | null | undefined;
  schoolCode: string | null | undefined;
  schoolName: string | null | undefined;
  kind: string | null | undefined;
  subject: string | null | undefined;
  grade: string | number | null | undefined;
  participants: number | null | undefined;
  failed: number | null | undefined;
  /** share of participants who failed, in percent (0–100) */
  failedShare: number | null | undefined;
  m2: number | null | undefined;
  m3: number | null | undefined;
  m4: number | null | undefined;
  m5: number | null | undefined;
  meanScore: number | null | undefined;
}

export interface ResultsValidationContext {
  /** the registry: school code → name (looked up, never listed) */
  knownSchools: Pick<ReadonlyMap<string, string>, 'get'>;
}

/**
 * A share turned into a count: `round(share × participants / 100)`, halves rounded up.
 * Reports round shares to 0.1 %, so the count comes back exactly while participants < 500.
 */
export function failedFromShare(sharePercent: number, participants: number): number {
  return Math.floor((sharePercent * participants) / 100 + 0.5 + 1e-9);
}

const MARK_FIELDS = ['m2', 'm3', 'm4', 'm5'] as const;
const KINDS_ALLOWED = KIND_LABELS.join(', ');

/** Validates one row on its own (no duplicate check across rows). */
export function validateResultRow(
  input: ResultRowInput,
  context: ResultsValidationContext,
): { row: ResultRow | null; problems: ResultProblem[] } {
  return new ResultRowValidator(context).validate(input);
}

/**
 * Validates the rows of one file in order: each row on its own, and the same school, year and
 * procedure twice is an error naming both rows. Parsed spellings (years, procedures, subjects,
 * names) are remembered, as a file repeats the same few hundred values many thousand times.
 */
type SchoolCodeVerdict = { code: string; registryName: string } | { failure: string; params?: Record<string, string> };

export class ResultRowValidator {
  private problems: ResultProblem[] = [];
  private usable = true;
  private readonly kinds = new Map<string, AssessmentKind | null>();
  private readonly subjects = new Map<string, SubjectParse>();
  private readonly years = new Map<string | number, AcademicYearParse>();
  /** «Код ОО» as written → the code and the registry's names, or why it is refused */
  private readonly schoolCodes = new Map<string | null, SchoolCodeVerdict>();
  /** code → name as written → whether it is the registry's school */
  private readonly nameMatches = new Map<string, Map<string, boolean>>();
  /** school codes, years and procedures → small numbers, so the duplicate key is a number */
  private readonly codeIds = new Map<string, number>();
  private readonly yearIds = new Map<string, number>();
  /** kind → subject → grade → id (no key string built per row) */
  private readonly procedureIds = new ProcedureIds();
  private readonly firstRowOf = new Map<number, number>();

  constructor(private readonly context: ResultsValidationContext) {}

  /** `rowNumber` enables the duplicate check (rows must come in file order). */
  validate(input: ResultRowInput, rowNumber?: number): { row: ResultRow | null; problems: ResultProblem[] } {
    this.problems = [];
    this.usable = true;
    const year = this.year(input.year);
    const schoolCode = this.school(input.schoolCode, input.schoolName);
    const kind = this.kind(input.kind);
    const subject = this.subject(kind, input.subject);
    const grade = this.grade(kind, input.grade);
    const participants = this.participants(input.participants);
    const marks = this.marks(input, participants);
    const failed = this.failed(input, kind, participants, marks);
    const meanScore = this.meanScore(input.meanScore);
    const problems = this.problems;
    if (
      !this.usable ||
      year === null ||
      schoolCode === null ||
      kind === null ||
      subject === null ||
      participants === null ||
      failed === null
    ) {
      return { row: null, problems };
    }
    const row: ResultRow = {
      schoolCode,
      year,
      procedure: { kind, subject, grade },
      participants,
      failed,
      marks,
      meanScore,
    };
    if (rowNumber !== undefined) {
      // < 2^53: years 2000–2100 give < 128 ids, a file has < 2^20 procedures and < 2^26 schools
      const key =
        (idOf(this.codeIds, schoolCode) * 128 + idOf(this.yearIds, year)) * 1_048_576 +
        this.procedureIds.idOf(kind, subject, effectiveGrade(row.procedure));
      const first = this.firstRowOf.get(key);
      if (first === undefined) this.firstRowOf.set(key, rowNumber);
      else {
        problems.push({
          severity: 'error',
          field: 'schoolCode',
          code: 'results-duplicate-row',
          params: { first: String(first), code: schoolCode, year, procedure: procedureLabel(row.procedure) },
        });
        return { row: null, problems };
      }
    }
    return { row, problems };
  }

  private fail(field: ResultField, code: string, params?: Record<string, string | number>): void {
    this.problems.push(params ? { severity: 'error', field, code, params } : { severity: 'error', field, code });
    this.usable = false;
  }

  private warn(field: ResultField, code: string, params: Record<string, string | number>): void {
    this.problems.push({ severity: 'warning', field, code, params });
  }

  // Учебный год
  private year(value: string | number | null | undefined): string | null {
    if (value === undefined) return this.unreadable();
    if (isEmpty(value)) return (this.fail('year', 'results-year-required'), null);
    let parsed = this.years.get(value!);
    if (!parsed) this.years.set(value!, (parsed = parseAcademicYear(value!)));
    if (parsed.ok) return parsed.year;
    this.fail('year', `results-year-${parsed.reason}`, { value: String(value).trim() });
    return null;
  }

  // Код ОО and Наименование ОО
  private school(value: string | null | undefined, name: string | null | undefined): string | null {
    if (value === undefined) return this.unreadable();
    // A file repeats each code on 90 rows: the verdict is worked out once per value as written.
    let verdict = this.schoolCodes.get(value);
    if (verdict === undefined) this.schoolCodes.set(value, (verdict = this.schoolCode(value)));
    if ('failure' in verdict) return (this.fail('schoolCode', verdict.failure, verdict.params), null);
    const { code, registryName } = verdict;
    if (name) {
      let names = this.nameMatches.get(code);
      if (!names) this.nameMatches.set(code, (names = new Map()));
      let same = names.get(name);
      // The registry's value may carry the full and the short name, one per line: either matches (issue 10).
      if (same === undefined) {
        same = registryName.split('\n').some((registered) => sameSchoolName(name, registered));
        names.set(name, same);
      }
      if (!same) {
        const registered = registryName.split('\n')[0]!;
        this.warn('schoolName', 'results-school-name-mismatch', { name: name.trim(), registryName: registered, code });
      }
    }
    return code;
  }

  private schoolCode(value: string | null): SchoolCodeVerdict {
    if (isEmpty(value)) return { failure: 'results-school-code-required' };
    const code = normaliseSchoolCode(value!);
    if (!isSchoolCode(code)) return { failure: 'results-school-code-format', params: { code: value!.trim() } };
    const registryName = this.context.knownSchools.get(code);
    if (registryName === undefined) return { failure: 'results-school-unknown', params: { code } };
    return { code, registryName };
  }

  // Процедура, Предмет, Класс
  private kind(value: string | null | undefined): AssessmentKind | null {
    if (value === undefined) return this.unreadable();
    if (isEmpty(value)) return (this.fail('kind', 'results-kind-required', { allowed: KINDS_ALLOWED }), null);
    let kind = this.kinds.get(value!);
    if (kind === undefined) this.kinds.set(value!, (kind = parseAssessmentKind(value!)));
    if (!kind) this.fail('kind', 'results-kind-unknown', { value: value!.trim(), allowed: KINDS_ALLOWED });
    return kind;
  }

  private subject(kind: AssessmentKind | null, value: string | null | undefined): string | null {
    if (value === undefined) return this.unreadable();
    if (isEmpty(value)) return (this.fail('subject', 'results-subject-required'), null);
    if (!kind) return null;
    const key = `${kind}\n${value}`;
    let parsed = this.subjects.get(key);
    if (!parsed) this.subjects.set(key, (parsed = parseSubject(kind, value!)));
    if (parsed.ok) {
      // «Другие предметы тоже можно» (the template), but a subject outside the catalogue is said aloud
      if (!isKnownSubject(parsed.subject))
        this.warn('subject', 'results-subject-unknown', { value: value!.trim(), known: KNOWN_SUBJECTS.join(', ') });
      return parsed.subject;
    }
    this.fail('subject', `results-subject-${parsed.reason}`, {
      value: value!.trim(),
      kind: ASSESSMENT_KINDS[kind].label,
    });
    return null;
  }

  private grade(kind: AssessmentKind | null, value: string | number | null | undefined): number | null {
    if (value === undefined) return this.unreadable();
    if (!kind) return null;
    const parsed = parseGrade(kind, value);
    if (parsed.ok) return parsed.grade;
    const info = ASSESSMENT_KINDS[kind];
    this.fail('grade', `results-grade-${parsed.reason}`, {
      value: String(value ?? '').trim(),
      kind: info.label,
      allowed: formatGrades(info.grades),
    });
    return null;
  }

  // Участников
  private participants(value: number | null | undefined): number | null {
    if (value === undefined) return this.unreadable();
    if (value === null) return (this.fail('participants', 'results-participants-required'), null);
    if (!isCount(value)) return (this.fail('participants', 'results-count-invalid', { value }), null);
    return value;
  }

  // «2»–«5»: an empty mark cell next to filled ones means nobody got that mark
  private marks(input: ResultRowInput, participants: number | null): ResultRow['marks'] {
    const { m2, m3, m4, m5 } = input;
    if (m2 === null && m3 === null && m4 === null && m5 === null) return null;
    let readable = true;
    for (const field of MARK_FIELDS) {
      const value = input[field];
      if (value === undefined) readable = false;
      else if (value !== null && !isCount(value)) {
        this.fail(field, 'results-count-invalid', { value });
        readable = false;
      }
    }
    if (!readable) return this.unreadable();
    const marks = { m2: m2 ?? 0, m3: m3 ?? 0, m4: m4 ?? 0, m5: m5 ?? 0 };
    const sum = marks.m2 + marks.m3 + marks.m4 + marks.m5;
    if (participants !== null && sum !== participants) {
      const first = MARK_FIELDS.find((field) => input[field] !== null)!;
      this.fail(first, 'results-marks-sum', { sum, participants });
    }
    return marks;
  }

  // Не справились: as written; else the count of «2» (ВПР/ОГЭ: the same people); else from the share
  private failed(
    input: ResultRowInput,
    kind: AssessmentKind | null,
    participants: number | null,
    marks: ResultRow['marks'],
  ): number | null {
    const share = input.failedShare;
    const shareUsable = typeof share === 'number' && share >= 0 && share <= 100;
    if (typeof share === 'number' && !shareUsable) this.fail('failedShare', 'results-share-range', { value: share });
    if (input.failed === undefined || share === undefined) return this.unreadable();
    const marksMeanFailed = marks !== null && kind !== null && kind !== 'EGE';
    let failed: number;
    let field: ResultField = 'failed';
    if (input.failed !== null) {
      if (!isCount(input.failed)) return (this.fail('failed', 'results-count-invalid', { value: input.failed }), null);
      failed = input.failed;
    } else if (marksMeanFailed) {
      failed = marks!.m2;
      field = 'm2';
    } else if (shareUsable) {
      if (participants === null) return null;
      failed = failedFromShare(share, participants);
      field = 'failedShare';
    } else {
      if (share === null) this.fail('failed', 'results-failed-required');
      return null;
    }
    if (participants !== null) {
      if (failed > participants) this.fail(field, 'results-failed-exceeds-participants', { failed, participants });
      else if (
        field !== 'failedShare' &&
        shareUsable &&
        participants > 0 &&
        Math.abs(share - (100 * failed) / participants) > 0.5
      ) {
        this.warn('failedShare', 'results-share-mismatch', { share, failed, participants });
      }
    }
    if (field === 'failed' && marksMeanFailed && marks!.m2 !== failed) {
      this.fail('failed', 'results-failed-not-marks', { failed, m2: marks!.m2, kind: ASSESSMENT_KINDS[kind!].label });
    }
    return failed;
  }

  // Средний балл
  private meanScore(value: number | null | undefined): number | null {
    if (value === undefined) return this.unreadable();
    if (value === null) return null;
    if (value < 0 || value > 100) return (this.fail('meanScore', 'results-mean-range', { value }), null);
    return value;
  }

  /** A cell already reported by the reader: no message, but the row cannot be used. */
  private unreadable(): null {
    this.usable = false;
    return null;
  }
}

function idOf(ids: Map<string, number>, text: string): number {
  let id = ids.get(text);
  if (id === undefined) ids.set(text, (id = ids.size));
  return id;
}

function isEmpty(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}
