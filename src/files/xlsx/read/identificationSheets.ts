/**
 * Two short yearly tables for identification (issue 11), read like the registry and results:
 * - «Контингент»: per school and year, grade 9 → 10 and olympiad participants by stage — the
 *   figures of seed 001's two other main criteria («Менее 60% … продолжающих обучение на старшей
 *   ступени», «0,5% и ниже … принимавших участие в региональных и всероссийских олимпиадах»);
 * - «Перечень ШНОР»: the official list of a year (seed 003: «перечень ШНОР, сформированный …
 *   ФИОКО»; seed 000: the order approving it) — school codes with the order's number and date.
 * Parsing only: which codes exist is the service's business.
 */
import { parseAcademicYear } from '../../../domain/results/academicYear.ts';
import type { AcademicYear } from '../../../domain/results/types.ts';
import type { SheetIssue } from '../issues.ts';
import { readTable, type TableRow, type TableSpec } from './table.ts';

export const CONTINGENT_COLUMNS = {
  year: 'Учебный год',
  schoolCode: 'Код школы',
  schoolName: 'Наименование школы',
  pupils: 'Обучающихся всего',
  grade9: 'Обучающихся в 9 классе',
  continuedTo10: 'Из них продолжили обучение в 10 классе',
  olympiadSchool: 'ВсОШ: школьный этап',
  olympiadMunicipal: 'ВсОШ: муниципальный этап',
  olympiadRegional: 'ВсОШ: региональный этап',
  olympiadFinal: 'ВсОШ: заключительный этап',
  contests: 'Региональные и всероссийские конкурсы',
} as const;
export type ContingentField = keyof typeof CONTINGENT_COLUMNS;

const REQUIRED_CONTINGENT = new Set<ContingentField>([
  'year',
  'schoolCode',
  'pupils',
  'grade9',
  'continuedTo10',
  'olympiadRegional',
  'olympiadFinal',
]);

export const CONTINGENT_SPEC: TableSpec<ContingentField> = {
  columns: (Object.keys(CONTINGENT_COLUMNS) as ContingentField[]).map((field) => ({
    field,
    title: CONTINGENT_COLUMNS[field],
    required: REQUIRED_CONTINGENT.has(field),
    ...(field === 'continuedTo10'
      ? { synonyms: ['Продолжили обучение в 10 классе', 'Перешли в 10 класс'] }
      : field === 'grade9'
        ? { synonyms: ['Обучающихся 9 классов', 'Выпускников 9 класса'] }
        : field === 'schoolCode'
          ? { synonyms: ['Код ОО', 'Логин ФИС ОКО'] }
          : {}),
  })),
};

export const OFFICIAL_LIST_COLUMNS = {
  year: 'Учебный год',
  schoolCode: 'Код школы',
  schoolName: 'Наименование школы',
  orderNumber: 'Номер приказа',
  orderDate: 'Дата приказа',
} as const;
export type OfficialField = keyof typeof OFFICIAL_LIST_COLUMNS;

export const OFFICIAL_LIST_SPEC: TableSpec<OfficialField> = {
  columns: (Object.keys(OFFICIAL_LIST_COLUMNS) as OfficialField[]).map((field) => ({
    field,
    title: OFFICIAL_LIST_COLUMNS[field],
    required: field !== 'schoolName',
    ...(field === 'schoolCode' ? { synonyms: ['Код ОО', 'Логин ФИС ОКО'] } : {}),
  })),
};

export interface ContingentRow {
  rowNumber: number;
  year: AcademicYear;
  schoolCode: string;
  pupils: number;
  grade9: number;
  continuedTo10: number;
  olympiadSchool: number | null;
  olympiadMunicipal: number | null;
  olympiadRegional: number;
  olympiadFinal: number;
  contests: number | null;
}

export interface ParsedTable<R> {
  ok: boolean;
  rows: R[];
  issues: SheetIssue[];
  sheetName: string | null;
}

function yearOf<F extends string>(cells: TableRow<F>, field: F): AcademicYear | null {
  const raw = cells.textOrNumber(field);
  if (raw === null || raw === undefined) {
    if (raw === null) cells.report(field, 'error', 'idtables-error-required');
    return null;
  }
  const parsed = parseAcademicYear(raw);
  if (!parsed.ok) {
    cells.report(field, 'error', 'idtables-error-year', { value: String(raw) });
    return null;
  }
  return parsed.year;
}

function countOf<F extends string>(cells: TableRow<F>, field: F, required: boolean): number | null | undefined {
  const value = cells.number(field);
  if (value === undefined) return undefined;
  if (value === null) {
    if (required) {
      cells.report(field, 'error', 'idtables-error-required');
      return undefined;
    }
    return null;
  }
  if (!Number.isInteger(value) || value < 0) {
    cells.report(field, 'error', 'idtables-error-count', { value: String(value) });
    return undefined;
  }
  return value;
}

