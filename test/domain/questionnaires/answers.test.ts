import { describe, expect, it } from 'vitest';
import {
  formatAnswer,
  parseAnswer,
  validateValue,
  type AnswerValue,
} from '../../../src/domain/questionnaires/answers.ts';
import { loadQuestionnaire, type Item } from '../../../src/domain/questionnaires/model.ts';
import { t } from '../../../src/i18n.ts';

const q = loadQuestionnaire({
  id: 'answers-test',
  version: 1,
  title: 'Ответы',
  sections: [
    {
      title: 'Все типы',
      items: [
        { number: '1', type: 'percent', text: 'Доля' },
        { number: '2', type: 'integer', text: 'Количество', units: 'чел.' },
        { number: '3', type: 'decimal', text: 'Средний балл', validation: { max: 5 } },
        { number: '4', type: 'yesNo', text: 'Есть ли' },
        { number: '5', type: 'date', text: 'Дата', validation: { min: '2020-01-01' } },
        { number: '6', type: 'text', text: 'Текст', validation: { maxLength: 10 } },
        {
          number: '7',
          type: 'singleChoice',
          text: 'Уровень',
          options: [
            { id: 'municipal', label: 'Муниципальный' },
            { id: 'regional', label: 'Региональный' },
          ],
        },
        {
          number: '8',
          type: 'multipleChoice',
          text: 'Меры',
          options: [
            { id: 'a', label: 'Наставничество' },
            { id: 'b', label: 'Дополнительные занятия, консультации' },
            { id: 'c', label: 'ИОМ' },
          ],
        },
        { number: '9', type: 'document', text: 'Положение' },
        { number: '10', type: 'file', text: 'Файл', accept: ['photo'] },
        {
          number: '11',
          type: 'group',
          text: 'Олимпиады',
          validation: { max: 2 },
          fields: [
            { key: 'name', type: 'text', text: 'Название' },
            { key: 'participants', type: 'integer', text: 'Участников' },
          ],
        },
      ],
    },
  ],
});
const item = (key: string): Item => q.sections[0]!.items.find((i) => i.key === key)!;
const parsed = (key: string, input: string) => {
  const r = parseAnswer(item(key), input);
  return r.ok ? { value: r.value } : { reason: r.reason, params: r.params };
};

describe('parseAnswer: numbers', () => {
  it.each([
    ['12,5', { value: 12.5 }],
    ['12.5', { value: 12.5 }],
    ['12 %', { value: 12 }],
    ['12%', { value: 12 }],
    [' 0 ', { value: 0 }],
    ['100', { value: 100 }],
    ['-1', { reason: 'forms-error-percent-range', params: { value: -1, min: 0, max: 100 } }],
    ['101', { reason: 'forms-error-percent-range', params: { value: 101, min: 0, max: 100 } }],
    ['100,01', { reason: 'forms-error-percent-range', params: { value: 100.01, min: 0, max: 100 } }],
    ['abc', { reason: 'forms-error-percent-format', params: { input: 'abc', min: 0, max: 100 } }],
    ['12,5,1', { reason: 'forms-error-percent-format', params: { input: '12,5,1', min: 0, max: 100 } }],
    ['', { reason: 'forms-error-empty', params: {} }],
    ['   ', { reason: 'forms-error-empty', params: {} }],
  ])('percent «%s»', (input, expected) => {
    expect(parsed('1', input)).toEqual(expected);
  });

  it.each([
    ['12', { value: 12 }],
    ['1 200', { value: 1200 }],
    ['1\u00a0200', { value: 1200 }],
    ['0', { value: 0 }],
    ['-1', { reason: 'forms-error-number-too-small', params: { value: -1, min: 0 } }],
    ['12,5', { reason: 'forms-error-not-an-integer', params: { input: 12.5 } }],
    ['12%', { reason: 'forms-error-percent-not-expected', params: {} }],
    ['12 5', { reason: 'forms-error-integer-format', params: { input: '12 5' } }],
    ['двенадцать', { reason: 'forms-error-integer-format', params: { input: 'двенадцать' } }],
  ])('integer «%s»', (input, expected) => {
    expect(parsed('2', input)).toEqual(expected);
  });

  it.each([
    ['4,25', { value: 4.25 }],
    ['3.9', { value: 3.9 }],
    ['5,1', { reason: 'forms-error-number-range', params: { value: 5.1, min: 0, max: 5 } }],
    ['-0,5', { reason: 'forms-error-number-range', params: { value: -0.5, min: 0, max: 5 } }],
  ])('decimal «%s»', (input, expected) => {
    expect(parsed('3', input)).toEqual(expected);
  });
});

