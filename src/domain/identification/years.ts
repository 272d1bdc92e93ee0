/**
 * Academic-year arithmetic the identification methods need: "the year before" is the calendar
 * predecessor (2022/2023 before 2023/2024), never "the previous year present in the data",
 * so a gap in the data is reported as missing instead of being skipped over (issue #4).
 */
import type { AcademicYear } from '../results/types.ts';

const ACADEMIC_YEAR = /^(\d{4})\/(\d{4})$/;

export function isAcademicYear(value: string): boolean {
  const match = ACADEMIC_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

/** `2023/2024` → `2022/2023`. Throws on a malformed year (callers validate user input first). */
export function previousAcademicYear(year: AcademicYear): AcademicYear {
  const match = ACADEMIC_YEAR.exec(year);
  if (match === null || !isAcademicYear(year)) {
    throw new RangeError(`not an academic year YYYY/YYYY: ${year}`);
  }
  const start = Number(match[1]);
  return `${start - 1}/${start}`;
}

/** `[year, year − 1, …]`, `count` years, newest first. */
export function academicYearsBack(year: AcademicYear, count: number): AcademicYear[] {
  const years: AcademicYear[] = [year];
  for (let i = 1; i < count; i++) years.push(previousAcademicYear(years[i - 1]!));
  return years;
}
