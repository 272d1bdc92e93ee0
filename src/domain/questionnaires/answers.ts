/**
 * Answer values, parsing of typed chat input and formatting for review and export.
 *
 * Stored values are plain JSON (one per item key):
 * - yesNo → boolean; integer, decimal, percent → number (percent as 12.5 for «12,5 %»)
 * - text → string; date → ISO `YYYY-MM-DD`
 * - singleChoice → option id; multipleChoice → option ids in option order
 * - document («реквизиты») → { number, date, title } (number may be «б/н»)
 * - file → { fileId, kind, name?, mimeType? } (what the adapter stored the file under)
 * - group → array of rows { fieldKey: value | null }
 * `null` in an answers map means «Пропустить» was pressed: the item counts as answered, with no value.
 *
 * Parsing and validation return a locale key (`forms-error-*`) and parameters, never prose.
 */
import {
  DEFAULT_GROUP_MAX_ROWS,
  DEFAULT_TEXT_MAX_LENGTH,
  normaliseLabel,
  type ChoiceOption,
  type GroupField,
  type MessageParams,
  type Question,
} from './model.ts';
import type { Translate } from '../translate.ts';
import { parseNumberText } from '../numberText.ts';

interface DocumentValue {
  number: string | null;
  /** ISO `YYYY-MM-DD` */
  date: string | null;
  title: string;
}
export interface FileValue {
  fileId: string;
  kind: 'document' | 'photo';
  name?: string | null;
  mimeType?: string | null;
}
type ScalarValue = boolean | number | string | string[] | DocumentValue;
export type GroupRow = Record<string, ScalarValue | null>;
export type AnswerValue = ScalarValue | FileValue | GroupRow[];
/** Item key → value; `null` = skipped. Absent keys are not answered yet. */
export type Answers = Readonly<Record<string, AnswerValue | null>>;

/** Answers keep the questionnaire version they were given under (issue #5, «Versioned»). */
export interface AnswerSet {
  questionnaireId: string;
  version: number;
  answers: Answers;
}

export type AnswerResult<V = AnswerValue> =
  | { ok: true; value: V }
  | { ok: false; reason: string; params: MessageParams };

/** Renders a locale key; pass `t` from `src/i18n.ts` (the domain never renders prose itself). */

const fail = (reason: string, params: MessageParams = {}): { ok: false; reason: string; params: MessageParams } => ({
  ok: false,
  reason,
  params,
});

/** How the director answers an item in chat: buttons, a typed number, typed text, a file, or row by row. */
export type InputKind = 'buttons' | 'number' | 'text' | 'file' | 'group';

