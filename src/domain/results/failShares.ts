/**
 * Shares of «2» (ВПР) / below the minimum (ОГЭ, ЕГЭ) by procedure and academic year — the
 * series of the school card's chart and of the справка's dynamics (issue #12). Pure.
 */
import { procedureLabel } from './procedures.ts';
import type { AcademicYear, ResultRow } from './types.ts';

export interface ChartData {
  years: AcademicYear[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

const MAIN_SUBJECTS = ['Русский язык', 'Математика', 'Математика (базовая)', 'Математика (профильная)'];

/** Russian and mathematics: the procedures the programmes judge schools by. */
export const isMainProcedure = (row: ResultRow): boolean => MAIN_SUBJECTS.includes(row.procedure.subject);

export function chartData(rows: readonly ResultRow[]): ChartData {
  const main = rows.filter(isMainProcedure);
  const years = [...new Set(main.map((row) => row.year))].sort();
  const byProcedure = new Map<string, Map<AcademicYear, { participants: number; failed: number }>>();
  for (const row of main) {
    const name = procedureLabel(row.procedure);
    const byYear = byProcedure.get(name) ?? new Map();
    const sum = byYear.get(row.year) ?? { participants: 0, failed: 0 };
    sum.participants += row.participants;
    sum.failed += row.failed;
    byYear.set(row.year, sum);
    byProcedure.set(name, byYear);
  }
  const series = [...byProcedure.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'ru'))
    .map(([name, byYear]) => ({
      name,
      values: years.map((year) => {
        const sum = byYear.get(year);
        return sum && sum.participants > 0 ? sum.failed / sum.participants : null;
      }),
    }))
    // rows with no participants give no point: no series (and no legend entry) for them
    .filter((series) => series.values.some((value) => value !== null));
  return { years, series };
}
