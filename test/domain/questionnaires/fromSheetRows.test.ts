import { describe, expect, it } from 'vitest';
import {
  SHEET_TYPE_SPELLINGS,
  fromSheetRows,
  parseTypeCell,
  templateExampleRows,
  type SheetRow,
} from '../../../src/domain/questionnaires/fromSheetRows.ts';
import { ITEM_TYPES, allItems } from '../../../src/domain/questionnaires/model.ts';
import { t } from '../../../src/i18n.ts';

const meta = { id: 'coordinator-form', title: 'Анкета координатора', version: 1 };

type Cells = [string, string, string, string, string?, string?, string?, string?];
const rows = (...cells: Cells[]): SheetRow[] =>
  cells.map(([section, number, text, type, required = '', options = '', condition = '', hint = ''], index) => ({
    rowNumber: index + 2,
    section,
    number,
    text,
    type,
    required,
    options,
    condition,
    hint,
  }));

describe('fromSheetRows', () => {
  it('builds a questionnaire with sections, types, options and conditions', () => {
    const result = fromSheetRows(
      rows(
        ['Кадры', '1', 'Есть ли педагог-психолог', 'Да/Нет'],
        ['', '1.1', 'Сколько ставок', 'число от 0,25 до 5', 'нет', '', '1 = да'],
        ['', '2', 'Доля учителей с нагрузкой 36 часов и более', 'доля (%)', '+'],
        ['Контингент', '3', 'Тип поселения', 'один из', '', 'Городская; Сельская\nПосёлок'],
        ['', '3.1', 'Есть ли подвоз', 'да/нет', '', '', '3 = Сельская; Посёлок'],
        ['', '4', 'Меры', 'несколько из', 'да', 'ИОМ; Наставничество', '', 'Отметьте все'],
        ['', '5.', 'Комментарий', 'текст до 300', 'нет', '', '2 >= 10,5'],
        [
          '',
          '6',
          'Олимпиады',
          'список',
          'нет',
          'Олимпиада (текст); Уровень (один из: школьный, муниципальный); Победителей (целое, необязательно)',
        ],
        ['', '7', 'Положение', 'реквизиты'],
        ['', '8', 'Дата совета', 'дата'],
        ['', '9', 'Фото стенда', 'фото', 'нет'],
      ),
      meta,
    );
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const q = result.questionnaire;
    expect(q.sections.map((s) => [s.title, s.items.map((i) => i.key)])).toEqual([
      ['Кадры', ['1', '1.1', '2']],
      ['Контингент', ['3', '3.1', '4', '5', '6', '7', '8', '9']],
    ]);
    const items = Object.fromEntries(allItems(q).map((i) => [i.key, i]));
    expect(items['1.1']).toMatchObject({
      type: 'decimal',
      required: false,
      validation: { min: 0.25, max: 5 },
      showIf: { item: '1', equals: true },
    });
    expect(items['2']).toMatchObject({ type: 'percent', required: true });
    expect(items['3']).toMatchObject({
      type: 'singleChoice',
      options: [
        { id: '1', label: 'Городская' },
        { id: '2', label: 'Сельская' },
        { id: '3', label: 'Посёлок' },
      ],
    });
    expect(items['3.1']).toMatchObject({ showIf: { item: '3', in: ['2', '3'] } });
    expect(items['4']).toMatchObject({ type: 'multipleChoice', hint: 'Отметьте все' });
    expect(items['5']).toMatchObject({
      type: 'text',
      validation: { maxLength: 300 },
      showIf: { item: '2', gte: 10.5 },
    });
    expect(items['6']).toMatchObject({
      type: 'group',
      fields: [
        { key: 'f1', type: 'text', text: 'Олимпиада', required: true },
        {
          key: 'f2',
          type: 'singleChoice',
          text: 'Уровень',
          options: [
            { id: '1', label: 'школьный' },
            { id: '2', label: 'муниципальный' },
          ],
        },
        { key: 'f3', type: 'integer', text: 'Победителей', required: false },
      ],
    });
    expect(items['7']?.type).toBe('document');
    expect(items['8']?.type).toBe('date');
    expect(items['9']?.type).toBe('file');
  });

  it('reports every broken row with its row number and column', () => {
    const result = fromSheetRows(
      rows(
        ['Раздел А', '1', 'Есть ли', 'да/нет'],
        ['', '1', 'Повтор номера', 'целое'],
        ['', '2', '', 'целое'],
        ['', '3', 'Шкала', 'шкала'],
        ['', '4', 'Выбор', 'один из', 'да', 'Только один'],
        ['', '5', 'Число', 'целое', 'может быть', 'лишние; варианты'],
        ['', '6', 'Условие вперёд', 'текст', '', '', '9 = да'],
        ['', '7', 'Условие на неизвестный', 'текст', '', '', '42 > 1'],
        ['', 'пункт 8', 'Плохой номер', 'текст'],
        ['', '9', 'Да/нет для условия', 'да/нет', '', '', '1 > 3'],
        ['Раздел Б', '10', 'Уровень', 'один из', '', 'Школьный; Районный'],
        ['', '11', 'Условие по варианту', 'текст', '', '', '10 = Федеральный'],
        ['', '12', 'Непонятное условие', 'текст', '', '', 'если 10 примерно Школьный'],
        ['Раздел А', '13', 'Раздел снова', 'процент от 0 до 120'],
        ['', '14', 'Список', 'список', '', 'Название; Уровень (шкала)'],
        ['', '15', 'Условие на вопрос с ошибкой', 'текст', '', '', '3 = да'],
        ['', '16', 'Условие на себя', 'целое', '', '', '16 > 1'],
      ),
      meta,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '№', 'forms-sheet-number-duplicate'],
      [4, 'Вопрос', 'forms-sheet-text-missing'],
      [5, 'Тип', 'forms-sheet-type-unknown'],
      [6, 'Варианты', 'forms-sheet-options-too-few'],
      [7, 'Обязательный', 'forms-sheet-required-invalid'],
      [7, 'Варианты', 'forms-sheet-options-unexpected'],
      [8, 'Условие', 'forms-sheet-condition-forward'],
      [9, 'Условие', 'forms-sheet-condition-unknown-item'],
      [10, '№', 'forms-sheet-number-invalid'],
      [11, 'Условие', 'forms-sheet-condition-yes-no'],
      [13, 'Условие', 'forms-sheet-condition-option'],
      [14, 'Условие', 'forms-sheet-condition-syntax'],
      [15, 'Раздел', 'forms-sheet-section-repeated'],
      [15, 'Тип', 'forms-sheet-type-limits-invalid'],
      [16, 'Варианты', 'forms-sheet-group-field-syntax'],
      [17, 'Условие', 'forms-sheet-condition-broken-item'],
      [18, 'Условие', 'forms-sheet-condition-forward'],
    ]);
    const duplicate = result.errors[0]!;
    expect(t(duplicate.code, duplicate.params)).toBe(
      'Номер 1 уже есть в строке 2. Номера вопросов не должны повторяться.',
    );
    const option = result.errors.find((e) => e.code === 'forms-sheet-condition-option')!;
    expect(t(option.code, option.params)).toBe(
      'У вопроса 10 нет варианта «Федеральный». Варианты: «Школьный», «Районный».',
    );
  });

  it('skips blank rows and reports an empty sheet', () => {
    expect(fromSheetRows(rows(['', '', '', '']), meta)).toEqual({
      ok: false,
      errors: [{ row: null, column: null, code: 'forms-sheet-empty', params: {} }],
    });
  });

  it('puts rows before the first section title into a section named after the questionnaire', () => {
    const result = fromSheetRows(rows(['', '1', 'Вопрос', 'текст']), meta);
    expect(result.ok && result.questionnaire.sections.map((s) => s.title)).toEqual(['Анкета координатора']);
  });

  it('accepts every documented type spelling and covers every type', () => {
    for (const [spelling, type] of Object.entries(SHEET_TYPE_SPELLINGS)) {
      expect(parseTypeCell(spelling.toUpperCase())).toEqual({ ok: true, spec: { type } });
    }
    expect(new Set(Object.values(SHEET_TYPE_SPELLINGS))).toEqual(new Set(ITEM_TYPES));
    expect(parseTypeCell('Целое от 1 до 40')).toEqual({ ok: true, spec: { type: 'integer', min: 1, max: 40 } });
    expect(parseTypeCell('текст (до 500 символов)')).toEqual({ ok: true, spec: { type: 'text', max: 500 } });
    expect(parseTypeCell('дата до 5')).toMatchObject({ ok: false, code: 'forms-sheet-type-limits-unexpected' });
  });

  it('converts the template example without errors', () => {
    const result = fromSheetRows(templateExampleRows(), { id: 'template-example', title: 'Пример', version: 1 });
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(result.ok && allItems(result.questionnaire).map((i) => `${i.key}:${i.type}`)).toEqual([
      '1:yesNo',
      '1.1:document',
      '2:percent',
      '3:integer',
      '3.1:text',
      '4:multipleChoice',
      '5:date',
      '6:group',
      '7:file',
    ]);
  });
});
