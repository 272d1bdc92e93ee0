/**
 * Coordinators' own questionnaires from a spreadsheet (issue #5, built-in list item 4).
 * Columns: Раздел, №, Вопрос, Тип, Обязательный, Варианты, Условие, Подсказка.
 * Cells arrive as strings (the xlsx adapter reads them); this module turns them into a
 * definition or row-precise errors, like the results import.
 *
 * Accepted spellings (case, «ё» and spaces do not matter; documented for users in
 * `forms-template-notes`):
 * - Тип: «да/нет»; «целое» (количество); «число» (дробное); «процент» («доля», «%»); «текст»;
 *   «дата»; «один из»; «несколько из»; «реквизиты» (реквизиты документа); «файл» («фото»);
 *   «список» (повторяющаяся группа). Numbers and text take limits: «целое от 1 до 40»,
 *   «процент до 50», «текст до 500».
 * - Обязательный: «да» / «нет» (also «+», «-», «1», «0»); empty means «да».
 * - Варианты: for «один из» / «несколько из», options separated by «;» or new lines.
 *   For «список», the fields: «Название (текст); Уровень (один из: школьный, муниципальный);
 *   Победителей (целое, необязательно)».
 * - Условие: «6.1 = да», «2.1 > 10», «2.1 >= 10», «2.1 < 5», «3 = Городская» (a choice label),
 *   «3 = Городская; Сельская» (any of them), «3 ≠ Городская». The item must be earlier.
 * - Раздел: an empty cell continues the section above (merged cells read as empty).
 */
import { parseNumberText } from '../numberText.ts';
import {
  normaliseLabel,
  validateQuestionnaire,
  type ItemDefinition,
  type ItemType,
  type MessageParams,
  type Questionnaire,
  type QuestionnaireDefinition,
  type SectionDefinition,
  type ShowIf,
} from './model.ts';

