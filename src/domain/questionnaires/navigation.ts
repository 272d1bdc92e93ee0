/**
 * The director's flow over (questionnaire, answers), pure (issue #5, «The director's flow»):
 * one item per message, «Назад» to the previous visible item, «Пропустить» for optional items,
 * resume at the first unanswered item, review by section before submitting.
 *
 * Visibility: an item with `showIf` is shown only while its condition holds on earlier answers.
 * Hidden items are skipped, their answers are ignored (kept in storage in case the director
 * changes the earlier answer back, but never reviewed, exported or required).
 */
import { validateValue, type AnswerValue, type Answers } from './answers.ts';
import { allItems, type Item, type MessageParams, type Questionnaire, type Section, type ShowIf } from './model.ts';

export function isAnswered(answers: Answers, key: string): boolean {
  return Object.hasOwn(answers, key);
}

/** «Пропустить» is offered only for optional items. */
export function canSkip(item: Item): boolean {
  return !item.required;
}

function conditionHolds(condition: ShowIf, answers: Answers, visible: ReadonlySet<string>): boolean {
  if (!visible.has(condition.item)) return false;
  const value = answers[condition.item];
  if (value === undefined || value === null) return false;
  const matches = (expected: unknown) =>
    Array.isArray(value) ? (value as unknown[]).includes(expected) : value === expected;
  if (condition.equals !== undefined) return matches(condition.equals);
  if (condition.notEquals !== undefined) return !matches(condition.notEquals);
  if (condition.in !== undefined) return condition.in.some(matches);
  if (typeof value !== 'number') return false;
  if (condition.gt !== undefined) return value > condition.gt;
  if (condition.gte !== undefined) return value >= condition.gte;
  if (condition.lt !== undefined) return value < condition.lt;
  if (condition.lte !== undefined) return value <= condition.lte;
  return false;
}

/** Items shown for these answers, in order. */
export function visibleItems(questionnaire: Questionnaire, answers: Answers): Item[] {
  const visible = new Set<string>();
  const result: Item[] = [];
  for (const item of allItems(questionnaire)) {
    if (item.showIf && !conditionHolds(item.showIf, answers, visible)) continue;
    visible.add(item.key);
    result.push(item);
  }
  return result;
}

/**
 * The one question count every screen shows (issue 10: «Вопросов: 88», then «вопрос 1 из 65»,
 * «из 69», and the coordinator's «0 из 65» must not disagree). `total` counts the items that
 * apply given the answers so far: a conditional item joins the total once an earlier answer opens
 * it, on the director's progress line and on the coordinator's page alike. `conditional` is how
 * many more could still open (said once, in the intro and at launch), `answered` the applicable
 * items answered or skipped.
 */
export interface QuestionCount {
  answered: number;
  total: number;
  conditional: number;
}

export function questionCount(questionnaire: Questionnaire, answers: Answers = {}): QuestionCount {
  const visible = visibleItems(questionnaire, answers);
  return {
    answered: visible.filter((item) => isAnswered(answers, item.key)).length,
    total: visible.length,
    conditional: allItems(questionnaire).length - visible.length,
  };
}

export function isVisible(questionnaire: Questionnaire, answers: Answers, key: string): boolean {
  return visibleItems(questionnaire, answers).some((item) => item.key === key);
}

/** Where «Продолжить» lands: the first visible item without an answer (skipped counts as answered). */
export function firstUnanswered(questionnaire: Questionnaire, answers: Answers): Item | null {
  return visibleItems(questionnaire, answers).find((item) => !isAnswered(answers, item.key)) ?? null;
}

/** The visible item after `key` (null after the last one: time for the review). */
export function nextItem(questionnaire: Questionnaire, answers: Answers, key: string): Item | null {
  const order = allItems(questionnaire).map((item) => item.key);
  const from = order.indexOf(key);
  if (from < 0) return null;
  return visibleItems(questionnaire, answers).find((item) => order.indexOf(item.key) > from) ?? null;
}

/** The visible item before `key` («Назад»); null on the first item. */
export function previousItem(questionnaire: Questionnaire, answers: Answers, key: string): Item | null {
  const order = allItems(questionnaire).map((item) => item.key);
  const from = order.indexOf(key);
  if (from < 0) return null;
  return (
    visibleItems(questionnaire, answers)
      .filter((item) => order.indexOf(item.key) < from)
      .at(-1) ?? null
  );
}

