/**
 * The identification rules file: one JSON file per region, every parameter of the four methods,
 * validated with zod. An empty object `{}` is a complete rules file: every key defaults to the
 * seeds. Keys are documented in docs/identification-rules.md; the defaults are also spelled out in
 * rules.default.json next to this file.
 *
 * Shares are fractions (0.3 = 30 %) everywhere, like the JSON output of `kurator identify`.
 * Lists and maps given in a file replace the default ones as a whole (no merging), so what the
 * file says is what runs.
 */
import * as z from 'zod';
import type { ProcedureSpec } from './procedures.ts';
import { overlappingSpecs } from './procedures.ts';
import { isAcademicYear } from './years.ts';
import { ASSESSMENT_KIND_IDS } from '../results/types.ts';

// ---------------------------------------------------------------------------------------------
// Building blocks

const FRACTION = 'identify-rules-error-fraction';

/** A share written as a fraction 0…1; "30" instead of "0.3" gets a reason that says so. */
const fraction = () => z.number().min(0, { error: FRACTION }).max(1, { error: FRACTION });

const academicYear = () => z.string().refine(isAcademicYear, { error: 'identify-rules-error-academic-year' });

const procedureSpec = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'identify-rules-error-id-format' }),
  label: z.string().trim().min(1),
  kind: z.enum(ASSESSMENT_KIND_IDS),
  subjects: z.array(z.string().trim().min(1)).min(1),
  grade: z.number().int().min(1).max(11).nullable(),
});

// ---------------------------------------------------------------------------------------------
// §1 ФИОКО low results — seed 003 §2.1 (003_b4603cc6abcf662b.txt, «Методика идентификации школ
// как школ с низкими образовательными результатами»)

/** The nine procedures, in the order seed 003 §2.1 lists them. */
export const FIOCO_DEFAULT_PROCEDURES: readonly ProcedureSpec[] = [
  { id: 'vpr-math-5', label: 'ВПР по математике (5 класс)', kind: 'VPR', subjects: ['Математика'], grade: 5 },
  { id: 'vpr-math-6', label: 'ВПР по математике (6 класс)', kind: 'VPR', subjects: ['Математика'], grade: 6 },
  { id: 'vpr-rus-5', label: 'ВПР по русскому языку (5 класс)', kind: 'VPR', subjects: ['Русский язык'], grade: 5 },
  { id: 'vpr-rus-6', label: 'ВПР по русскому языку (6 класс)', kind: 'VPR', subjects: ['Русский язык'], grade: 6 },
  { id: 'oge-math', label: 'ОГЭ по математике', kind: 'OGE', subjects: ['Математика'], grade: 9 },
  { id: 'oge-rus', label: 'ОГЭ по русскому языку', kind: 'OGE', subjects: ['Русский язык'], grade: 9 },
  {
    id: 'ege-math-base',
    label: 'ЕГЭ по математике (базовой)',
    kind: 'EGE',
    subjects: [
      'Математика (базовая)',
      'Математика базовая',
      'Математика (базовый уровень)',
      'Математика базового уровня',
    ],
    grade: 11,
  },
  {
    id: 'ege-math-profile',
    label: 'ЕГЭ по математике (профильной)',
    kind: 'EGE',
    subjects: [
      'Математика (профильная)',
      'Математика профильная',
      'Математика (профильный уровень)',
      'Математика профильного уровня',
    ],
    grade: 11,
  },
  { id: 'ege-rus', label: 'ЕГЭ по русскому языку', kind: 'EGE', subjects: ['Русский язык'], grade: 11 },
];

const fiocoSchema = z.strictObject({
  /** «не менее 30 %»: a procedure is low when failed / participants >= threshold */
  threshold: z.number().gt(0, { error: FRACTION }).max(1, { error: FRACTION }).default(0.3),
  /** a procedure with fewer participants is not counted (0 participants never counts) */
  minParticipants: z.number().int().min(1).default(1),
  /** criterion 1: «не менее чем по двум оценочным процедурам» in the last completed year */
  minLowProcedures: z.number().int().min(1).default(2),
  /** criterion 2 variant: the low result must be in the same procedure in both years */
  sameProcedureInBothYears: z.boolean().default(false),
  procedures: z
    .array(procedureSpec)
    .min(1)
    .default(() => structuredClone([...FIOCO_DEFAULT_PROCEDURES])),
});

// ---------------------------------------------------------------------------------------------
// §2 Risk-zone schools — seed 003 §3.2 (003_b4603cc6abcf662b.txt, «Определение рисковых школ»)

