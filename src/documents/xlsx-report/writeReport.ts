/**
 * The committee's workbook (issue #12): «Сводка» (indicators with numerator, denominator and
 * target), the lists «ШНОР», «Зона риска», «ШНСУ», «Региональные показатели» with evidence,
 * «Результаты» (school × procedure × year, conditional formatting on the share), «Анкеты»
 * (completion and the answers matrix of each campaign), «Дорожная карта», «Динамика» (the scope's share by
 * procedure and year). Frozen headers, filters, widths; numbers stay numbers, shares are
 * percent-formatted fractions.
 *
 * Speed (bench:report, 27,000 result rows): written with ExcelJS's streaming WorkbookWriter
 * (native zlib through archiver; the in-memory Workbook deflates in JavaScript), and every data
 * cell of a column shares one style object — ExcelJS caches a style's id by object identity, so
 * a fresh style per cell (what column styles give) re-serialises it 27,000 times.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../files/xlsx/excel.ts';
import type { IdentificationMethod } from '../../domain/identification/index.ts';
import { tabulateAnswers } from '../../domain/questionnaires/export.ts';
import { procedureLabel } from '../../domain/results/procedures.ts';
import type { ReportData } from '../../services/reports.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { criteriaText, evidenceText, methodName } from '../../text/identification.ts';
import { missingPartText } from '../../text/reports.ts';
import { roadmapProgressText } from '../../text/status.ts';
import { readerSource } from '../../domain/sources/programmes.ts';
import type { Translate } from '../../domain/translate.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const PERCENT = '0.0%';
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFF2CC' } };
const GREEN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFE2EFDA' } };

interface Column {
  header: string;
  width: number;
  format?: string;
  /** long text: wrapped, top-aligned */
  wrap?: boolean;
}

type Cell = ExcelJS.CellValue;

/** Shared, never mutated: one style id per column instead of one style per cell. */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const WRAP_STYLE: Partial<ExcelJS.Style> = Object.freeze({ alignment: { wrapText: true, vertical: 'top' as const } });
const formatStyles = new Map<string, Partial<ExcelJS.Style>>();
function formatStyle(numFmt: string): Partial<ExcelJS.Style> {
  let style = formatStyles.get(numFmt);
  if (!style) formatStyles.set(numFmt, (style = Object.freeze({ numFmt })));
  return style;
}

/** A sheet being written row by row, and how its data rows are styled. */
interface Table {
  sheet: ExcelJS.Worksheet;
  /** appends a data row with the columns' shared styles (a style per cell may override) */
  put(values: readonly Cell[], styles?: ReadonlyArray<Partial<ExcelJS.Style> | undefined>): ExcelJS.Row;
}

/** A sheet with a styled, frozen, filtered header row. */
function table(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[]): Table {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  for (let index = 1; index <= columns.length; index++) header.getCell(index).fill = HEADER_FILL;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const shared = columns.map((column) =>
    column.format ? formatStyle(column.format) : column.wrap ? WRAP_STYLE : PLAIN_STYLE,
  );
  return {
    sheet,
    put(values, styles) {
      const row = sheet.addRow(values as Cell[]);
      for (let index = 0; index < values.length; index++)
        row.getCell(index + 1).style = (styles?.[index] ?? shared[index] ?? PLAIN_STYLE) as ExcelJS.Style;
      return row;
    },
  };
}

function summarySheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const { sheet, put } = table(workbook, 'Сводка', [
    { header: 'Код', width: 13 },
    { header: 'Показатель (формулировка программы)', width: 70, wrap: true },
    { header: 'Источник', width: 34 },
    { header: 'Числитель', width: 11 },
    { header: 'Знаменатель', width: 12 },
    { header: 'Значение', width: 11 },
    { header: 'Цель', width: 16 },
    { header: 'Цель достигнута', width: 11 },
    { header: 'Нет данных: что нужно', width: 60, wrap: true },
  ]);
  for (const indicator of data.indicators) {
    const value = formatStyle(indicator.unit === 'share' ? PERCENT : '0');
    put(
      [
        indicator.id,
        indicator.title,
        readerSource(indicator.source),
        indicator.numerator,
        indicator.denominator,
        indicator.value,
        indicator.target?.text ?? null,
        indicator.onTarget === null ? null : indicator.onTarget ? 'да' : 'нет',
        indicator.missing,
      ],
      [undefined, undefined, undefined, undefined, undefined, value],
    );
  }
  const last = data.indicators.length + 1;
  sheet.addConditionalFormatting({
    ref: `H2:H${last}`,
    rules: [
      { type: 'containsText', operator: 'containsText', text: 'нет', style: { fill: RED }, priority: 1 },
      { type: 'containsText', operator: 'containsText', text: 'да', style: { fill: GREEN }, priority: 2 },
    ],
  });
  // what the report lacks, below the table
  sheet.addRow([]);
  sheet.addRow([null, t('report-xlsx-scope', { scope: data.scope.name, year: data.year })]).font = { bold: true };
  for (const missing of data.missing) sheet.addRow([null, missingPartText(t, missing)]);
  sheet.commit();
}

function listSheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  name: string,
  data: ReportData,
  method: IdentificationMethod,
): void {
  const list = data.lists.find((entry) => entry.method === method)!;
  const { sheet, put } = table(workbook, name, [
    { header: 'Код ОО', width: 12 },
    { header: 'Школа', width: 36 },
    { header: 'Муниципалитет', width: 24 },
    { header: 'Критерии', width: 50, wrap: true },
    { header: 'Основания', width: 100, wrap: true },
  ]);
  for (const school of list.flagged) {
    put([
      school.code,
      school.name,
      school.municipality,
      criteriaText(t, school.criteria, { year: list.run?.year ?? data.year, previousYear: data.previousYear }),
      school.evidence.map((evidence) => evidenceText(t, evidence, list.labels)).join('\n'),
    ]);
  }
  sheet.addRow([]);
  sheet.addRow([
    null,
    list.run
      ? t('report-xlsx-list-run', {
          method: methodName(t, method),
          flagged: list.flagged.length,
          evaluated: list.evaluated,
          year: list.run.year,
          date: formatDateTime(list.run.ranAt),
        })
      : t('report-missing-identification', { method: methodName(t, method), year: data.year }),
  ]);
  sheet.commit();
}

/** «Результаты»: one row per school × year × procedure, in the order the committee reads them. */
export function resultRows(data: ReportData): Cell[][] {
  const names = new Map(data.schools.map((school) => [school.code, school]));
  const labels = new Map<string, string>();
  const label = (row: ReportData['results'][number]) => {
    const key = `${row.procedure.kind}\u0000${row.procedure.subject}\u0000${row.procedure.grade}`;
    let text = labels.get(key);
    if (text === undefined) labels.set(key, (text = procedureLabel(row.procedure)));
    return text;
  };
  return data.results
    .map((row) => ({ row, label: label(row) }))
    .sort(
      (a, b) =>
        (a.row.schoolCode < b.row.schoolCode ? -1 : a.row.schoolCode > b.row.schoolCode ? 1 : 0) ||
        (a.row.year < b.row.year ? -1 : a.row.year > b.row.year ? 1 : 0) ||
        a.label.localeCompare(b.label),
    )
    .map(({ row, label: procedure }) => {
      const school = names.get(row.schoolCode);
      return [
        row.schoolCode,
        school?.name ?? '',
        school?.municipality ?? '',
        row.year,
        procedure,
        row.participants,
        row.failed,
        row.participants > 0 ? row.failed / row.participants : null,
        row.meanScore ?? null,
      ];
    });
}

