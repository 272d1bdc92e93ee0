import { describe, expect, it } from 'vitest';
import {
  loadQuestionnaire,
  validateQuestionnaire,
  type QuestionnaireDefinition,
} from '../../../src/domain/questionnaires/model.ts';

const base = (items: unknown[]): unknown => ({
  id: 'test-form',
  version: 1,
  title: 'Проверка',
  sections: [{ title: 'Раздел', items }],
});

function errorsOf(input: unknown) {
  const result = validateQuestionnaire(input);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors.map((e) => ({ item: e.item, code: e.code, path: e.path }));
}

describe('validateQuestionnaire', () => {
  it('accepts a valid definition and computes item keys, defaults included', () => {
    const result = validateQuestionnaire(
      base([
        { number: '1', type: 'yesNo', text: 'Есть ли?' },
        { number: '1.3', part: { id: 'physics', label: 'физика' }, type: 'yesNo', text: 'Оснащенность' },
        { number: '2', type: 'integer', text: 'Сколько?', required: false, showIf: { item: '1', equals: true } },
      ]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const items = result.questionnaire.sections[0]!.items;
    expect(items.map((i) => i.key)).toEqual(['1', '1.3/physics', '2']);
    expect(items.map((i) => i.required)).toEqual([true, true, false]);
  });

  it('names the item and the problem for schema errors', () => {
    const errors = errorsOf(
      base([
        { number: '7.3', type: 'text', text: 'Хорошо' },
        { number: '7.4', type: 'singleChoice', text: 'Выбор без вариантов', options: [] },
        { number: '7.5', type: 'integer', text: 'Опечатка в поле', requried: true },
        { number: '7.6', type: 'slider', text: 'Неизвестный тип' },
      ]),
    );
    expect(errors).toEqual([
      { item: '7.4', code: 'forms-definition-invalid', path: 'options' },
      { item: '7.5', code: 'forms-definition-invalid', path: '' },
      { item: '7.6', code: 'forms-definition-invalid', path: 'type' },
    ]);
    const result = validateQuestionnaire(base([{ number: '7.5', type: 'integer', text: 'x', requried: true }]));
    expect(!result.ok && result.errors[0]?.problem).toMatch(/requried/);
  });

  it('rejects duplicate numbers, bad conditions and duplicate options', () => {
    const errors = errorsOf(
      base([
        { number: '1', type: 'yesNo', text: 'a' },
        { number: '1', type: 'yesNo', text: 'дубль' },
        { number: '2', type: 'integer', text: 'b', showIf: { item: '9', equals: true } },
        { number: '3', type: 'integer', text: 'c', showIf: { item: '4', gt: 1 } },
        { number: '4', type: 'integer', text: 'd', showIf: { item: '1', gt: 1 } },
        {
          number: '5',
          type: 'singleChoice',
          text: 'e',
          options: [
            { id: 'a', label: 'Да' },
            { id: 'b', label: 'да' },
          ],
        },
        { number: '6', type: 'text', text: 'f', showIf: { item: '5', equals: 'zzz' } },
        { number: '7', type: 'text', text: 'g' },
        { number: '8', type: 'text', text: 'h', showIf: { item: '7', equals: 'x' } },
        { number: '9', type: 'percent', text: 'i', showIf: { item: '1', equals: 1 } },
      ]),
    );
    expect(errors).toEqual([
      { item: '1', code: 'forms-definition-duplicate', path: 'number' },
      { item: '2', code: 'forms-definition-condition-forward', path: 'showIf.item' },
      { item: '3', code: 'forms-definition-condition-forward', path: 'showIf.item' },
      { item: '4', code: 'forms-definition-condition-value', path: 'showIf' },
      { item: '5', code: 'forms-definition-duplicate-option', path: 'options' },
      { item: '6', code: 'forms-definition-condition-value', path: 'showIf' },
      { item: '8', code: 'forms-definition-condition-type', path: 'showIf' },
      { item: '9', code: 'forms-definition-condition-value', path: 'showIf' },
    ]);
  });

  it('reports a condition on an unknown item', () => {
    expect(errorsOf(base([{ number: '1', type: 'text', text: 'a', showIf: { item: '0.5', equals: true } }]))).toEqual([
      { item: '1', code: 'forms-definition-condition-unknown-item', path: 'showIf.item' },
    ]);
  });

  it('rejects a condition with two operators and a number that is both whole and split in parts', () => {
    expect(
      errorsOf(
        base([
          { number: '1', type: 'integer', text: 'a' },
          { number: '2', type: 'integer', text: 'b', showIf: { item: '1', gt: 1, lt: 5 } },
          { number: '3', type: 'yesNo', text: 'c' },
          { number: '3', part: { id: 'x', label: 'x' }, type: 'yesNo', text: 'c' },
        ]),
      ),
    ).toEqual([{ item: '2', code: 'forms-definition-invalid', path: 'showIf' }]);
    expect(
      errorsOf(
        base([
          { number: '3', type: 'yesNo', text: 'c' },
          { number: '3', part: { id: 'x', label: 'x' }, type: 'yesNo', text: 'c' },
        ]),
      ),
    ).toEqual([{ item: '3', code: 'forms-definition-mixed-parts', path: 'part' }]);
  });

  it('rejects impossible ranges', () => {
    expect(errorsOf(base([{ number: '1', type: 'integer', text: 'a', validation: { min: 10, max: 5 } }]))).toEqual([
      { item: '1', code: 'forms-definition-bad-range', path: 'validation' },
    ]);
    expect(errorsOf(base([{ number: '1', type: 'percent', text: 'a', validation: { max: 120 } }]))).toEqual([
      { item: '1', code: 'forms-definition-invalid', path: 'validation.max' },
    ]);
  });

  it('throws at load with the questionnaire, item and problem in the message', () => {
    const broken = base([
      { number: '14.10', type: 'multipleChoice', text: 'x', options: [{ id: 'a', label: 'A' }] },
    ]) as QuestionnaireDefinition;
    expect(() => loadQuestionnaire(broken)).toThrow(
      /test-form v1[\s\S]*item 14\.10 \(options\): a choice needs at least two options/,
    );
  });
});
