/**
 * Shared shapes of assessment results (ВПР / ОГЭ / ЕГЭ).
 * One row = one school × academic year × procedure (issue #3, the long-format template).
 * These are plain data: the domain, services, files and bot all speak them.
 */

/** Assessment kinds. Glossary: ВПР → VPR, ОГЭ → OGE, ЕГЭ → EGE. */
export const ASSESSMENT_KIND_IDS = ['VPR', 'OGE', 'EGE'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KIND_IDS)[number];

/**
 * Academic year, always normalised to `YYYY/YYYY` with end = start + 1, e.g. `2023/2024`.
 * Parsing of user spellings lives in `academicYear.ts`.
 */
export type AcademicYear = string;

/**
 * A procedure: kind × subject × grade. `subject` is the normalised subject name
 * (e.g. `Математика`, `Русский язык`, `Математика (базовая)`, `Математика (профильная)`).
 * `grade` is null for ОГЭ/ЕГЭ when the file leaves it empty (ОГЭ is grade 9, ЕГЭ grade 11).
 */
export interface Procedure {
  kind: AssessmentKind;
  subject: string;
  grade: number | null;
}

/** A stored result row as the domain sees it. */
export interface ResultRow {
  schoolCode: string;
  year: AcademicYear;
  procedure: Procedure;
  /** «Участников», integer >= 0 */
  participants: number;
  /** «Не справились»: got «2» (ВПР) or below the minimum (ОГЭ/ЕГЭ); integer, <= participants */
  failed: number;
  /** optional distribution of marks «2», «3», «4», «5» */
  marks?: { m2: number; m3: number; m4: number; m5: number } | null;
  /** «Средний балл», optional */
  meanScore?: number | null;
}