function resultsSheet(workbook: ExcelJS.Workbook, data: ReportData): void {
  const { sheet, put } = table(workbook, 'Результаты', [
    { header: 'Код ОО', width: 12 },
    { header: 'Школа', width: 34 },
    { header: 'Муниципалитет', width: 22 },
    { header: 'Учебный год', width: 12 },
    { header: 'Процедура', width: 30 },
    { header: 'Участников', width: 11, format: '0' },
    { header: 'Не справились', width: 13, format: '0' },
    { header: 'Доля «2» / ниже минимума', width: 14, format: PERCENT },
    { header: 'Средний балл', width: 11, format: '0.0' },
  ]);
  const rows = resultRows(data);
  for (const row of rows) put(row);
  if (rows.length > 0) {
    // ФИОКО's threshold (seed 003 §2.1): 30 % and more is a low result; 15 % a warning.
    // One rule over the whole column, not a format per cell.
    sheet.addConditionalFormatting({
      ref: `H2:H${rows.length + 1}`,
      rules: [
        { type: 'cellIs', operator: 'greaterThan', formulae: ['0.2999999'], style: { fill: RED }, priority: 1 },
        { type: 'cellIs', operator: 'between', formulae: ['0.15', '0.2999999'], style: { fill: YELLOW }, priority: 2 },
      ],
    });
  }
  sheet.commit();
}

function formsSheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const { sheet, put } = table(workbook, 'Анкеты', [
    { header: 'Кампания', width: 50 },
    { header: 'Запущена', width: 12 },
    { header: 'Срок', width: 12 },
    { header: 'Школ', width: 8, format: '0' },
    { header: 'Отправили', width: 11, format: '0' },
    { header: 'Доля', width: 9, format: PERCENT },
  ]);
  for (const campaign of data.campaigns) {
    put([
      campaign.title,
      formatDate(campaign.createdAt),
      formatDate(campaign.deadline),
      campaign.total,
      campaign.submitted,
      campaign.total > 0 ? campaign.submitted / campaign.total : null,
    ]);
  }
  if (data.campaigns.length === 0) sheet.addRow([t('report-missing-campaigns', { year: data.year })]);
  // the answers matrix of each campaign under the completion table
  for (const campaign of data.campaigns) {
    sheet.addRow([]);
    sheet.addRow([campaign.title]).font = { bold: true };
    const matrix = tabulateAnswers(campaign.questionnaire, campaign.answers, { translate: t });
    const header = sheet.addRow(matrix.columns.map((column) => column.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
    for (const row of matrix.rows) sheet.addRow(row).eachCell((cell) => (cell.style = PLAIN_STYLE as ExcelJS.Style));
  }
  sheet.commit();
}

/**
 * «Дорожная карта» (issue 13's roadmaps, cut to the scope): every item with its state, the overdue
 * ones marked by one conditional-format rule; the progress of each roadmap below the table.
 */
function roadmapSheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const { sheet, put } = table(workbook, 'Дорожная карта', [
    { header: 'Дорожная карта', width: 30 },
    { header: 'Раздел', width: 28 },
    { header: '№', width: 7 },
    { header: 'Мероприятие', width: 60, wrap: true },
    { header: 'Срок', width: 20 },
    { header: 'Срок (дата)', width: 12, format: 'dd.mm.yyyy' },
    { header: 'Ответственные', width: 24 },
    { header: 'Ожидаемый результат', width: 40, wrap: true },
    { header: 'Состояние', width: 12 },
    { header: 'Выполнено', width: 12, format: 'dd.mm.yyyy' },
    { header: 'Комментарий', width: 40, wrap: true },
  ]);
  const names = new Map(data.schools.map((school) => [school.code, school.name]));
  let rows = 0;
  for (const roadmap of data.roadmaps.roadmaps) {
    const overdue = new Set(roadmap.overdue.map((item) => item.id));
    for (const item of roadmap.items) {
      const state = item.status === 'done' ? 'done' : overdue.has(item.id) ? 'overdue' : 'open';
      put([
        roadmap.title,
        item.section || t('report-roadmap-no-section'),
        item.number,
        item.title,
        item.deadlineText,
        item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : null,
        names.has(item.responsible) ? `${names.get(item.responsible)} (${item.responsible})` : item.responsible,
        item.result,
        t('report-roadmap-state', { state }),
        item.doneAt ? new Date(item.doneAt) : null,
        item.comment,
      ]);
      rows++;
    }
  }
  if (rows > 0)
    sheet.addConditionalFormatting({
      ref: `I2:I${rows + 1}`,
      rules: [
        { type: 'containsText', operator: 'containsText', text: 'просрочено', style: { fill: RED }, priority: 1 },
        { type: 'containsText', operator: 'containsText', text: 'выполнено', style: { fill: GREEN }, priority: 2 },
      ],
    });
  sheet.addRow([]);
  for (const roadmap of data.roadmaps.roadmaps)
    sheet.addRow([
      t('report-roadmap-title', {
        title: roadmap.title,
        scope: data.scope.name,
        progress: roadmapProgressText(t, roadmap),
      }),
    ]).font = { bold: true };
  for (const missing of data.missing) if (missing.part === 'roadmap') sheet.addRow([missingPartText(t, missing)]);
  sheet.commit();
}