/** Items 1.1–1.3 of the context table; 1.3 has one answer per laboratory subject. */
export const MATERIAL_BASE_ITEMS = [
  '1.1', // Устойчивый доступ в Интернет
  '1.2', // Обеспеченность компьютерной техникой
  '1.3.physics', // Оснащенность учебных кабинетов лабораторным оборудованием: физика
  '1.3.chemistry', // … химия
  '1.3.biology', // … биология
  '1.3.geography', // … география
  '1.3.technology', // … технология
] as const;
export type MaterialBaseItem = (typeof MATERIAL_BASE_ITEMS)[number];

export const CONTINGENT_ITEMS = ['3.1', '3.2', '3.3', '3.4'] as const;
export type ContingentItem = (typeof CONTINGENT_ITEMS)[number];

export const VPR_RISK_ITEMS = ['4.1', '4.2', '4.3', '4.4'] as const;
export type VprRiskItem = (typeof VPR_RISK_ITEMS)[number];

/** Items 4.1–4.4: «Доля обучающихся, получивших неудовлетворительный результат за ВПР по …» */
const RISK_DEFAULT_VPR_ITEMS: Readonly<Record<VprRiskItem, ProcedureSpec>> = {
  '4.1': { id: 'vpr-math-4', label: 'ВПР по математике, 4 класс', kind: 'VPR', subjects: ['Математика'], grade: 4 },
  '4.2': { id: 'vpr-math-8', label: 'ВПР по математике, 8 класс', kind: 'VPR', subjects: ['Математика'], grade: 8 },
  '4.3': {
    id: 'vpr-rus-4',
    label: 'ВПР по русскому языку, 4 класс',
    kind: 'VPR',
    subjects: ['Русский язык'],
    grade: 4,
  },
  '4.4': {
    id: 'vpr-rus-8',
    label: 'ВПР по русскому языку, 8 класс',
    kind: 'VPR',
    subjects: ['Русский язык'],
    grade: 8,
  },
};

const riskSchema = z.strictObject({
  materialBase: z
    .strictObject({
      /** «хотя бы один отрицательный ответ» among these items */
      items: z
        .array(z.enum(MATERIAL_BASE_ITEMS))
        .min(1)
        .default(() => [...MATERIAL_BASE_ITEMS]),
    })
    .prefault({}),
  staff: z
    .strictObject({
      /** 2.1 «Доля учителей, имеющих нагрузку 36 часов и более»: fires when > this */
      overloadedTeachersAbove: fraction().default(0.1),
      /** 2.2 «Доля учителей, не имеющих диплома о переподготовке по преподаваемому предмету»: fires when > this */
      teachersWithoutRetrainingAbove: fraction().default(0),
    })
    .prefault({}),
  contingent: z
    .strictObject({
      items: z
        .array(z.enum(CONTINGENT_ITEMS))
        .min(1)
        .default(() => [...CONTINGENT_ITEMS]),
      /** «более 10 % в сумме по всем показателям» */
      sumAbove: fraction().default(0.1),
    })
    .prefault({}),
  results: z
    .strictObject({
      /** 4.1–4.4: «20 % и более» */
      vprFailedAtLeast: fraction().default(0.2),
      /** «не менее чем по двум показателям» */
      minVprItems: z.number().int().min(1).max(4).default(2),
      /** 4.5 «Доля неуспевающих из общего числа обучающихся»: «более 10 %» */
      nonProgressingAbove: fraction().default(0.1),
      /** a ВПР result with fewer participants is not used for 4.1–4.4 */
      minParticipants: z.number().int().min(1).default(1),
      vprItems: z
        .strictObject({
          '4.1': procedureSpec.default(() => structuredClone(RISK_DEFAULT_VPR_ITEMS['4.1'])),
          '4.2': procedureSpec.default(() => structuredClone(RISK_DEFAULT_VPR_ITEMS['4.2'])),
          '4.3': procedureSpec.default(() => structuredClone(RISK_DEFAULT_VPR_ITEMS['4.3'])),
          '4.4': procedureSpec.default(() => structuredClone(RISK_DEFAULT_VPR_ITEMS['4.4'])),
        })
        .prefault({}),
    })
    .prefault({}),
});

// ---------------------------------------------------------------------------------------------
// §3 Regional indicators — seed 001 (001_4a8724c71e328c13.txt, «Критерии и показатели отнесения
// общеобразовательных организаций к типам ШНРО или ШФНСУ» and the six «региональные показатели»)

