/**
 * The full identification list as .xlsx (issue #4): a sheet per method with every evaluated school
 * — status, criteria in words, one row per piece of evidence (procedure, year, participants,
 * failed, share as a percent cell, threshold) — a sheet of data gaps, and a sheet quoting the
 * rules' text from the seeds. Schools repeat on each of their evidence rows so that filters work.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../files/xlsx/excel.ts';
import { addTable, type Column } from '../files/xlsx/write/sheetSpec.ts';
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

type Verdict = MethodRunView['verdicts'][number];
/** A row of a method's sheet: a school with one piece of its evidence (or none). */
interface VerdictRow {
  verdict: Verdict;
  evidence: EvidenceCells | null;
}

function addMethodSheet(
  workbook: ExcelJS.Workbook,
  t: Translate,
  scope: ScopeView,
  run: MethodRunView,
  name: string,
): void {
  // «по загруженным данным (N из M муниципалитетов)» / passports filled: in the file too (issue 11)
  const coverage = coverageText(t, run);
  const passports =
    run.method === 'social' && run.passports
      ? t('identify-social-passports', { filled: run.passports.filled, schools: run.passports.schools })
      : null;
  const title = [
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
    .join(' ');
  const criteria = (verdict: Verdict) =>
    verdict.also?.length
      ? [
          criteriaText(t, verdict.criteria, run),
          t('identify-summary-also', { criteria: criteriaText(t, verdict.also, run) }),
        ]
          .filter(Boolean)
          .join('; ')
      : criteriaText(t, verdict.criteria, run);
  const numberFormat = (value: unknown, format: string | undefined) => (typeof value === 'number' ? format : undefined);
  const column = (key: string, width: number, value: Column<VerdictRow>['value']): Column<VerdictRow> => ({
    header: t(key),
    width,
    value,
    wrap: true,
  });
  const { put } = addTable<VerdictRow>(workbook, {
    name,
    title,
    headerHeight: 30,
    columns: [
      column('identify-col-code', 12, ({ verdict }) => verdict.code),
      column('identify-col-school', 40, ({ verdict }) => verdict.name),
      column('identify-col-municipality', 22, ({ verdict }) => verdict.municipality),
      {
        ...column('identify-col-status', 22, ({ verdict }) => statusName(t, verdict.status)),
        fill: ({ verdict }) => STATUS_FILL[verdict.status],
      },
      column('identify-col-criteria', 50, ({ verdict }) => criteria(verdict)),
      column('identify-col-undetermined', 30, ({ verdict }) => criteriaText(t, verdict.undetermined, run)),
      column('identify-col-year', 11, ({ evidence }) => evidence?.year ?? ''),
      column('identify-col-procedure', 40, ({ evidence }) => evidence?.procedure ?? ''),
      column('identify-col-participants', 12, ({ evidence }) => evidence?.participants ?? null),
      column('identify-col-failed', 13, ({ evidence }) => evidence?.failed ?? null),
      {
        ...column('identify-col-share', 14, ({ evidence }) => evidence?.value ?? null),
        format: ({ evidence }) => numberFormat(evidence?.value, evidence?.valueFormat),
      },
      {
        ...column('identify-col-threshold', 14, ({ evidence }) => evidence?.threshold ?? null),
        format: ({ evidence }) => numberFormat(evidence?.threshold, evidence?.thresholdFormat),
      },
    ],
  });

  const verdicts = [...run.verdicts].sort(
    (a, b) => STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  for (const verdict of verdicts) {
    // the school repeats on each of its evidence rows, so that filters work
    if (verdict.evidence.length === 0) put({ verdict, evidence: null });
    for (const item of verdict.evidence) put({ verdict, evidence: evidenceCells(t, item, run.labels) });
  }
}

type MissingRow = { method: string; code: string; school: string; year: string; items: string };

function addMissingSheet(workbook: ExcelJS.Workbook, t: Translate, runs: readonly MethodRunView[], name: string): void {
  const { put } = addTable<MissingRow>(workbook, {
    name,
    filter: false,
    columns: [
      { header: t('identify-col-method'), width: 36, wrap: true, value: (row) => row.method },
      { header: t('identify-col-code'), width: 12, wrap: true, value: (row) => row.code },
      { header: t('identify-col-school'), width: 40, wrap: true, value: (row) => row.school },
      { header: t('identify-col-year'), width: 11, wrap: true, value: (row) => row.year },
      { header: t('identify-col-items'), width: 70, wrap: true, value: (row) => row.items },
    ],
  });
  for (const run of runs) {
    const method = methodName(t, run.method);
    for (const year of run.missingYears)
      put({ method, code: '', school: '', year, items: t('identify-xlsx-missing-year') });
    const names = new Map(run.verdicts.map((verdict) => [verdict.code, verdict.name]));
    for (const gap of run.missing) {
      const items = gap.items.map((item) =>
        run.method === 'risk'
          ? itemText(t, item, run.labels)
          : run.method === 'social'
            ? indicatorText(t, item, run.labels)
            : procedureText(item, run.labels),
      );
      put({ method, code: gap.code, school: names.get(gap.code) ?? '', year: gap.year ?? '', items: items.join('; ') });
    }
  }
}

type RuleRow = { run: MethodRunView; citation: MethodRunView['citations'][number] };

function addRulesSheet(workbook: ExcelJS.Workbook, t: Translate, runs: readonly MethodRunView[], name: string): void {
  const { put } = addTable<RuleRow>(workbook, {
    name,
    filter: false,
    columns: [
      { header: t('identify-col-method'), width: 30, wrap: true, value: ({ run }) => methodName(t, run.method) },
      {
        header: t('identify-col-rule'),
        width: 40,
        wrap: true,
        value: ({ run, citation }) => citationTitle(t, citation.id, run),
      },
      { header: t('identify-col-rule-text'), width: 90, wrap: true, value: ({ citation }) => citation.text },
      {
        header: t('identify-col-source'),
        width: 45,
        wrap: true,
        value: ({ citation }) => readerSource(citation.source),
      },
      {
        header: t('identify-col-note'),
        width: 50,
        wrap: true,
        value: ({ citation }) => (citation.noteKey ? t(citation.noteKey, citation.noteParams ?? {}) : ''),
      },
    ],
  });
  for (const run of runs) for (const citation of run.citations) put({ run, citation });
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
