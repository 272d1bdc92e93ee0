/**
 * The catalogue of assessment procedures: kinds (ВПР/ОГЭ/ЕГЭ), their grades, and subject names
 * as people write them. Issue #3 («Процедура», «Предмет», «Класс»); the procedures the ФИОКО
 * method analyses (ВПР maths/Russian 5–6, ОГЭ maths/Russian, ЕГЭ maths базовая/профильная,
 * ЕГЭ Russian) are from seed 003 §2.1 (003_b4603cc6abcf662b.txt, «Методика ФИОКО»).
 */
import { foldText } from '../schools/text.ts';
import type { AssessmentKind, Procedure } from './types.ts';

export interface AssessmentKindInfo {
  kind: AssessmentKind;
  /** as written in files and messages */
  label: string;
  /** grades in which the procedure is held */
  grades: readonly number[];
  /** the grade implied when the file leaves «Класс» empty; null when it must be given */
  impliedGrade: number | null;
}

export const ASSESSMENT_KINDS: Readonly<Record<AssessmentKind, AssessmentKindInfo>> = {
  VPR: { kind: 'VPR', label: 'ВПР', grades: [4, 5, 6, 7, 8, 10, 11], impliedGrade: null },
  OGE: { kind: 'OGE', label: 'ОГЭ', grades: [9], impliedGrade: 9 },
  EGE: { kind: 'EGE', label: 'ЕГЭ', grades: [11], impliedGrade: 11 },
};

export const KIND_LABELS: readonly string[] = Object.values(ASSESSMENT_KINDS).map((info) => info.label);

const LATIN_LOOKALIKES: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

const KIND_NAMES = new Map<string, AssessmentKind>([
  ['впр', 'VPR'],
  ['vpr', 'VPR'],
  ['всероссийские проверочные работы', 'VPR'],
  ['огэ', 'OGE'],
  ['oge', 'OGE'],
  ['гиа 9', 'OGE'],
  ['егэ', 'EGE'],
  ['ege', 'EGE'],
  ['гиа 11', 'EGE'],
]);

export function parseAssessmentKind(text: string): AssessmentKind | null {
  const words = foldText(text);
  const direct = KIND_NAMES.get(words);
  if (direct) return direct;
  // «OГЭ» typed with a Latin O and the like
  const cyrillic = words.replace(/[a-z]/g, (ch) => LATIN_LOOKALIKES[ch] ?? ch);
  return KIND_NAMES.get(cyrillic) ?? null;
}

const MATH = 'Математика';
const MATH_BASIC = 'Математика (базовая)';
const MATH_PROFILE = 'Математика (профильная)';

/** Canonical subject → spellings after `foldText`. Other subjects are kept as written. */
const SUBJECT_SPELLINGS: Record<string, string[]> = {
  'Русский язык': ['русский язык', 'русский', 'рус яз', 'рус язык', 'русск яз', 'рус'],
  [MATH]: ['математика', 'матем', 'мат'],
  [MATH_BASIC]: [
    'математика базовая',
    'математика базовый уровень',
    'математика базового уровня',
    'базовая математика',
    'математика база',
    'математика базовый',
    'математика б',
    'математика баз',
  ],
  [MATH_PROFILE]: [
    'математика профильная',
    'математика профильный уровень',
    'математика профильного уровня',
    'профильная математика',
    'математика профиль',
    'математика профильный',
    'математика п',
    'математика проф',
  ],
  'Окружающий мир': ['окружающий мир', 'окр мир'],
  Биология: ['биология'],
  География: ['география'],
  История: ['история'],
  Обществознание: ['обществознание', 'общество'],
  Физика: ['физика'],
  Химия: ['химия'],
  Литература: ['литература'],
  Информатика: ['информатика', 'информатика и икт', 'информатика икт', 'икт'],
  'Английский язык': ['английский язык', 'английский', 'англ яз', 'англ язык'],
  'Немецкий язык': ['немецкий язык', 'немецкий', 'нем яз'],
  'Французский язык': ['французский язык', 'французский', 'франц яз'],
  'Испанский язык': ['испанский язык', 'испанский'],
  'Китайский язык': ['китайский язык', 'китайский'],
  'Иностранный язык': ['иностранный язык', 'ин яз', 'иняз'],
};

