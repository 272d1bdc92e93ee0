/**
 * The results sheet (issue #3): long format, one row per school × academic year × procedure.
 * Reads the file with `readTable`, validates each row with the domain, and reports every
 * problem at its cell.
 */
import {
  ResultRowValidator,
  type ResultField,
  type ResultRowInput,
  type ResultsValidationContext,
} from '../../../domain/results/validateRow.ts';
import type { ResultRow } from '../../../domain/results/types.ts';
import type { SheetIssue } from '../issues.ts';
import type { WorkbookLimits } from './safeWorkbook.ts';
import { ResultsPacker, type PackedResults } from './packedResults.ts';
import { readTable, type TableRow, type TableSpec } from './table.ts';

/** Column titles of the template, in template order. */
export const RESULT_COLUMNS = {
  year: 'Учебный год',
  schoolCode: 'Код ОО',
  schoolName: 'Наименование ОО',
  kind: 'Процедура',
  subject: 'Предмет',
  grade: 'Класс',
  participants: 'Участников',
  failed: 'Не справились',
  m2: '«2»',
  m3: '«3»',
  m4: '«4»',
  m5: '«5»',
  meanScore: 'Средний балл',
} as const;

/** Not in the template, but recognised: the share of participants who failed. */
const FAILED_SHARE_TITLE = 'Доля не справившихся, %';

const markSynonyms = (mark: number) => [
  `${mark}`,
  `"${mark}"`,
  `отметка ${mark}`,
  `отметка «${mark}»`,
  `отметки «${mark}»`,
  `кол-во «${mark}»`,
  `количество «${mark}»`,
  `на «${mark}»`,
  `оценка «${mark}»`,
];

export const RESULTS_SPEC: TableSpec<ResultField> = {
  columns: [
    {
      field: 'year',
      title: RESULT_COLUMNS.year,
      required: true,
      synonyms: ['Год', 'Уч. год', 'Учебный год проведения', 'Год проведения'],
    },
    {
      field: 'schoolCode',
      title: RESULT_COLUMNS.schoolCode,
      required: true,
      synonyms: ['Код ОУ', 'Код школы', 'Логин ОО', 'Логин', 'Код ОО (логин)', 'Код ОО в ФИС ОКО', 'Логин ФИС ОКО'],
    },
    {
      field: 'schoolName',
      title: RESULT_COLUMNS.schoolName,
      synonyms: [
        'Наименование',
        'Наименование ОУ',
        'Название ОО',
        'Название школы',
        'Школа',
        'ОО',
        'ОУ',
        'Образовательная организация',
        'Краткое наименование',
      ],
    },
    {
      field: 'kind',
      title: RESULT_COLUMNS.kind,
      required: true,
      synonyms: ['Оценочная процедура', 'Вид процедуры', 'Вид оценочной процедуры', 'Форма'],
    },
    { field: 'subject', title: RESULT_COLUMNS.subject, required: true, synonyms: ['Учебный предмет', 'Дисциплина'] },
    { field: 'grade', title: RESULT_COLUMNS.grade, synonyms: ['Параллель', 'Кл.'] },
    {
      field: 'participants',
      title: RESULT_COLUMNS.participants,
      required: true,
      synonyms: [
        'Количество участников',
        'Кол-во участников',
        'Число участников',
        'Участники',
        'Всего участников',
        'Писали работу',
        'Выполняли работу',
        'Участвовали',
        'Кол-во участников, чел.',
      ],
    },
    {
      field: 'failed',
      title: RESULT_COLUMNS.failed,
      synonyms: [
        'Не справились с работой',
        'Получили «2»',
        'Получили 2',
        'Кол-во получивших «2»',
        'Количество получивших «2»',
        'Не преодолели минимальный порог',
        'Не преодолели минимальный балл',
        'Не преодолели порог',
        'Ниже минимального порога',
        'Ниже минимального балла',
        'Количество не справившихся',
        'Кол-во не справившихся',
        'Не справившихся',
      ],
    },
    {
      field: 'failedShare',
      title: FAILED_SHARE_TITLE,
      synonyms: [
        'Доля не справившихся',
        '% не справившихся',
        'Процент не справившихся',
        'Доля получивших «2», %',
        '% получивших «2»',
        'Доля не преодолевших минимальный порог, %',
        '% не преодолевших минимальный порог',
        '% «2»',
      ],
    },
    { field: 'm2', title: RESULT_COLUMNS.m2, synonyms: markSynonyms(2) },
    { field: 'm3', title: RESULT_COLUMNS.m3, synonyms: markSynonyms(3) },
    { field: 'm4', title: RESULT_COLUMNS.m4, synonyms: markSynonyms(4) },
    { field: 'm5', title: RESULT_COLUMNS.m5, synonyms: markSynonyms(5) },
    {
      field: 'meanScore',
      title: RESULT_COLUMNS.meanScore,
      synonyms: ['Ср. балл', 'Средний тестовый балл', 'Средний первичный балл', 'Средняя отметка', 'Ср. отметка'],
    },
  ],
  requireOneOf: [['failed', 'failedShare', 'm2']],
};

