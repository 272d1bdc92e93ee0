/**
 * What the director sees of a form: a question (or a field of a repeated group) with its
 * progress line and buttons, and the review by section. Pure: text and keyboards from the
 * questionnaire, the answers and the cursor; the step (step.ts) sends them.
 *
 * Callback data: `formStepData` (src/callbackData.ts) — the campaign, the item's index or the
 * review, the action.
 */
import { InlineKeyboard } from 'grammy';
import { formStepData } from '../../callbackData.ts';
import {
  allItems,
  askHint,
  canSkip,
  checkSubmission,
  formatAnswer,
  isAnswered,
  itemTitle,
  previousItem,
  progress,
  progressMessage,
  reviewBySection,
  type AnswerValue,
  type Answers,
  type GroupField,
  type Item,
  type Question,
  type Questionnaire,
} from '../../domain/questionnaires/index.ts';
import type { Cursor } from './cursor.ts';
import { readerSource } from '../../domain/sources/programmes.ts';
import type { Translate } from '../../domain/translate.ts';

export interface Rendered {
  text: string;
  keyboard: InlineKeyboard | undefined;
}

/** Texts stay inside Telegram's 4096 characters however long a coordinator's question is. */
const TEXT_LIMIT = 3900;
const BUTTON_LABEL = 48;
const REVIEW_VALUE = 180;

export function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

const callbackData = (campaign: number, at: number, action: string) => formStepData.pack({ campaign, at, action });
const reviewData = (campaign: number, action: string) => formStepData.pack({ campaign, at: 'review', action });

function itemIndex(questionnaire: Questionnaire, key: string): number {
  return allItems(questionnaire).findIndex((item) => item.key === key);
}

/** The question in effect: the group field being filled, or the item itself. */
export function currentQuestion(item: Item, cursor: Cursor): Question {
  if (item.type === 'group' && cursor.group?.row) return item.fields[cursor.group.field]!;
  return item;
}

function heading(t: Translate, questionnaire: Questionnaire, answers: Answers, item: Item): string[] {
  const lines: string[] = [];
  const where = progress(questionnaire, answers, item.key);
  if (where) {
    const line = progressMessage(where);
    lines.push(t(line.key, line.params));
    const section = where.section;
    lines.push(
      section.number
        ? t('forms-question-section-numbered', { number: section.number, title: section.title })
        : t('forms-question-section', { title: section.title }),
    );
  }
  const title = itemTitle(item);
  lines.push('', t(title.key, title.params));
  return lines;
}

function choiceRows(
  t: Translate,
  keyboard: InlineKeyboard,
  question: Question,
  data: (action: string) => string,
  picked: readonly string[] | null,
) {
  if (question.type === 'yesNo')
    keyboard.text(t('forms-button-yes'), data('y')).text(t('forms-button-no'), data('n')).row();
  if (question.type === 'singleChoice') {
    question.options.forEach((option, index) =>
      keyboard.text(clip(option.label, BUTTON_LABEL), data(`o${index}`)).row(),
    );
  }
  if (question.type === 'multipleChoice') {
    const chosen = new Set(picked ?? []);
    question.options.forEach((option, index) =>
      keyboard
        .text(`${chosen.has(option.id) ? '☑' : '☐'} ${clip(option.label, BUTTON_LABEL)}`, data(`t${index}`))
        .row(),
    );
  }
}

export interface QuestionContext {
  t: Translate;
  questionnaire: Questionnaire;
  campaignId: number;
  answers: Answers;
  cursor: Cursor;
  /** lines above the question: a saved answer, the reason an input was refused, the intro */
  notices?: readonly string[];
  /** a value suggested from imported results (percent items with `prefill`) */
  suggestion?: { value: number; year: string; participants: number; failed: number } | null;
}

