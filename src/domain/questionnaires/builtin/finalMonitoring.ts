/**
 * «Итоговый мониторинг реализации программы повышения качества образования».
 * seed 001 (001_4a8724c71e328c13.txt), «Критерии и показатели итогового мониторинга реализации
 * программ повышения качества образования» (Приложение № 3 к приказу № 98/1 от 23.06.2020,
 * Ельнинский район): items 1–18; conducted by the education department in June from the
 * schools' questionnaires.
 *
 * Transcription notes:
 * - Source rows that ask for several values under one number (7.2 «количество …, тематика»,
 *   7.6 «на региональном уровне / на муниципальном уровне», 10.1, 10.2, 14.5, 14.9, 14.13, 13)
 *   are split into parts with the same number: one question each.
 * - Rows that ask whether something was done (8.x «Изменения …», 9.x «Введение должностей …»,
 *   11.x partners, 12, 13, 14.6, 14.10) are a yes/no part, followed by a description part
 *   shown only after «да».
 * - The source has no heading rows for groups 9, 10, 11 and 14; their section titles here are
 *   ours, derived from the items («Изменения в штатном расписании» etc.).
 * - 14.5 reads «повысили понижали не изменили (человек)»; «понижали» is rendered «понизили».
 * - Single-row groups (1–5, 12, 13, 18) become sections titled with the row's text, so the
 *   form has the source's 18 sections.
 */
import type { ItemDefinition, QuestionnaireDefinition } from '../model.ts';

export const FINAL_MONITORING_ID = 'final-monitoring';

const LEVEL_OPTIONS = [
  { id: 'school', label: 'школьный' },
  { id: 'municipal', label: 'муниципальный' },
  { id: 'regional', label: 'региональный' },
  { id: 'interregional', label: 'межрегиональный' },
  { id: 'federal', label: 'всероссийский' },
  { id: 'international', label: 'международный' },
];

const TREND_OPTIONS = [
  { id: 'up', label: 'положительная' },
  { id: 'same', label: 'без изменений' },
  { id: 'down', label: 'отрицательная' },
];

// Source texts shared by several parts of one row, verbatim.
const T72 =
  'Количество оценочных мероприятий, направленных на оценку качества обучения в школе в отчетном году, тематика';
const T75 =
  'Наименование и количество иных мероприятий, направленных на выявление методического уровня учителей. Доля (%) учителей, привлеченных к мероприятиям';
const T13 = 'Взаимодействие со школой-«наставником»: наименование школы-«наставника», перечень мероприятий';
const T1413 =
  'Количество педагогических разработок представлено на общественно-профессиональную экспертизу РУМО и получило заключение «Рекомендовано к размещению в Банке педагогического опыта»';

const LIST_HINT = 'Перечислите через запятую или с новой строки.';

/** «Was it done?» (yes/no) and, after «да», «what exactly» (text). Keys `N/present`, `N/details`. */
function presenceWithDetails(
  number: string,
  text: string,
  question: string,
  details: string,
  detailsHint?: string,
): ItemDefinition[] {
  return [
    { number, part: { id: 'present', label: question }, type: 'yesNo', text },
    {
      number,
      part: { id: 'details', label: details },
      type: 'text',
      text,
      ...(detailsHint ? { hint: detailsHint } : {}),
      showIf: { item: `${number}/present`, equals: true },
    },
  ];
}

/** 15.1–15.3: direction of change and what it shows in. */
function trend(number: string, text: string): ItemDefinition[] {
  return [
    { number, part: { id: 'trend', label: 'динамика' }, type: 'singleChoice', text, options: TREND_OPTIONS },
    {
      number,
      part: { id: 'comment', label: 'в чём выражается' },
      type: 'text',
      text,
      required: false,
      hint: 'Кратко: по каким предметам, классам, показателям. Можно пропустить.',
    },
  ];
}

