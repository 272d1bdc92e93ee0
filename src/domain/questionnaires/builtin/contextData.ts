/**
 * «Контекстные данные ОУ» — the context table used to find risk-zone schools.
 * seed 003 §3.2 (003_b4603cc6abcf662b.txt, «Определение рисковых школ», table after the
 * inclusion rules). The table is flattened in the seed; rows 3.1–3.4 are reconstructed from
 * the repeated fragments: «на различных видах учета», «с ОВЗ», «инофонов», «систематически
 * пропускающих учебные занятия … (по данным на октябрь)».
 *
 * Every item is answered with buttons (yes/no) or a number (percent): no free text.
 * The seed's inclusion rules, for the identification module (not applied here):
 * any «нет» in section 1; 2.1 > 10 %, 2.2 > 0 %; sum of 3.1–3.4 > 10 %;
 * 4.1–4.4 ≥ 20 % in at least two, 4.5 > 10 %.
 */
import type { ItemDefinition, QuestionnaireDefinition } from '../model.ts';

export const CONTEXT_DATA_ID = 'context-data';

// Row 1.3 lists five subjects under one number: each is its own yes/no item (1.3/physics …).
const LAB_SUBJECTS = [
  ['physics', 'физика'],
  ['chemistry', 'химия'],
  ['biology', 'биология'],
  ['geography', 'география'],
  ['technology', 'технология'],
] as const;

/** 4.1–4.4: share of ВПР participants with «2», prefilled from imported ВПР results. */
function vprItem(number: string, subject: 'Математика' | 'Русский язык', grade: 4 | 8, text: string): ItemDefinition {
  return {
    number,
    type: 'percent',
    text,
    hint: `Процент участников ВПР (${subject.toLowerCase()}, ${grade} класс), получивших «2». Если результаты ВПР загружены, значение подставлено из них — подтвердите или исправьте.`,
    prefill: { source: 'vpr', subject, grade, measure: 'failedShare' },
  };
}

export const contextDataV1 = {
  id: CONTEXT_DATA_ID,
  version: 1,
  title: 'Контекстные данные ОУ',
  description:
    'Сводная таблица для определения школ, функционирующих в зоне риска снижения образовательных результатов. Заполняется ежегодно в октябре по данным отчётов ОО-1, ОО-2, КИАСУО и годовых отчётов.',
  source: 'seed 003 §3.2 (003_b4603cc6abcf662b.txt), «Определение рисковых школ»',
  // «Рисковые школы определяются ежегодно в октябре» (seed 003 §3.2)
  schedule: { months: [10] },
  sections: [
    {
      number: '1',
      title: 'Материально-техническая база учреждения',
      items: [
        {
          number: '1.1',
          type: 'yesNo',
          text: 'Устойчивый доступ в Интернет',
          hint: 'Есть ли в учреждении устойчивый доступ в Интернет?',
        },
        {
          number: '1.2',
          type: 'yesNo',
          text: 'Обеспеченность компьютерной техникой',
          hint: 'Обеспечено ли учреждение компьютерной техникой?',
        },
        ...LAB_SUBJECTS.map(
          ([id, label]): ItemDefinition => ({
            number: '1.3',
            part: { id, label },
            type: 'yesNo',
            text: 'Оснащенность учебных кабинетов лабораторным оборудованием',
            hint: `Оснащён ли кабинет (${label}) лабораторным оборудованием?`,
          }),
        ),
      ],
    },
    {
      number: '2',
      title: 'Кадровые условия',
      items: [
        {
          number: '2.1',
          type: 'percent',
          text: 'Доля учителей, имеющих нагрузку 36 часов и более от общего числа учителей',
        },
        {
          number: '2.2',
          type: 'percent',
          text: 'Доля учителей, не имеющих диплома о переподготовке по преподаваемому предмету',
        },
      ],
    },
    {
      number: '3',
      title: 'Контингент обучающихся',
      items: [
        { number: '3.1', type: 'percent', text: 'Доля детей, состоящих на различных видах учета' },
        { number: '3.2', type: 'percent', text: 'Доля детей с ОВЗ в общей численности обучающихся' },
        {
          number: '3.3',
          type: 'percent',
          text: 'Доля детей инофонов в общей численности обучающихся',
        },
        {
          number: '3.4',
          type: 'percent',
          text: 'Доля детей, систематически пропускающих учебные занятия, в общей численности обучающихся (по данным на октябрь)',
        },
      ],
    },
    {
      number: '4',
      title: 'Образовательные результаты обучающихся',
      items: [
        vprItem(
          '4.1',
          'Математика',
          4,
          'Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 4 класс',
        ),
        vprItem(
          '4.2',
          'Математика',
          8,
          'Доля обучающихся, получивших неудовлетворительный результат за ВПР по математике, 8 класс',
        ),
        vprItem(
          '4.3',
          'Русский язык',
          4,
          'Доля обучающихся, получивших неудовлетворительный результат за ВПР по русскому языку, 4 класс',
        ),
        vprItem(
          '4.4',
          'Русский язык',
          8,
          'Доля обучающихся, получивших неудовлетворительный результат за ВПР по русскому языку, 8 класс',
        ),
        { number: '4.5', type: 'percent', text: 'Доля неуспевающих из общего числа обучающихся' },
      ],
    },
  ],
} satisfies QuestionnaireDefinition;
