/**
 * Questionnaire model (issue #5): questionnaires are data, validated with zod when loaded.
 *
 * A questionnaire has sections, a section has items. An item keeps its number as in the source
 * (`7.4`, `14.10`). Some source rows hold several answers under one number (seed 001 item 7.6
 * «на региональном уровне / на муниципальном уровне», seed 003 §3.2 row 1.3 with five lab
 * subjects); such a row becomes several items with the same `number` and distinct `part`s, so
 * every item is still exactly one question (one chat message, one export column).
 *
 * An item's `key` identifies it in answers, conditions and callback data:
 * `number` for a plain item (`6.1`), `number/part` for a part (`1.3/physics`).
 */
import * as z from 'zod';

export const ITEM_TYPES = [
  'yesNo',
  'integer',
  'decimal',
  'percent',
  'text',
  'date',
  'singleChoice',
  'multipleChoice',
  'document',
  'file',
  'group',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Locale keys of the type names («да/нет», «процент» …) for the bot, templates and errors. */
export const ITEM_TYPE_NAME_KEYS: Record<ItemType, string> = {
  yesNo: 'forms-type-yes-no',
  integer: 'forms-type-integer',
  decimal: 'forms-type-decimal',
  percent: 'forms-type-percent',
  text: 'forms-type-text',
  date: 'forms-type-date',
  singleChoice: 'forms-type-single-choice',
  multipleChoice: 'forms-type-multiple-choice',
  document: 'forms-type-document',
  file: 'forms-type-file',
  group: 'forms-type-group',
};

/** Types a repeated group's field may have (no nested groups, no files inside a row). */
const GROUP_FIELD_TYPES = [
  'yesNo',
  'integer',
  'decimal',
  'percent',
  'text',
  'date',
  'singleChoice',
  'multipleChoice',
  'document',
] as const satisfies readonly ItemType[];

/** Default upper bound of a text answer: fits one Telegram message with room for the prompt. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;
/** Default row limit of a repeated group («небольшая повторяющаяся группа»). */
export const DEFAULT_GROUP_MAX_ROWS = 20;

const ITEM_NUMBER = /^\d+(\.\d+)*$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const itemNumber = z.string().regex(ITEM_NUMBER, 'item number must look like 7 or 7.4 or 14.10');
const slug = z.string().regex(SLUG, 'use lowercase latin letters, digits and dashes');
const isoDate = z.string().regex(ISO_DATE, 'date must be YYYY-MM-DD');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const optionSchema = z.strictObject({
  /** Stable id stored in answers and callback data; labels may be reworded between versions. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'option id: 1–32 latin letters, digits, _ or -'),
  label: nonEmpty,
});
export type ChoiceOption = z.output<typeof optionSchema>;

const SHOW_IF_OPERATORS = ['equals', 'notEquals', 'in', 'gt', 'gte', 'lt', 'lte'] as const;

const scalarLiteral = z.union([z.boolean(), z.number(), z.string()]);

/**
 * Show-if condition on an earlier answer. Exactly one operator:
 * `{ item: '6.1', equals: true }`, `{ item: '3', in: ['city', 'village'] }`, `{ item: '2.1', gt: 10 }`.
 * For a multiple choice, `equals: 'x'` means «x is among the chosen», `in` means «any of them is».
 * An unanswered, skipped or hidden referenced item makes the condition false.
 */
const showIfSchema = z
  .strictObject({
    item: nonEmpty,
    equals: scalarLiteral.optional(),
    notEquals: scalarLiteral.optional(),
    in: z
      .array(z.union([z.number(), z.string()]))
      .min(1)
      .optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  })
  .refine((c) => SHOW_IF_OPERATORS.filter((op) => c[op] !== undefined).length === 1, {
    message: `a condition needs exactly one of ${SHOW_IF_OPERATORS.join(', ')}`,
  });
export type ShowIf = z.output<typeof showIfSchema>;

/**
 * Where a value can be prefilled from (the director confirms or corrects it).
 * `failedShare`: percent of participants who got «2» (ВПР) / missed the minimum (ОГЭ/ЕГЭ).
 */
const prefillSchema = z.strictObject({
  source: z.enum(['vpr', 'oge', 'ege']),
  subject: nonEmpty,
  grade: z.int().min(1).max(11).nullable(),
  measure: z.literal('failedShare'),
});
export type PrefillSpec = z.output<typeof prefillSchema>;

const range = <T extends z.ZodType>(bound: T) =>
  z.strictObject({ min: bound.optional(), max: bound.optional() }).optional();

/** Shapes shared by items and group fields: one entry per answer type. */
const variants = {
  yesNo: {},
  integer: { validation: range(z.int()) },
  decimal: {
    validation: z
      .strictObject({
        min: z.number().optional(),
        max: z.number().optional(),
        maxFractionDigits: z.int().min(0).max(6).optional(),
      })
      .optional(),
  },
  percent: {
    validation: range(z.number().min(0).max(100)),
    prefill: prefillSchema.optional(),
  },
  text: {
    validation: z
      .strictObject({
        minLength: z.int().min(1).optional(),
        maxLength: z.int().min(1).max(4000).optional(),
      })
      .optional(),
  },
  date: { validation: range(isoDate) },
  singleChoice: { options: z.array(optionSchema).min(2, 'a choice needs at least two options') },
  multipleChoice: {
    options: z.array(optionSchema).min(2, 'a choice needs at least two options'),
    validation: z
      .strictObject({ minSelected: z.int().min(0).optional(), maxSelected: z.int().min(1).optional() })
      .optional(),
  },
  /** «Реквизиты документа»: number + date + title; «б/н» is accepted as a number. */
  document: {
    validation: z
      .strictObject({ numberRequired: z.boolean().optional(), dateRequired: z.boolean().optional() })
      .optional(),
  },
  /** A document or a photo kept with the answer. */
  file: {
    accept: z
      .array(z.enum(['document', 'photo']))
      .min(1)
      .optional(),
  },
} as const;

const questionShape = {
  text: nonEmpty,
  hint: nonEmpty.optional(),
  /** Required items cannot be skipped and must be answered before submitting. */
  required: z.boolean().default(true),
  /** Display units, e.g. «чел.»; percent items need none. */
  units: nonEmpty.optional(),
};

function fieldSchema<T extends (typeof GROUP_FIELD_TYPES)[number]>(type: T) {
  return z.strictObject({ key: slug, type: z.literal(type), ...questionShape, ...variants[type] });
}
const groupFieldSchema = z.discriminatedUnion('type', [
  fieldSchema('yesNo'),
  fieldSchema('integer'),
  fieldSchema('decimal'),
  fieldSchema('percent'),
  fieldSchema('text'),
  fieldSchema('date'),
  fieldSchema('singleChoice'),
  fieldSchema('multipleChoice'),
  fieldSchema('document'),
]);
export type GroupField = z.output<typeof groupFieldSchema>;

const itemShape = {
  number: itemNumber,
  /** Part of a source row that holds several answers (`1.3` физика, химия …). */
  part: z.strictObject({ id: slug, label: nonEmpty }).optional(),
  showIf: showIfSchema.optional(),
  ...questionShape,
};

function scalarItemSchema<T extends keyof typeof variants>(type: T) {
  return z.strictObject({ type: z.literal(type), ...itemShape, ...variants[type] });
}
/** «Небольшая повторяющаяся группа»: e.g. for each olympiad: name, level, participants. */
const groupItemSchema = z.strictObject({
  type: z.literal('group'),
  ...itemShape,
  fields: z.array(groupFieldSchema).min(1, 'a group needs at least one field'),
  validation: range(z.int().min(0)),
});
const itemSchema = z.discriminatedUnion('type', [
  scalarItemSchema('yesNo'),
  scalarItemSchema('integer'),
  scalarItemSchema('decimal'),
  scalarItemSchema('percent'),
  scalarItemSchema('text'),
  scalarItemSchema('date'),
  scalarItemSchema('singleChoice'),
  scalarItemSchema('multipleChoice'),
  scalarItemSchema('document'),
  scalarItemSchema('file'),
  groupItemSchema,
]);

const sectionSchema = z.strictObject({
  /** Section number as in the source, when it has one (`6`, `14`). */
  number: itemNumber.optional(),
  title: nonEmpty,
  items: z.array(itemSchema).min(1, 'a section needs at least one item'),
});

const questionnaireSchema = z.strictObject({
  id: slug,
  /** Positive integer; answers keep the version they were given under. */
  version: z.int().min(1),
  title: nonEmpty,
  description: nonEmpty.optional(),
  /** Citation of the source document, e.g. «seed 003 §3.2». */
  source: nonEmpty.optional(),
  /** Months (1–12) when the questionnaire is normally collected. */
  schedule: z.strictObject({ months: z.array(z.int().min(1).max(12)).min(1) }).optional(),
  sections: z.array(sectionSchema).min(1, 'a questionnaire needs at least one section'),
});

/** A definition as written (built-ins, stored JSON, sheet conversion): defaults may be omitted. */
export type QuestionnaireDefinition = z.input<typeof questionnaireSchema>;
export type SectionDefinition = QuestionnaireDefinition['sections'][number];
export type ItemDefinition = SectionDefinition['items'][number];

type ParsedQuestionnaire = z.output<typeof questionnaireSchema>;
type ParsedItem = ParsedQuestionnaire['sections'][number]['items'][number];

/** A validated item; `key` is `number` or `number/part`. */
export type Item = ParsedItem & { readonly key: string };
export interface Section extends Omit<ParsedQuestionnaire['sections'][number], 'items'> {
  readonly items: readonly Item[];
}
export interface Questionnaire extends Omit<ParsedQuestionnaire, 'sections'> {
  readonly sections: readonly Section[];
}
/** Anything a typed answer can be parsed against: an item or a field of a repeated group. */
export type Question = Item | GroupField;

function itemKey(item: { number: string; part?: { id: string } | undefined }): string {
  return item.part ? `${item.number}/${item.part.id}` : item.number;
}

/** All items in order. */
export function allItems(questionnaire: Questionnaire): Item[] {
  return questionnaire.sections.flatMap((section) => section.items);
}

export function findItem(questionnaire: Questionnaire, key: string): Item | undefined {
  return allItems(questionnaire).find((item) => item.key === key);
}

type ParamValue = string | number;
export type MessageParams = Record<string, ParamValue>;

/**
 * A problem in a definition. `item` names the item (its key) when the problem is inside one;
 * `code` + `params` render it for users (keys `forms-definition-*`); `problem` is the same in
 * plain English for developers and load-time exceptions.
 */
interface DefinitionError {
  item: string | null;
  path: string;
  code: string;
  params: MessageParams;
  problem: string;
}

export type ValidationResult = { ok: true; questionnaire: Questionnaire } | { ok: false; errors: DefinitionError[] };

/** Validates a definition (JSON from a built-in, the database or a converted sheet). */
export function validateQuestionnaire(input: unknown): ValidationResult {
  const parsed = questionnaireSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => zodIssueToError(input, issue)) };
  }
  const questionnaire: Questionnaire = {
    ...parsed.data,
    sections: parsed.data.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({ ...item, key: itemKey(item) }) as Item),
    })),
  };
  const errors = semanticErrors(questionnaire);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, questionnaire };
}