describe('parseAnswer: other types', () => {
  it.each([
    ['да', true],
    ['Да', true],
    ['нет', false],
    ['НЕТ.', false],
  ])('yes/no «%s»', (input, value) => {
    expect(parsed('4', input)).toEqual({ value });
  });

  it('rejects a yes/no answer that is neither', () => {
    expect(parsed('4', 'может быть')).toEqual({ reason: 'forms-error-not-yes-no', params: { input: 'может быть' } });
  });

  it.each([
    ['01.09.2024', { value: '2024-09-01' }],
    ['1.9.2024', { value: '2024-09-01' }],
    ['01/09/2024', { value: '2024-09-01' }],
    ['2024-09-01', { value: '2024-09-01' }],
    ['01.09.2024 г.', { value: '2024-09-01' }],
    ['31.02.2024', { reason: 'forms-error-not-a-date', params: { input: '31.02.2024' } }],
    ['сентябрь', { reason: 'forms-error-not-a-date', params: { input: 'сентябрь' } }],
    ['01.09.2019', { reason: 'forms-error-date-out-of-range', params: { min: '01.01.2020', max: '—' } }],
  ])('date «%s»', (input, expected) => {
    expect(parsed('5', input)).toEqual(expected);
  });

  it('limits text length', () => {
    expect(parsed('6', '  коротко  ')).toEqual({ value: 'коротко' });
    expect(parsed('6', 'слишком длинный ответ')).toEqual({
      reason: 'forms-error-text-too-long',
      params: { max: 10, length: 21 },
    });
  });

  it('matches a choice by label, number or id', () => {
    expect(parsed('7', 'региональный')).toEqual({ value: 'regional' });
    expect(parsed('7', '1')).toEqual({ value: 'municipal' });
    expect(parsed('7', 'regional')).toEqual({ value: 'regional' });
    expect(parsed('7', 'федеральный')).toMatchObject({
      reason: 'forms-error-unknown-option',
      params: { input: 'федеральный' },
    });
  });

  it('parses several choices, keeping labels with commas whole, in option order', () => {
    expect(parsed('8', 'ИОМ; Дополнительные занятия, консультации')).toEqual({ value: ['b', 'c'] });
    expect(parsed('8', 'иом, наставничество')).toEqual({ value: ['a', 'c'] });
    expect(parsed('8', 'ИОМ; тьюторы')).toMatchObject({
      reason: 'forms-error-unknown-option',
      params: { input: 'тьюторы' },
    });
  });

  it.each([
    ['№ 12 от 01.09.2024 Положение о ВСОКО', { number: '12', date: '2024-09-01', title: 'Положение о ВСОКО' }],
    [
      'Положение о ВСОКО, приказ №45-од от 1.9.2023',
      { number: '45-од', date: '2023-09-01', title: 'Положение о ВСОКО, приказ' },
    ],
    ['Соглашение с МОЦ б/н от 10.01.2021', { number: 'б/н', date: '2021-01-10', title: 'Соглашение с МОЦ' }],
    ['Положение о ВСОКО № 7 от 01.09.2024 г.', { number: '7', date: '2024-09-01', title: 'Положение о ВСОКО' }],
  ])('document requisites «%s»', (input, value) => {
    expect(parsed('9', input)).toEqual({ value });
  });

  it('says which part of the requisites is missing', () => {
    expect(parsed('9', 'Положение о ВСОКО от 01.09.2024')).toEqual({
      reason: 'forms-error-document-no-number',
      params: {},
    });
    expect(parsed('9', '№ 12 Положение о ВСОКО')).toEqual({ reason: 'forms-error-document-no-date', params: {} });
    expect(parsed('9', '№ 12 от 01.09.2024')).toEqual({ reason: 'forms-error-document-no-title', params: {} });
    expect(parsed('9', '№ 12 от 32.09.2024 Положение')).toEqual({
      reason: 'forms-error-document-bad-date',
      params: { input: '32.09.2024' },
    });
  });

  it('asks for an attachment instead of text for files, and row by row for groups', () => {
    expect(parsed('10', 'вот файл')).toEqual({ reason: 'forms-error-file-expected', params: {} });
    expect(parsed('11', 'олимпиада')).toEqual({ reason: 'forms-error-group-stepwise', params: {} });
  });
});