function codeOf<F extends string>(cells: TableRow<F>, field: F): string | null {
  const code = cells.text(field);
  if (code === null) cells.report(field, 'error', 'idtables-error-required');
  return code ? code.trim().toLowerCase() : null;
}

export function parseContingentFile(bytes: Uint8Array): ParsedTable<ContingentRow> {
  const rows: ContingentRow[] = [];
  const firstRow = new Map<string, number>();
  const table = readTable<ContingentField>(bytes, {
    spec: CONTINGENT_SPEC,
    onRow: (cells) => {
      const year = yearOf(cells, 'year');
      const schoolCode = codeOf(cells, 'schoolCode');
      const counts = {
        pupils: countOf(cells, 'pupils', true),
        grade9: countOf(cells, 'grade9', true),
        continuedTo10: countOf(cells, 'continuedTo10', true),
        olympiadSchool: countOf(cells, 'olympiadSchool', false),
        olympiadMunicipal: countOf(cells, 'olympiadMunicipal', false),
        olympiadRegional: countOf(cells, 'olympiadRegional', true),
        olympiadFinal: countOf(cells, 'olympiadFinal', true),
        contests: countOf(cells, 'contests', false),
      };
      if (year === null || schoolCode === null || Object.values(counts).some((value) => value === undefined)) return;
      const c = counts as { [K in keyof typeof counts]: Exclude<(typeof counts)[K], undefined> };
      if (c.continuedTo10! > c.grade9!) {
        cells.report('continuedTo10', 'error', 'idtables-error-continued-above-grade9', {
          continued: c.continuedTo10!,
          grade9: c.grade9!,
        });
        return;
      }
      if (c.grade9! > c.pupils!) {
        cells.report('grade9', 'error', 'idtables-error-grade9-above-pupils', { grade9: c.grade9!, pupils: c.pupils! });
        return;
      }
      const key = `${schoolCode} ${year}`;
      const first = firstRow.get(key);
      if (first !== undefined) {
        cells.report('schoolCode', 'error', 'idtables-error-duplicate', {
          code: schoolCode,
          year,
          first: String(first),
        });
        return;
      }
      firstRow.set(key, cells.row);
      rows.push({
        rowNumber: cells.row,
        year,
        schoolCode,
        pupils: c.pupils!,
        grade9: c.grade9!,
        continuedTo10: c.continuedTo10!,
        olympiadSchool: c.olympiadSchool,
        olympiadMunicipal: c.olympiadMunicipal,
        olympiadRegional: c.olympiadRegional!,
        olympiadFinal: c.olympiadFinal!,
        contests: c.contests,
      });
    },
  });
  const issues = table.issues;
  return { ok: table.readable && issues.errors === 0, rows, issues: issues.items, sheetName: table.sheetName };
}

export interface OfficialListFile {
  year: AcademicYear | null;
  orderNumber: string | null;
  orderDate: string | null;
  codes: Array<{ code: string; rowNumber: number }>;
}

export function parseOfficialListFile(bytes: Uint8Array): ParsedTable<OfficialListFile> {
  const list: OfficialListFile = { year: null, orderNumber: null, orderDate: null, codes: [] };
  const seen = new Set<string>();
  const table = readTable<OfficialField>(bytes, {
    spec: OFFICIAL_LIST_SPEC,
    onRow: (cells) => {
      const code = codeOf(cells, 'schoolCode');
      // year, order number and date may be written once (first row) or on every row, but must agree
      const rawYear = cells.textOrNumber('year');
      if (rawYear !== null && rawYear !== undefined) {
        const year = yearOf(cells, 'year');
        if (year !== null) {
          if (list.year === null) list.year = year;
          else if (list.year !== year)
            cells.report('year', 'error', 'idtables-error-differs', { value: year, first: list.year });
        }
      }
      for (const field of ['orderNumber', 'orderDate'] as const) {
        const value = cells.text(field);
        if (!value) continue;
        if (list[field] === null) list[field] = value;
        else if (list[field] !== value)
          cells.report(field, 'error', 'idtables-error-differs', { value, first: list[field]! });
      }
      if (code === null) return;
      if (seen.has(code)) return; // a code listed twice is the same school
      seen.add(code);
      list.codes.push({ code, rowNumber: cells.row });
    },
  });
  const issues = [...table.issues.items];
  if (table.readable) {
    if (list.year === null) issues.push({ severity: 'error', code: 'idtables-error-list-no-year' });
    if (list.orderNumber === null || list.orderDate === null)
      issues.push({ severity: 'error', code: 'idtables-error-list-no-order' });
  }
  const ok = table.readable && !issues.some((issue) => issue.severity === 'error');
  return { ok, rows: [list], issues, sheetName: table.sheetName };
}

// ---------------------------------------------------------------------------------------------
// Templates