/** Validates a built-in or stored definition and throws a readable error if it is broken. */
export function loadQuestionnaire(input: unknown): Questionnaire {
  const result = validateQuestionnaire(input);
  if (result.ok) return result.questionnaire;
  const head =
    typeof input === 'object' && input !== null
      ? `${String((input as { id?: unknown }).id)} v${String((input as { version?: unknown }).version)}`
      : 'questionnaire';
  const lines = result.errors.map(
    (e) => `  ${e.item ? `item ${e.item}` : 'questionnaire'}${e.path ? ` (${e.path})` : ''}: ${e.problem}`,
  );
  throw new Error(`Invalid questionnaire ${head}:\n${lines.join('\n')}`);
}

function zodIssueToError(input: unknown, issue: z.core.$ZodIssue): DefinitionError {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p));
  let item: string | null = null;
  let rest = path;
  // Locate `sections[i].items[j]` in the raw input to name the item by its source number.
  if (path[0] === 'sections' && typeof path[1] === 'number' && path[2] === 'items' && typeof path[3] === 'number') {
    const raw = (input as { sections?: { items?: unknown[] }[] }).sections?.[path[1]]?.items?.[path[3]] as
      | { number?: unknown; part?: { id?: unknown } }
      | undefined;
    if (raw && typeof raw.number === 'string') {
      item = raw.part && typeof raw.part.id === 'string' ? `${raw.number}/${raw.part.id}` : raw.number;
    } else {
      item = `#${path[3] + 1} in section ${path[1] + 1}`;
    }
    rest = path.slice(4);
  }
  const pathText = rest
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
  let problem = issue.message;
  if (issue.code === 'unrecognized_keys') problem = `unknown field(s): ${issue.keys.join(', ')}`;
  return {
    item,
    path: pathText,
    code: 'forms-definition-invalid',
    params: { item: item ?? '—', path: pathText || '—', detail: problem },
    problem,
  };
}

