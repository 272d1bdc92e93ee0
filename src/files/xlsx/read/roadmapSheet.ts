/**
 * The roadmap table in .xlsx (issue 13 §2): header anywhere in the first 20 rows, columns in
 * any order under common names (the reader of src/files/xlsx/read/table.ts, as the results import).
 */
import { formatDate } from '../../../text/format.ts';
import type { SheetIssue } from '../issues.ts';
import { readTable, type TableSpec } from './table.ts';
import { compareIssues } from '../issues.ts';
import { roadmapItems, type RoadmapItemDraft, type RoadmapRow } from '../../../domain/roadmap/item.ts';

export type RoadmapField = 'number' | 'title' | 'deadline' | 'responsible' | 'result';

export const ROADMAP_SPEC: TableSpec<RoadmapField> = {
  columns: [
    { field: 'number', title: '№', synonyms: ['№ п/п', 'N', 'No', 'Номер', 'п/п', '№ п.п.'] },
    {
      field: 'title',
      title: 'Мероприятие',
      required: true,
      synonyms: [
        'Наименование мероприятия',
        'Мероприятия',
        'Содержание мероприятия',
        'Содержание работы',
        'Наименование',
      ],
    },
    {
      field: 'deadline',
      title: 'Срок',
      required: true,
      synonyms: [
        'Сроки',
        'Сроки исполнения',
        'Срок исполнения',
        'Сроки проведения',
        'Срок выполнения',
        'Дата',
        'Сроки реализации',
      ],
    },
    {
      field: 'responsible',
      title: 'Ответственный',
      required: true,
      synonyms: [
        'Ответственные',
        'Исполнитель',
        'Исполнители',
        'Ответственные исполнители',
        'Ответственный исполнитель',
      ],
    },
    {
      field: 'result',
      title: 'Ожидаемый результат',
      synonyms: [
        'Показатель',
        'Результат',
        'Ожидаемые результаты',
        'Планируемый результат',
        'Показатели',
        'Ожидаемый результат / Показатель',
      ],
    },
  ],
};

export type ParseRoadmapOutcome = (
  | { ok: true; sheetName: string | null; items: RoadmapItemDraft[]; issues: SheetIssue[]; rows: number }
  /** items: the rows that were understood (so a caller can add its own checks to the same list) */
  | { ok: false; sheetName: string | null; issues: SheetIssue[]; items: RoadmapItemDraft[] }
) & {
  /** where the «Ответственный» column is, for messages about schools */
  responsibleColumn?: { column: string; header: string };
  /** the document's own title, from the lines above the header; null when there are none */
  title: string | null;
};

/** An approval stamp above a plan («Приложение № 2 к приказу … от 20.02.2024 № 14», «УТВЕРЖДАЮ»). */
const STAMP = /^(приложение|утвержд|к приказу|к постановлению|к распоряжению|от\s|№\s)/i;

/**
 * The title of a roadmap as its document prints it above the table: seed 001, Приложение № 2,
 * «План мероприятий (дорожная карта) по реализации Комплекса мер …», split over several lines;
 * the approval stamp lines are not part of it.
 */
function roadmapTitle(linesAbove: readonly string[]): string | null {
  const title = linesAbove
    .filter((line) => !STAMP.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return title === '' ? null : title;
}

export function parseRoadmapFile(bytes: Uint8Array): ParseRoadmapOutcome {
  const rows: RoadmapRow[] = [];
  const table = readTable<RoadmapField>(bytes, {
    spec: ROADMAP_SPEC,
    onRow: (cells) => {
      const deadlineRaw = cells.raw('deadline');
      const text = (field: RoadmapField) => {
        const raw = cells.raw(field);
        if (raw instanceof Date) return formatDate(raw, 'UTC');
        if (raw === null || typeof raw === 'object') return '';
        return String(raw).replace(/\s+/g, ' ').trim();
      };
      rows.push({
        row: cells.row,
        number: text('number'),
        title: text('title'),
        deadline: deadlineRaw instanceof Date ? '' : text('deadline'),
        deadlineDate: deadlineRaw instanceof Date ? deadlineRaw.toISOString().slice(0, 10) : null,
        responsible: text('responsible'),
        result: text('result'),
      });
    },
  });
  const issues = [...table.issues.items];
  const title = roadmapTitle(table.linesAbove);
  if (!table.readable) return { ok: false, sheetName: table.sheetName, issues, items: [], title };
  const { items, errors } = roadmapItems(rows);
  const responsible = table.columns.get('responsible');
  const responsibleColumn = responsible ? { column: responsible.letter, header: responsible.header } : undefined;
  for (const error of errors) {
    const column = table.columns.get(error.field);
    issues.push({
      severity: 'error',
      row: error.row,
      ...(column ? { column: column.letter, header: column.header } : {}),
      code: error.code,
      params: error.params,
    });
  }
  issues.sort(compareIssues);
  if (issues.some((issue) => issue.severity === 'error'))
    return { ok: false, sheetName: table.sheetName, issues, items, responsibleColumn, title };
  return { ok: true, sheetName: table.sheetName, items, issues, rows: rows.length, responsibleColumn, title };
}