export const SHEET_COLUMNS = [
  'Раздел',
  '№',
  'Вопрос',
  'Тип',
  'Обязательный',
  'Варианты',
  'Условие',
  'Подсказка',
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** One data row as read from the sheet; `rowNumber` is the spreadsheet's row number. */
export interface SheetRow {
  rowNumber: number;
  section: string;
  number: string;
  text: string;
  type: string;
  required: string;
  options: string;
  condition: string;
  hint: string;
}

interface SheetError {
  /** spreadsheet row; null for whole-sheet problems */
  row: number | null;
  column: SheetColumn | null;
  code: string;
  params: MessageParams;
}

export interface SheetQuestionnaireMeta {
  id: string;
  title: string;
  version: number;
  description?: string;
}

export type SheetConversion =
  | { ok: true; definition: QuestionnaireDefinition; questionnaire: Questionnaire }
  | { ok: false; errors: SheetError[] };

/** Canonical spelling of each type, as written by the template. */
export const SHEET_TYPE_NAMES: Record<ItemType, string> = {
  yesNo: 'да/нет',
  integer: 'целое',
  decimal: 'число',
  percent: 'процент',
  text: 'текст',
  date: 'дата',
  singleChoice: 'один из',
  multipleChoice: 'несколько из',
  document: 'реквизиты',
  file: 'файл',
  group: 'список',
};

/** Every accepted spelling (normalised) → type. */
export const SHEET_TYPE_SPELLINGS: Readonly<Record<string, ItemType>> = {
  'да/нет': 'yesNo',
  'да-нет': 'yesNo',
  'да или нет': 'yesNo',
  целое: 'integer',
  'целое число': 'integer',
  количество: 'integer',
  число: 'decimal',
  дробное: 'decimal',
  'дробное число': 'decimal',
  десятичное: 'decimal',
  'десятичное число': 'decimal',
  процент: 'percent',
  проценты: 'percent',
  '%': 'percent',
  доля: 'percent',
  'доля (%)': 'percent',
  'доля, %': 'percent',
  текст: 'text',
  строка: 'text',
  дата: 'date',
  'один из': 'singleChoice',
  выбор: 'singleChoice',
  'выбор одного': 'singleChoice',
  'один вариант': 'singleChoice',
  'несколько из': 'multipleChoice',
  'выбор нескольких': 'multipleChoice',
  'несколько вариантов': 'multipleChoice',
  реквизиты: 'document',
  'реквизиты документа': 'document',
  файл: 'file',
  фото: 'file',
  'файл или фото': 'file',
  список: 'group',
  таблица: 'group',
};

const REQUIRED_YES = new Set(['', 'да', '+', '1', 'true', 'yes', 'обязательный', 'обязательно']);
const REQUIRED_NO = new Set(['нет', '-', '0', 'false', 'no', 'необязательный', 'необязательно']);

const NUMBER_CELL = /^\d+(\.\d+)*\.?$/;

function normaliseCell(value: string): string {
  return normaliseLabel(value)
    .replace(/\s*\/\s*/g, '/')
    .replace(/[.]+$/, '');
}

interface TypeSpec {
  type: ItemType;
  min?: number;
  max?: number;
}

type TypeResult = { ok: true; spec: TypeSpec } | { ok: false; code: string; params: MessageParams };

/** «целое от 1 до 40» → integer 1..40; «текст до 500» → text, maxLength 500. */
export function parseTypeCell(cell: string): TypeResult {
  const text = normaliseCell(cell);
  if (text === '') return { ok: false, code: 'forms-sheet-type-missing', params: {} };
  const direct = SHEET_TYPE_SPELLINGS[text];
  if (direct) return { ok: true, spec: { type: direct } };
  const bounded = /^(.+?)\s*\(?\s*((?:от|до)\s.*?)\s*\)?$/.exec(text);
  const type = bounded ? SHEET_TYPE_SPELLINGS[bounded[1]!.replace(/,$/, '')] : undefined;
  if (!bounded || !type) return { ok: false, code: 'forms-sheet-type-unknown', params: { value: cell.trim() } };
  const limits = /^(?:от\s*(-?[\d\s]*[.,]?\d+))?\s*(?:до\s*(-?[\d\s]*[.,]?\d+))?\s*(?:символов|знаков)?$/.exec(
    bounded[2]!,
  );
  const min = limits?.[1] !== undefined ? parseNumberText(limits[1])?.value : undefined;
  const max = limits?.[2] !== undefined ? parseNumberText(limits[2])?.value : undefined;
  if (!limits || (limits[1] !== undefined && min === undefined) || (limits[2] !== undefined && max === undefined)) {
    return { ok: false, code: 'forms-sheet-type-limits-invalid', params: { value: cell.trim() } };
  }
  if (!['integer', 'decimal', 'percent', 'text'].includes(type)) {
    return { ok: false, code: 'forms-sheet-type-limits-unexpected', params: { value: cell.trim() } };
  }
  if ((type === 'integer' || type === 'text') && [min, max].some((n) => n !== undefined && !Number.isInteger(n))) {
    return { ok: false, code: 'forms-sheet-type-limits-invalid', params: { value: cell.trim() } };
  }
  if (type === 'percent' && [min, max].some((n) => n !== undefined && (n < 0 || n > 100))) {
    return { ok: false, code: 'forms-sheet-type-limits-invalid', params: { value: cell.trim() } };
  }
  if (type === 'text' && [min, max].some((n) => n !== undefined && (n < 1 || n > 4000))) {
    return { ok: false, code: 'forms-sheet-type-limits-invalid', params: { value: cell.trim() } };
  }
  if (min !== undefined && max !== undefined && min > max) {
    return { ok: false, code: 'forms-sheet-type-limits-invalid', params: { value: cell.trim() } };
  }
  return { ok: true, spec: { type, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) } };
}

/** Splits on «;» and new lines outside parentheses. */
function splitList(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of cell) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ';' || ch === '\n')) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function choiceOptions(labels: readonly string[]) {
  return labels.map((label, index) => ({ id: String(index + 1), label }));
}

type Built<T> = { ok: true; value: T } | { ok: false; code: string; params: MessageParams };

function validationFor(spec: TypeSpec): Record<string, unknown> {
  if (spec.min === undefined && spec.max === undefined) return {};
  if (spec.type === 'text') {
    return {
      validation: {
        ...(spec.min !== undefined ? { minLength: spec.min } : {}),
        ...(spec.max !== undefined ? { maxLength: spec.max } : {}),
      },
    };
  }
  return {
    validation: {
      ...(spec.min !== undefined ? { min: spec.min } : {}),
      ...(spec.max !== undefined ? { max: spec.max } : {}),
    },
  };
}