const NUMERIC_TYPES: readonly ItemType[] = ['integer', 'decimal', 'percent'];
const CONDITIONABLE_TYPES: readonly ItemType[] = [
  'yesNo',
  'integer',
  'decimal',
  'percent',
  'singleChoice',
  'multipleChoice',
];

function isNumericType(type: ItemType): type is 'integer' | 'decimal' | 'percent' {
  return NUMERIC_TYPES.includes(type);
}

function semanticErrors(questionnaire: Questionnaire): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const fail = (item: string | null, path: string, code: string, params: MessageParams, problem: string) =>
    errors.push({ item, path, code, params: { item: item ?? '—', ...params }, problem });

  const items = allItems(questionnaire);
  const position = new Map<string, number>();
  const plainNumbers = new Set<string>();
  const partNumbers = new Set<string>();
  items.forEach((item, index) => {
    if (position.has(item.key)) {
      fail(item.key, 'number', 'forms-definition-duplicate', {}, `duplicate item ${item.key}`);
    } else {
      position.set(item.key, index);
    }
    (item.part ? partNumbers : plainNumbers).add(item.number);
  });
  for (const number of plainNumbers) {
    if (partNumbers.has(number)) {
      fail(number, 'part', 'forms-definition-mixed-parts', {}, `item ${number} exists both with and without parts`);
    }
  }

  items.forEach((item, index) => {
    checkQuestion(item, item.key, '', fail);
    if (item.type === 'group') {
      const keys = new Set<string>();
      item.fields.forEach((field, i) => {
        if (keys.has(field.key)) {
          fail(
            item.key,
            `fields[${i}].key`,
            'forms-definition-duplicate-field',
            { field: field.key },
            `duplicate field ${field.key}`,
          );
        }
        keys.add(field.key);
        checkQuestion(field, item.key, `fields[${i}].`, fail);
      });
      const { min, max } = item.validation ?? {};
      if (min !== undefined && max !== undefined && min > max) {
        fail(item.key, 'validation', 'forms-definition-bad-range', {}, `minimum ${min} rows is above maximum ${max}`);
      }
    }
    if (item.showIf) checkCondition(item, index, item.showIf, items, position, fail);
  });
  return errors;
}