export const REGIONAL_CRITERIA = [
  'lowest-results',
  'continuation-below',
  'olympiad-low',
  'oge-rus-failed-above-region',
  'oge-math-failed-above-region',
  'oge-rus-mean-falling',
  'oge-math-mean-falling',
  'oge-math-failed-rising',
  'ege-rus-mean-below-region',
] as const;
export type RegionalCriterion = (typeof REGIONAL_CRITERIA)[number];

const REGIONAL_DEFAULT_PROCEDURES = {
  ogeRus: { id: 'oge-rus', label: 'ОГЭ по русскому языку', kind: 'OGE', subjects: ['Русский язык'], grade: 9 },
  ogeMath: { id: 'oge-math', label: 'ОГЭ по математике', kind: 'OGE', subjects: ['Математика'], grade: 9 },
  egeRus: { id: 'ege-rus', label: 'ЕГЭ по русскому языку', kind: 'EGE', subjects: ['Русский язык'], grade: 11 },
} as const satisfies Record<string, ProcedureSpec>;

const regionFiguresSchema = z.strictObject({
  ogeRusFailedShare: fraction().optional(),
  ogeMathFailedShare: fraction().optional(),
  egeRusMeanScore: z.number().min(0).optional(),
});

const regionalSchema = z.strictObject({
  /** which criteria run; a school is flagged when at least `minCriteria` of them are met */
  criteria: z
    .array(z.enum(REGIONAL_CRITERIA))
    .min(1)
    .default(() => [...REGIONAL_CRITERIA]),
  /**
   * Which of the criteria put a school on the list; the others met are shown as «также» flags
   * (seed 001: «При идентификации ОО … также следующие региональные показатели»). Default: the
   * lowest fifth only — see docs/identification-rules.md, «Readings of seed 001».
   */
  listCriteria: z
    .array(z.enum(REGIONAL_CRITERIA))
    .min(1)
    .default(() => ['lowest-results'] as RegionalCriterion[]),
  /** a school is on the list when at least this many of `listCriteria` are met */
  minCriteria: z.number().int().min(1).default(1),
  /** rows with fewer participants are ignored by every regional criterion */
  minParticipants: z.number().int().min(1).default(1),
  lowest: z
    .strictObject({
      /** «20% школ с самыми низкими результатами» */
      share: z.number().gt(0, { error: FRACTION }).max(1, { error: FRACTION }).default(0.2),
      /** «за последние 3 года» */
      years: z.number().int().min(1).max(10).default(3),
      /** «ЕГЭ, ОГЭ, и ВПР»: every row of these kinds counts */
      kinds: z
        .array(z.enum(ASSESSMENT_KIND_IDS))
        .min(1)
        .default(() => [...ASSESSMENT_KIND_IDS]),
      /**
       * The composite: per kind, the school's failed share over the years divided by the region's
       * (1 = as the region, 2 = twice the region's share); the weighted mean of these ratios over
       * the kinds the school has. Weights ≥ 0, at least one > 0.
       */
      weights: z
        .strictObject({
          VPR: z.number().min(0).default(1),
          OGE: z.number().min(0).default(1),
          EGE: z.number().min(0).default(1),
        })
        .prefault({}),
    })
    .prefault({}),
  /**
   * «доля … не преодолевших минимальный порог … увеличивается»: counts only when the share rose
   * by at least `minIncrease` (a fraction: 0.05 = 5 percentage points) and both years had at
   * least `minParticipants` participants — a rise from 0 to 1 pupil of 12 is not a trend.
   */
  failedRising: z
    .strictObject({
      minIncrease: fraction().default(0.05),
      minParticipants: z.number().int().min(1).default(10),
    })
    .prefault({}),
  /** «Менее 60% обучающихся продолжающих обучение на старшей ступени»: fires when < this */
  continuationBelow: fraction().default(0.6),
  /** «0,5% и ниже учащихся … принимавших участие в … олимпиадах и конкурсах»: fires when <= this */
  olympiadAtMost: fraction().default(0.005),
  procedures: z
    .strictObject({
      ogeRus: procedureSpec.default(() => structuredClone(REGIONAL_DEFAULT_PROCEDURES.ogeRus) as ProcedureSpec),
      ogeMath: procedureSpec.default(() => structuredClone(REGIONAL_DEFAULT_PROCEDURES.ogeMath) as ProcedureSpec),
      egeRus: procedureSpec.default(() => structuredClone(REGIONAL_DEFAULT_PROCEDURES.egeRus) as ProcedureSpec),
    })
    .prefault({}),
  /** region figures per academic year; a figure not given is computed from all schools in the data */
  regionFigures: z.record(academicYear(), regionFiguresSchema).default(() => ({})),
});