describe('validateValue', () => {
  it('checks files by kind', () => {
    expect(validateValue(item('10'), { fileId: 'AgAD', kind: 'photo' }).ok).toBe(true);
    expect(validateValue(item('10'), { fileId: 'BQAD', kind: 'document', name: 'plan.pdf' })).toMatchObject({
      reason: 'forms-error-photo-expected',
    });
  });

  it('checks group rows field by field and the row limit', () => {
    const group = item('11');
    expect(validateValue(group, [{ name: 'ВсОШ', participants: 12 }]).ok).toBe(true);
    expect(validateValue(group, [])).toEqual({ ok: true, value: [] });
    expect(validateValue(group, [{ name: 'ВсОШ' }])).toMatchObject({
      reason: 'forms-error-group-field-missing',
      params: { row: 1, field: 'Участников' },
    });
    expect(validateValue(group, [{ name: 'ВсОШ', participants: -2 }])).toMatchObject({
      reason: 'forms-error-number-too-small',
      params: { row: 1 },
    });
    expect(
      validateValue(
        group,
        [1, 2, 3].map(() => ({ name: 'x', participants: 1 })),
      ),
    ).toMatchObject({ reason: 'forms-error-group-too-many-rows', params: { max: 2 } });
  });

  it('rejects a multiple choice without any option by default', () => {
    expect(validateValue(item('8'), [])).toEqual({
      ok: false,
      reason: 'forms-error-too-few-selected',
      params: { min: 1 },
    });
  });
});

describe('formatAnswer', () => {
  it.each([
    ['1', 12.5, '12,5 %'],
    ['2', 1200, '1200 чел.'],
    ['4', true, 'да'],
    ['4', false, 'нет'],
    ['5', '2024-09-01', '01.09.2024'],
    ['7', 'regional', 'Региональный'],
    ['8', ['a', 'c'], 'Наставничество, ИОМ'],
    ['9', { number: '12', date: '2024-09-01', title: 'Положение о ВСОКО' }, 'Положение о ВСОКО, № 12 от 01.09.2024'],
    ['10', { fileId: 'AgAD', kind: 'photo' }, 'фотография'],
    [
      '11',
      [
        { name: 'ВсОШ', participants: 12 },
        { name: 'Турнир', participants: 3 },
      ],
      '1) Название: ВсОШ; Участников: 12\n2) Название: Турнир; Участников: 3',
    ],
    ['11', [], 'нет записей'],
    ['6', null, '—'],
  ] as [string, AnswerValue | null, string][])('item %s: %j → %s', (key, value, text) => {
    expect(formatAnswer(item(key), value, t)).toBe(text);
  });

  it('shows a value that does not fit the definition instead of hiding it', () => {
    expect(formatAnswer(item('4'), 7, t)).toBe('7');
  });
});
