/**
 * Academic years as users write them. Stored form: `2023/2024` (types.ts). Accepted: that,
 * `2023-2024`, `2023–2024` (en/em dash), `2023/24`, spaces around the separator, an optional
 * trailing «уч. г.»/«г.», and the end year alone (`2024` or the number 2024): the year that ends
 * in the summer of 2024 is 2023/2024, as results of a spring ВПР/ОГЭ/ЕГЭ belong to it.
 */
import type { AcademicYear } from './types.ts';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export type AcademicYearParse =
  | { ok: true; year: AcademicYear }
  /** `not-consecutive`: two years that do not follow each other, e.g. 2023/2025 */
  | { ok: false; reason: 'format' | 'not-consecutive' | 'out-of-range' };

export function formatAcademicYear(startYear: number): AcademicYear {
  return `${startYear}/${startYear + 1}`;
}

/** Start year of a normalised academic year (`2023/2024` → 2023). */
export function academicYearStart(year: AcademicYear): number {
  return Number(year.slice(0, 4));
}

export function parseAcademicYear(input: string | number): AcademicYearParse {
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return { ok: false, reason: 'format' };
    return input >= MIN_YEAR + 1 && input <= MAX_YEAR
      ? { ok: true, year: formatAcademicYear(input - 1) }
      : { ok: false, reason: 'out-of-range' };
  }
  const text = input
    .trim()
    .toLowerCase()
    .replace(/\s*(уч\.?\s*г(од)?\.?|учебный\s+год|г\.?|гг\.?)$/u, '')
    .trim();
  const single = /^(\d{4})$/.exec(text);
  if (single) return parseAcademicYear(Number(single[1]));
  const pair = /^(\d{4})\s*[/\\\-‐‑‒–—−]\s*(\d{4}|\d{2})$/u.exec(text);
  if (!pair) return { ok: false, reason: 'format' };
  const start = Number(pair[1]);
  const endText = pair[2]!;
  const end = endText.length === 2 ? Math.floor(start / 100) * 100 + Number(endText) : Number(endText);
  if (start < MIN_YEAR || start >= MAX_YEAR) return { ok: false, reason: 'out-of-range' };
  if (end !== start + 1) return { ok: false, reason: 'not-consecutive' };
  return { ok: true, year: formatAcademicYear(start) };
}
