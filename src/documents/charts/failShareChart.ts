/**
 * The chart of a school card and of the справка: the share of «2» (ВПР) / below the minimum
 * (ОГЭ, ЕГЭ) by procedure over the academic years, as PNG. No browser: echarts renders SVG on the
 * server (ssr), resvg turns it into PNG with the shipped DejaVu font (npm dejavu-fonts-ttf), so a
 * Docker image renders Cyrillic exactly like a laptop.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// echarts and resvg load with the first chart (their CommonJS builds, so the API stays
// synchronous): the bot does not carry ~45 MB of them until someone asks for a chart (issue 8).
let echartsModule: typeof import('echarts') | undefined;
const echarts = () => (echartsModule ??= require('echarts') as typeof import('echarts'));
let resvgModule: typeof import('@resvg/resvg-js') | undefined;
const resvg = () => (resvgModule ??= require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'));
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];
const FONT = 'DejaVu Sans';

interface ChartSeries {
  /** «ОГЭ Математика», «ВПР Русский язык, 5 кл.» */
  name: string;
  /** one value per year of `years`: a share 0…1, or null when there is no result that year */
  values: Array<number | null>;
}

export interface FailShareChart {
  title: string;
  years: string[];
  series: ChartSeries[];
  /** a horizontal line, e.g. the ФИОКО threshold of 30 % (0.3) */
  threshold?: { value: number; label: string };
  width?: number;
  height?: number;
}

const isVpr = (name: string) => name.startsWith('ВПР');

/**
 * Points of one year closer than this (pixels) are set side by side: a ВПР label under the upper
 * point and a label over the lower one would otherwise cover each other (QA: ВПР 25 % over ОГЭ
 * 22,7 % lost the «22,7»), or the points themselves would.
 */
const CLOSE_PX = 40;
/** Horizontal distance between points set side by side, in pixels: wider than a label («22,7»). */
const DODGE_PX = 32;

/**
 * [x, y] per value (x = year index on the hidden value axis): within a year, points of different
 * series that would cover each other are spread around the year's centre, DODGE_PX apart, in
 * series order; the others stay on the centre. `null` (no result) stays a gap in the line.
 */
function dodgedPoints(
  values: ReadonlyArray<ReadonlyArray<number | null>>,
  yearWidthPx: number,
  close: number,
): Array<Array<[number, number] | null>> {
  const points = values.map((row) =>
    row.map((value, year) => (value === null ? null : ([year, value] as [number, number]))),
  );
  const years = Math.max(0, ...values.map((row) => row.length));
  const step = DODGE_PX / yearWidthPx;
  for (let year = 0; year < years; year += 1) {
    const present = values
      .map((row, series) => ({ series, value: row[year] ?? null }))
      .filter((point): point is { series: number; value: number } => point.value !== null)
      .sort((a, b) => a.value - b.value || a.series - b.series);
    // clusters of points each within CLOSE of the next one
    let cluster: number[] = [];
    const spread = () => {
      const ordered = [...cluster].sort((a, b) => a - b);
      ordered.forEach((series, place) => {
        const point = points[series]?.[year];
        if (point) point[0] = year + (place - (ordered.length - 1) / 2) * step;
      });
    };
    present.forEach((point, i) => {
      if (i > 0 && point.value - (present[i - 1]?.value ?? point.value) >= close) {
        spread();
        cluster = [];
      }
      cluster.push(point.series);
    });
    spread();
  }
  return points;
}

/** The top of the y axis (percent) for the largest value shown. */
const yAxisMax = (max: number) => Math.min(100, Math.max(10, Math.ceil((max + 5) / 10) * 10));

/** The chart as SVG text (echarts SSR); the instance is disposed so the process can exit. */
export function failShareSvg(chart: FailShareChart): string {
  // a series without a point in the shown years would only add a legend entry to look for in vain
  const shown = chart.series.filter((series) => series.values.some((value) => value !== null));
  const width = chart.width ?? 900;
  const height = chart.height ?? 520;
  const percents = shown.map((series) =>
    series.values.map((value) => (value === null ? null : Math.round(value * 1000) / 10)),
  );
  const gridBottom = 40 + 22 * Math.ceil(shown.length / 3);
  const axisMax = yAxisMax(Math.max(0, ...percents.flat().map((value) => value ?? 0)));
  // CLOSE_PX in percentage points at this chart's scale
  const close = (CLOSE_PX * axisMax) / Math.max(1, height - 56 - gridBottom);
  const points = dodgedPoints(percents, (width - 90) / Math.max(1, chart.years.length), close);
  const instance = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    instance.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title: { text: chart.title, left: 'center', top: 8, textStyle: { fontFamily: FONT, fontSize: 17 } },
      legend: {
        bottom: 6,
        type: 'plain',
        textStyle: { fontFamily: FONT, fontSize: 12 },
      },
      grid: { left: 60, right: 30, top: 56, bottom: gridBottom },
      // the years are named by a category axis; the points sit on a hidden value axis over the same
      // span, so points of one year that would cover each other are set side by side (dodgedX)
      xAxis: [
        { type: 'category', data: chart.years, axisLabel: { fontFamily: FONT, fontSize: 13 } },
        { type: 'value', show: false, min: -0.5, max: chart.years.length - 0.5 },
      ],
      yAxis: {
        type: 'value',
        min: 0,
        max: (range: { max: number }) => yAxisMax(range.max),
        axisLabel: { formatter: '{value} %', fontFamily: FONT, fontSize: 12 },
        // with a value x axis echarts would draw the y axis line at x = 0, through the first year
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: shown.map((series, index) => ({
        name: series.name,
        type: 'line',
        xAxisIndex: 1,
        // ВПР changes grade every year, so its series are often one point that can sit exactly on an
        // ОГЭ point of the same year (20 % and 20 %): such points are set side by side, ВПР as diamonds
        // with the value under the point, the others as circles with the value above it
        ...(isVpr(series.name) ? { symbol: 'diamond', symbolSize: 13 } : { symbolSize: 9 }),
        // every point shows its value (no hideOverlap): points whose labels would meet are dodged
        connectNulls: false,
        label: {
          show: true,
          position: isVpr(series.name) ? 'bottom' : 'top',
          fontFamily: FONT,
          fontSize: 11,
          formatter: (p: { value: [number, number] }) => String(p.value[1]).replace('.', ','),
        },
        data: points[index],
        ...(index === 0 && chart.threshold
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#c0392b', type: 'dashed' },
                label: { formatter: chart.threshold.label, fontFamily: FONT, position: 'insideEndTop' },
                data: [{ yAxis: Math.round(chart.threshold.value * 1000) / 10 }],
              },
            }
          : {}),
      })),
    });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/** The chart as PNG bytes. */
export function failShareChartPng(chart: FailShareChart): Uint8Array {
  const svg = failShareSvg(chart);
  const renderer = new (resvg().Resvg)(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    background: '#ffffff',
  });
  return renderer.render().asPng();
}