export function inputKind(question: Question): InputKind {
  switch (question.type) {
    case 'yesNo':
    case 'singleChoice':
    case 'multipleChoice':
      return 'buttons';
    case 'integer':
    case 'decimal':
    case 'percent':
      return 'number';
    case 'text':
    case 'date':
    case 'document':
      return 'text';
    case 'file':
      return 'file';
    case 'group':
      return 'group';
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing typed input

/**
 * Parses a typed chat answer for an item or a group field.
 * Numbers: the grammar of `domain/numberText.ts`, shared with spreadsheet cells.
 * Dates: «01.09.2024», «1.9.2024», «01/09/2024», «2024-09-01», optional trailing «г.».
 * Yes/no: «да», «нет» (also «д», «н», «+», «-», «есть», «нет»).
 * Choices: an option's label (case-insensitive), its number in the list, or its id;
 * several choices are separated by «;», a new line or «,».
 * Document requisites: «№ 12 от 01.09.2024 Положение о ВСОКО» in any order, e.g.
 * «Положение о ВСОКО, приказ № 12 от 01.09.2024»; «б/н» stands for a document without a number.
 * Files and repeated groups are not typed as one message: files come as attachments,
 * group rows are asked field by field (parse each field with this same function).
 */
export function parseAnswer(question: Question, input: string): AnswerResult {
  const text = input.trim();
  if (text === '') return fail('forms-error-empty');
  switch (question.type) {
    case 'yesNo':
      return parseYesNo(text);
    case 'integer':
    case 'decimal':
    case 'percent': {
      const parsed = parseNumberText(text);
      if (!parsed) return numberFormatError(question, quoted(text));
      if (parsed.percentSign && question.type !== 'percent') return fail('forms-error-percent-not-expected');
      return validateValue(question, parsed.value);
    }
    case 'text':
      return validateValue(question, text);
    case 'date': {
      const iso = parseDateText(text);
      if (!iso) return fail('forms-error-not-a-date', { input: text });
      return validateValue(question, iso);
    }
    case 'singleChoice': {
      const id = matchOption(question.options, text);
      if (!id) return fail('forms-error-unknown-option', { input: text, options: optionList(question.options) });
      return { ok: true, value: id };
    }
    case 'multipleChoice': {
      const ids = matchOptions(question.options, text);
      if (!ids.ok)
        return fail('forms-error-unknown-option', { input: ids.unknown, options: optionList(question.options) });
      return validateValue(question, ids.value);
    }
    case 'document': {
      const doc = parseDocumentText(text);
      if (!doc.ok) return doc;
      return validateValue(question, doc.value);
    }
    case 'file':
      return fail('forms-error-file-expected');
    case 'group':
      return fail('forms-error-group-stepwise');
  }
}

const YES = new Set(['да', 'д', 'yes', 'y', '+', 'есть', 'имеется', 'true']);
const NO = new Set(['нет', 'н', 'no', 'n', '-', '—', 'отсутствует', 'false']);

function parseYesNo(text: string): AnswerResult {
  const word = normaliseLabel(text).replace(/[.!]+$/, '');
  if (YES.has(word)) return { ok: true, value: true };
  if (NO.has(word)) return { ok: true, value: false };
  return fail('forms-error-not-yes-no', { input: quoted(text) });
}

/** What was typed, to be named in a reply: a long paste is cut (a Telegram message holds 4,096 characters). */
function quoted(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** What was typed is named in the reply (the director sees what the bot could not read). */
function numberFormatError(question: Question, input: string): AnswerResult {
  if (question.type === 'percent') return fail('forms-error-percent-format', { input, ...percentBounds(question) });
  if (question.type === 'integer') return fail('forms-error-integer-format', { input });
  return fail('forms-error-number-format', { input });
}

/** Parses «01.09.2024», «1.9.2024», «01/09/2024», «01-09-2024», «2024-09-01» to ISO; null otherwise. */
export function parseDateText(input: string): string | null {
  const text = input.trim().replace(/\s*г(од[а]?)?\.?$/i, '');
  let day: number;
  let month: number;
  let year: number;
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (ru) {
    [day, month, year] = [Number(ru[1]), Number(ru[2]), Number(ru[3])];
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return null;
  }
  return isoIfValid(year, month, day);
}

function isoIfValid(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isoIfValid(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

function matchOption(options: readonly ChoiceOption[], input: string): string | null {
  const wanted = normaliseLabel(input).replace(/[.;,]+$/, '');
  const byLabel = options.find((o) => normaliseLabel(o.label) === wanted);
  if (byLabel) return byLabel.id;
  const byId = options.find((o) => o.id === input.trim());
  if (byId) return byId.id;
  if (/^\d+$/.test(wanted)) {
    const byIndex = options[Number(wanted) - 1];
    if (byIndex) return byIndex.id;
  }
  return null;
}

function matchOptions(
  options: readonly ChoiceOption[],
  input: string,
): { ok: true; value: string[] } | { ok: false; unknown: string } {
  const whole = matchOption(options, input);
  if (whole) return { ok: true, value: [whole] };
  // Prefer «;» and new lines: labels may contain commas. Fall back to commas.
  const attempts = [/[;\n]/, /[;\n,]/];
  let firstUnknown = input;
  for (const separator of attempts) {
    const pieces = input
      .split(separator)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const ids = pieces.map((p) => matchOption(options, p));
    const missing = pieces.find((_, i) => ids[i] === null);
    if (missing === undefined) {
      const chosen = new Set(ids as string[]);
      return { ok: true, value: options.filter((o) => chosen.has(o.id)).map((o) => o.id) };
    }
    if (separator === attempts[0]) firstUnknown = missing;
  }
  return { ok: false, unknown: firstUnknown };
}

function optionList(options: readonly ChoiceOption[]): string {
  return options.map((o) => `«${o.label}»`).join(', ');
}

/** «б/н» — the usual Russian mark of a document without a number. */
const NO_DOCUMENT_NUMBER = 'б/н';

/**
 * Document requisites in one line, parts in any order:
 * «№ 12 от 01.09.2024 Положение о ВСОКО», «Приказ № 45-од от 1.09.2023 „Об утверждении …“»,
 * «Положение о ВСОКО, б/н, 01.09.2024». The number follows «№» (or «N», «No»); the date is
 * dd.mm.yyyy, optionally after «от»; the rest (without surrounding punctuation) is the title.
 */
function parseDocumentText(input: string): AnswerResult<DocumentValue> {
  let rest = ` ${input.replace(/\s+/g, ' ').trim()} `;
  let number: string | null = null;
  let date: string | null = null;

  const numberMatch = /(?:№|\bN[oо]?\.?(?=\s*\d))\s*(б\/н|[^\s,;«"„“]+)/iu.exec(rest);
  if (numberMatch) {
    number = numberMatch[1]!.replace(/[.,;]+$/, '');
    rest = rest.replace(numberMatch[0], ' ');
  } else {
    const withoutNumber = /(^|[\s,;(])б\/н(?=$|[\s,;)])/iu.exec(rest);
    if (withoutNumber) {
      number = NO_DOCUMENT_NUMBER;
      rest = rest.replace(withoutNumber[0], withoutNumber[1]!);
    }
  }
  if (number !== null && normaliseLabel(number) === NO_DOCUMENT_NUMBER) number = NO_DOCUMENT_NUMBER;

  const dateMatch = /(?:(?<=^|[\s,;(])от\s*)?(\d{1,2}[./]\d{1,2}[./]\d{4})(?:\s*г(?:ода)?\.?)?/iu.exec(rest);
  if (dateMatch) {
    date = parseDateText(dateMatch[1]!);
    if (date === null) return fail('forms-error-document-bad-date', { input: dateMatch[1]! });
    rest = rest.replace(dateMatch[0], ' ');
  }

  const title = rest
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.\-–—]+|[\s,;:\-–—]+$/g, '')
    .replace(/\s+,/g, ',')
    .trim();
  if (title === '') return fail('forms-error-document-no-title');
  return { ok: true, value: { number, date, title } };
}

// ---------------------------------------------------------------------------------------------
// Validation of values (typed input after parsing, button presses, stored answers)

const percentBounds = (question: Extract<Question, { type: 'percent' }>) => ({
  min: question.validation?.min ?? 0,
  max: question.validation?.max ?? 100,
});

/** Checks a value against an item or field definition (shape and limits). */
export function validateValue(question: Question, value: unknown): AnswerResult {
  switch (question.type) {
    case 'yesNo':
      return typeof value === 'boolean'
        ? { ok: true, value }
        : fail('forms-error-not-yes-no', { input: String(value) });
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('forms-error-integer-format', { input: String(value) });
      if (!Number.isInteger(value)) return fail('forms-error-not-an-integer', { input: value });
      return checkBounds(value, question.validation?.min ?? 0, question.validation?.max);
    }
    case 'decimal': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('forms-error-number-format', { input: String(value) });
      const digits = question.validation?.maxFractionDigits;
      if (digits !== undefined && fractionDigits(value) > digits)
        return fail('forms-error-too-many-decimals', { digits });
      return checkBounds(value, question.validation?.min ?? 0, question.validation?.max);
    }
    case 'percent': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('forms-error-percent-format', { input: String(value), ...percentBounds(question) });
      const { min, max } = percentBounds(question);
      if (value < min || value > max) return fail('forms-error-percent-range', { value, min, max });
      return { ok: true, value };
    }
    case 'text': {
      if (typeof value !== 'string') return fail('forms-error-wrong-value');
      const text = value.trim();
      const length = [...text].length;
      if (length === 0) return fail('forms-error-empty');
      const max = question.validation?.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      const min = question.validation?.minLength ?? 1;
      if (length > max) return fail('forms-error-text-too-long', { max, length });
      if (length < min) return fail('forms-error-text-too-short', { min, length });
      return { ok: true, value: text };
    }
    case 'date': {
      if (typeof value !== 'string' || !isIsoDate(value))
        return fail('forms-error-not-a-date', { input: String(value) });
      const { min, max } = question.validation ?? {};
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return fail('forms-error-date-out-of-range', {
          min: min ? formatDate(min) : '—',
          max: max ? formatDate(max) : '—',
        });
      }
      return { ok: true, value };
    }
    case 'singleChoice':
      return typeof value === 'string' && question.options.some((o) => o.id === value)
        ? { ok: true, value }
        : fail('forms-error-unknown-option', { input: String(value), options: optionList(question.options) });
    case 'multipleChoice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return fail('forms-error-wrong-value');
      const unknown = value.find((v) => !question.options.some((o) => o.id === v));
      if (unknown !== undefined)
        return fail('forms-error-unknown-option', { input: String(unknown), options: optionList(question.options) });
      const chosen = new Set(value as string[]);
      const ordered = question.options.filter((o) => chosen.has(o.id)).map((o) => o.id);
      const min = question.validation?.minSelected ?? 1;
      const max = question.validation?.maxSelected ?? question.options.length;
      if (ordered.length < min) return fail('forms-error-too-few-selected', { min });
      if (ordered.length > max) return fail('forms-error-too-many-selected', { max });
      return { ok: true, value: ordered };
    }
    case 'document': {
      if (!isDocumentValue(value)) return fail('forms-error-wrong-value');
      if (value.title.trim() === '') return fail('forms-error-document-no-title');
      if (value.date !== null && !isIsoDate(value.date))
        return fail('forms-error-document-bad-date', { input: value.date });
      if ((question.validation?.numberRequired ?? true) && (value.number === null || value.number.trim() === '')) {
        return fail('forms-error-document-no-number');
      }
      if ((question.validation?.dateRequired ?? true) && value.date === null)
        return fail('forms-error-document-no-date');
      return { ok: true, value };
    }
    case 'file': {
      if (!isFileValue(value)) return fail('forms-error-file-expected');
      const accept = question.accept ?? ['document', 'photo'];
      if (!accept.includes(value.kind))
        return fail(accept.includes('photo') ? 'forms-error-photo-expected' : 'forms-error-document-expected');
      return { ok: true, value };
    }
    case 'group':
      return validateGroup(
        question.fields,
        value,
        question.validation?.min ?? 0,
        question.validation?.max ?? DEFAULT_GROUP_MAX_ROWS,
      );
  }
}

function checkBounds(value: number, min: number | undefined, max: number | undefined): AnswerResult {
  if (min !== undefined && max !== undefined && (value < min || value > max))
    return fail('forms-error-number-range', { value, min, max });
  if (min !== undefined && value < min) return fail('forms-error-number-too-small', { value, min });
  if (max !== undefined && value > max) return fail('forms-error-number-too-large', { value, max });
  return { ok: true, value };
}

function fractionDigits(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function isDocumentValue(value: unknown): value is DocumentValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.title === 'string' &&
    (v.number === null || typeof v.number === 'string') &&
    (v.date === null || typeof v.date === 'string')
  );
}

