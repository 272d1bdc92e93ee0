/**
 * «Социальный паспорт школы» — the school «паспортизация» of seed 004 (004_8126a1f7c96d8137.txt,
 * «Перечень основных мероприятий», РАЗДЕЛ 2 «Школа социальной поддержки», проблемно-аналитический
 * этап, п. 1: «Социальное обследование („паспортизация“) общеобразовательных учреждений,
 * формирование „индекса социального благополучия“ образовательных учреждений»), the source of
 * seed 001's «значения индекса социального благополучия школы» (001_4a8724c71e328c13.txt,
 * «Описание методов сбора информации»).
 *
 * Neither seed lists the passport's questions. These are the social indicators the seeds name
 * around it: families (seed 001: «наличие большого числа семей с неблагополучными социально –
 * экономическим статусом»), «дети „группы риска“» and the specialists for them (seed 004 РАЗДЕЛ 2,
 * реализационный этап, пп. 2 and 4: «педагогов-психологов, социальных педагогов»), parents'
 * involvement (seed 004 РАЗДЕЛ 2 п. 7), «объединений дополнительного образования» (п. 6). The
 * contingent items of the risk-zone form (seed 003 §3.2, 3.1–3.4: на учёте, ОВЗ, инофоны,
 * пропуски) are not asked again. The committee adjusts the list through the rules file.
 */
import type { QuestionnaireDefinition } from '../model.ts';

export const SCHOOL_PASSPORT_ID = 'school-passport';

// no «например 12,5» here: the form adds its own input line («Введите число от 0 до 100, например 12,5»)
const SHARE = 'Процент от общего числа обучающихся школы.';

export const schoolPassportV1 = {
  id: SCHOOL_PASSPORT_ID,
  version: 1,
  title: 'Социальный паспорт школы',
  description:
    'Социальное обследование («паспортизация») школы для расчёта индекса социального благополучия (ШНСУ). Заполняется ежегодно по данным на 1 октября.',
  source:
    'seed 004 (004_8126a1f7c96d8137.txt), РАЗДЕЛ 2 «Школа социальной поддержки», п. 1 «Социальное обследование („паспортизация“)»; seed 001 (001_4a8724c71e328c13.txt), «Описание методов сбора информации»',
  schedule: { months: [10] },
  sections: [
    {
      number: '1',
      title: 'Семьи обучающихся',
      items: [
        { number: '1.1', type: 'percent', text: 'Доля обучающихся из малоимущих семей', hint: SHARE },
        { number: '1.2', type: 'percent', text: 'Доля обучающихся из неполных семей', hint: SHARE },
        {
          number: '1.3',
          type: 'percent',
          text: 'Доля обучающихся из семей, находящихся в социально опасном положении',
          hint: SHARE,
        },
        {
          number: '1.4',
          type: 'percent',
          text: 'Доля обучающихся, хотя бы один из родителей которых имеет высшее образование',
          hint: SHARE,
        },
      ],
    },
    {
      number: '2',
      title: 'Социально-педагогическая поддержка',
      items: [
        { number: '2.1', type: 'percent', text: 'Доля обучающихся «группы риска»', hint: SHARE },
        {
          number: '2.2',
          type: 'yesNo',
          text: 'В школе есть педагог-психолог или социальный педагог (в штате или по договору)',
          hint: 'Да — если специалист работает со школой постоянно.',
        },
        {
          number: '2.3',
          type: 'percent',
          text: 'Доля обучающихся, занятых в объединениях дополнительного образования',
          hint: SHARE,
        },
        {
          number: '2.4',
          type: 'percent',
          text: 'Доля родителей, посетивших общешкольные родительские собрания',
          hint: 'Процент от числа семей обучающихся, например 60.',
        },
      ],
    },
  ],
} as const satisfies QuestionnaireDefinition;
