/**
 * The rules' own words, quoted from the seeds so the bot and the CLI can show "the rule's text"
 * next to a verdict. These are citations (data), not UI strings: they stay verbatim in Russian.
 * Only obvious extraction damage is repaired, in square brackets.
 */

export interface RuleCitation {
  /** the criterion / risk factor / definition this text states; matches a verdict's `criteria` id */
  id: string;
  /** the quotation, Russian, verbatim */
  text: string;
  /** where it comes from: seed file and section */
  source: string;
  /** a locale key for a comment of ours on how the rules file changes the rule, if it does */
  noteKey?: string;
  noteParams?: Record<string, string | number>;
}

const SEED_003 = 'seed 003 (003_b4603cc6abcf662b.txt, Норильск, «Методика ФИОКО»)';
const SEED_001 = 'seed 001 (001_4a8724c71e328c13.txt, Ельнинский район, приказ № 98/1 от 23.06.2020)';
const SEED_004 = 'seed 004 (004_8126a1f7c96d8137.txt, Верхнебуреинский район)';

// seed 003 §2.1 (003_b4603cc6abcf662b.txt, «Методика идентификации школ как школ с низкими
// образовательными результатами»). The extracted text reads «получили отметку $(B\Pi P)$»,
// which is «2» (ВПР) damaged by the converter (seeds/README.md).
export const FIOCO_LOW_RESULT: RuleCitation = {
  id: 'low-result',
  text:
    'Под низкими результатами понимаются результаты оценочной процедуры, при которых не менее 30 % ' +
    'от общего числа участников оценочной процедуры получили отметку [«2» (ВПР)] или не преодолели ' +
    'минимальный порог, предусмотренный спецификацией соответствующей оценочной процедуры (ОГЭ, ЕГЭ).',
  source: `${SEED_003}, §2.1`,
};

export const FIOCO_TWO_PROCEDURES: RuleCitation = {
  id: 'two-procedures',
  text:
    'ОУ, в которых не менее чем по двум оценочным процедурам в предыдущем учебном году были ' +
    'зафиксированы низкие результаты.',
  source: `${SEED_003}, §2.1, критерий 1`,
};

export const FIOCO_TWO_YEARS: RuleCitation = {
  id: 'two-years',
  text:
    'ОУ, в которых хотя бы по одной оценочной процедуре в каждом из двух предыдущих учебных годов ' +
    'были зафиксированы низкие результаты.',
  source: `${SEED_003}, §2.1, критерий 2`,
};

/** Criterion 2 as some regional acts word it: the same procedure in both years (issue #4). */
export const FIOCO_TWO_YEARS_SAME_PROCEDURE: RuleCitation = {
  ...FIOCO_TWO_YEARS,
  noteKey: 'identify-fioco-note-same-procedure',
};

export const FIOCO_PROCEDURES: RuleCitation = {
  id: 'procedures',
  text:
    'Анализ проводится по результатам следующих процедур: ВПР по математике (5 класс); ВПР по ' +
    'математике (6 класс); ВПР по русскому языку (5 класс); ВПР по русскому языку (6 класс); ОГЭ по ' +
    'математике; ОГЭ по русскому языку; ЕГЭ по математике (базовой); ЕГЭ по математике ' +
    '(профильной); ЕГЭ по русскому языку. При анализе данных ОГЭ и ЕГЭ учитываются результаты ' +
    'участников, полученные до пересдачи, при этом результаты выпускников прошлых лет не учитываются.',
  source: `${SEED_003}, §2.1`,
};

// seed 003 §3.2 (003_b4603cc6abcf662b.txt, «Определение рисковых школ»)
export const RISK_MATERIAL_BASE: RuleCitation = {
  id: 'material-base',
  text: 'В разделе «материально-техническая база» фиксируется хотя бы один отрицательный ответ.',
  source: `${SEED_003}, §3.2, п. 1`,
};

export const RISK_STAFF: RuleCitation = {
  id: 'staff',
  text: 'В разделе «кадровые условия» фиксируется по показателю 2.1. более 10 %; по показателю 2.2. более чем 0%.',
  source: `${SEED_003}, §3.2, п. 2`,
};

export const RISK_CONTINGENT: RuleCitation = {
  id: 'contingent',
  text: 'В разделе «контингент обучающихся» фиксируется более 10 % в сумме по всем показателям.',
  source: `${SEED_003}, §3.2, п. 3`,
};

