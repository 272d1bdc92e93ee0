/**
 * Built-in forms keep the seeds' wording and say where they come from (issue 11): a Tula district
 * must not send a Smolensk form as its own. Two things per installation:
 * - the origin line: «по материалам Ельнинского района Смоленской области …», shown with the form;
 * - the region's own bodies: seed 001's final monitoring (001_4a8724c71e328c13.txt, items 14.7 and
 *   14.13) names Smolensk's institute («вебинаров СОИРО») and regional methodical association
 *   («экспертизу РУМО»); an installation names its own (REGION_INSTITUTE,
 *   REGION_METHODICAL_ASSOCIATION). Unset, the seed's words stay, and the origin line explains them.
 * Pure: a questionnaire in, a new one out.
 */
import type { Questionnaire } from './model.ts';

export interface RegionalBodies {
  /** the regional institute of education development, e.g. «ИПК и ППРО ТО» (seed: СОИРО) */
  institute?: string | undefined;
  /** the regional methodical association, e.g. «РМО Тульской области» (seed: РУМО) */
  methodicalAssociation?: string | undefined;
}

/** Where each built-in comes from, as a line a director reads. */
const BUILTIN_ORIGINS: Readonly<Record<string, string>> = {
  'context-data': 'по материалам управления общего и дошкольного образования г. Норильска (методика ФИОКО, 2022–2024)',
  'final-monitoring':
    'по материалам Ельнинского района Смоленской области (приказ Отдела образования № 98/1 от 23.06.2020)',
  'failure-prevention': 'по материалам управления общего и дошкольного образования г. Норильска (2022–2024)',
  'school-passport':
    'по материалам Верхнебуреинского района Хабаровского края («паспортизация» школ); состав показателей предложен проектом',
};

export const builtinOrigin = (id: string): string | undefined => BUILTIN_ORIGINS[id];

const SEED_WORDS: ReadonlyArray<[RegExp, keyof RegionalBodies]> = [
  [/СОИРО/g, 'institute'],
  [/РУМО/g, 'methodicalAssociation'],
];

function substitute(text: string, bodies: RegionalBodies): string {
  let result = text;
  for (const [pattern, key] of SEED_WORDS) {
    const name = bodies[key]?.trim();
    if (name) result = result.replace(pattern, name);
  }
  return result;
}

/** The questionnaire with the seed's regional bodies replaced by the installation's (when set). */
export function withRegionalBodies(questionnaire: Questionnaire, bodies: RegionalBodies): Questionnaire {
  if (!bodies.institute?.trim() && !bodies.methodicalAssociation?.trim()) return questionnaire;
  const copy = structuredClone(questionnaire) as Questionnaire;
  for (const section of copy.sections) {
    for (const item of section.items as unknown as Array<{ text: string; hint?: string | undefined }>) {
      item.text = substitute(item.text, bodies);
      if (item.hint) item.hint = substitute(item.hint, bodies);
    }
  }
  return copy;
}
