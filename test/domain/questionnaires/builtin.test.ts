import { describe, expect, it } from 'vitest';
import { inputKind } from '../../../src/domain/questionnaires/answers.ts';
import {
  BUILTIN_DEFINITIONS,
  BUILTIN_QUESTIONNAIRE_IDS,
  CONTEXT_DATA_ID,
  FAILURE_PREVENTION_ID,
  FINAL_MONITORING_ID,
  builtinCatalog,
  getBuiltinQuestionnaire,
} from '../../../src/domain/questionnaires/builtin/index.ts';
import { allItems, validateQuestionnaire, type Questionnaire } from '../../../src/domain/questionnaires/model.ts';

const keys = (q: Questionnaire) => allItems(q).map((item) => item.key);
const numbers = (q: Questionnaire) => [...new Set(allItems(q).map((item) => item.number))];

describe('built-in questionnaires', () => {
  it.each(BUILTIN_DEFINITIONS.map((d) => [`${d.id} v${d.version}`, d] as const))('%s validates', (_, definition) => {
    const result = validateQuestionnaire(definition);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('registers every built-in by id with an explicit version', () => {
    expect([...builtinCatalog.ids()].sort()).toEqual([...BUILTIN_QUESTIONNAIRE_IDS].sort());
    for (const id of BUILTIN_QUESTIONNAIRE_IDS) {
      expect(builtinCatalog.versions(id)).toEqual(id === FAILURE_PREVENTION_ID ? [1, 2] : [1]);
      expect(getBuiltinQuestionnaire(id, 1).version).toBe(1);
    }
    expect(() => getBuiltinQuestionnaire(CONTEXT_DATA_ID, 99)).toThrow(/v99/);
  });
});

describe('«Контекстные данные ОУ» (seed 003 §3.2)', () => {
  const q = getBuiltinQuestionnaire(CONTEXT_DATA_ID);

  it('has every row of the source table with its number', () => {
    expect(numbers(q)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
    ]);
    expect(keys(q)).toEqual([
      '1.1',
      '1.2',
      '1.3/physics',
      '1.3/chemistry',
      '1.3/biology',
      '1.3/geography',
      '1.3/technology',
      '2.1',
      '2.2',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '4.5',
    ]);
    expect(q.sections.map((s) => s.title)).toEqual([
      'Материально-техническая база учреждения',
      'Кадровые условия',
      'Контингент обучающихся',
      'Образовательные результаты обучающихся',
    ]);
  });

  it('asks the five lab subjects of 1.3 as yes/no questions', () => {
    const lab = allItems(q).filter((item) => item.number === '1.3');
    expect(lab.map((item) => [item.part?.label, item.type])).toEqual([
      ['физика', 'yesNo'],
      ['химия', 'yesNo'],
      ['биология', 'yesNo'],
      ['география', 'yesNo'],
      ['технология', 'yesNo'],
    ]);
  });

  it('is answerable with buttons and numbers only, no free text', () => {
    const kinds = new Set(allItems(q).map((item) => inputKind(item)));
    expect([...kinds].sort()).toEqual(['buttons', 'number']);
    expect(allItems(q).every((item) => item.required)).toBe(true);
  });

  it('prefills 4.1–4.4 from ВПР as the seed defines them, and nothing else', () => {
    const prefilled = allItems(q)
      .filter((item) => item.type === 'percent' && item.prefill)
      .map((item) => [item.key, item.type === 'percent' ? item.prefill : null]);
    expect(prefilled).toEqual([
      ['4.1', { source: 'vpr', subject: 'Математика', grade: 4, measure: 'failedShare' }],
      ['4.2', { source: 'vpr', subject: 'Математика', grade: 8, measure: 'failedShare' }],
      ['4.3', { source: 'vpr', subject: 'Русский язык', grade: 4, measure: 'failedShare' }],
      ['4.4', { source: 'vpr', subject: 'Русский язык', grade: 8, measure: 'failedShare' }],
    ]);
  });

  it('is collected in October', () => {
    expect(q.schedule?.months).toEqual([10]);
  });
});

describe('«Итоговый мониторинг реализации программы повышения качества образования» (seed 001)', () => {
  const q = getBuiltinQuestionnaire(FINAL_MONITORING_ID);

  it('has the 18 sections and every numbered item of the source', () => {
    expect(q.sections.map((s) => s.number)).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(numbers(q)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6.1',
      '6.2',
      '7.1',
      '7.2',
      '7.3',
      '7.4',
      '7.5',
      '7.6',
      '8.1',
      '8.2',
      '8.3',
      '8.4',
      '9.1',
      '9.2',
      '9.3',
      '10.1',
      '10.2',
      '10.3',
      '11.1',
      '11.2',
      '11.3',
      '11.4',
      '12',
      '13',
      '14.1',
      '14.2',
      '14.3',
      '14.4',
      '14.5',
      '14.6',
      '14.7',
      '14.8',
      '14.9',
      '14.10',
      '14.11',
      '14.12',
      '14.13',
      '15.1',
      '15.2',
      '15.3',
      '15.4',
      '15.5',
      '16.1',
      '16.2',
      '17.1',
      '17.2',
      '18',
    ]);
  });

  it('asks every value of a multi-value row as its own question', () => {
    expect(keys(q)).toEqual([
      '1',
      '2',
      '3',
      '4/requisites',
      '4/file',
      '5',
      '6.1',
      '6.2',
      '7.1',
      '7.2/count',
      '7.2/topics',
      '7.3',
      '7.4',
      '7.5/count',
      '7.5/names',
      '7.5/teachers-share',
      '7.6/regional',
      '7.6/municipal',
      '8.1/present',
      '8.1/details',
      '8.2/present',
      '8.2/details',
      '8.3/present',
      '8.3/details',
      '8.4/present',
      '8.4/details',
      '9.1/present',
      '9.1/details',
      '9.2/present',
      '9.2/details',
      '9.3/present',
      '9.3/details',
      '10.1/municipal',
      '10.1/municipal-topics',
      '10.1/school',
      '10.1/school-topics',
      '10.1/class',
      '10.1/class-topics',
      '10.2/municipal',
      '10.2/school',
      '10.3',
      '11.1/present',
      '11.1/details',
      '11.2/present',
      '11.2/details',
      '11.3/present',
      '11.3/details',
      '11.4/present',
      '11.4/details',
      '12/present',
      '12/details',
      '13/present',
      '13/mentor',
      '13/events',
      '14.1',
      '14.2',
      '14.3',
      '14.4',
      '14.5/raised',
      '14.5/lowered',
      '14.5/unchanged',
      '14.6/present',
      '14.6/details',
      '14.7',
      '14.8',
      '14.9/municipal',
      '14.9/school',
      '14.9/other',
      '14.10/present',
      '14.10/details',
      '14.11',
      '14.12',
      '14.13/submitted',
      '14.13/recommended',
      '15.1/trend',
      '15.1/comment',
      '15.2/trend',
      '15.2/comment',
      '15.3/trend',
      '15.3/comment',
      '15.4/previous',
      '15.4/current',
      '15.5',
      '16.1',
      '16.2',
      '17.1',
      '17.2',
      '18',
    ]);
  });

  it('uses the types the source asks for', () => {
    const typeOf = (key: string) => allItems(q).find((item) => item.key === key)?.type;
    expect(typeOf('1')).toBe('document');
    expect(typeOf('4/requisites')).toBe('document');
    expect(typeOf('7.1')).toBe('document');
    expect(typeOf('7.4')).toBe('integer');
    expect(typeOf('14.2')).toBe('percent');
    expect(typeOf('16.1')).toBe('percent');
    expect(typeOf('18')).toBe('percent');
    expect(typeOf('6.2')).toBe('group');
    expect(typeOf('15.5')).toBe('group');
    expect(typeOf('4/file')).toBe('file');
  });

  it('lists olympiads in 15.5 as rows of name, level, participants', () => {
    const item = allItems(q).find((i) => i.key === '15.5');
    expect(item?.type === 'group' && item.fields.map((f) => [f.key, f.type])).toEqual([
      ['name', 'text'],
      ['level', 'singleChoice'],
      ['participants', 'integer'],
      ['winners', 'integer'],
    ]);
  });

  it('is collected in June', () => {
    expect(q.schedule?.months).toEqual([6]);
  });
});

describe('«Профилактика учебной неуспешности» (seed 003 §4.3)', () => {
  const q = getBuiltinQuestionnaire(FAILURE_PREVENTION_ID);

  it('version 1 has the three indicators with the source numbers, as percentages', () => {
    const v1 = getBuiltinQuestionnaire(FAILURE_PREVENTION_ID, 1);
    expect(keys(v1)).toEqual(['1', '2', '3']);
    expect(allItems(v1).map((item) => item.type)).toEqual(['yesNo', 'percent', 'percent']);
  });

  it('version 2 asks for counts so the municipal share of pupils can be summed (issue #12)', () => {
    expect(q.version).toBe(2);
    expect(keys(q)).toEqual(['1', '2.1', '2.2', '3.1', '3.2']);
    expect(allItems(q).map((item) => item.type)).toEqual(['yesNo', 'integer', 'integer', 'integer', 'integer']);
  });

  it('is collected in January and June', () => {
    expect(q.schedule?.months).toEqual([1, 6]);
  });
});
