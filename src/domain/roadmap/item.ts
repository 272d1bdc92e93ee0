/**
 * Roadmap rows → items (issue 13 §2), pure. A roadmap is a table of events: №, Мероприятие,
 * Срок, Ответственный, Ожидаемый результат (seed 000 Раздел III; seed 001 Приложение 2;
 * seed 002 Разделы III и V; seed 003 §4.5). A row with a title and neither a deadline nor a
 * responsible party is a section heading («I. Организационное обеспечение»).
 */
import { DEADLINE_EXAMPLES, type Deadline, parseDeadline } from './deadline.ts';

export interface RoadmapRow {
  row: number;
  number: string;
  title: string;
  deadline: string;
  /** a cell that already holds a date (Excel turned «01.12.2024» into one) */
  deadlineDate: string | null;
  responsible: string;
  result: string;
}

/** Who answers for an item: a school by its code, every school of the ШНОР list, or a role / person. */
type Responsible =
  | { kind: 'school'; code: string; text: string }
  | { kind: 'each-listed-school'; text: string }
  | { kind: 'party'; text: string };

export interface RoadmapItemDraft {
  row: number;
  section: string;
  number: string;
  title: string;
  deadlineText: string;
  deadline: Deadline;
  responsible: Responsible;
  result: string;
}

export interface RoadmapRowError {
  row: number;
  field: 'deadline' | 'title' | 'responsible';
  code: string;
  params: Record<string, string>;
}

const SCHOOL_CODE = /^sch\d{3,}$/i;
/** «каждая школа из перечня», «каждая ШНОР», «все школы перечня» */
const EACH_LISTED = /(кажд\S* (школ\S*|оо|шнор)|все (школы|оо) (из )?перечн)/i;

function parseResponsible(text: string): Responsible {
  const trimmed = text.trim();
  if (SCHOOL_CODE.test(trimmed)) return { kind: 'school', code: trimmed.toLowerCase(), text: trimmed };
  if (EACH_LISTED.test(trimmed)) return { kind: 'each-listed-school', text: trimmed };
  return { kind: 'party', text: trimmed };
}

export function roadmapItems(rows: readonly RoadmapRow[]): { items: RoadmapItemDraft[]; errors: RoadmapRowError[] } {
  const items: RoadmapItemDraft[] = [];
  const errors: RoadmapRowError[] = [];
  let section = '';
  for (const row of rows) {
    const isHeading = row.title !== '' && row.deadline === '' && !row.deadlineDate && row.responsible === '';
    if (isHeading || (row.title === '' && row.number !== '' && row.deadline === '' && row.responsible === '')) {
      section = [row.number, row.title].filter(Boolean).join(' ').trim();
      continue;
    }
    if (row.title === '') {
      errors.push({ row: row.row, field: 'title', code: 'roadmap-title-missing', params: {} });
      continue;
    }
    let deadline: Deadline | null = null;
    if (row.deadlineDate) deadline = { kind: 'date', date: row.deadlineDate };
    else {
      const parsed = parseDeadline(row.deadline);
      if (parsed.ok) deadline = parsed.deadline;
      else
        errors.push({
          row: row.row,
          field: 'deadline',
          code: row.deadline === '' ? 'roadmap-deadline-missing' : 'roadmap-deadline-unknown',
          params: { value: row.deadline, examples: DEADLINE_EXAMPLES.map((e) => `«${e}»`).join(', ') },
        });
    }
    if (row.responsible === '') {
      errors.push({ row: row.row, field: 'responsible', code: 'roadmap-responsible-missing', params: {} });
      continue;
    }
    if (!deadline) continue;
    items.push({
      row: row.row,
      section,
      number: row.number,
      title: row.title,
      deadlineText: row.deadlineDate ?? row.deadline,
      deadline,
      responsible: parseResponsible(row.responsible),
      result: row.result,
    });
  }
  return { items, errors };
}