export interface ParseResultsOptions {
  /** the registry: school code → name; codes not in it are errors */
  knownSchools: ResultsValidationContext['knownSchools'];
  /** called every few thousand rows and at the end, for a progress line in the chat */
  onProgress?: (rowsRead: number) => void;
  limits?: Partial<WorkbookLimits>;
  /**
   * Hands the valid rows over in batches as they are read, instead of returning them: an import
   * writes one batch while the next is parsed. `rows` and `rowNumbers` then come back empty.
   */
  onRows?: (batch: ResultsBatch) => void;
}

/** Valid rows read since the last batch, in file order, and where the file's columns are. */
export interface ResultsBatch {
  rows: PackedResults;
  columns: ResultColumns;
}

type ResultColumns = Partial<Record<ResultField, { letter: string; header: string }>>;

/** Rows per batch: big enough that a statement's round trip is small beside it. */
export const RESULTS_BATCH_ROWS = 5_000;

export interface ParseStats {
  /** non-empty data rows below the header */
  dataRows: number;
  /** rows without errors (returned in `rows`) */
  validRows: number;
  errors: number;
  warnings: number;
}

export interface ParseResultsOutcome {
  /** true when there is not a single error: the rows may be saved */
  ok: boolean;
  rows: ResultRow[];
  /** Excel row of each entry in `rows` */
  rowNumbers: number[];
  /** sorted by position; capped at MAX_STORED_ISSUES (the counts in `stats` are exact) */
  issues: SheetIssue[];
  sheetName: string | null;
  headerRow: number | null;
  stats: ParseStats;
  /** where each recognised column is (letter and header as written), for notes the service adds */
  columns: ResultColumns;
}

export function parseResultsFile(bytes: Uint8Array, options: ParseResultsOptions): ParseResultsOutcome {
  const rows: ResultRow[] = [];
  const rowNumbers: number[] = [];
  const packer = new ResultsPacker();
  let validRows = 0;
  let columns: ResultColumns | null = null;
  const validator = new ResultRowValidator({ knownSchools: options.knownSchools });
  const flush = () => {
    if (options.onRows && packer.size > 0 && columns) options.onRows({ rows: packer.take(), columns });
  };

  const table = readTable<ResultField>(bytes, {
    spec: RESULTS_SPEC,
    limits: options.limits,
    onProgress: options.onProgress,
    onRow: (cells) => {
      columns ??= columnsOf(cells.mappedColumns());
      const { row, problems } = validator.validate(readResultRowInput(cells), cells.row);
      if (problems.length > 0) cells.reportProblems(problems);
      if (!row) return; // a row with errors comes back empty
      validRows++;
      if (!options.onRows) {
        rows.push(row);
        rowNumbers.push(cells.row);
        return;
      }
      packer.add(row, cells.row);
      if (packer.size >= RESULTS_BATCH_ROWS) flush();
    },
  });
  flush();
  const { issues } = table;
  return {
    ok: table.readable && issues.errors === 0,
    rows,
    rowNumbers,
    issues: issues.items,
    sheetName: table.sheetName,
    headerRow: table.headerRow,
    columns: columnsOf(table.columns),
    stats: { dataRows: table.dataRows, validRows, errors: issues.errors, warnings: issues.warnings },
  };
}

const columnsOf = (mapped: ReadonlyMap<ResultField, { letter: string; header: string }>): ResultColumns =>
  Object.fromEntries([...mapped].map(([field, column]) => [field, { letter: column.letter, header: column.header }]));

function readResultRowInput(cells: TableRow<ResultField>): ResultRowInput {
  const failedShare = cells.percent('failedShare');
  if (typeof failedShare === 'number' && failedShare > 0 && failedShare < 1 && cells.isPlainNumber('failedShare')) {
    // 0.25 in a column of percentages is more likely 25 % written as a fraction
    cells.report('failedShare', 'warning', 'results-share-looks-like-fraction', {
      value: failedShare,
      percent: Math.round(failedShare * 1000) / 10,
    });
  }
  return {
    year: cells.textOrNumber('year'),
    schoolCode: cells.text('schoolCode'),
    schoolName: cells.text('schoolName'),
    kind: cells.text('kind'),
    subject: cells.text('subject'),
    grade: cells.textOrNumber('grade'),
    participants: cells.number('participants'),
    failed: cells.number('failed'),
    failedShare,
    m2: cells.number('m2'),
    m3: cells.number('m3'),
    m4: cells.number('m4'),
    m5: cells.number('m5'),
    meanScore: cells.number('meanScore'),
  };
}