/**
 * Progress line «Раздел 3 из 18 · вопрос 14 из 62» (key `forms-progress`). Counts are over
 * visible items and sections that have visible items; all indexes are 1-based.
 */
export interface Progress {
  sectionIndex: number;
  sectionCount: number;
  itemIndex: number;
  itemCount: number;
  section: Section;
}

export function progress(questionnaire: Questionnaire, answers: Answers, key: string): Progress | null {
  const visible = visibleItems(questionnaire, answers);
  const itemIndex = visible.findIndex((item) => item.key === key);
  if (itemIndex < 0) return null;
  const visibleKeys = new Set(visible.map((item) => item.key));
  const sections = questionnaire.sections.filter((section) => section.items.some((item) => visibleKeys.has(item.key)));
  const sectionIndex = sections.findIndex((section) => section.items.some((item) => item.key === key));
  return {
    sectionIndex: sectionIndex + 1,
    sectionCount: sections.length,
    itemIndex: itemIndex + 1,
    itemCount: questionCount(questionnaire, answers).total,
    section: sections[sectionIndex]!,
  };
}

/** The progress line as a locale key + params. */
export function progressMessage(p: Progress): { key: string; params: MessageParams } {
  return {
    key: 'forms-progress',
    params: { section: p.sectionIndex, sections: p.sectionCount, item: p.itemIndex, items: p.itemCount },
  };
}

/** Only the answers that count: visible items of this questionnaire. */
export function effectiveAnswers(questionnaire: Questionnaire, answers: Answers): Record<string, AnswerValue | null> {
  const result: Record<string, AnswerValue | null> = {};
  for (const item of visibleItems(questionnaire, answers)) {
    if (isAnswered(answers, item.key)) result[item.key] = answers[item.key] ?? null;
  }
  return result;
}

/** Required visible items without a value (not answered or skipped): submitting is blocked. */
export function missingRequired(questionnaire: Questionnaire, answers: Answers): Item[] {
  return visibleItems(questionnaire, answers).filter(
    (item) => item.required && (answers[item.key] === undefined || answers[item.key] === null),
  );
}

export interface InvalidAnswer {
  item: Item;
  reason: string;
  params: MessageParams;
}

/**
 * What stands between the answers and submitting: missing required items and stored values
 * that no longer fit the definition (e.g. a draft carried over to a newer version).
 */
export function checkSubmission(
  questionnaire: Questionnaire,
  answers: Answers,
): { ready: boolean; missing: Item[]; invalid: InvalidAnswer[] } {
  const missing = missingRequired(questionnaire, answers);
  const invalid: InvalidAnswer[] = [];
  for (const item of visibleItems(questionnaire, answers)) {
    const value = answers[item.key];
    if (value === undefined || value === null) continue;
    const checked = validateValue(item, value);
    if (!checked.ok) invalid.push({ item, reason: checked.reason, params: checked.params });
  }
  return { ready: missing.length === 0 && invalid.length === 0, missing, invalid };
}

interface ReviewEntry {
  item: Item;
  answered: boolean;
  /** null when skipped or not answered */
  value: AnswerValue | null;
}
export interface ReviewSection {
  section: Section;
  /** 1-based among sections that have visible items */
  index: number;
  entries: ReviewEntry[];
}

/** The review before submitting: visible items grouped by section, hidden ones left out. */
export function reviewBySection(questionnaire: Questionnaire, answers: Answers): ReviewSection[] {
  const visibleKeys = new Set(visibleItems(questionnaire, answers).map((item) => item.key));
  const result: ReviewSection[] = [];
  for (const section of questionnaire.sections) {
    const entries = section.items
      .filter((item) => visibleKeys.has(item.key))
      .map((item) => ({ item, answered: isAnswered(answers, item.key), value: answers[item.key] ?? null }));
    if (entries.length > 0) result.push({ section, index: result.length + 1, entries });
  }
  return result;
}

/** The item's heading in chat and review: «7.4. Текст» or «1.3. Текст — физика». */
export function itemTitle(item: Item): { key: string; params: MessageParams } {
  return item.part
    ? { key: 'forms-item-title-part', params: { number: item.number, text: item.text, part: item.part.label } }
    : { key: 'forms-item-title', params: { number: item.number, text: item.text } };
}