// ---------------------------------------------------------------------------------------------
// §4 Unfavourable social conditions (ШНСУ). No seed gives a formula: seed 004 (РАЗДЕЛ 2, п. 1)
// plans «паспортизация» and an «индекс социального благополучия», seed 001 lists «значения
// индекса социального благополучия школы» among its data sources. The indicators, weights and
// threshold below are the project's proposal for the committee to adjust (issue 11).

/**
 * Default indicators: the items of the built-in «Социальный паспорт школы» (school-passport).
 * `adverse`: a higher share means less well-being (counted as 1 − share); `favourable`: a higher
 * share (or «да») means more.
 */
const SOCIAL_DEFAULT_INDICATORS = {
  lowIncomeFamilies: { weight: 1, item: '1.1', direction: 'adverse' },
  singleParentFamilies: { weight: 1, item: '1.2', direction: 'adverse' },
  familiesAtRisk: { weight: 1, item: '1.3', direction: 'adverse' },
  parentsWithHigherEducation: { weight: 1, item: '1.4', direction: 'favourable' },
  pupilsAtRisk: { weight: 1, item: '2.1', direction: 'adverse' },
  supportSpecialist: { weight: 1, item: '2.2', direction: 'favourable' },
  extracurricular: { weight: 1, item: '2.3', direction: 'favourable' },
  parentsAtMeetings: { weight: 1, item: '2.4', direction: 'favourable' },
} as const;

const socialSchema = z.strictObject({
  /** indicator name → weight, the passport item it reads, whether a higher value is worse or better */
  indicators: z
    .record(
      z.string().regex(/^[a-z][a-zA-Z0-9]*$/, { error: 'identify-rules-error-indicator-name' }),
      z.strictObject({
        weight: z.number().min(0),
        /** the passport item number (school-passport), e.g. `1.1`; default: none (given by the caller) */
        item: z.string().trim().min(1).optional(),
        direction: z.enum(['adverse', 'favourable']).default('adverse'),
        /** Russian name for an indicator of the committee's own (the defaults have locale keys) */
        label: z.string().trim().min(1).optional(),
      }),
    )
    .default(
      () =>
        structuredClone(SOCIAL_DEFAULT_INDICATORS) as Record<
          string,
          { weight: number; item?: string; direction: 'adverse' | 'favourable' }
        >,
    ),
  /** the well-being index is 0…1, higher = better; a school is flagged when index < threshold */
  threshold: z.number().gt(0, { error: FRACTION }).max(1, { error: FRACTION }).default(0.6),
});

// ---------------------------------------------------------------------------------------------

const rulesShape = z.strictObject({
  /** who these rules are for, e.g. «Красноярский край»; shown in reports */
  region: z.string().trim().min(1).optional(),
  /** the regional act the rules transcribe, e.g. «приказ … от … № …» */
  act: z.string().trim().min(1).optional(),
  fioco: fiocoSchema.prefault({}),
  risk: riskSchema.prefault({}),
  regional: regionalSchema.prefault({}),
  social: socialSchema.prefault({}),
});

const rulesSchema = rulesShape.superRefine((rules, ctx) => {
  const seen = new Map<string, number>();
  rules.fioco.procedures.forEach((spec, index) => {
    const first = seen.get(spec.id);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fioco', 'procedures', index, 'id'],
        message: 'identify-rules-error-duplicate-id',
        params: { id: spec.id, other: `fioco.procedures.${first}` },
      });
    } else seen.set(spec.id, index);
  });
  for (const [first, second] of overlappingSpecs(rules.fioco.procedures)) {
    ctx.addIssue({
      code: 'custom',
      path: ['fioco', 'procedures', second, 'subjects'],
      message: 'identify-rules-error-procedure-overlap',
      params: { id: rules.fioco.procedures[second]!.id, other: rules.fioco.procedures[first]!.id },
    });
  }
  if (!Object.values(rules.social.indicators).some((indicator) => indicator.weight > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['social', 'indicators'],
      message: 'identify-rules-error-no-positive-weight',
    });
  }
  if (rules.fioco.minLowProcedures > rules.fioco.procedures.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['fioco', 'minLowProcedures'],
      message: 'identify-rules-error-more-than-procedures',
      params: { count: rules.fioco.procedures.length },
    });
  }
  rules.regional.listCriteria.forEach((criterion, index) => {
    if (!rules.regional.criteria.includes(criterion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['regional', 'listCriteria', index],
        message: 'identify-rules-error-list-criterion-off',
        params: { criterion },
      });
    }
  });
  if (rules.regional.minCriteria > rules.regional.listCriteria.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['regional', 'minCriteria'],
      message: 'identify-rules-error-more-than-criteria',
      params: { count: rules.regional.listCriteria.length },
    });
  }
  const weights = rules.regional.lowest.weights;
  if (!rules.regional.lowest.kinds.some((kind) => weights[kind] > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['regional', 'lowest', 'weights'],
      message: 'identify-rules-error-no-positive-weight',
    });
  }
});

