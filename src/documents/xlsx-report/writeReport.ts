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
import { addTable, type Column, HEADER_FILL, type Table } from '../../files/xlsx/write/sheetSpec.ts';
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

const PERCENT = '0.0%';
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFF2CC' } };
const GREEN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFE2EFDA' } };
const HEADER_HEIGHT = 32;

type Cell = ExcelJS.CellValue;
/** the answers matrix under the completion table: unstyled cells, one shared (empty) style */
const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({});

/** The sheets' house layout (sheetSpec.ts), with this workbook's taller header. */
function table<R>(workbook: ExcelJS.Workbook, name: string, columns: readonly Column<R>[]): Table<R> {
  return addTable(workbook, { name, columns, headerHeight: HEADER_HEIGHT });
}

function summarySheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const { sheet, put } = table<ReportData['indicators'][number]>(workbook, 'Сводка', [
    { header: 'Код', width: 13, value: (indicator) => indicator.id },
    { header: 'Показатель (формулировка программы)', width: 70, wrap: true, value: (indicator) => indicator.title },
    { header: 'Источник', width: 34, value: (indicator) => readerSource(indicator.source) },
    { header: 'Числитель', width: 11, value: (indicator) => indicator.numerator },
    { header: 'Знаменатель', width: 12, value: (indicator) => indicator.denominator },
    {
      header: 'Значение',
      width: 11,
      format: (indicator) => (indicator.unit === 'share' ? PERCENT : '0'),
      value: (indicator) => indicator.value,
    },
    { header: 'Цель', width: 16, value: (indicator) => indicator.target?.text ?? null },
    {
      header: 'Цель достигнута',
      width: 11,
      value: (indicator) => (indicator.onTarget === null ? null : indicator.onTarget ? 'да' : 'нет'),
    },
    { header: 'Нет данных: что нужно', width: 60, wrap: true, value: (indicator) => indicator.missing },
  ]);
  for (const indicator of data.indicators) put(indicator);
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
  const run = { year: list.run?.year ?? data.year, previousYear: data.previousYear };
  const { sheet, put } = table<(typeof list.flagged)[number]>(workbook, name, [
    { header: 'Код ОО', width: 12, value: (school) => school.code },
    { header: 'Школа', width: 36, value: (school) => school.name },
    { header: 'Муниципалитет', width: 24, value: (school) => school.municipality },
    { header: 'Критерии', width: 50, wrap: true, value: (school) => criteriaText(t, school.criteria, run) },
    {
      header: 'Основания',
      width: 100,
      wrap: true,
      value: (school) => school.evidence.map((evidence) => evidenceText(t, evidence, list.labels)).join('\n'),
    },
  ]);
  for (const school of list.flagged) put(school);
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
  const at = (index: number) => (row: readonly Cell[]) => row[index] ?? null;
  const { sheet, put } = table<readonly Cell[]>(workbook, 'Результаты', [
    { header: 'Код ОО', width: 12, value: at(0) },
    { header: 'Школа', width: 34, value: at(1) },
    { header: 'Муниципалитет', width: 22, value: at(2) },
    { header: 'Учебный год', width: 12, value: at(3) },
    { header: 'Процедура', width: 30, value: at(4) },
    { header: 'Участников', width: 11, format: '0', value: at(5) },
    { header: 'Не справились', width: 13, format: '0', value: at(6) },
    { header: 'Доля «2» / ниже минимума', width: 14, format: PERCENT, value: at(7) },
    { header: 'Средний балл', width: 11, format: '0.0', value: at(8) },
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
  const { sheet, put } = table<ReportData['campaigns'][number]>(workbook, 'Анкеты', [
    { header: 'Кампания', width: 50, value: (campaign) => campaign.title },
    { header: 'Запущена', width: 12, value: (campaign) => formatDate(campaign.createdAt) },
    { header: 'Срок', width: 12, value: (campaign) => formatDate(campaign.deadline) },
    { header: 'Школ', width: 8, format: '0', value: (campaign) => campaign.total },
    { header: 'Отправили', width: 11, format: '0', value: (campaign) => campaign.submitted },
    {
      header: 'Доля',
      width: 9,
      format: PERCENT,
      value: (campaign) => (campaign.total > 0 ? campaign.submitted / campaign.total : null),
    },
  ]);
  for (const campaign of data.campaigns) put(campaign);
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
  const names = new Map(data.schools.map((school) => [school.code, school.name]));
  type Row = { roadmap: string; item: (typeof data.roadmaps.roadmaps)[number]['items'][number]; state: string };
  const items = table<Row>(workbook, 'Дорожная карта', [
    { header: 'Дорожная карта', width: 30, value: (row) => row.roadmap },
    { header: 'Раздел', width: 28, value: ({ item }) => item.section || t('report-roadmap-no-section') },
    { header: '№', width: 7, value: ({ item }) => item.number },
    { header: 'Мероприятие', width: 60, wrap: true, value: ({ item }) => item.title },
    { header: 'Срок', width: 20, value: ({ item }) => item.deadlineText },
    {
      header: 'Срок (дата)',
      width: 12,
      format: 'dd.mm.yyyy',
      value: ({ item }) => (item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : null),
    },
    {
      header: 'Ответственные',
      width: 24,
      value: ({ item }) =>
        names.has(item.responsible) ? `${names.get(item.responsible)} (${item.responsible})` : item.responsible,
    },
    { header: 'Ожидаемый результат', width: 40, wrap: true, value: ({ item }) => item.result },
    { header: 'Состояние', width: 12, value: ({ state }) => t('report-roadmap-state', { state }) },
    {
      header: 'Выполнено',
      width: 12,
      format: 'dd.mm.yyyy',
      value: ({ item }) => (item.doneAt ? new Date(item.doneAt) : null),
    },
    { header: 'Комментарий', width: 40, wrap: true, value: ({ item }) => item.comment },
  ]);
  for (const roadmap of data.roadmaps.roadmaps) {
    const overdue = new Set(roadmap.overdue.map((item) => item.id));
    for (const item of roadmap.items) {
      const state = item.status === 'done' ? 'done' : overdue.has(item.id) ? 'overdue' : 'open';
      items.put({ roadmap: roadmap.title, item, state });
    }
  }
  const { sheet, rows } = items;
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
  type Row = { label: string; byYear: Map<string, { participants: number; failed: number }> };
  const { sheet, put } = table<Row>(workbook, 'Динамика', [
    { header: 'Процедура', width: 34, value: (row) => row.label },
    ...years.flatMap((year): Column<Row>[] => [
      {
        header: `${year}: участников`,
        width: 12,
        format: '0',
        value: (row) => row.byYear.get(year)?.participants ?? null,
      },
      {
        header: `${year}: доля «2» / ниже минимума`,
        width: 14,
        format: PERCENT,
        value: (row) => {
          const sum = row.byYear.get(year);
          return sum && sum.participants > 0 ? sum.failed / sum.participants : null;
        },
      },
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
  for (const [label, byYear] of [...sums.entries()].sort(([a], [b]) => a.localeCompare(b, 'ru')))
    put({ label, byYear });
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
