/**
 * «Контингент» — the yearly figures behind seed 001's two other main criteria (001_4a8724c71e328c13.txt,
 * «Критерии и показатели отнесения … к типам ШНРО или ШФНСУ», column «Показатели для расчёта»):
 *   «Менее 60% обучающихся продолжающих обучение на старшей ступени образования»
 *   «0,5% и ниже учащихся за последние 3 года, принимавших участие в региональных и всероссийских
 *    олимпиад[ах] и конкурсах»
 *
 * Our reading (docs/identification-rules.md, «Readings of seed 001»):
 * - continuation in year L = pupils who finished grade 9 in L and went on to grade 10 (in any school)
 *   / pupils in grade 9 in L;
 * - olympiad share = Σ over the last three years of participants in the regional and final
 *   (all-Russian) stages and in regional / all-Russian contests / Σ of the pupils of those years —
 *   the yearly average, because one pupil taking part three years running is counted three times
 *   in the numerator; the school and municipal stages are collected but do not count (the seed says
 *   «региональных и всероссийских»).
 */
import type { AcademicYear } from '../results/types.ts';
import type { RegionalContext } from './regional.ts';
import { academicYearsBack } from './years.ts';

export interface ContingentRecord {
  schoolCode: string;
  year: AcademicYear;
  /** «Обучающихся всего» */
  pupils: number;
  /** «Обучающихся в 9 классе» */
  grade9: number;
  /** «Из них продолжили обучение в 10 классе» */
  continuedTo10: number;
  /** olympiad participants by stage (ВсОШ), and contests */
  olympiadSchool?: number | null;
  olympiadMunicipal?: number | null;
  olympiadRegional: number;
  olympiadFinal: number;
  contests?: number | null;
}

/**
 * The regional method's context for each school with a record for L: continuation in L, the
 * olympiad share over L and the two years before it (the years present; `olympiadYears` says which).
 */
export function contextFromContingent(
  records: readonly ContingentRecord[],
  year: AcademicYear,
  years = 3,
): Map<string, RegionalContext & { olympiadYears: AcademicYear[] }> {
  const window = new Set(academicYearsBack(year, years));
  const bySchool = new Map<string, ContingentRecord[]>();
  for (const record of records) {
    if (!window.has(record.year)) continue;
    let list = bySchool.get(record.schoolCode);
    if (list === undefined) bySchool.set(record.schoolCode, (list = []));
    list.push(record);
  }
  const result = new Map<string, RegionalContext & { olympiadYears: AcademicYear[] }>();
  for (const [code, list] of bySchool) {
    const latest = list.find((record) => record.year === year);
    if (latest === undefined) continue;
    let participants = 0;
    let pupils = 0;
    for (const record of list) {
      participants += record.olympiadRegional + record.olympiadFinal + (record.contests ?? 0);
      pupils += record.pupils;
    }
    result.set(code, {
      continuationShare: latest.grade9 > 0 ? latest.continuedTo10 / latest.grade9 : null,
      olympiadShare: pupils > 0 ? participants / pupils : null,
      olympiadYears: list.map((record) => record.year).sort(),
    });
  }
  return result;
}