export const RISK_RESULTS: RuleCitation = {
  id: 'results',
  text:
    'В разделе «Образовательные результаты обучающихся» в пунктах 4.1-4.4 фиксируется 20 % и более ' +
    'не менее чем по двум показателям, в пунктах 4.5 более 10 %.',
  source: `${SEED_003}, §3.2, п. 4`,
};

// seed 001, «Критерии и показатели отнесения общеобразовательных организаций к типам ШНРО или ШФНСУ»
export const REGIONAL_LOWEST: RuleCitation = {
  id: 'lowest-results',
  text: '20% школ с самыми низкими результатами ЕГЭ, ОГЭ, и ВПР за последние 3 года.',
  source: `${SEED_001}, «Критерии и показатели отнесения…»`,
};

export const REGIONAL_CONTINUATION: RuleCitation = {
  id: 'continuation-below',
  text: 'Менее 60% обучающихся продолжающих обучение на старшей ступени образования.',
  source: `${SEED_001}, «Критерии и показатели отнесения…»`,
};

export const REGIONAL_OLYMPIAD: RuleCitation = {
  id: 'olympiad-low',
  text:
    '0,5% и ниже учащихся за последние 3 года, принимавших участие в региональных и всероссийских ' +
    'олимпиад и конкурсах.',
  source: `${SEED_001}, «Критерии и показатели отнесения…»`,
};

// seed 001, «При идентификации ОО с низкими результатами обучения также следующие региональные показатели»
const REGIONAL_INDICATORS_SOURCE = `${SEED_001}, региональные показатели`;

export const REGIONAL_OGE_RUS_FAIL_ABOVE_REGION: RuleCitation = {
  id: 'oge-rus-failed-above-region',
  text:
    'доля выпускников, не преодолевших минимальный порог баллов по ОГЭ (русский язык) в ОО, больше ' +
    'доли выпускников, не преодолевших минимальный порог баллов по ОГЭ (русский язык) по региону в ' +
    'основной период',
  source: REGIONAL_INDICATORS_SOURCE,
};

export const REGIONAL_OGE_MATH_FAIL_ABOVE_REGION: RuleCitation = {
  id: 'oge-math-failed-above-region',
  text:
    'доля выпускников, не преодолевших минимальный порог баллов по ОГЭ (математика) в ОО, больше ' +
    'доли выпускников, не преодолевших минимальный порог баллов по ОГЭ (математика) по региону в ' +
    'основной период',
  source: REGIONAL_INDICATORS_SOURCE,
};

export const REGIONAL_OGE_RUS_MEAN_FALLING: RuleCitation = {
  id: 'oge-rus-mean-falling',
  text: 'средний балл в ОО по ОГЭ (русский язык) снижается 2 последних учебных года',
  source: REGIONAL_INDICATORS_SOURCE,
};

export const REGIONAL_OGE_MATH_MEAN_FALLING: RuleCitation = {
  id: 'oge-math-mean-falling',
  text: 'средний балл в ОО по ОГЭ (математика) снижается 2 последних учебных года',
  source: REGIONAL_INDICATORS_SOURCE,
};

export const REGIONAL_OGE_MATH_FAIL_RISING: RuleCitation = {
  id: 'oge-math-failed-rising',
  text: 'доля выпускников, не преодолевших минимальный порог баллов по ОГЭ (математика) в ОО, увеличивается',
  source: REGIONAL_INDICATORS_SOURCE,
};

export const REGIONAL_EGE_RUS_MEAN_BELOW_REGION: RuleCitation = {
  id: 'ege-rus-mean-below-region',
  text: 'средний балл по ЕГЭ (русский язык) в ОО ниже среднего балла по ЕГЭ (русский язык) по региону.',
  source: REGIONAL_INDICATORS_SOURCE,
};

// No seed gives a formula for the social index; two seeds name it as a data source.
export const SOCIAL_INDEX: RuleCitation = {
  id: 'social-index',
  text:
    'значения индекса социального благополучия школы (seed 001); Социальное обследование ' +
    '(«паспортизация») общеобразовательных учреждений, формирование «индекса социального ' +
    'благополучия» образовательных учреждений (seed 004).',
  source: `${SEED_001}, «Описание методов сбора информации»; ${SEED_004}, раздел 2 «Школа социальной поддержки»`,
  noteKey: 'identify-social-note-weights',
};
