/**
 * «Аналитическая справка» (.docx, the `docx` package) — how every seed programme ends its
 * monitoring (seed 003 §2.3, §3.2, §3.3, §4.4; seed 001 «Использование результатов оценочных
 * процедур»; seed 000 Раздел VI): title, period, data sources, identification results in words,
 * the indicators table, dynamics with chart images, the schools needing support with measures
 * from the library (domain/measures), what is missing, and a signature block.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { IdentificationMethod } from '../../domain/identification/index.ts';
import { DEFAULT_MEASURES, type MeasureLibrary, measuresFor } from '../../domain/measures/library.ts';
import { academicYearStart } from '../../domain/results/academicYear.ts';
import type { ReportData } from '../../services/reports.ts';
import { chartData } from '../../domain/results/failShares.ts';
import { formatDate, formatDateTime, formatNumber } from '../../text/format.ts';
import { evidenceText, methodName } from '../../text/identification.ts';
import { indicatorValueText } from '../../text/indicators.ts';
import { missingPartText } from '../../text/reports.ts';
import { overdueLines, roadmapProgressText } from '../../text/status.ts';
import { failShareChartPng } from '../charts/failShareChart.ts';
import { PROGRAMMES, programmeCitation, readerSource } from '../../domain/sources/programmes.ts';
import type { Translate } from '../../domain/translate.ts';

const SCHOOL_CHARTS = 5;
/** overdue roadmap items named in the справка (the .xlsx lists all) */
const OVERDUE_NAMED = 20;
const FONT = 'Times New Roman';

const text = (value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, size: options.size ?? 24, bold: options.bold, italics: options.italics });
const paragraph = (
  value: string,
  options: { bold?: boolean; italics?: boolean; center?: boolean; left?: boolean } = {},
) =>
  new Paragraph({
    children: [text(value, options)],
    alignment: options.center ? AlignmentType.CENTER : options.left ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
  });
const heading = (value: string) =>
  new Paragraph({
    children: [text(value, { bold: true, size: 26 })],
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
  });
const bullet = (value: string) =>
  new Paragraph({ children: [text(value)], bullet: { level: 0 }, spacing: { after: 60 } });

function cell(value: string, options: { bold?: boolean; width: number }) {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    children: [new Paragraph({ children: [text(value, { bold: options.bold, size: 18 })] })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '888888' };

/** A bordered table the width of the page (9355 twips) with a repeated header row. */
function table(widths: readonly number[], header: readonly string[], rows: ReadonlyArray<readonly string[]>): Table {
  return new Table({
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((title, index) => cell(title, { bold: true, width: widths[index]! })),
      }),
      ...rows.map(
        (row) => new TableRow({ children: row.map((value, index) => cell(value, { width: widths[index]! })) }),
      ),
    ],
    columnWidths: [...widths],
    width: { size: 9355, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
  });
}

function indicatorsTable(data: ReportData): Table {
  // twips; the text width of an A4 page with the margins below is 9355
  return table(
    // the note is the widest text after the title: narrower, it broke words mid-word (QA)
    [1400, 2850, 1450, 1200, 2455],
    ['№', 'Показатель', 'Значение', 'Цель', 'Примечание'],
    data.indicators.map((indicator) => [
      indicator.id,
      indicator.title,
      indicatorValueText(indicator),
      indicator.target?.text ?? '—',
      indicator.missing
        ? `нет данных: ${indicator.missing}`
        : indicator.onTarget === null
          ? ''
          : indicator.onTarget
            ? 'цель достигнута'
            : 'цель не достигнута',
    ]),
  );
}

/** The roadmaps of the year for the scope (issue 13): progress, by section, the overdue items named. */
function roadmapSection(t: Translate, data: ReportData): Array<Paragraph | Table> {
  const missing = data.missing.find((part) => part.part === 'roadmap');
  if (missing) return [paragraph(missingPartText(t, missing))];
  const out: Array<Paragraph | Table> = [];
  for (const roadmap of data.roadmaps.roadmaps) {
    out.push(
      paragraph(
        t('report-roadmap-title', {
          title: roadmap.title,
          scope: data.scope.name,
          progress: roadmapProgressText(t, roadmap),
        }),
        {
          bold: true,
          left: true,
        },
      ),
      table(
        [5355, 2000, 2000],
        ['Раздел', 'Выполнено', 'Всего'],
        roadmap.sections.map((section) => [
          section.name || t('report-roadmap-no-section'),
          String(section.done),
          String(section.total),
        ]),
      ),
    );
    if (roadmap.overdue.length > 0) {
      out.push(paragraph(t('report-roadmap-overdue', { count: roadmap.overdue.length }), { italics: true }));
      for (const line of overdueLines(t, roadmap, OVERDUE_NAMED)) out.push(bullet(line.replace(/^⏰ /, '')));
    }
  }
  return out;
}

