/**
 * «Профилактика учебной неуспешности» — school-level form of the prevention indicators.
 * seed 003 §4.3 (003_b4603cc6abcf662b.txt, «Показатели мониторинга профилактики учебной
 * неуспешности в общеобразовательных учреждениях города Норильска»); collected once per
 * half-year, in January and June (§4.4 «Мониторинг показателей»).
 *
 * The seed states municipal indicators. Indicator 1 («Доля ОУ, в которых сформирована …») is
 * a yes/no answer for one school; the committee's share is computed over schools.
 * Indicators 2 and 3 are the school's own shares.
 */
import type { QuestionnaireDefinition } from '../model.ts';

export const FAILURE_PREVENTION_ID = 'failure-prevention';

const NO_SUCH_PUPILS = 'Если в ОУ нет слабоуспевающих и неуспевающих обучающихся, нажмите «Пропустить».';

export const failurePreventionV1 = {
  id: FAILURE_PREVENTION_ID,
  version: 1,
  title: 'Профилактика учебной неуспешности',
  description:
    'Мониторинг профилактики учебной неуспешности. Проводится один раз в полугодие в рамках полугодового и годового отчётов ОУ: в январе и июне.',
  source: 'seed 003 §4.3–4.4 (003_b4603cc6abcf662b.txt)',
  schedule: { months: [1, 6] },
  sections: [
    {
      title: 'Показатели мониторинга профилактики учебной неуспешности',
      items: [
        {
          number: '1',
          type: 'yesNo',
          text: 'В ОУ сформирована внутришкольная система профилактики учебной неуспешности',
          hint: 'Показатель муниципалитета — доля ОУ, в которых сформирована такая система.',
        },
        {
          number: '2',
          type: 'percent',
          required: false,
          text: 'Доля слабоуспевающих и неуспевающих обучающихся, для которых разработан индивидуальный образовательный маршрут',
          hint: `Процент от числа слабоуспевающих и неуспевающих обучающихся. ${NO_SUCH_PUPILS}`,
        },
        {
          number: '3',
          type: 'percent',
          required: false,
          text: 'Доля обучающихся (от числа неуспевающих), посещающих дополнительные занятия с целью ликвидации отставания по учебной программе',
          hint: `Процент от числа неуспевающих обучающихся. ${NO_SUCH_PUPILS}`,
        },
      ],
    },
  ],
} satisfies QuestionnaireDefinition;

/**
 * Version 2 (issue #12): §4.3 items 2 and 3 are shares of pupils; a school's percentage cannot be
 * summed into the municipality's share, so the form asks for the two counts of each instead.
 * Answers given under v1 keep being read (and exported) with v1.
 */
export const failurePreventionV2 = {
  ...failurePreventionV1,
  version: 2,
  sections: [
    {
      title: 'Показатели мониторинга профилактики учебной неуспешности',
      items: [
        {
          number: '1',
          type: 'yesNo',
          text: 'В ОУ сформирована внутришкольная система профилактики учебной неуспешности',
          hint: 'Показатель муниципалитета — доля ОУ, в которых сформирована такая система.',
        },
        {
          number: '2.1',
          type: 'integer',
          required: false,
          text: 'Количество слабоуспевающих и неуспевающих обучающихся',
          hint: `Число обучающихся на дату отчёта. ${NO_SUCH_PUPILS}`,
        },
        {
          number: '2.2',
          type: 'integer',
          required: false,
          text: 'Из них: количество обучающихся, для которых разработан индивидуальный образовательный маршрут',
          hint: 'Показатель муниципалитета — доля слабоуспевающих и неуспевающих, для которых разработан ИОМ (seed 003 §4.3, п. 2).',
        },
        {
          number: '3.1',
          type: 'integer',
          required: false,
          text: 'Количество неуспевающих обучающихся',
          hint: `Число обучающихся на дату отчёта. ${NO_SUCH_PUPILS}`,
        },
        {
          number: '3.2',
          type: 'integer',
          required: false,
          text: 'Из них: количество обучающихся, посещающих дополнительные занятия с целью ликвидации отставания по учебной программе',
          hint: 'Показатель муниципалитета — доля посещающих дополнительные занятия от числа неуспевающих (seed 003 §4.3, п. 3).',
        },
      ],
    },
  ],
} satisfies QuestionnaireDefinition;
