/**
 * Finding a school by what a person types after /status (issue #12): the code («sch710102»), the
 * code without «sch» («710102»), or part of the name with typos («воскресенск», «СОШ 2 Дубна»,
 * «воскресеская»). Every typed word must match a word of the school's name, settlement or
 * municipality: a number exactly, a word as a prefix, allowing one typo (two in long words).
 */

export interface SearchableSchool {
  code: string;
  name: string;
  fullName?: string;
  settlement?: string;
  municipality?: string;
}

const normalise = (text: string): string =>
  text
    .toLocaleLowerCase('ru-RU')
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„.,;:()№#\-–—/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Words, with numbers split from letters («сош2» → «сош», «2»). */
const words = (text: string): string[] =>
  normalise(text)
    .replace(/(\d+)/g, ' $1 ')
    .split(' ')
    .filter((word) => word.length > 0);

/** Levenshtein distance, stopping early above `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** 0 = exact/prefix, 1–2 = typos, Infinity = no match. */
function wordScore(typed: string, word: string): number {
  if (/^\d+$/.test(typed)) return typed === word ? 0 : Number.POSITIVE_INFINITY;
  if (word.startsWith(typed)) return 0;
  if (typed.length < 4) return Number.POSITIVE_INFINITY;
  const allowed = typed.length >= 8 ? 2 : 1;
  // compare with the word's beginning of about the typed length (a prefix typed with a typo)
  let best = Number.POSITIVE_INFINITY;
  for (const length of [typed.length - 1, typed.length, typed.length + 1]) {
    if (length < 1 || length > word.length) continue;
    const d = distance(typed, word.slice(0, length), allowed);
    if (d <= allowed) best = Math.min(best, d);
  }
  return best;
}

export type SchoolSearch<T extends SearchableSchool> =
  | { kind: 'code'; school: T }
  | { kind: 'matches'; schools: T[] }
  | { kind: 'none' };

/** Code first (with or without «sch»); otherwise name words, best matches first. */
export function searchSchools<T extends SearchableSchool>(schools: readonly T[], query: string): SchoolSearch<T> {
  const typed = normalise(query).replace(/\s+/g, '');
  const code = /^(sch)?(\d{3,})$/.exec(typed);
  if (code) {
    const exact = schools.find((school) => school.code.toLowerCase() === `sch${code[2]}`);
    if (exact) return { kind: 'code', school: exact };
  }
  const queryWords = words(query).filter((word) => word !== 'sch');
  if (queryWords.length === 0) return { kind: 'none' };
  const scored: Array<{ school: T; score: number }> = [];
  for (const school of schools) {
    const haystack = [
      ...words(school.name),
      ...words(school.fullName ?? ''),
      ...words(school.settlement ?? ''),
      ...words(school.municipality ?? ''),
      ...words(school.code),
    ];
    let total = 0;
    for (const typedWord of queryWords) {
      let best = Number.POSITIVE_INFINITY;
      for (const word of haystack) best = Math.min(best, wordScore(typedWord, word));
      total += best;
      if (!Number.isFinite(total)) break;
    }
    if (Number.isFinite(total)) scored.push({ school, score: total });
  }
  if (scored.length === 0) return { kind: 'none' };
  const best = Math.min(...scored.map((entry) => entry.score));
  // exact matches hide the typo-tolerant ones
  const kept = scored.filter((entry) => entry.score === best);
  kept.sort((a, b) => a.school.name.localeCompare(b.school.name, 'ru'));
  return { kind: 'matches', schools: kept.map((entry) => entry.school) };
}
