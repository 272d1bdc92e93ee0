/**
 * The school registry (issue #2): one row per school with its ФИС ОКО code.
 * Columns: Муниципалитет, Код ОО, Наименование, Краткое наименование, Тип, Населённый пункт,
 * Сельская (да/нет).
 */
import type { RowProblem } from './rowProblem.ts';
import { foldText } from './text.ts';

/** Field names follow the database (`School` in prisma/schema.prisma). */
export interface School {
  municipality: string;
  /** ФИС ОКО code (login), lower case: `sch123456` */
  code: string;
  fullName: string;
  /** empty when not given */
  shortName: string;
  type: SchoolType;
  /** «Населённый пункт»; empty when not given */
  settlement: string;
  rural: boolean;
}

/** School types, as shown in the template's drop-down list. */
export const SCHOOL_TYPES = [
  'СОШ',
  'ООШ',
  'НОШ',
  'гимназия',
  'лицей',
  'СОШ с УИОП',
  'центр образования',
  'кадетская школа',
  'школа-интернат',
  'В(С)ОШ',
  'коррекционная школа',
  'образовательный комплекс',
  'другое',
] as const;

export type SchoolType = (typeof SCHOOL_TYPES)[number];

const TYPE_SPELLINGS: Record<SchoolType, string[]> = {
  СОШ: ['сош', 'средняя общеобразовательная школа', 'средняя школа', 'мбоу сош', 'маоу сош', 'мкоу сош'],
  ООШ: ['оош', 'основная общеобразовательная школа', 'основная школа', 'мбоу оош', 'мкоу оош'],
  НОШ: ['нош', 'начальная общеобразовательная школа', 'начальная школа', 'начальная школа детский сад', 'нош дс'],
  гимназия: ['гимназия'],
  лицей: ['лицей'],
  'СОШ с УИОП': [
    'сош с уиоп',
    'сош уиоп',
    'сош с углубленным изучением отдельных предметов',
    'средняя общеобразовательная школа с углубленным изучением отдельных предметов',
    'школа с углубленным изучением отдельных предметов',
  ],
  'центр образования': ['центр образования', 'цо'],
  'кадетская школа': ['кадетская школа', 'кадетская школа интернат', 'кадетский корпус'],
  'школа-интернат': ['школа интернат', 'интернат', 'сош интернат'],
  'В(С)ОШ': [
    'в с ош',
    'всош',
    'восош',
    'вечерняя школа',
    'сменная школа',
    'вечерняя сменная школа',
    'вечерняя сменная общеобразовательная школа',
    'центр образования вечерний',
  ],
  'коррекционная школа': [
    'коррекционная школа',
    'коррекционная школа интернат',
    'школа для обучающихся с овз',
    'адаптированная школа',
  ],
  'образовательный комплекс': ['образовательный комплекс', 'образовательный центр', 'школа детский сад', 'ок'],
  другое: ['другое', 'другой', 'иное', 'иной'],
};

const TYPES = new Map<string, SchoolType>();
for (const type of SCHOOL_TYPES) {
  TYPES.set(foldText(type), type);
  for (const spelling of TYPE_SPELLINGS[type]) TYPES.set(spelling, type);
}

export function parseSchoolType(text: string): SchoolType | null {
  return TYPES.get(foldText(text)) ?? null;
}

/** `SCH 123456 ` → `sch123456` */
export function normaliseSchoolCode(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** A code someone typed to find a school: `710102`, `SCH 710102` → `sch710102` (as /status has accepted it). */
export function schoolCodeOfQuery(text: string): string {
  const code = normaliseSchoolCode(text);
  return code.startsWith('sch') ? code : `sch${code}`;
}

/** A ФИС ОКО school code: `sch` and digits. */
export function isSchoolCode(code: string): boolean {
  return /^sch\d{3,9}$/.test(code);
}

/** Names compared the way people see them: case, quotes, № and spacing do not matter. */
export function sameSchoolName(a: string, b: string): boolean {
  return foldText(a) === foldText(b);
}

export type SchoolField = 'municipality' | 'code' | 'fullName' | 'shortName' | 'type' | 'settlement' | 'rural';

/** One registry row as read. `null`: empty cell or absent column; `undefined`: unreadable cell, already reported. */
export type SchoolRowInput = {
  [K in Exclude<SchoolField, 'rural'>]: string | null | undefined;
} & { rural: boolean | null | undefined };

export function validateSchoolRow(input: SchoolRowInput): {
  school: School | null;
  problems: RowProblem<SchoolField>[];
} {
  const problems: RowProblem<SchoolField>[] = [];
  const required = (field: SchoolField, code: string, params?: Record<string, string>): string | null => {
    const value = input[field];
    if (value === undefined) return null;
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      problems.push(params ? { severity: 'error', field, code, params } : { severity: 'error', field, code });
      return null;
    }
    return String(value).replace(/\s+/g, ' ').trim();
  };
  const optional = (field: 'shortName' | 'settlement'): string => {
    const value = input[field];
    return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  };

  const municipality = required('municipality', 'schools-municipality-required');
  const codeText = required('code', 'schools-code-required');
  let code: string | null = null;
  if (codeText !== null) {
    code = normaliseSchoolCode(codeText);
    if (!isSchoolCode(code)) {
      problems.push({ severity: 'error', field: 'code', code: 'schools-code-format', params: { code: codeText } });
      code = null;
    }
  }
  const fullName = required('fullName', 'schools-name-required');
  const allowed = SCHOOL_TYPES.join(', ');
  const typeText = required('type', 'schools-type-required', { allowed });
  let type: SchoolType | null = null;
  if (typeText !== null) {
    type = parseSchoolType(typeText);
    if (!type)
      problems.push({
        severity: 'error',
        field: 'type',
        code: 'schools-type-unknown',
        params: { value: typeText, allowed },
      });
  }
  let rural: boolean | null = null;
  if (input.rural === null) problems.push({ severity: 'error', field: 'rural', code: 'schools-rural-required' });
  else if (input.rural !== undefined) rural = input.rural;

  if (
    problems.length > 0 ||
    municipality === null ||
    code === null ||
    fullName === null ||
    type === null ||
    rural === null
  ) {
    return { school: null, problems };
  }
  return {
    school: {
      municipality,
      code,
      fullName,
      shortName: optional('shortName'),
      type,
      settlement: optional('settlement'),
      rural,
    },
    problems,
  };
}
