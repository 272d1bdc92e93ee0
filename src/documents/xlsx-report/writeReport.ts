/**
 * The committee's workbook (issue #12): «Сводка» (indicators with numerator, denominator and
 * target), the lists «ШНОР», «Зона риска», «ШНСУ», «Региональные показатели» with evidence,
 * «Результаты» (school × procedure × year, conditional formatting on the share), «Анкеты»
 * (completion and the answers matrix of each campaign), «Динамика» (the scope's share by
 * procedure and year). Frozen headers, filters, widths; numbers stay numbers, shares are
 * percent-formatted fractions.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../files/xlsx/excel.ts';
import type { IdentificationMethod } from '../../domain/identification/index.ts';
import { tabulateAnswers } from '../../domain/questionnaires/export.ts';
import { procedureLabel } from '../../domain/results/procedures.ts';
import type { ReportData } from '../../services/reports.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { evidenceText, methodName, type Translate } from '../../text/identification.ts';
import { missingPartText } from '../../text/reports.ts';
import { readerSource } from '../../domain/sources/programmes.ts';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const PERCENT = '0.0%';
const RED: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF8CBAD' } };
const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFF2CC' } };
const GREEN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFE2EFDA' } };

interface Column {
  header: string;
  width: number;
  format?: string;
}

/** A sheet with a styled, frozen, filtered header row. */
function table(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.format ? { numFmt: column.format } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  for (let index = 1; index <= columns.length; index++) header.getCell(index).fill = HEADER_FILL;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function summarySheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const sheet = table(workbook, 'Сводка', [
    { header: 'Id', width: 13 },
    { header: 'Показатель (формулировка программы)', width: 70 },
    { header: 'Источник', width: 34 },
    { header: 'Числитель', width: 11 },
    { header: 'Знаменатель', width: 12 },
    { header: 'Значение', width: 11 },
    { header: 'Цель', width: 16 },
    { header: 'Цель достигнута', width: 11 },
    { header: 'Нет данных: что нужно', width: 60 },
  ]);
  for (const indicator of data.indicators) {
    const row = sheet.addRow([
      indicator.id,
      indicator.title,
      readerSource(indicator.source),
      indicator.numerator,
      indicator.denominator,
      indicator.value,
      indicator.target?.text ?? null,
      indicator.onTarget === null ? null : indicator.onTarget ? 'да' : 'нет',
      indicator.missing,
    ]);
    row.getCell(6).numFmt = indicator.unit === 'share' ? PERCENT : '0';
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(9).alignment = { wrapText: true, vertical: 'top' };
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
}

function listSheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  name: string,
  data: ReportData,
  method: IdentificationMethod,
): void {
  const list = data.lists.find((entry) => entry.method === method)!;
  const sheet = table(workbook, name, [
    { header: 'Код ОО', width: 12 },
    { header: 'Школа', width: 36 },
    { header: 'Муниципалитет', width: 24 },
    { header: 'Критерии', width: 28 },
    { header: 'Основания', width: 100 },
  ]);
  for (const school of list.flagged) {
    const row = sheet.addRow([
      school.code,
      school.name,
      school.municipality,
      school.criteria.join(', '),
      school.evidence.map((evidence) => evidenceText(t, evidence, list.labels)).join('\n'),
    ]);
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
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
}

function resultsSheet(workbook: ExcelJS.Workbook, data: ReportData): void {
  const names = new Map(data.schools.map((school) => [school.code, school]));
  const sheet = table(workbook, 'Результаты', [
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
  const rows = [...data.results].sort(
    (a, b) =>
      a.schoolCode.localeCompare(b.schoolCode) ||
      a.year.localeCompare(b.year) ||
      procedureLabel(a.procedure).localeCompare(procedureLabel(b.procedure)),
  );
  sheet.addRows(
    rows.map((row) => {
      const school = names.get(row.schoolCode);
      return [
        row.schoolCode,
        school?.name ?? '',
        school?.municipality ?? '',
        row.year,
        procedureLabel(row.procedure),
        row.participants,
        row.failed,
        row.participants > 0 ? row.failed / row.participants : null,
        row.meanScore ?? null,
      ];
    }),
  );
  if (rows.length > 0) {
    // ФИОКО's threshold (seed 003 §2.1): 30 % and more is a low result; 15 % a warning
    sheet.addConditionalFormatting({
      ref: `H2:H${rows.length + 1}`,
      rules: [
        { type: 'cellIs', operator: 'greaterThan', formulae: ['0.2999999'], style: { fill: RED }, priority: 1 },
        { type: 'cellIs', operator: 'between', formulae: ['0.15', '0.2999999'], style: { fill: YELLOW }, priority: 2 },
      ],
    });
  }
}

function formsSheet(workbook: ExcelJS.Workbook, t: Translate, data: ReportData): void {
  const sheet = table(workbook, 'Анкеты', [
    { header: 'Кампания', width: 50 },
    { header: 'Запущена', width: 12 },
    { header: 'Срок', width: 12 },
    { header: 'Школ', width: 8, format: '0' },
    { header: 'Отправили', width: 11, format: '0' },
    { header: 'Доля', width: 9, format: PERCENT },
  ]);
  for (const campaign of data.campaigns) {
    sheet.addRow([
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
    sheet.addRows(matrix.rows);
  }
}

function dynamicsSheet(workbook: ExcelJS.Workbook, data: ReportData): void {
  const years = [...new Set(data.results.map((row) => row.year))].sort();
  const sheet = table(workbook, 'Динамика', [
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
    sheet.addRow([
      label,
      ...years.flatMap((year) => {
        const sum = byYear.get(year);
        return sum ? [sum.participants, sum.participants > 0 ? sum.failed / sum.participants : null] : [null, null];
      }),
    ]);
  }
}

/** The workbook as bytes. */
export async function writeReportWorkbook(data: ReportData, t: Translate): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Куратор';
  workbook.created = new Date(data.generatedAt);
  summarySheet(workbook, t, data);
  listSheet(workbook, t, 'ШНОР', data, 'fioco');
  listSheet(workbook, t, 'Зона риска', data, 'risk');
  listSheet(workbook, t, 'ШНСУ', data, 'social');
  listSheet(workbook, t, 'Региональные показатели', data, 'regional');
  resultsSheet(workbook, data);
  formsSheet(workbook, t, data);
  dynamicsSheet(workbook, data);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
