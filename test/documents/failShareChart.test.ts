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

  it('sets a ВПР point beside an ОГЭ point of the same value, both marked and both labelled', () => {
    const svg = failShareSvg({
      title: 'Воскресенская СОШ',
      years: ['2022/2023', '2023/2024'],
      series: [
        { name: 'ОГЭ, Математика', values: [0.2, 0.3] },
        { name: 'ВПР, Математика, 5 класс', values: [0.2, null] },
      ],
    });
    // the point markers of the plot (legend markers carry no series index): centre of each
    const markers = [
      ...svg.matchAll(/transform="matrix\([^,]+,0,0,[^,]+,([\d.]+),([\d.]+)\)"[^>]*ecmeta_series_index="(\d)"/g),
    ].map((match) => ({ x: Number(match[1]), y: Number(match[2]), series: Number(match[3]) }));
    const ogeFirstYear = markers.find((marker) => marker.series === 0);
    const vpr = markers.find((marker) => marker.series === 1);
    expect(ogeFirstYear && vpr).toBeTruthy();
    // same height (same value), set apart by more than a marker's width
    expect(vpr?.y).toBe(ogeFirstYear?.y);
    expect(Math.abs((vpr?.x ?? 0) - (ogeFirstYear?.x ?? 0))).toBeGreaterThanOrEqual(15);
    // «20» is written for each of the two points, not hidden as an overlap
    expect(svg.match(/>20<\/text>/g)).toHaveLength(2);
  });

  it('writes every value when a ВПР point sits just above an ОГЭ point of the same year (QA: /status 710102)', () => {
    const chart = {
      title: 'Школа 710102',
      years: ['2022/2023', '2023/2024'],
      series: [
        // ОГЭ Математика 2023/2024: 5 of 22 below the minimum, 22,7 %
        { name: 'ОГЭ, Математика', values: [0.15, 5 / 22] },
        { name: 'ВПР, Математика, 5 класс', values: [null, 0.25] },
        { name: 'ЕГЭ, Русский язык', values: [0.1, 0.05] },
      ],
      threshold: { value: 0.3, label: 'порог 30 %' },
    };
    const labels = [...failShareSvg(chart).matchAll(/>([\d,]+)<\/text>/g)].map((match) => match[1]).sort();
    expect(labels).toEqual(['10', '15', '22,7', '25', '5'].sort());
    expect(Buffer.from(failShareChartPng(chart).subarray(1, 4)).toString()).toBe('PNG');
  });
});
