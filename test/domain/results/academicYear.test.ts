import { describe, expect, it } from 'vitest';
import { academicYearStart, parseAcademicYear } from '../../../src/domain/results/academicYear.ts';

describe('parseAcademicYear', () => {
  it.each([
    ['2023/2024', '2023/2024'],
    ['2023-2024', '2023/2024'],
    ['2023–2024', '2023/2024'],
    ['2023 — 2024', '2023/2024'],
    ['2023/24', '2023/2024'],
    [' 2023/2024 уч. г.', '2023/2024'],
    ['2024', '2023/2024'],
    ['2024 г.', '2023/2024'],
  ])('reads «%s» as %s', (input, year) => {
    expect(parseAcademicYear(input)).toEqual({ ok: true, year });
  });

  it('reads the number 2024 as the year that ends in 2024', () => {
    expect(parseAcademicYear(2024)).toEqual({ ok: true, year: '2023/2024' });
  });

  it('rejects years that do not follow each other, other text and impossible years', () => {
    expect(parseAcademicYear('2023/2025')).toEqual({ ok: false, reason: 'not-consecutive' });
    expect(parseAcademicYear('2024/2023')).toEqual({ ok: false, reason: 'not-consecutive' });
    expect(parseAcademicYear('прошлый год')).toEqual({ ok: false, reason: 'format' });
    expect(parseAcademicYear('23/24')).toEqual({ ok: false, reason: 'format' });
    expect(parseAcademicYear(2024.5)).toEqual({ ok: false, reason: 'format' });
    expect(parseAcademicYear(1024)).toEqual({ ok: false, reason: 'out-of-range' });
    expect(parseAcademicYear('1899/1900')).toEqual({ ok: false, reason: 'out-of-range' });
  });

  it('gives the start year of a normalised year', () => {
    expect(academicYearStart('2023/2024')).toBe(2023);
  });
});
