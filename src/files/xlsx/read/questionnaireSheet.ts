/**
 * A coordinator's own questionnaire as a sheet (issue #5): columns Раздел, №, Вопрос, Тип,
 * Обязательный, Варианты, Условие, Подсказка (`SHEET_COLUMNS` of the domain). This module only
 * reads cells as text and places the domain's row errors (`fromSheetRows`) on their cells, so
 * the chat and the CLI list them exactly like the errors of the results import.
 */
import {
  fromSheetRows,
  type QuestionnaireDefinition,
  type Questionnaire,
  type SheetColumn,
  type SheetQuestionnaireMeta,
  type SheetRow,
} from '../../../domain/questionnaires/index.ts';
import type { CellValue } from './cells.ts';
import { compareIssues, type SheetIssue } from '../issues.ts';
import type { WorkbookLimits } from './safeWorkbook.ts';
import { readTable, type MappedColumn, type TableRow, type TableSpec } from './table.ts';

export type QuestionnaireField = 'section' | 'number' | 'text' | 'type' | 'required' | 'options' | 'condition' | 'hint';

const FIELD_OF_COLUMN: Record<SheetColumn, QuestionnaireField> = {
  Раздел: 'section',
  '№': 'number',
  Вопрос: 'text',
  Тип: 'type',
  Обязательный: 'required',
  Варианты: 'options',
  Условие: 'condition',
  Подсказка: 'hint',
};

/**
 * The header that tells a questionnaire sheet: «№», «Вопрос» and «Тип» are required, the other
 * columns may be left out (then every cell of theirs counts as empty). The upload flow passes
 * this spec to `detectUploadKind` next to the registry and results specs; «Тип» is the only
 * title shared with the registry, and one matching column never makes a header.
 */
export const QUESTIONNAIRE_SPEC: TableSpec<QuestionnaireField> = {
  columns: [
    { field: 'section', title: 'Раздел', synonyms: ['Название раздела', 'Блок', 'Раздел анкеты'] },
    // normaliseHeader drops «№», so the bare sign matches the empty key; the words cover the rest
    {
      field: 'number',
      title: '№',
      required: true,
      synonyms: ['Номер', 'Номер вопроса', '№ вопроса', '№ п/п', 'Пункт', 'N', 'No'],
    },
    {
      field: 'text',
      title: 'Вопрос',
      required: true,
      synonyms: ['Текст вопроса', 'Формулировка', 'Показатель', 'Наименование показателя'],
    },
    { field: 'type', title: 'Тип', required: true, synonyms: ['Тип ответа', 'Тип вопроса', 'Формат ответа'] },
    {
      field: 'required',
      title: 'Обязательный',
      synonyms: ['Обязательно', 'Обязательный вопрос', 'Обяз.', 'Обязательность'],
    },
    { field: 'options', title: 'Варианты', synonyms: ['Варианты ответа', 'Варианты ответов', 'Поля списка'] },
    { field: 'condition', title: 'Условие', synonyms: ['Условие показа', 'Показывать если', 'Показывать, если'] },
    { field: 'hint', title: 'Подсказка', synonyms: ['Пояснение', 'Комментарий', 'Примечание'] },
  ],
};

export type ParseQuestionnaireOutcome =
  | {
      ok: true;
      sheetName: string | null;
      definition: QuestionnaireDefinition;
      questionnaire: Questionnaire;
      issues: SheetIssue[];
      rows: number;
    }
  | { ok: false; sheetName: string | null; issues: SheetIssue[] };

/** A cell as the text the domain expects; a date (Excel turned «1.10» into 1 October) is reported. */
function cellText(cells: TableRow<QuestionnaireField>, field: QuestionnaireField): string {
  const raw: CellValue = cells.raw(field);
  if (field === 'required') {
    // TRUE/FALSE and 1/0 in the «Обязательный» column mean yes/no
    if (typeof raw === 'boolean') return raw ? 'да' : 'нет';
    if (typeof raw === 'number') return String(raw);
  }
  return cells.text(field) ?? '';
}

/** Reads the sheet and converts it; every problem comes back as a SheetIssue at its cell. */
export function parseQuestionnaireFile(
  bytes: Uint8Array,
  meta: SheetQuestionnaireMeta,
  options: { limits?: Partial<WorkbookLimits> } = {},
): ParseQuestionnaireOutcome {
  const rows: SheetRow[] = [];
  let columns: ReadonlyMap<QuestionnaireField, MappedColumn> = new Map();
  const table = readTable<QuestionnaireField>(bytes, {
    spec: QUESTIONNAIRE_SPEC,
    limits: options.limits,
    onRow: (cells) => {
      rows.push({
        rowNumber: cells.row,
        section: cellText(cells, 'section'),
        number: cellText(cells, 'number'),
        text: cellText(cells, 'text'),
        type: cellText(cells, 'type'),
        required: cellText(cells, 'required'),
        options: cellText(cells, 'options'),
        condition: cellText(cells, 'condition'),
        hint: cellText(cells, 'hint'),
      });
    },
  });
  columns = table.columns;
  const issues = [...table.issues.items];
  if (!table.readable) return { ok: false, sheetName: table.sheetName, issues };

  // Cells the reader rejected (a date in «№», a formula error) are reported once, by the reader.
  const rejected = new Set(
    issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.row}:${issue.column}`),
  );
  const converted = fromSheetRows(rows, meta);
  if (!converted.ok || table.issues.errors > 0) {
    for (const error of converted.ok ? [] : converted.errors) {
      const column = error.column ? columns.get(FIELD_OF_COLUMN[error.column]) : undefined;
      if (column && rejected.has(`${error.row}:${column.letter}`)) continue;
      const issue: SheetIssue = { severity: 'error', code: error.code, params: error.params };
      if (error.row !== null) issue.row = error.row;
      if (column) {
        issue.column = column.letter;
        issue.header = column.header;
      }
      issues.push(issue);
    }
    issues.sort(compareIssues);
    return { ok: false, sheetName: table.sheetName, issues };
  }
  return {
    ok: true,
    sheetName: table.sheetName,
    definition: converted.definition,
    questionnaire: converted.questionnaire,
    issues,
    rows: rows.length,
  };
}