/** «Название (текст); Уровень (один из: школьный, муниципальный); Победителей (целое, необязательно)» */
function groupFields(cell: string): Built<unknown[]> {
  const pieces = splitList(cell);
  if (pieces.length === 0) return { ok: false, code: 'forms-sheet-group-fields-missing', params: {} };
  const fields: unknown[] = [];
  for (const [index, piece] of pieces.entries()) {
    const m = /^(.+?)\s*\((.+)\)$/s.exec(piece);
    if (!m) return { ok: false, code: 'forms-sheet-group-field-syntax', params: { field: piece } };
    const label = m[1]!.trim();
    let spec = m[2]!.trim();
    const colon = spec.indexOf(':');
    const optionText = colon >= 0 ? spec.slice(colon + 1) : '';
    spec = colon >= 0 ? spec.slice(0, colon) : spec;
    let required = true;
    const optional = /,\s*(необязательно|необязательный|необязательное)$/i.exec(spec);
    if (optional) {
      required = false;
      spec = spec.slice(0, optional.index);
    }
    const type = parseTypeCell(spec);
    if (!type.ok || type.spec.type === 'group' || type.spec.type === 'file') {
      return { ok: false, code: 'forms-sheet-group-field-type', params: { field: label, value: spec.trim() } };
    }
    const field: Record<string, unknown> = {
      key: `f${index + 1}`,
      type: type.spec.type,
      text: label,
      required,
      ...validationFor(type.spec),
    };
    if (type.spec.type === 'singleChoice' || type.spec.type === 'multipleChoice') {
      const labels = optionText
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== '');
      if (labels.length < 2) return { ok: false, code: 'forms-sheet-group-field-options', params: { field: label } };
      field.options = choiceOptions(labels);
    } else if (optionText.trim() !== '') {
      return { ok: false, code: 'forms-sheet-group-field-syntax', params: { field: piece } };
    }
    fields.push(field);
  }
  return { ok: true, value: fields };
}

interface KnownItem {
  row: number;
  type: ItemType;
  options: { id: string; label: string }[];
}

const OPERATORS: Record<string, keyof ShowIf> = {
  '=': 'equals',
  '==': 'equals',
  '≠': 'notEquals',
  '!=': 'notEquals',
  '<>': 'notEquals',
  '>': 'gt',
  '>=': 'gte',
  '≥': 'gte',
  '<': 'lt',
  '<=': 'lte',
  '≤': 'lte',
};

/** «6.1 = да», «2.1 > 10», «3 = Городская; Сельская», «3 ≠ Городская». */
function parseConditionCell(
  cell: string,
  earlier: ReadonlyMap<string, KnownItem>,
  later: ReadonlySet<string>,
  broken: ReadonlySet<string> = new Set(),
): Built<ShowIf> {
  const text = cell.trim().replace(/^если\s+/i, '');
  const m = /^(\d+(?:\.\d+)*)\.?\s*(==|=|≠|!=|<>|>=|≥|<=|≤|>|<)\s*(.+)$/s.exec(text);
  if (!m) return { ok: false, code: 'forms-sheet-condition-syntax', params: { value: cell.trim() } };
  const [, target = '', symbol = '', rawValue = ''] = m;
  const operator = OPERATORS[symbol]!;
  const known = earlier.get(target);
  if (!known) {
    if (broken.has(target)) return { ok: false, code: 'forms-sheet-condition-broken-item', params: { item: target } };
    return later.has(target)
      ? { ok: false, code: 'forms-sheet-condition-forward', params: { item: target } }
      : { ok: false, code: 'forms-sheet-condition-unknown-item', params: { item: target } };
  }
  const ordering = operator === 'gt' || operator === 'gte' || operator === 'lt' || operator === 'lte';
  switch (known.type) {
    case 'yesNo': {
      const word = normaliseCell(rawValue);
      if (ordering || (word !== 'да' && word !== 'нет')) {
        return { ok: false, code: 'forms-sheet-condition-yes-no', params: { item: target } };
      }
      return { ok: true, value: { item: target, [operator]: word === 'да' } as ShowIf };
    }
    case 'integer':
    case 'decimal':
    case 'percent': {
      const number = parseNumberText(rawValue);
      if (!number)
        return { ok: false, code: 'forms-sheet-condition-number', params: { item: target, value: rawValue.trim() } };
      return { ok: true, value: { item: target, [operator]: number.value } as ShowIf };
    }
    case 'singleChoice':
    case 'multipleChoice': {
      if (ordering) return { ok: false, code: 'forms-sheet-condition-choice-operator', params: { item: target } };
      const labels = splitList(rawValue);
      const ids: string[] = [];
      for (const label of labels) {
        const option = known.options.find((o) => normaliseLabel(o.label) === normaliseLabel(label));
        if (!option) {
          return {
            ok: false,
            code: 'forms-sheet-condition-option',
            params: { item: target, value: label, options: known.options.map((o) => `«${o.label}»`).join(', ') },
          };
        }
        ids.push(option.id);
      }
      if (ids.length > 1 && operator === 'notEquals') {
        return { ok: false, code: 'forms-sheet-condition-syntax', params: { value: cell.trim() } };
      }
      return {
        ok: true,
        value: (ids.length > 1 ? { item: target, in: ids } : { item: target, [operator]: ids[0] }) as ShowIf,
      };
    }
    default:
      return { ok: false, code: 'forms-sheet-condition-type', params: { item: target } };
  }
}

