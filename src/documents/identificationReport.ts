/**
 * The full identification list as .xlsx (issue #4): a sheet per method with every evaluated school
 * — status, criteria in words, one row per piece of evidence (procedure, year, participants,
 * failed, share as a percent cell, threshold) — a sheet of data gaps, and a sheet quoting the
 * rules' text from the seeds. Schools repeat on each of their evidence rows so that filters work.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../files/xlsx/excel.ts';
import type { Evidence, IdentificationMethod } from '../domain/identification/index.ts';
import {
  citationTitle,
  coverageText,
  criteriaText,
  evidenceText,
  formatRanAt,
  indicatorText,
  isScoreCriterion,
  itemText,
  methodName,
  procedureText,
  scopeName,
  statusName,
} from '../text/identification.ts';
import { t as defaultT } from '../i18n.ts';
import type { MethodRunView, ScopeView } from '../services/identification/index.ts';
import { readerSource } from '../domain/sources/programmes.ts';
import type { Translate } from '../domain/translate.ts';

export interface IdentificationReportInput {
  scope: ScopeView;
  runs: readonly MethodRunView[];
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const STATUS_FILL: Record<string, ExcelJS.Fill> = {
  flagged: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } },
  incomplete: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } },
};
const PERCENT = '0.00%';
const SCORE = '0.00';
const STATUS_ORDER: Record<string, number> = { flagged: 0, incomplete: 1, clear: 2 };

/** Evidence spread over the sheet's columns; numbers stay numbers. */
interface EvidenceCells {
  year: string;
  procedure: string;
  participants: number | null;
  failed: number | null;
  value: number | string | null;
  valueFormat?: string;
  threshold: number | string | null;
  thresholdFormat?: string;
}

function evidenceCells(t: Translate, evidence: Evidence, labels: Readonly<Record<string, string>>): EvidenceCells {
  switch (evidence.kind) {
    case 'result':
      return {
        year: evidence.year,
        procedure: procedureText(evidence.procedure, labels),
        participants: evidence.participants,
        failed: evidence.failed,
        value: evidence.share,
        valueFormat: PERCENT,
        threshold: evidence.threshold,
        thresholdFormat: PERCENT,
      };
    case 'answer': {
      const item = itemText(t, evidence.item, labels);
      const fromResults = evidence.source !== 'questionnaire' && evidence.procedure !== undefined;
      return {
        year: evidence.year ?? '',
        // a director's correction of a prefilled share: both values and who corrected (issue 11)
        procedure:
          evidence.source === 'correction'
            ? evidenceText(t, evidence, labels)
            : fromResults
              ? `${item} (${procedureText(evidence.procedure, labels)})`
              : item,
        participants: evidence.participants ?? null,
        failed: evidence.failed ?? null,
        value:
          typeof evidence.value === 'boolean'
            ? t(evidence.value ? 'identify-answer-yes' : 'identify-answer-no')
            : evidence.value,
        valueFormat: PERCENT,
        threshold: evidence.threshold ?? null,
        thresholdFormat: PERCENT,
      };
    }
    case 'indicator': {
      // the lowest-results composite is a ratio to the region, not a share
      const format = isScoreCriterion(evidence.criterion) || evidence.reference === 'cut-off' ? SCORE : PERCENT;
      return {
        year: evidence.year,
        procedure:
          evidence.reference === 'cut-off'
            ? evidenceText(t, evidence, labels)
            : evidence.procedure
              ? procedureText(evidence.procedure, labels)
              : '',
        participants: null,
        failed: null,
        value: evidence.value,
        valueFormat: format,
        threshold: evidence.compareTo,
        thresholdFormat: format,
      };
    }
    case 'index':
      return {
        year: '',
        procedure: indicatorText(t, evidence.indicator, labels),
        participants: null,
        failed: null,
        value: evidence.value,
        valueFormat: PERCENT,
        threshold: `× ${evidence.weight}`,
      };
  }
}

