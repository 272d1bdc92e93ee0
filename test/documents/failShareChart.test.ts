/**
 * The status / справка chart (issue #12): the legend names only procedures that have a point in
 * the shown years — a legend entry with nothing drawn sends the reader looking for a line that is
 * not there.
 */
import { describe, expect, it } from 'vitest';
import { failShareChartPng, failShareSvg } from '../../src/documents/charts/failShareChart.ts';
import { chartData } from '../../src/domain/results/failShares.ts';
import type { ResultRow } from '../../src/domain/results/types.ts';

const row = (year: string, kind: string, subject: string, grade: number, participants: number, failed: number) =>
  ({
    schoolCode: 'sch710001',
    year,
    procedure: { kind, subject, grade },
    participants,
    failed,
    meanScore: null,
  }) as ResultRow;

describe('the «2» / below-minimum chart', () => {
  it('has no series for a procedure without a single point', () => {
    const data = chartData([
      row('2022/2023', 'OGE', 'Математика', 9, 20, 4),
      row('2023/2024', 'OGE', 'Математика', 9, 20, 6),
      // a ВПР line with no participants (an empty column in the upload) gives no point
      row('2023/2024', 'VPR', 'Математика', 4, 0, 0),
    ]);
    expect(data.series.map((series) => series.name)).toEqual(['ОГЭ, Математика']);
  });

  it('names in the legend only the series with a point in the shown years, and still renders', () => {
    const chart = {
      title: 'Воскресенская СОШ',
      years: ['2022/2023', '2023/2024'],
      series: [
        { name: 'ОГЭ, Математика', values: [0.2, 0.3] },
        { name: 'ВПР, Математика, 5 класс', values: [null, 0.14] },
        // ВПР 4 класс was written the year before the shown ones
        { name: 'ВПР, Математика, 4 класс', values: [null, null] },
      ],
    };
    const svg = failShareSvg(chart);
    expect(svg).toContain('ОГЭ, Математика');
    expect(svg).toContain('ВПР, Математика, 5 класс');
    expect(svg).not.toContain('4 класс');
    expect(Buffer.from(failShareChartPng(chart).subarray(1, 4)).toString()).toBe('PNG');
  });
});