type Fail = (item: string | null, path: string, code: string, params: MessageParams, problem: string) => void;

function checkQuestion(question: Question, itemKeyText: string, prefix: string, fail: Fail) {
  if (question.type === 'singleChoice' || question.type === 'multipleChoice') {
    const ids = new Set<string>();
    const labels = new Set<string>();
    for (const option of question.options) {
      const label = normaliseLabel(option.label);
      if (ids.has(option.id) || labels.has(label)) {
        fail(
          itemKeyText,
          `${prefix}options`,
          'forms-definition-duplicate-option',
          { option: option.label },
          `duplicate option ${option.id} «${option.label}»`,
        );
      }
      ids.add(option.id);
      labels.add(label);
    }
    if (question.type === 'multipleChoice') {
      const { minSelected, maxSelected } = question.validation ?? {};
      if (maxSelected !== undefined && maxSelected > question.options.length) {
        fail(
          itemKeyText,
          `${prefix}validation`,
          'forms-definition-bad-range',
          {},
          `maxSelected ${maxSelected} exceeds the ${question.options.length} options`,
        );
      }
      if (minSelected !== undefined && maxSelected !== undefined && minSelected > maxSelected) {
        fail(itemKeyText, `${prefix}validation`, 'forms-definition-bad-range', {}, `minSelected is above maxSelected`);
      }
    }
  }
  if (
    question.type === 'integer' ||
    question.type === 'decimal' ||
    question.type === 'percent' ||
    question.type === 'date'
  ) {
    const { min, max } = (question.validation ?? {}) as { min?: number | string; max?: number | string };
    if (min !== undefined && max !== undefined && min > max) {
      fail(
        itemKeyText,
        `${prefix}validation`,
        'forms-definition-bad-range',
        {},
        `minimum ${min} is above maximum ${max}`,
      );
    }
  }
  if (question.type === 'text') {
    const { minLength, maxLength } = question.validation ?? {};
    if (minLength !== undefined && maxLength !== undefined && minLength > maxLength) {
      fail(itemKeyText, `${prefix}validation`, 'forms-definition-bad-range', {}, `minLength is above maxLength`);
    }
  }
}

