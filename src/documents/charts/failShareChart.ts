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

/** The chart as SVG text (echarts SSR); the instance is disposed so the process can exit. */
export function failShareSvg(chart: FailShareChart): string {
  // a series without a point in the shown years would only add a legend entry to look for in vain
  const shown = chart.series.filter((series) => series.values.some((value) => value !== null));
  const width = chart.width ?? 900;
  const height = chart.height ?? 520;
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
      grid: { left: 60, right: 30, top: 56, bottom: 40 + 22 * Math.ceil(shown.length / 3) },
      xAxis: { type: 'category', data: chart.years, axisLabel: { fontFamily: FONT, fontSize: 13 } },
      yAxis: {
        type: 'value',
        min: 0,
        max: (range: { max: number }) => Math.min(100, Math.max(10, Math.ceil((range.max + 5) / 10) * 10)),
        axisLabel: { formatter: '{value} %', fontFamily: FONT, fontSize: 12 },
      },
      series: shown.map((series, index) => ({
        name: series.name,
        type: 'line',
        // ВПР changes grade every year, so its series are often one point that can sit exactly on an
        // ОГЭ point of the same year (20 % and 20 %): a large diamond under the small circles stays visible
        ...(isVpr(series.name) ? { symbol: 'diamond', symbolSize: 15, z: 1 } : { symbolSize: 8, z: 2 }),
        labelLayout: { hideOverlap: true },
        connectNulls: false,
        label: {
          show: true,
          fontFamily: FONT,
          fontSize: 11,
          formatter: (p: { value: number }) => String(p.value).replace('.', ','),
        },
        data: series.values.map((value) => (value === null ? null : Math.round(value * 1000) / 10)),
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