/** The question message for `cursor.at` (an item, a group overview or a group field). */
export function renderQuestion(context: QuestionContext, item: Item): Rendered {
  const { t, questionnaire, campaignId, answers, cursor } = context;
  const index = itemIndex(questionnaire, item.key);
  const data = (action: string) => callbackData(campaignId, index, action);
  const lines: string[] = [];
  for (const notice of context.notices ?? []) lines.push(notice, '');
  lines.push(...heading(t, questionnaire, answers, item));
  const keyboard = new InlineKeyboard();
  const answered = isAnswered(answers, item.key);

  if (item.type === 'group' && cursor.group?.row) {
    // One field of a new row of a repeated group.
    const field: GroupField = item.fields[cursor.group.field]!;
    lines.push('', t('forms-group-field', { row: cursor.group.rows.length + 1, field: field.text }));
    if (field.hint) lines.push(readerSource(field.hint));
    const ask = askHint(field);
    lines.push(t(ask.key, ask.params));
    choiceRows(t, keyboard, field, data, cursor.picked);
    if (field.type === 'multipleChoice') keyboard.text(t('forms-button-done'), data('d')).row();
    if (!field.required) keyboard.text(t('forms-button-skip'), data('s'));
    keyboard.text(t('forms-button-cancel-row'), data('gx'));
    return { text: clip(lines.join('\n'), TEXT_LIMIT), keyboard };
  }

  if (item.hint) lines.push(readerSource(item.hint));
  if (item.type === 'group') {
    const rows = cursor.group?.rows ?? [];
    lines.push(
      '',
      rows.length === 0 ? t('forms-group-no-rows') : t('forms-group-rows', { rows: formatAnswer(item, rows, t) }),
    );
    lines.push('', t('forms-ask-group'));
    keyboard.text(t(rows.length === 0 ? 'forms-button-add-first-row' : 'forms-button-add-row'), data('ga'));
    keyboard.text(t('forms-button-finish-list'), data('gf')).row();
  } else {
    if (context.suggestion && !answered) {
      lines.push(
        t('forms-prefill-offer', {
          year: context.suggestion.year,
          value: formatNumberRu(context.suggestion.value),
          failed: context.suggestion.failed,
          participants: context.suggestion.participants,
        }),
      );
      keyboard.text(t('forms-button-confirm'), data('c')).row();
    } else {
      const ask = askHint(item);
      lines.push(t(ask.key, ask.params));
    }
    choiceRows(t, keyboard, item, data, cursor.picked);
    if (item.type === 'multipleChoice') keyboard.text(t('forms-button-done'), data('d')).row();
  }
  if (answered)
    lines.push('', t('forms-current-answer', { value: clip(formatAnswer(item, answers[item.key], t), 600) }));

  const hasPrevious = previousItem(questionnaire, answers, item.key) !== null;
  if (hasPrevious) keyboard.text(t('forms-button-back'), data('b'));
  if (canSkip(item) && item.type !== 'group') keyboard.text(t('forms-button-skip'), data('s'));
  if (answered) keyboard.text(t('forms-button-keep'), data('k'));
  return { text: clip(lines.join('\n'), TEXT_LIMIT), keyboard };
}

function formatNumberRu(value: number): string {
  return String(Number(value.toFixed(6))).replace('.', ',');
}

/** «1.2: да» — how an accepted answer is confirmed above the next question. */
export function savedLine(t: Translate, item: Item, value: AnswerValue | null): string {
  const title = item.part ? `${item.number} ${item.part.label}` : item.number;
  return value === null
    ? t('forms-saved-skipped', { number: title })
    : t('forms-saved', { number: title, value: clip(formatAnswer(item, value, t), 300) });
}

// ─────────────── Review ───────────────