function isFileValue(value: unknown): value is FileValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.fileId === 'string' && v.fileId !== '' && (v.kind === 'document' || v.kind === 'photo');
}

function validateGroup(fields: readonly GroupField[], value: unknown, minRows: number, maxRows: number): AnswerResult {
  if (!Array.isArray(value)) return fail('forms-error-wrong-value');
  if (value.length < minRows) return fail('forms-error-group-too-few-rows', { min: minRows });
  if (value.length > maxRows) return fail('forms-error-group-too-many-rows', { max: maxRows });
  const rows: GroupRow[] = [];
  for (const [index, row] of value.entries()) {
    const checked = validateGroupRow(fields, row);
    if (!checked.ok) return fail(checked.reason, { ...checked.params, row: index + 1 });
    rows.push(checked.value);
  }
  return { ok: true, value: rows };
}

/** Checks one row of a repeated group: required fields present, each value valid. */
function validateGroupRow(fields: readonly GroupField[], row: unknown): AnswerResult<GroupRow> {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return fail('forms-error-wrong-value');
  const source = row as Record<string, unknown>;
  const result: GroupRow = {};
  for (const field of fields) {
    const raw = source[field.key];
    if (raw === undefined || raw === null) {
      if (field.required) return fail('forms-error-group-field-missing', { field: field.text });
      result[field.key] = null;
      continue;
    }
    const checked = validateValue(field, raw);
    if (!checked.ok) return fail(checked.reason, { ...checked.params, field: field.text });
    result[field.key] = checked.value as ScalarValue;
  }
  return { ok: true, value: result };
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** Number as written in Russian: decimal comma, no thousands grouping (`12,5`, `1200`). */
function formatNumber(value: number): string {
  return String(Number(value.toFixed(6))).replace('.', ',');
}

/** ISO date → `dd.mm.yyyy`. */
function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function optionLabel(options: readonly ChoiceOption[], id: string): string {
  return options.find((o) => o.id === id)?.label ?? id;
}

/**
 * An answer as text for the review and exports. Values that do not fit the definition
 * (e.g. read with the wrong version) are shown as they are, never dropped silently.
 */
export function formatAnswer(question: Question, value: AnswerValue | null | undefined, translate: Translate): string {
  if (value === null || value === undefined) return translate('forms-value-none');
  const withUnits = (text: string) =>
    question.units ? translate('forms-value-with-units', { value: text, units: question.units }) : text;
  switch (question.type) {
    case 'yesNo':
      if (typeof value === 'boolean') return translate(value ? 'forms-value-yes' : 'forms-value-no');
      break;
    case 'integer':
    case 'decimal':
      if (typeof value === 'number') return withUnits(formatNumber(value));
      break;
    case 'percent':
      if (typeof value === 'number') return translate('forms-value-percent', { value: formatNumber(value) });
      break;
    case 'text':
      if (typeof value === 'string') return value;
      break;
    case 'date':
      if (typeof value === 'string') return formatDate(value);
      break;
    case 'singleChoice':
      if (typeof value === 'string') return optionLabel(question.options, value);
      break;
    case 'multipleChoice':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        return value.length === 0
          ? translate('forms-value-nothing-chosen')
          : (value as string[]).map((id) => optionLabel(question.options, id)).join(', ');
      }
      break;
    case 'document':
      if (isDocumentValue(value)) return formatDocument(value, translate);
      break;
    case 'file':
      if (isFileValue(value)) {
        return value.kind === 'photo'
          ? translate('forms-value-photo')
          : translate('forms-value-file', { name: value.name ?? value.fileId });
      }
      break;
    case 'group':
      if (Array.isArray(value)) {
        if (value.length === 0) return translate('forms-value-group-empty');
        return (value as GroupRow[])
          .map((row, index) =>
            translate('forms-value-group-row', {
              index: index + 1,
              values: question.fields
                .filter((field) => row[field.key] !== null && row[field.key] !== undefined)
                .map((field) =>
                  translate('forms-value-group-field', {
                    label: field.text,
                    value: formatAnswer(field, row[field.key], translate),
                  }),
                )
                .join('; '),
            }),
          )
          .join('\n');
      }
      break;
  }
  return JSON.stringify(value);
}