/**
 * A measure's source: one taken from a programme (another district's act) is cited as where the
 * measure comes from, so it does not read as this district's act; a district's own library passes as written.
 */
function measureSource(t: Translate, source: string): string {
  const reader = readerSource(source);
  return reader === source ? source : t('report-docx-measure-source', { source: reader });
}

function chartImage(png: Uint8Array): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: 600, height: 347 } })],
    spacing: { after: 120 },
  });
}

function identificationWords(t: Translate, data: ReportData): Paragraph[] {
  const out: Paragraph[] = [];
  for (const list of data.lists) {
    const name = methodName(t, list.method);
    if (!list.run) {
      out.push(paragraph(`${name}: идентификация за ${data.year} не проводилась — перечень не составлен.`));
      continue;
    }
    const schools = list.flagged.map((school) => `${school.name} (${school.code})`).join(', ');
    out.push(
      paragraph(
        t('report-docx-list', {
          name,
          evaluated: list.evaluated,
          year: list.run.year,
          date: formatDateTime(list.run.ranAt),
          flagged: list.flagged.length,
          schools,
        }),
      ),
    );
  }
  return out;
}

/** The справка as .docx bytes. */
export async function writeSpravka(
  data: ReportData,
  t: Translate,
  library: MeasureLibrary = DEFAULT_MEASURES,
): Promise<Uint8Array> {
  const start = academicYearStart(data.year);
  const body: Array<Paragraph | Table> = [
    paragraph('АНАЛИТИЧЕСКАЯ СПРАВКА', { bold: true, center: true }),
    paragraph(
      'по итогам мониторинга реализации программ поддержки школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных социальных условиях',
      { center: true },
    ),
    paragraph(`${data.scope.name}, ${data.year} учебный год`, { bold: true, center: true }),
    paragraph(
      `Период: ${data.year} учебный год (01.09.${start} – 31.08.${start + 1}). Школ в области справки: ${data.scope.schools}. Справка составлена ${formatDate(data.generatedAt)} по данным Куратора.`,
    ),
    heading('1. Источники данных'),
  ];
  if (data.imports.length === 0) body.push(bullet('Результаты ВПР, ОГЭ, ЕГЭ: не загружались.'));
  for (const upload of data.imports)
    body.push(
      bullet(
        `Результаты ВПР/ОГЭ/ЕГЭ: файл «${upload.fileName}», загружен ${formatDate(upload.at)}, строк: ${formatNumber(upload.rows)}.`,
      ),
    );
  for (const campaign of data.campaigns)
    body.push(
      bullet(
        t('report-docx-campaign', {
          title: campaign.title,
          created: formatDate(campaign.createdAt),
          deadline: formatDate(campaign.deadline),
          submitted: campaign.submitted,
          total: campaign.total,
        }),
      ),
    );
  for (const list of data.lists.filter((entry) => entry.run))
    body.push(
      bullet(
        t('report-docx-run', {
          name: methodName(t, list.method),
          date: formatDateTime(list.run!.ranAt),
          by: list.run!.by.kind,
          person: list.run!.by.kind === 'person' ? list.run!.by.name : '',
        }),
      ),
    );
  for (const roadmap of data.roadmaps.roadmaps)
    body.push(bullet(t('report-roadmap-source', { title: roadmap.title, total: roadmap.total, done: roadmap.done })));

  body.push(heading('2. Результаты идентификации'), ...identificationWords(t, data));

  body.push(
    heading('3. Показатели программ'),
    paragraph(t('report-docx-indicators-note'), { italics: true }),
    indicatorsTable(data),
  );
  // the number of an indicator begins with its programme's: the reader finds the formula there
  const programmes = PROGRAMMES.filter((programme) =>
    data.indicators.some((indicator) => indicator.id.startsWith(`${programme.seed}-`)),
  );
  if (programmes.length > 0) {
    body.push(paragraph(t('report-docx-indicators-sources'), { italics: true }));
    for (const programme of programmes) body.push(bullet(`${programme.seed} — ${programmeCitation(programme)}.`));
  }

  body.push(heading('4. Динамика результатов'));
  const scopeChart = chartData(data.results);
  if (scopeChart.series.length === 0)
    body.push(paragraph('Результатов по русскому языку и математике нет — графика динамики не будет.'));
  else {
    body.push(
      paragraph(`Доля «2» (ВПР) и результатов ниже минимума (ОГЭ, ЕГЭ) по процедурам, ${data.scope.name}:`),
      chartImage(
        failShareChartPng({
          title: `${data.scope.name}: доля «2» / ниже минимума`,
          years: scopeChart.years,
          series: scopeChart.series,
          threshold: { value: 0.3, label: 'порог ФИОКО 30 %' },
        }),
      ),
    );
  }

  body.push(heading('5. Школы, нуждающиеся в поддержке, и рекомендуемые меры'));
  const flagsBySchool = new Map<
    string,
    {
      name: string;
      municipality: string;
      flags: Array<{ method: IdentificationMethod; criteria: string[]; lines: string[] }>;
    }
  >();
  for (const list of data.lists) {
    for (const school of list.flagged) {
      const entry = flagsBySchool.get(school.code) ?? {
        name: school.name,
        municipality: school.municipality,
        flags: [],
      };
      entry.flags.push({
        method: list.method,
        criteria: school.criteria,
        lines: school.evidence.slice(0, 3).map((evidence) => evidenceText(t, evidence, list.labels)),
      });
      flagsBySchool.set(school.code, entry);
    }
  }
  if (flagsBySchool.size === 0) body.push(paragraph('Ни одна школа не вошла в перечни за этот год.'));
  let charts = 0;
  for (const [code, school] of [...flagsBySchool.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    body.push(paragraph(`${school.name} (${code}), ${school.municipality}`, { bold: true }));
    for (const flag of school.flags) {
      body.push(bullet(`${methodName(t, flag.method)}${flag.lines.length ? `: ${flag.lines.join('; ')}` : ''}`));
    }
    const rows = data.results.filter((row) => row.schoolCode === code);
    const chart = chartData(rows);
    if (chart.series.length > 0 && charts < SCHOOL_CHARTS) {
      charts++;
      body.push(
        chartImage(
          failShareChartPng({
            title: `${school.name}: доля «2» / ниже минимума`,
            years: chart.years,
            series: chart.series,
            threshold: { value: 0.3, label: 'порог ФИОКО 30 %' },
          }),
        ),
      );
    }
    const measures = measuresFor(library, school.flags);
    if (measures.length > 0) {
      body.push(paragraph('Рекомендуемые меры:', { italics: true }));
      for (const measure of measures) body.push(bullet(`${measure.text} (${measureSource(t, measure.source)}).`));
    }
  }

  body.push(heading('6. Дорожная карта'), ...roadmapSection(t, data));

  body.push(heading('7. Недостающие данные'));
  if (data.missing.length === 0) body.push(paragraph('Все разделы справки построены по данным за год.'));
  for (const missing of data.missing) body.push(bullet(missingPartText(t, missing)));
  const missingIndicators = data.indicators.filter((indicator) => indicator.missing !== null).length;
  if (missingIndicators > 0)
    body.push(paragraph(`Показателей без данных: ${missingIndicators} из ${data.indicators.length} (см. раздел 3).`));

  body.push(
    new Paragraph({ children: [], spacing: { before: 480 } }),
    paragraph('Муниципальный координатор  _______________ / _______________ /', { left: true }),
    paragraph('Председатель комитета образования  _______________ / _______________ /', { left: true }),
    paragraph('Дата «____» ______________ 20___ г.', { left: true }),
  );

  const document = new Document({
    creator: 'Куратор',
    title: `Аналитическая справка — ${data.scope.name}, ${data.year}`,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