export function renderReviewOverview(
  t: Translate,
  questionnaire: Questionnaire,
  campaignId: number,
  title: string,
  answers: Answers,
  notices: readonly string[] = [],
): Rendered {
  const review = reviewBySection(questionnaire, answers);
  const check = checkSubmission(questionnaire, answers);
  const missingKeys = new Set(check.missing.map((item) => item.key));
  const lines: string[] = [];
  for (const notice of notices) lines.push(notice, '');
  lines.push(t('forms-review-title'), t('forms-review-form', { title }), '');
  const keyboard = new InlineKeyboard();
  for (const section of review) {
    const answered = section.entries.filter((entry) => entry.answered).length;
    const missing = section.entries.some((entry) => missingKeys.has(entry.item.key));
    const name = section.section.number ? `${section.section.number}. ${section.section.title}` : section.section.title;
    lines.push(
      t(missing ? 'forms-review-section-line-missing' : 'forms-review-section-line', {
        name,
        answered,
        total: section.entries.length,
      }),
    );
    keyboard
      .text(clip(`${missing ? '⚠ ' : ''}${name}`, BUTTON_LABEL), reviewData(campaignId, `s${section.index}`))
      .row();
  }
  lines.push('');
  if (check.missing.length > 0) {
    lines.push(t('forms-review-missing', { items: check.missing.map(shortNumber).join(', ') }));
    keyboard.text(t('forms-button-answer-missing'), reviewData(campaignId, 'm')).row();
  } else if (check.invalid.length > 0) {
    lines.push(t('forms-review-invalid', { items: check.invalid.map((entry) => shortNumber(entry.item)).join(', ') }));
  } else {
    lines.push(t('forms-review-ready'));
    keyboard.text(t('forms-button-submit'), reviewData(campaignId, 'send')).row();
  }
  return { text: clip(lines.join('\n'), TEXT_LIMIT), keyboard };
}

function shortNumber(item: Item): string {
  return item.part ? `${item.number} (${item.part.label})` : item.number;
}

/** One section's answers with a button to edit each (none when `readOnly`). */
export function renderReviewSection(
  t: Translate,
  questionnaire: Questionnaire,
  campaignId: number,
  answers: Answers,
  sectionIndex: number,
  options: { readOnly?: boolean } = {},
): Rendered | null {
  const section = reviewBySection(questionnaire, answers).find((s) => s.index === sectionIndex);
  if (!section) return null;
  const lines = [t('forms-review-section', { index: section.index, title: section.section.title }), ''];
  const keyboard = new InlineKeyboard();
  section.entries.forEach((entry, i) => {
    const title = itemTitle(entry.item);
    const value = entry.answered
      ? clip(formatAnswer(entry.item, entry.value, t), REVIEW_VALUE)
      : t('forms-review-no-answer');
    lines.push(t('forms-review-entry', { item: clip(t(title.key, title.params), 160), value }));
    if (!options.readOnly) {
      keyboard.text(
        `✎ ${clip(shortNumber(entry.item), 24)}`,
        reviewData(campaignId, `e${itemIndex(questionnaire, entry.item.key)}`),
      );
      if (i % 3 === 2) keyboard.row();
    }
  });
  if (!options.readOnly) keyboard.row().text(t('forms-button-to-sections'), reviewData(campaignId, 'o'));
  return { text: clip(lines.join('\n'), TEXT_LIMIT), keyboard: options.readOnly ? undefined : keyboard };
}

/** Every answer as text, section by section (a submitted form, read-only). */
export function renderAllAnswers(t: Translate, questionnaire: Questionnaire, answers: Answers): string[] {
  const lines: string[] = [];
  for (const section of reviewBySection(questionnaire, answers)) {
    lines.push('', t('forms-review-section', { index: section.index, title: section.section.title }));
    for (const entry of section.entries) {
      const title = itemTitle(entry.item);
      const value = entry.answered ? clip(formatAnswer(entry.item, entry.value, t), 1000) : t('forms-review-no-answer');
      lines.push(t('forms-review-entry', { item: clip(t(title.key, title.params), 300), value }));
    }
  }
  return lines;
}