const isBlankRow = (row: SheetRow) =>
  [row.section, row.number, row.text, row.type, row.required, row.options, row.condition, row.hint].every(
    (cell) => cell.trim() === '',
  );

/** Converts sheet rows into a validated questionnaire, or lists every problem by row and column. */
export function fromSheetRows(rows: readonly SheetRow[], meta: SheetQuestionnaireMeta): SheetConversion {
  const errors: SheetError[] = [];
  const error = (row: number | null, column: SheetColumn | null, code: string, params: MessageParams = {}) =>
    errors.push({ row, column, code, params });

  const dataRows = rows.filter((row) => !isBlankRow(row));
  if (dataRows.length === 0) {
    error(null, null, 'forms-sheet-empty');
    return { ok: false, errors };
  }

  // All numbers first, so a condition on a later item says «later», not «unknown».
  const allNumbers = new Set(dataRows.map((row) => row.number.trim().replace(/\.$/, '')).filter((n) => n !== ''));

  const sections: SectionDefinition[] = [];
  const sectionFirstRow = new Map<string, number>();
  let currentSection = null as { title: string; items: ItemDefinition[] } | null;
  const earlier = new Map<string, KnownItem>();
  const rowOfItem = new Map<string, number>();
  const seenNumbers = new Set<string>();

  for (const row of dataRows) {
    const at = row.rowNumber;

    // Раздел
    const sectionTitle = row.section.trim();
    if (sectionTitle !== '' && sectionTitle !== currentSection?.title) {
      const seen = sectionFirstRow.get(normaliseLabel(sectionTitle));
      if (seen !== undefined)
        error(at, 'Раздел', 'forms-sheet-section-repeated', { section: sectionTitle, first: String(seen) });
      sectionFirstRow.set(normaliseLabel(sectionTitle), at);
      currentSection = { title: sectionTitle, items: [] };
      sections.push(currentSection as SectionDefinition);
    } else if (!currentSection) {
      currentSection = { title: meta.title, items: [] };
      sections.push(currentSection as SectionDefinition);
    }

    // №
    const number = row.number.trim().replace(/\.$/, '');
    let numberOk = true;
    if (number === '') {
      error(at, '№', 'forms-sheet-number-missing');
      numberOk = false;
    } else if (!NUMBER_CELL.test(row.number.trim())) {
      error(at, '№', 'forms-sheet-number-invalid', { value: row.number.trim() });
      numberOk = false;
    } else if (rowOfItem.has(number)) {
      error(at, '№', 'forms-sheet-number-duplicate', { value: number, first: String(rowOfItem.get(number)!) });
      numberOk = false;
    }

    // Вопрос
    const text = row.text.trim();
    if (text === '') error(at, 'Вопрос', 'forms-sheet-text-missing');

    // Тип
    const typeResult = parseTypeCell(row.type);
    if (!typeResult.ok) error(at, 'Тип', typeResult.code, typeResult.params);

    // Обязательный
    const requiredCell = normaliseCell(row.required);
    let required = true;
    if (REQUIRED_NO.has(requiredCell)) required = false;
    else if (!REQUIRED_YES.has(requiredCell))
      error(at, 'Обязательный', 'forms-sheet-required-invalid', { value: row.required.trim() });

    // Варианты
    const extra: Record<string, unknown> = {};
    let options: { id: string; label: string }[] = [];
    if (typeResult.ok) {
      const { type } = typeResult.spec;
      Object.assign(extra, validationFor(typeResult.spec));
      if (type === 'singleChoice' || type === 'multipleChoice') {
        const labels = splitList(row.options);
        const duplicate = labels.find(
          (label, i) => labels.findIndex((l) => normaliseLabel(l) === normaliseLabel(label)) !== i,
        );
        if (labels.length === 0) error(at, 'Варианты', 'forms-sheet-options-missing');
        else if (labels.length < 2) error(at, 'Варианты', 'forms-sheet-options-too-few');
        else if (duplicate !== undefined) error(at, 'Варианты', 'forms-sheet-options-duplicate', { value: duplicate });
        else {
          options = choiceOptions(labels);
          extra.options = options;
        }
      } else if (type === 'group') {
        const fields = groupFields(row.options);
        if (fields.ok) extra.fields = fields.value;
        else error(at, 'Варианты', fields.code, fields.params);
      } else if (row.options.trim() !== '') {
        error(at, 'Варианты', 'forms-sheet-options-unexpected', { type: SHEET_TYPE_NAMES[type] });
      }
    }

    // Условие (on earlier rows only; this row's own number is not earlier)
    if (row.condition.trim() !== '') {
      const broken = new Set([...seenNumbers].filter((n) => !earlier.has(n)));
      const later = new Set([...allNumbers].filter((n) => !seenNumbers.has(n)));
      const condition = parseConditionCell(row.condition, earlier, later, broken);
      if (condition.ok) extra.showIf = condition.value;
      else error(at, 'Условие', condition.code, condition.params);
    }

    if (number !== '') seenNumbers.add(number);
    const hint = row.hint.trim();
    if (numberOk && typeResult.ok) {
      rowOfItem.set(number, at);
      earlier.set(number, { row: at, type: typeResult.spec.type, options });
      currentSection.items.push({
        number,
        type: typeResult.spec.type,
        text: text || number,
        required,
        ...(hint ? { hint } : {}),
        ...extra,
      } as ItemDefinition);
    } else if (numberOk) {
      rowOfItem.set(number, at);
    }
  }

  if (errors.length > 0) return { ok: false, errors };

  const definition: QuestionnaireDefinition = {
    id: meta.id,
    version: meta.version,
    title: meta.title,
    ...(meta.description ? { description: meta.description } : {}),
    sections: sections.filter((s) => s.items.length > 0),
  };
  const validated = validateQuestionnaire(definition);
  if (!validated.ok) {
    return {
      ok: false,
      errors: validated.errors.map((e) => ({
        row: e.item ? (rowOfItem.get(e.item.split('/')[0]!) ?? null) : null,
        column: null,
        code: e.code,
        params: e.params,
      })),
    };
  }
  return { ok: true, definition, questionnaire: validated.questionnaire };
}

