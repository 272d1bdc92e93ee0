/**
 * Where a director is in a form, as plain JSON carried from one step of the form conversation
 * to the next. The answers themselves are in the database: the cursor only says which item is
 * on screen and how the director got there. Pure.
 */
import {
  firstUnanswered,
  isAnswered,
  nextItem,
  type AnswerValue,
  type Answers,
  type GroupRow,
  type Questionnaire,
} from '../../domain/questionnaires/index.ts';

export interface Cursor {
  mode: 'question' | 'review';
  /** the item on screen (mode 'question') */
  at: string | null;
  /** came here with «Назад» (or by a button of an older question): «next» is the following item, not the first unanswered */
  revisiting: boolean;
  /** came here from the review: after the answer, back to the review */
  fromReview: boolean;
  /** fingerprint of the item's stored value when it was shown (`-` = no answer): a change meanwhile is a conflict */
  shown: string;
  /** options ticked so far (a multiple choice, of the item or of a group field) */
  picked: string[] | null;
  /** the value offered from imported results */
  suggested: number | null;
  /** a repeated group being filled: its rows, and the row in progress with the field asked */
  group: { rows: GroupRow[]; row: GroupRow | null; field: number } | null;
  /** the message with the current question or the review */
  messageId: number | null;
  /** the last typed input was long enough to be the first part of a paste Telegram split (see splitTail) */
  longText?: { date: number; item: string | null; moved: boolean };
}

/**
 * Telegram cuts a pasted text longer than 4096 characters into several messages sent within a
 * moment. A text this long is taken as a possible first part; a text right after it (within
 * SPLIT_WINDOW_SECONDS by the messages' dates) is its continuation, never an answer of its own
 * (issue 10: the first part was refused, the tail silently saved).
 */
export const SPLIT_PART_MIN_LENGTH = 3500;
const SPLIT_WINDOW_SECONDS = 2;

export function isSplitTail(cursor: Cursor, date: number | undefined): boolean {
  return cursor.longText !== undefined && date !== undefined && date - cursor.longText.date <= SPLIT_WINDOW_SECONDS;
}

/** FNV-1a of the JSON of a value: short, stable, enough to notice that an answer changed. */
export function fingerprint(answers: Answers, key: string): string {
  if (!isAnswered(answers, key)) return '-';
  const text = JSON.stringify(answers[key] ?? null);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

export function questionCursor(
  answers: Answers,
  key: string,
  how: { revisiting?: boolean; fromReview?: boolean } = {},
): Cursor {
  return {
    mode: 'question',
    at: key,
    revisiting: how.revisiting ?? false,
    fromReview: how.fromReview ?? false,
    shown: fingerprint(answers, key),
    picked: null,
    suggested: null,
    group: null,
    messageId: null,
  };
}

export function reviewCursor(): Cursor {
  return {
    mode: 'review',
    at: null,
    revisiting: false,
    fromReview: false,
    shown: '-',
    picked: null,
    suggested: null,
    group: null,
    messageId: null,
  };
}

/** Where a form opens: the first unanswered item, or the review when everything is answered. */
export function openingCursor(questionnaire: Questionnaire, answers: Answers): Cursor {
  const first = firstUnanswered(questionnaire, answers);
  return first ? questionCursor(answers, first.key) : reviewCursor();
}

/**
 * After item `key` got its answer (or was kept as it is): back to the review when the edit
 * came from there; the following item while revisiting earlier answers; otherwise the first
 * unanswered item. The review when nothing is left.
 */
export function cursorAfter(questionnaire: Questionnaire, answers: Answers, key: string, from: Cursor): Cursor {
  if (from.fromReview) return reviewCursor();
  if (from.revisiting) {
    const next = nextItem(questionnaire, answers, key);
    if (!next) return openingCursor(questionnaire, answers);
    return questionCursor(answers, next.key, { revisiting: isAnswered(answers, next.key) });
  }
  return openingCursor(questionnaire, answers);
}

/** A stored group answer as rows to continue from. */
export function groupRows(value: AnswerValue | null | undefined): GroupRow[] {
  return Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))
    ? (value as GroupRow[])
    : [];
}
