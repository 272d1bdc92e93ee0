/**
 * Export of submitted answers (issue #5): one row per school, one column per item, headed with
 * the source numbering («7.4 Количество уроков …», parts «1.3 Оснащенность … — физика»).
 * Numbers stay numbers (percent as 12.5), everything else is formatted text; hidden,
 * skipped and unanswered items give empty cells. Rows are read with the version they were
 * given under when a catalog is passed.
 */
import { formatAnswer, type AnswerSet, type AnswerValue } from './answers.ts';
import type { Translate } from '../translate.ts';
import type { QuestionnaireCatalog } from './catalog.ts';
import { allItems, type Item, type Questionnaire } from './model.ts';
import { effectiveAnswers } from './navigation.ts';

interface ExportColumn {
  /** `school-code`, `school-name`, or an item key */
  key: string;
  header: string;
}
type ExportCell = string | number | null;
export interface ExportSchoolAnswers {
  schoolCode: string;
  schoolName: string;
  answerSet: AnswerSet;
}
export interface ExportTable {
  columns: ExportColumn[];
  rows: ExportCell[][];
}

function itemColumnHeader(item: Item, translate: Translate): string {
  return item.part
    ? translate('forms-export-item-header-part', { number: item.number, text: item.text, part: item.part.label })
    : translate('forms-export-item-header', { number: item.number, text: item.text });
}

function exportCell(item: Item, value: AnswerValue | null | undefined, translate: Translate): ExportCell {
  if (value === null || value === undefined) return null;
  if ((item.type === 'integer' || item.type === 'decimal' || item.type === 'percent') && typeof value === 'number')
    return value;
  return formatAnswer(item, value, translate);
}

export function tabulateAnswers(
  questionnaire: Questionnaire,
  schools: readonly ExportSchoolAnswers[],
  options: { translate: Translate; catalog?: QuestionnaireCatalog },
): ExportTable {
  const { translate, catalog } = options;
  const items = allItems(questionnaire);
  const columns: ExportColumn[] = [
    { key: 'school-code', header: translate('forms-export-column-school-code') },
    { key: 'school-name', header: translate('forms-export-column-school-name') },
    ...items.map((item) => ({ key: item.key, header: itemColumnHeader(item, translate) })),
  ];
  const rows = schools.map(({ schoolCode, schoolName, answerSet }) => {
    const own =
      answerSet.questionnaireId === questionnaire.id && answerSet.version === questionnaire.version
        ? questionnaire
        : (catalog?.get(answerSet.questionnaireId, answerSet.version) ?? questionnaire);
    const answers = effectiveAnswers(own, answerSet.answers);
    const ownItems = new Map(allItems(own).map((item) => [item.key, item]));
    return [
      schoolCode,
      schoolName,
      ...items.map((item) => {
        const ownItem = ownItems.get(item.key);
        return ownItem ? exportCell(ownItem, answers[item.key], translate) : null;
      }),
    ];
  });
  return { columns, rows };
}