/**
 * The template `kurator template questionnaire` writes: column headers, example rows (after
 * seed 003 §4.3, «Профилактика учебной неуспешности»), and the notes key explaining the columns.
 */
export const QUESTIONNAIRE_TEMPLATE = {
  columns: SHEET_COLUMNS,
  notesKey: 'forms-template-notes',
  exampleRows: [
    [
      'Профилактика учебной неуспешности',
      '1',
      'В ОУ сформирована внутришкольная система профилактики учебной неуспешности',
      'да/нет',
      'да',
      '',
      '',
      '',
    ],
    [
      '',
      '1.1',
      'Реквизиты положения о внутришкольной системе профилактики',
      'реквизиты',
      'нет',
      '',
      '1 = да',
      'Например: № 12 от 01.09.2024 Положение о системе профилактики учебной неуспешности',
    ],
    [
      '',
      '2',
      'Доля слабоуспевающих и неуспевающих обучающихся, для которых разработан индивидуальный образовательный маршрут',
      'процент',
      'да',
      '',
      '',
      'От числа слабоуспевающих и неуспевающих обучающихся',
    ],
    [
      '',
      '3',
      'Количество обучающихся, посещающих дополнительные занятия с целью ликвидации отставания',
      'целое',
      'да',
      '',
      '',
      '',
    ],
    ['', '3.1', 'Какие дополнительные занятия проводятся', 'текст до 500', 'нет', '', '3 > 0', ''],
    [
      'Меры и мероприятия',
      '4',
      'Какие меры применяются в ОУ',
      'несколько из',
      'да',
      'Индивидуальные образовательные маршруты; Ученическое наставничество; Дополнительные занятия',
      '',
      '',
    ],
    [
      '',
      '5',
      'Дата родительского собрания по профилактике учебной неуспешности',
      'дата',
      'нет',
      '',
      '',
      'Например: 15.10.2024',
    ],
    [
      '',
      '6',
      'Участие в олимпиадах',
      'список',
      'нет',
      'Олимпиада (текст); Уровень (один из: школьный, муниципальный, региональный); Участников (целое)',
      '',
      '',
    ],
    ['', '7', 'План работы со слабоуспевающими обучающимися', 'файл', 'нет', '', '', 'Пришлите файл или фотографию'],
  ] as const satisfies readonly (readonly string[])[],
} as const;

/** The template's example rows as `SheetRow`s (data starts on row 2, under the headers). */
export function templateExampleRows(): SheetRow[] {
  return QUESTIONNAIRE_TEMPLATE.exampleRows.map(
    ([section, number, text, type, required, options, condition, hint], index) => ({
      rowNumber: index + 2,
      section,
      number,
      text,
      type,
      required,
      options,
      condition,
      hint,
    }),
  );
}