function dynamicsSheet(workbook: ExcelJS.Workbook, data: ReportData): void {
  const years = [...new Set(data.results.map((row) => row.year))].sort();
  const { sheet, put } = table(workbook, 'Динамика', [
    { header: 'Процедура', width: 34 },
    ...years.flatMap((year) => [
      { header: `${year}: участников`, width: 12, format: '0' },
      { header: `${year}: доля «2» / ниже минимума`, width: 14, format: PERCENT },
    ]),
  ]);
  const sums = new Map<string, Map<string, { participants: number; failed: number }>>();
  for (const row of data.results) {
    const label = procedureLabel(row.procedure);
    const byYear = sums.get(label) ?? new Map();
    const sum = byYear.get(row.year) ?? { participants: 0, failed: 0 };
    sum.participants += row.participants;
    sum.failed += row.failed;
    byYear.set(row.year, sum);
    sums.set(label, byYear);
  }
  for (const [label, byYear] of [...sums.entries()].sort(([a], [b]) => a.localeCompare(b, 'ru'))) {
    put([
      label,
      ...years.flatMap((year) => {
        const sum = byYear.get(year);
        return sum ? [sum.participants, sum.participants > 0 ? sum.failed / sum.participants : null] : [null, null];
      }),
    ]);
  }
  sheet.commit();
}

/**
 * A streaming workbook whose bytes are collected in memory (reports go to Telegram or a file);
 * bench/lib/plainResults.ts writes the floor of bench:report with it too.
 */
export async function streamingWorkbook(useStyles: boolean) {
  const ExcelJS = await loadExcelJS();
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles, useSharedStrings: true });
  return {
    workbook,
    async bytes(): Promise<Uint8Array> {
      await workbook.commit();
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/** The workbook as bytes. */
export async function writeReportWorkbook(data: ReportData, t: Translate): Promise<Uint8Array> {
  const { workbook, bytes } = await streamingWorkbook(true);
  workbook.creator = 'Куратор';
  workbook.created = new Date(data.generatedAt);
  summarySheet(workbook, t, data);
  listSheet(workbook, t, 'ШНОР', data, 'fioco');
  listSheet(workbook, t, 'Зона риска', data, 'risk');
  listSheet(workbook, t, 'ШНСУ', data, 'social');
  listSheet(workbook, t, 'Региональные показатели', data, 'regional');
  resultsSheet(workbook, data);
  formsSheet(workbook, t, data);
  roadmapSheet(workbook, t, data);
  dynamicsSheet(workbook, data);
  return bytes();
}