function formatDocument(value: DocumentValue, translate: Translate): string {
  const date = value.date ? formatDate(value.date) : null;
  if (value.number && date)
    return translate('forms-value-document', { title: value.title, number: value.number, date });
  if (value.number) return translate('forms-value-document-no-date', { title: value.title, number: value.number });
  if (date) return translate('forms-value-document-no-number', { title: value.title, date });
  return value.title;
}

/** The input instruction shown under a question (`forms-ask-*`). */
export function askHint(question: Question): { key: string; params: MessageParams } {
  switch (question.type) {
    case 'yesNo':
      return { key: 'forms-ask-yes-no', params: {} };
    case 'integer':
      return { key: 'forms-ask-integer', params: {} };
    case 'decimal':
      return { key: 'forms-ask-decimal', params: {} };
    case 'percent':
      return { key: 'forms-ask-percent', params: percentBounds(question) };
    case 'text':
      return { key: 'forms-ask-text', params: { max: question.validation?.maxLength ?? DEFAULT_TEXT_MAX_LENGTH } };
    case 'date':
      return { key: 'forms-ask-date', params: {} };
    case 'singleChoice':
      return { key: 'forms-ask-single-choice', params: {} };
    case 'multipleChoice':
      return { key: 'forms-ask-multiple-choice', params: {} };
    case 'document':
      return { key: 'forms-ask-document', params: {} };
    case 'file':
      return { key: 'forms-ask-file', params: {} };
    case 'group':
      return { key: 'forms-ask-group', params: {} };
  }
}