export const finalMonitoringV1 = {
  id: FINAL_MONITORING_ID,
  version: 1,
  title: 'Итоговый мониторинг реализации программы повышения качества образования',
  description:
    'Итоговый мониторинг реализации программ повышения качества образования ОО — участников проекта. Проводится отделом образования в июне по материалам анкетирования ШНРО.',
  source:
    'seed 001 (001_4a8724c71e328c13.txt), «Критерии и показатели итогового мониторинга реализации программ повышения качества образования»',
  schedule: { months: [6] },
  sections: [
    {
      number: '1',
      title: 'Реквизиты документа, устанавливающего взаимодействие школы и МОЦ',
      items: [
        {
          number: '1',
          type: 'document',
          text: 'Реквизиты документа, устанавливающего взаимодействие школы и МОЦ',
          hint: 'Например: № 12 от 01.09.2024 Соглашение о сотрудничестве с МОЦ. Если номера нет, напишите «б/н».',
        },
      ],
    },
    {
      number: '2',
      title: 'Методика выявления причин низких результатов обучения',
      items: [{ number: '2', type: 'text', text: 'Методика выявления причин низких результатов обучения' }],
    },
    {
      number: '3',
      title: 'Причины низких результатов обучения',
      items: [{ number: '3', type: 'text', text: 'Причины низких результатов обучения', hint: LIST_HINT }],
    },
    {
      number: '4',
      title: 'Программа (план) перехода школы в эффективный режим функционирования',
      items: [
        {
          number: '4',
          part: { id: 'requisites', label: 'реквизиты документа' },
          type: 'document',
          text: 'Программа (план) перехода школы в эффективный режим функционирования',
          hint: 'Например: № 45 от 30.08.2024 Программа перехода школы в эффективный режим функционирования.',
        },
        {
          number: '4',
          part: { id: 'file', label: 'файл документа' },
          type: 'file',
          required: false,
          text: 'Программа (план) перехода школы в эффективный режим функционирования',
          hint: 'Пришлите файл или фотографию документа. Можно пропустить.',
        },
      ],
    },
    {
      number: '5',
      title: 'Изменения в финансировании и материально-техническом обеспечении школы',
      items: [
        {
          number: '5',
          type: 'text',
          text: 'Изменения в финансировании и материально-техническом обеспечении школы, в связи с выявленными низкими результатами обучения',
        },
      ],
    },
    {
      number: '6',
      title: 'Структура государственно-общественного управления школой',
      items: [
        {
          number: '6.1',
          type: 'text',
          text: 'Наименование органа государственно-общественного управления',
          validation: { maxLength: 300 },
        },
        {
          number: '6.2',
          type: 'group',
          text: 'Какие вопросы повышения качества обучения рассматривались на заседаниях органа ГОУ, в какие даты',
          hint: 'По одному заседанию: дата и рассмотренный вопрос.',
          fields: [
            { key: 'date', type: 'date', text: 'Дата заседания' },
            { key: 'question', type: 'text', text: 'Рассмотренный вопрос', validation: { maxLength: 500 } },
          ],
        },
      ],
    },
    {
      number: '7',
      title: 'ВСОКО',
      items: [
        {
          number: '7.1',
          type: 'document',
          text: 'Наименование, реквизиты локального нормативного акта о ВСОКО',
          hint: 'Например: № 12 от 01.09.2024 Положение о внутренней системе оценки качества образования.',
        },
        {
          number: '7.2',
          part: { id: 'count', label: 'количество' },
          type: 'integer',
          text: T72,
        },
        {
          number: '7.2',
          part: { id: 'topics', label: 'тематика' },
          type: 'text',
          text: T72,
          hint: LIST_HINT,
          showIf: { item: '7.2/count', gt: 0 },
        },
        {
          number: '7.3',
          type: 'text',
          text: 'Организация диагностических работ по предметам',
          hint: 'Предметы, классы, сроки.',
        },
        {
          number: '7.4',
          type: 'integer',
          text: 'Количество уроков и других занятий, посещенных администрацией школы у педагогов',
        },
        {
          number: '7.5',
          part: { id: 'count', label: 'количество' },
          type: 'integer',
          text: T75,
        },
        {
          number: '7.5',
          part: { id: 'names', label: 'наименование' },
          type: 'text',
          text: T75,
          hint: LIST_HINT,
          showIf: { item: '7.5/count', gt: 0 },
        },
        {
          number: '7.5',
          part: { id: 'teachers-share', label: 'доля (%) учителей, привлеченных к мероприятиям' },
          type: 'percent',
          text: T75,
          showIf: { item: '7.5/count', gt: 0 },
        },
        {
          number: '7.6',
          part: { id: 'regional', label: 'на региональном уровне' },
          type: 'integer',
          text: 'Количество образовательных продуктов школы, заявленных на экспертизу',
        },
        {
          number: '7.6',
          part: { id: 'municipal', label: 'на муниципальном уровне' },
          type: 'integer',
          text: 'Количество образовательных продуктов школы, заявленных на экспертизу',
        },
      ],
    },
    {
      number: '8',
      title:
        'Изменения, внесенные в учебный план по заказу обучающихся, родителей (законных представителей), направленные на повышение качества обучения',
      items: [
        ...presenceWithDetails('8.1', 'Изменения в учебный план', 'внесены ли изменения', 'какие изменения внесены'),
        ...presenceWithDetails(
          '8.2',
          'Изменения в план внеурочной деятельности',
          'внесены ли изменения',
          'какие изменения внесены',
        ),
        ...presenceWithDetails(
          '8.3',
          'Формирование индивидуальных образовательных траекторий обучающихся',
          'формируются ли траектории',
          'для кого и как',
          'Например: сколько обучающихся, каких классов, по каким предметам.',
        ),
        ...presenceWithDetails(
          '8.4',
          'Организация тьюторского сопровождения обучающихся, проявивших склонности к изучению отдельных предметов',
          'организовано ли сопровождение',
          'как организовано',
          'Например: сколько обучающихся, по каким предметам, кто тьюторы.',
        ),
      ],
    },
    {
      number: '9',
      // no heading row in the source
      title: 'Изменения в штатном расписании',
      items: [
        ...presenceWithDetails(
          '9.1',
          'Введение должностей психологов, логопедов',
          'введены ли должности',
          'какие должности, сколько ставок',
        ),
        ...presenceWithDetails(
          '9.2',
          'Введение других должностей',
          'введены ли должности',
          'какие должности, сколько ставок',
        ),
        ...presenceWithDetails(
          '9.3',
          'Сокращение должностей',
          'сокращены ли должности',
          'какие должности, сколько ставок',
        ),
      ],
    },
    {
      number: '10',
      // no heading row in the source
      title: 'Работа с родителями (законными представителями)',
      items: [
        ...(
          [
            ['municipal', 'муниципальных'],
            ['school', 'общешкольных'],
            ['class', 'классных'],
          ] as const
        ).flatMap(([id, label]): ItemDefinition[] => [
          {
            number: '10.1',
            part: { id, label },
            type: 'percent',
            text: 'Участие в родительских собраниях (% от общего числа родителей)',
          },
          {
            number: '10.1',
            part: { id: `${id}-topics`, label: `${label}: тематика` },
            type: 'text',
            text: 'Участие в родительских собраниях (% от общего числа родителей)',
            hint: LIST_HINT,
            showIf: { item: `10.1/${id}`, gt: 0 },
          },
        ]),
        {
          number: '10.2',
          part: { id: 'municipal', label: 'муниципальными специалистами' },
          type: 'integer',
          text: 'Количество индивидуальных консультаций родителей по проблемам личностного развития обучающихся',
        },
        {
          number: '10.2',
          part: { id: 'school', label: 'школьными специалистами' },
          type: 'integer',
          text: 'Количество индивидуальных консультаций родителей по проблемам личностного развития обучающихся',
        },
        {
          number: '10.3',
          type: 'text',
          text: 'Участие родителей в ГОУ школой',
          hint: 'Например: сколько родителей входит в орган ГОУ, какие вопросы решались с их участием.',
        },
      ],
    },
    {
      number: '11',
      // no heading row in the source; items read «Социальные партнеры школы: …»
      title: 'Социальные партнеры школы',
      items: [
        ...presenceWithDetails(
          '11.1',
          'Социальные партнеры школы: организации дополнительного образования',
          'есть ли такие партнеры',
          'какие организации',
          LIST_HINT,
        ),
        ...presenceWithDetails(
          '11.2',
          'Социальные партнеры школы: организации спорта',
          'есть ли такие партнеры',
          'какие организации',
          LIST_HINT,
        ),
        ...presenceWithDetails(
          '11.3',
          'Социальные партнеры школы: организации здравоохранения',
          'есть ли такие партнеры',
          'какие организации',
          LIST_HINT,
        ),
        ...presenceWithDetails('11.4', 'Иные организации', 'есть ли такие партнеры', 'какие организации', LIST_HINT),
      ],
    },
    {
      number: '12',
      title: 'Участие школы в сетевом взаимодействии',
      items: presenceWithDetails(
        '12',
        'Участие школы в сетевом взаимодействии',
        'участвует ли школа',
        'с кем и в каких формах',
      ),
    },
    {
      number: '13',
      title: 'Взаимодействие со школой-«наставником»',
      items: [
        { number: '13', part: { id: 'present', label: 'есть ли школа-«наставник»' }, type: 'yesNo', text: T13 },
        {
          number: '13',
          part: { id: 'mentor', label: 'наименование школы-«наставника»' },
          type: 'text',
          text: T13,
          validation: { maxLength: 300 },
          showIf: { item: '13/present', equals: true },
        },
        {
          number: '13',
          part: { id: 'events', label: 'перечень мероприятий' },
          type: 'text',
          text: T13,
          hint: LIST_HINT,
          showIf: { item: '13/present', equals: true },
        },
      ],
    },
    {
      number: '14',
      // no heading row in the source
      title: 'Повышение квалификации и методический уровень педагогов и руководителей',
      items: [
        {
          number: '14.1',
          type: 'integer',
          units: 'чел.',
          text: 'Количество учителей, у которых были выявлены профессиональные дефициты, прошедшие курсы повышения квалификации',
        },
        {
          number: '14.2',
          type: 'percent',
          text: 'Доля учителей, прошедших повышение квалификации, устранивших профессиональные дефициты',
        },
        {
          number: '14.3',
          type: 'integer',
          units: 'чел.',
          text: 'Количество директоров, заместителей директоров, прошедших повышение квалификации по вопросам повышения качества обучения',
        },
        {
          number: '14.4',
          type: 'percent',
          text: 'Доля руководителей, прошедших повышение квалификации, устранивших профессиональные дефициты',
        },
        ...(
          [
            ['raised', 'повысили'],
            ['lowered', 'понизили'],
            ['unchanged', 'не изменили'],
          ] as const
        ).map(
          ([id, label]): ItemDefinition => ({
            number: '14.5',
            part: { id, label },
            type: 'integer',
            units: 'чел.',
            text: 'Квалификационные категории: повысили, понизили, не изменили (человек)',
          }),
        ),
        ...presenceWithDetails(
          '14.6',
          'Организация наставничества среди педагогов',
          'организовано ли наставничество',
          'как организовано',
          'Например: количество наставнических пар, направления работы.',
        ),
        {
          number: '14.7',
          type: 'integer',
          text: 'Количество вебинаров СОИРО для ШНРО, в которых приняли участие сотрудники школы',
        },
        {
          number: '14.8',
          type: 'integer',
          text: 'Количество межрегиональных мероприятий для ШНРО, в которых приняли участие сотрудники школы',
        },
        ...(
          [
            ['municipal', 'муниципальные'],
            ['school', 'школьные'],
            ['other', 'иные'],
          ] as const
        ).map(
          ([id, label]): ItemDefinition => ({
            number: '14.9',
            part: { id, label },
            type: 'integer',
            text: 'Участие и проведение мероприятий, направленных на повышение методического уровня учителей: муниципальные, школьные, иные',
            hint: 'Количество мероприятий.',
          }),
        ),
        ...presenceWithDetails(
          '14.10',
          'Выявление, обобщение и распространение передового опыта педагогов, показывающих высокие образовательные результаты обучающихся в условиях перехода образовательной организации в эффективный режим функционирования',
          'ведется ли такая работа',
          'чей опыт и в каких формах',
        ),
        {
          number: '14.11',
          type: 'group',
          text: 'Участие в конкурсах профессионального мастерства',
          hint: 'По одному конкурсу: название, уровень, число участников. Если участия не было, завершите список без записей.',
          fields: [
            { key: 'name', type: 'text', text: 'Название конкурса', validation: { maxLength: 300 } },
            { key: 'level', type: 'singleChoice', text: 'Уровень', options: LEVEL_OPTIONS },
            { key: 'participants', type: 'integer', text: 'Участников от школы', units: 'чел.' },
            { key: 'winners', type: 'integer', text: 'Из них победителей и призеров', units: 'чел.', required: false },
          ],
        },
        {
          number: '14.12',
          type: 'group',
          text: 'Участие школы в научно-практических конференциях, семинарах, круглых столах и др.',
          hint: 'По одному мероприятию: название и уровень. Если участия не было, завершите список без записей.',
          fields: [
            { key: 'name', type: 'text', text: 'Название мероприятия', validation: { maxLength: 300 } },
            { key: 'level', type: 'singleChoice', text: 'Уровень', options: LEVEL_OPTIONS },
          ],
        },
        {
          number: '14.13',
          part: { id: 'submitted', label: 'представлено на экспертизу' },
          type: 'integer',
          text: T1413,
        },
        {
          number: '14.13',
          part: { id: 'recommended', label: 'получили заключение «Рекомендовано…»' },
          type: 'integer',
          text: T1413,
          showIf: { item: '14.13/submitted', gt: 0 },
        },
      ],
    },
    {
      number: '15',
      title: 'Динамика изменения достижений обучающихся',
      items: [
        ...trend('15.1', 'В предметных результатах'),
        ...trend('15.2', 'В метапредметных результатах'),
        ...trend('15.3', 'В личностных результатах'),
        {
          number: '15.4',
          part: { id: 'previous', label: 'в прошлом учебном году' },
          type: 'integer',
          units: 'чел.',
          text: 'Изменения числа участников всероссийской олимпиады школьников',
        },
        {
          number: '15.4',
          part: { id: 'current', label: 'в отчетном учебном году' },
          type: 'integer',
          units: 'чел.',
          text: 'Изменения числа участников всероссийской олимпиады школьников',
        },
        {
          number: '15.5',
          type: 'group',
          text: 'Достижения в других олимпиадах, конкурсах, соревнованиях и др.',
          hint: 'По одному событию: название, уровень, участники, победители и призеры. Если достижений нет, завершите список без записей.',
          fields: [
            { key: 'name', type: 'text', text: 'Олимпиада, конкурс, соревнование', validation: { maxLength: 300 } },
            { key: 'level', type: 'singleChoice', text: 'Уровень', options: LEVEL_OPTIONS },
            { key: 'participants', type: 'integer', text: 'Участников', units: 'чел.' },
            { key: 'winners', type: 'integer', text: 'Победителей и призеров', units: 'чел.', required: false },
          ],
        },
      ],
    },
    {
      number: '16',
      title: 'Включение обучающихся в школьные проекты (% от общего числа учащихся)',
      items: [
        { number: '16.1', type: 'percent', text: 'Охват обучающихся учебными проектами' },
        { number: '16.2', type: 'percent', text: 'Охват обучающихся социальными проектами' },
      ],
    },
    {
      number: '17',
      title: 'Включение педагогов в проектную деятельность',
      items: [
        { number: '17.1', type: 'percent', text: 'Доля (%) педагогов, организующих учебную проектную деятельность' },
        { number: '17.2', type: 'percent', text: 'Доля (%) педагогов, организующих социальные проекты' },
      ],
    },
    {
      number: '18',
      title: 'Включение родителей (законных представителей) в школьные проекты',
      items: [
        {
          number: '18',
          type: 'percent',
          text: 'Включение родителей (законных представителей) в школьные проекты (% от общего числа родителей)',
        },
      ],
    },
  ],
} satisfies QuestionnaireDefinition;