function sheetName(t: Translate, method: IdentificationMethod, used: Set<string>): string {
  const base = t(`identify-xlsx-sheet-${method}`)
    .replace(/[\\/?*[\]:]/g, ' ')
    .slice(0, 28);
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base} ${n}`;
  used.add(name);
  return name;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
}

function addMethodSheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  scope: ScopeView,
  run: MethodRunView,
  name: string,
): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  const columns: Array<{ key: string; width: number }> = [
    { key: 'identify-col-code', width: 12 },
    { key: 'identify-col-school', width: 40 },
    { key: 'identify-col-municipality', width: 22 },
    { key: 'identify-col-status', width: 22 },
    { key: 'identify-col-criteria', width: 50 },
    { key: 'identify-col-undetermined', width: 30 },
    { key: 'identify-col-year', width: 11 },
    { key: 'identify-col-procedure', width: 40 },
    { key: 'identify-col-participants', width: 12 },
    { key: 'identify-col-failed', width: 13 },
    { key: 'identify-col-share', width: 14 },
    { key: 'identify-col-threshold', width: 14 },
  ];
  sheet.columns = columns.map((column) => ({ width: column.width }));
  // «по загруженным данным (N из M муниципалитетов)» / passports filled: in the file too (issue 11)
  const coverage = coverageText(t, run);
  const passports =
    run.method === 'social' && run.passports
      ? t('identify-social-passports', { filled: run.passports.filled, schools: run.passports.schools })
      : null;
  const heading = sheet.addRow([
    [
      t('identify-xlsx-heading', {
        method: methodName(t, run.method),
        scope: scopeName(t, scope),
        year: run.year ?? t('identify-summary-no-year'),
        date: formatRanAt(run.ranAt),
        flagged: run.counts.flagged,
        evaluated: run.counts.evaluated,
      }),
      coverage,
      passports,
    ]
      .filter(Boolean)
      .join(' '),
  ]);
  heading.font = { bold: true };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns.map((column) => t(column.key)));
  styleHeader(header);
  header.height = 30;

  const verdicts = [...run.verdicts].sort(
    (a, b) => STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  for (const verdict of verdicts) {
    const school = [
      verdict.code,
      verdict.name,
      verdict.municipality,
      statusName(t, verdict.status),
      verdict.also?.length
        ? [
            criteriaText(t, verdict.criteria, run),
            t('identify-summary-also', { criteria: criteriaText(t, verdict.also, run) }),
          ]
            .filter(Boolean)
            .join('; ')
        : criteriaText(t, verdict.criteria, run),
      criteriaText(t, verdict.undetermined, run),
    ];
    const evidence = verdict.evidence.length
      ? verdict.evidence.map((item) => evidenceCells(t, item, run.labels))
      : [null];
    for (const cells of evidence) {
      const row = sheet.addRow([
        ...school,
        cells?.year ?? '',
        cells?.procedure ?? '',
        cells?.participants ?? null,
        cells?.failed ?? null,
        cells?.value ?? null,
        cells?.threshold ?? null,
      ]);
      if (cells?.valueFormat && typeof cells.value === 'number') row.getCell(11).numFmt = cells.valueFormat;
      if (cells?.thresholdFormat && typeof cells.threshold === 'number') row.getCell(12).numFmt = cells.thresholdFormat;
      const fill = STATUS_FILL[verdict.status];
      if (fill) row.getCell(4).fill = fill;
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
}

function addMissingSheet(workbook: ExcelJS.Workbook, t: Translate, runs: readonly MethodRunView[], name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 36 }, { width: 12 }, { width: 40 }, { width: 11 }, { width: 70 }];
  styleHeader(
    sheet.addRow([
      t('identify-col-method'),
      t('identify-col-code'),
      t('identify-col-school'),
      t('identify-col-year'),
      t('identify-col-items'),
    ]),
  );
  for (const run of runs) {
    const method = methodName(t, run.method);
    for (const year of run.missingYears) sheet.addRow([method, '', '', year, t('identify-xlsx-missing-year')]);
    const names = new Map(run.verdicts.map((verdict) => [verdict.code, verdict.name]));
    for (const gap of run.missing) {
      const items = gap.items.map((item) =>
        run.method === 'risk'
          ? itemText(t, item, run.labels)
          : run.method === 'social'
            ? indicatorText(t, item, run.labels)
            : procedureText(item, run.labels),
      );
      const row = sheet.addRow([method, gap.code, names.get(gap.code) ?? '', gap.year ?? '', items.join('; ')]);
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
}

function addRulesSheet(workbook: ExcelJS.Workbook, t: Translate, runs: readonly MethodRunView[], name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 30 }, { width: 40 }, { width: 90 }, { width: 45 }, { width: 50 }];
  styleHeader(
    sheet.addRow([
      t('identify-col-method'),
      t('identify-col-rule'),
      t('identify-col-rule-text'),
      t('identify-col-source'),
      t('identify-col-note'),
    ]),
  );
  for (const run of runs) {
    for (const citation of run.citations) {
      const note = citation.noteKey ? t(citation.noteKey, citation.noteParams ?? {}) : '';
      const row = sheet.addRow([
        methodName(t, run.method),
        citationTitle(t, citation.id, run),
        citation.text,
        readerSource(citation.source),
        note,
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
}

export async function writeIdentificationReport(
  input: IdentificationReportInput,
  t: Translate = defaultT,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  workbook.creator = 'Куратор';
  const used = new Set<string>();
  for (const run of input.runs) addMethodSheet(workbook, t, input.scope, run, sheetName(t, run.method, used));
  addMissingSheet(workbook, t, input.runs, t('identify-xlsx-sheet-missing'));
  addRulesSheet(workbook, t, input.runs, t('identify-xlsx-sheet-rules'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