/** The subjects the catalogue knows (others are accepted with a warning: a likely typo or an unplanned subject). */
export const KNOWN_SUBJECTS: readonly string[] = Object.keys(SUBJECT_SPELLINGS);
const KNOWN_SUBJECT_SET = new Set(KNOWN_SUBJECTS);
export const isKnownSubject = (subject: string) => KNOWN_SUBJECT_SET.has(subject);

const SUBJECTS = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(SUBJECT_SPELLINGS)) {
  for (const spelling of spellings) SUBJECTS.set(spelling, canonical);
}

export type SubjectParse =
  | { ok: true; subject: string }
  /** `math-level-required`: ЕГЭ maths without базовая/профильная; `math-level-not-ege`: a level outside ЕГЭ */
  | { ok: false; reason: 'empty' | 'math-level-required' | 'math-level-not-ege' };

export function parseSubject(kind: AssessmentKind, text: string): SubjectParse {
  const words = foldText(text);
  if (!words) return { ok: false, reason: 'empty' };
  const known = SUBJECTS.get(words);
  const subject = known ?? tidySubject(text);
  if (kind === 'EGE' && subject === MATH) return { ok: false, reason: 'math-level-required' };
  if (kind !== 'EGE' && (subject === MATH_BASIC || subject === MATH_PROFILE))
    return { ok: false, reason: 'math-level-not-ege' };
  return { ok: true, subject };
}

/** An unknown subject as written, tidied: single spaces, capital first letter. */
function tidySubject(text: string): string {
  const tidy = text.replace(/\s+/g, ' ').trim();
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}

export type GradeParse = { ok: true; grade: number | null } | { ok: false; reason: 'format' | 'required' | 'not-held' };

/** «Класс»: a number, or text like `5`, `5 класс`, `5 кл.`; empty is allowed for ОГЭ/ЕГЭ. */
export function parseGrade(kind: AssessmentKind, input: string | number | null): GradeParse {
  const info = ASSESSMENT_KINDS[kind];
  let grade: number;
  if (input === null || (typeof input === 'string' && input.trim() === '')) {
    return info.impliedGrade === null ? { ok: false, reason: 'required' } : { ok: true, grade: null };
  }
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return { ok: false, reason: 'format' };
    grade = input;
  } else {
    const match = /^(\d{1,2})\s*(-?й|-?ый)?\s*(класс|классы|кл\.?)?$/u.exec(input.trim().toLowerCase());
    if (!match) return { ok: false, reason: 'format' };
    grade = Number(match[1]);
  }
  return info.grades.includes(grade) ? { ok: true, grade } : { ok: false, reason: 'not-held' };
}

/** `[4, 5, 6, 7, 8, 10, 11]` → `4–8, 10, 11` */
export function formatGrades(grades: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < grades.length; ) {
    let j = i;
    while (j + 1 < grades.length && grades[j + 1] === grades[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${grades[i]}–${grades[j]}` : grades.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The grade a procedure is about, filling in 9 for ОГЭ and 11 for ЕГЭ. */
export function effectiveGrade(procedure: Procedure): number | null {
  return procedure.grade ?? ASSESSMENT_KINDS[procedure.kind].impliedGrade;
}

/**
 * One key per real procedure: ОГЭ with «Класс» 9 and ОГЭ with «Класс» empty are the same
 * procedure. Use it wherever procedures are compared or stored.
 */
export function procedureKey(procedure: Procedure): string {
  return `${procedure.kind}|${procedure.subject}|${effectiveGrade(procedure) ?? ''}`;
}

/**
 * Numbers 0, 1, 2… for the procedures (kind, subject, grade) of a file, in order of first sight,
 * without building a key string for each of its rows (the readers call it 90,000 times a file).
 */
export class ProcedureIds {
  private readonly ids = new Map<string, Map<string, Map<number | null, number>>>();
  private count = 0;

  idOf(kind: string, subject: string, grade: number | null): number {
    let subjects = this.ids.get(kind);
    if (!subjects) this.ids.set(kind, (subjects = new Map()));
    let grades = subjects.get(subject);
    if (!grades) subjects.set(subject, (grades = new Map()));
    let id = grades.get(grade);
    if (id === undefined) grades.set(grade, (id = this.count++));
    return id;
  }
}

/** «ВПР, Математика, 5 класс» */
export function procedureLabel(procedure: Procedure): string {
  const grade = effectiveGrade(procedure);
  const base = `${ASSESSMENT_KINDS[procedure.kind].label}, ${procedure.subject}`;
  return procedure.kind === 'VPR' && grade !== null ? `${base}, ${grade} класс` : base;
}