export type IdentificationRules = z.output<typeof rulesSchema>;
export type FiocoRules = IdentificationRules['fioco'];
export type RiskRules = IdentificationRules['risk'];
export type RegionalRules = IdentificationRules['regional'];
export type SocialRules = IdentificationRules['social'];

// ---------------------------------------------------------------------------------------------
// Parsing with errors a committee member can act on

interface RulesError {
  /** path of the offending key, e.g. `fioco.threshold` or `fioco.procedures.2.grade` ('' = the whole file) */
  key: string;
  /** locale key of the reason (locales/ru/identify.ftl), rendered with `params` */
  reason: string;
  /** always contains `key`; plus what the reason needs (minimum, maximum, expected, value, …) */
  params: Record<string, string | number>;
}

export type RulesParseResult = { ok: true; rules: IdentificationRules } | { ok: false; errors: RulesError[] };

export function parseRules(input: unknown): RulesParseResult {
  const parsed = rulesSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, rules: parsed.data };
  return { ok: false, errors: parsed.error.issues.flatMap(toRulesErrors) };
}

/** Parses the text of a rules file; a JSON syntax error is reported like any other. */
export function parseRulesJson(text: string): RulesParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          key: '',
          reason: 'identify-rules-error-json',
          params: { key: '', message: error instanceof Error ? error.message : String(error) },
        },
      ],
    };
  }
  return parseRules(input);
}

/** The rules every key of which comes from the seeds. */
export function defaultRules(): IdentificationRules {
  const parsed = parseRules({});
  if (!parsed.ok) throw new Error('default identification rules do not validate');
  return parsed.rules;
}

interface LooseIssue {
  code?: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  keys?: string[];
  values?: unknown[];
  params?: Record<string, unknown>;
  issues?: LooseIssue[];
}

function toRulesErrors(zodIssue: z.core.$ZodIssue): RulesError[] {
  const issue = zodIssue as unknown as LooseIssue;
  // One error per unknown key, named by its own path: `fioco.treshold`, not `fioco`.
  if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
    return issue.keys.map((unknownKey) => {
      const key = [...issue.path.map(String), unknownKey].join('.');
      return { key, reason: 'identify-rules-error-unknown-key', params: { key } };
    });
  }
  // A bad map key (e.g. a year in regionFigures): the reason is the key's own check.
  const inner = issue.code === 'invalid_key' ? issue.issues?.[0] : undefined;
  return [toRulesError(inner ? { ...inner, path: issue.path, input: issue.input } : issue)];
}

function toRulesError(issue: LooseIssue): RulesError {
  const key = issue.path.map(String).join('.');
  const params: Record<string, string | number> = { key };
  if (typeof issue.input === 'number' || typeof issue.input === 'string') params.value = issue.input;
  if (issue.minimum !== undefined) params.minimum = Number(issue.minimum);
  if (issue.maximum !== undefined) params.maximum = Number(issue.maximum);
  if (issue.inclusive !== undefined) params.inclusive = issue.inclusive ? 'yes' : 'no';
  if (issue.expected !== undefined) params.expected = issue.expected;
  if (issue.keys !== undefined) params.keys = issue.keys.join(', ');
  if (issue.values !== undefined) params.options = issue.values.map(String).join(', ');
  for (const [name, value] of Object.entries(issue.params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  if (issue.message.startsWith('identify-')) return { key, reason: issue.message, params };
  return { key, reason: reasonForCode(issue), params };
}

function reasonForCode(issue: LooseIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'identify-rules-error-integer' : 'identify-rules-error-type';
    case 'too_small':
      return typeof issue.input === 'number' ? 'identify-rules-error-too-small' : 'identify-rules-error-too-few';
    case 'too_big':
      return typeof issue.input === 'number' ? 'identify-rules-error-too-big' : 'identify-rules-error-too-many';
    case 'unrecognized_keys':
      return 'identify-rules-error-unknown-key';
    case 'invalid_value':
      return 'identify-rules-error-not-allowed';
    case 'invalid_key':
      return 'identify-rules-error-bad-key';
    case 'invalid_format':
      return 'identify-rules-error-format';
    default:
      return 'identify-rules-error-invalid';
  }
}
