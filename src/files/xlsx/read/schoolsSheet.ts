/**
 * The school registry sheet (issue #2). Any invalid row makes the whole file invalid: the
 * caller saves nothing unless `ok`, and shows every error with its row and column.
 */
import { validateSchoolRow, type School, type SchoolField } from '../../../domain/schools/school.ts';
import type { SheetIssue } from '../issues.ts';
import type { ParseStats } from './resultsSheet.ts';
import type { WorkbookLimits } from './safeWorkbook.ts';
import { readTable, type TableSpec } from './table.ts';

export const SCHOOL_COLUMNS = {
  municipality: 'Муниципалитет',
  code: 'Код ОО',
  fullName: 'Наименование',
  shortName: 'Краткое наименование',
  type: 'Тип',
  settlement: 'Населённый пункт',
  rural: 'Сельская (да/нет)',
} as const;

export const SCHOOLS_SPEC: TableSpec<SchoolField> = {
  columns: [
    {
      field: 'municipality',
      title: SCHOOL_COLUMNS.municipality,
      required: true,
      synonyms: [
        'Муниципальное образование',
        'Муниципальный район',
        'Муниципальный округ',
        'Район',
        'МО',
        'АТЕ',
        'Городской округ',
      ],
    },
    {
      field: 'code',
      title: SCHOOL_COLUMNS.code,
      required: true,
      synonyms: ['Код ОУ', 'Код школы', 'Логин ОО', 'Логин', 'Код ОО (логин)', 'Код ОО в ФИС ОКО', 'Код'],
    },
    {
      field: 'fullName',
      title: SCHOOL_COLUMNS.fullName,
      required: true,
      synonyms: [
        'Наименование ОО',
        'Наименование ОУ',
        'Полное наименование',
        'Полное наименование ОО',
        'Название',
        'Название ОО',
        'Школа',
      ],
    },
    {
      field: 'shortName',
      title: SCHOOL_COLUMNS.shortName,
      synonyms: ['Краткое название', 'Сокращённое наименование', 'Краткое наименование ОО', 'Сокращенное название'],
    },
    {
      field: 'type',
      title: SCHOOL_COLUMNS.type,
      required: true,
      synonyms: ['Тип ОО', 'Вид ОО', 'Тип школы', 'Вид', 'Тип организации'],
    },
    {
      field: 'settlement',
      title: SCHOOL_COLUMNS.settlement,
      synonyms: ['Нас. пункт', 'НП', 'Поселение', 'Населённый пункт (адрес)'],
    },
    {
      field: 'rural',
      title: SCHOOL_COLUMNS.rural,
      required: true,
      synonyms: ['Сельская', 'Сельская школа', 'Сельская местность', 'Сельская ОО', 'Село'],
    },
  ],
};

export interface ParseSchoolsOptions {
  onProgress?: (rowsRead: number) => void;
  limits?: Partial<WorkbookLimits>;
}

/** A valid registry row with where it came from, so later checks (scope) can point at it. */
interface SchoolImportRow extends School {
  /** Excel row */
  rowNumber: number;
  /** Excel column letter of each field present in the file */
  columns: Partial<Record<SchoolField, string>>;
}

export interface ParseSchoolsOutcome {
  /** true when there is not a single error: the rows may be saved */
  ok: boolean;
  rows: SchoolImportRow[];
  issues: SheetIssue[];
  sheetName: string | null;
  headerRow: number | null;
  stats: ParseStats;
}

export function parseSchoolsFile(bytes: Uint8Array, options: ParseSchoolsOptions = {}): ParseSchoolsOutcome {
  const rows: SchoolImportRow[] = [];
  let columns: Partial<Record<SchoolField, string>> = {};
  const firstRowOfCode = new Map<string, number>();
  const table = readTable<SchoolField>(bytes, {
    spec: SCHOOLS_SPEC,
    limits: options.limits,
    onProgress: options.onProgress,
    onRow: (cells) => {
      const { school, problems } = validateSchoolRow({
        municipality: cells.text('municipality'),
        code: cells.text('code'),
        fullName: cells.text('fullName'),
        shortName: cells.text('shortName'),
        type: cells.text('type'),
        settlement: cells.text('settlement'),
        rural: cells.yesNo('rural'),
      });
      cells.reportProblems(problems);
      if (!school) return;
      const first = firstRowOfCode.get(school.code);
      if (first !== undefined) {
        cells.report('code', 'error', 'schools-duplicate-code', { code: school.code, first: String(first) });
        return;
      }
      firstRowOfCode.set(school.code, cells.row);
      if (rows.length === 0) columns = cells.columnLetters();
      rows.push({ ...school, rowNumber: cells.row, columns });
    },
  });
  const { issues } = table;
  return {
    ok: table.readable && issues.errors === 0,
    rows,
    issues: issues.items,
    sheetName: table.sheetName,
    headerRow: table.headerRow,
    stats: { dataRows: table.dataRows, validRows: rows.length, errors: issues.errors, warnings: issues.warnings },
  };
}