function checkCondition(
  item: Item,
  index: number,
  condition: ShowIf,
  items: readonly Item[],
  position: ReadonlyMap<string, number>,
  fail: Fail,
) {
  const target = condition.item;
  const targetIndex = position.get(target);
  if (targetIndex === undefined) {
    fail(
      item.key,
      'showIf.item',
      'forms-definition-condition-unknown-item',
      { target },
      `condition refers to unknown item ${target}`,
    );
    return;
  }
  if (targetIndex >= index) {
    fail(
      item.key,
      'showIf.item',
      'forms-definition-condition-forward',
      { target },
      `condition refers to item ${target}, which is not earlier`,
    );
    return;
  }
  const referenced = items[targetIndex]!;
  if (!CONDITIONABLE_TYPES.includes(referenced.type)) {
    fail(
      item.key,
      'showIf',
      'forms-definition-condition-type',
      { target },
      `a condition cannot test item ${target} of type ${referenced.type}`,
    );
    return;
  }
  const bad = (problem: string) => fail(item.key, 'showIf', 'forms-definition-condition-value', { target }, problem);
  const isOrdering =
    condition.gt !== undefined ||
    condition.gte !== undefined ||
    condition.lt !== undefined ||
    condition.lte !== undefined;
  if (isOrdering && !isNumericType(referenced.type)) {
    bad(`>, >=, <, <= need a numeric item, ${target} is ${referenced.type}`);
    return;
  }
  const values: unknown[] = [];
  if (condition.equals !== undefined) values.push(condition.equals);
  if (condition.notEquals !== undefined) values.push(condition.notEquals);
  if (condition.in !== undefined) values.push(...condition.in);
  if (condition.in !== undefined && referenced.type === 'yesNo') {
    bad(`use equals for yes/no item ${target}`);
    return;
  }
  for (const value of values) {
    if (referenced.type === 'yesNo' && typeof value !== 'boolean')
      bad(`item ${target} is yes/no: compare with true or false`);
    if (isNumericType(referenced.type) && typeof value !== 'number')
      bad(`item ${target} is numeric: compare with a number`);
    if (
      (referenced.type === 'singleChoice' || referenced.type === 'multipleChoice') &&
      !referenced.options.some((option) => option.id === value)
    ) {
      bad(`item ${target} has no option ${String(value)}`);
    }
  }
}

/** Case-, ё- and space-insensitive form of a label, for matching typed input and sheet cells. */
export function normaliseLabel(label: string): string {
  return label.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}
