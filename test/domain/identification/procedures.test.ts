// Matching result rows to the procedures of the rules file.
import { describe, expect, it } from 'vitest';
import {
  FIOCO_DEFAULT_PROCEDURES,
  ProcedureMatcher,
  normalizeSubject,
} from '../../../src/domain/identification/index.ts';

describe('normalizeSubject', () => {
  it.each([
    ['  Русский   язык ', 'русский язык'],
    ['МАТЕМАТИКА(БАЗОВАЯ)', 'математика (базовая)'],
    ['Математика ( профильная )', 'математика (профильная)'],
    ['Естествознание\u00a0(ёмкость)', 'естествознание (емкость)'],
    ['Ёлка', 'елка'],
  ])('%j → %j', (raw, normalized) => {
    expect(normalizeSubject(raw)).toBe(normalized);
  });
});

describe('ProcedureMatcher with the nine ФИОКО procedures', () => {
  const matcher = new ProcedureMatcher(FIOCO_DEFAULT_PROCEDURES);
  const idOf = (kind: 'VPR' | 'OGE' | 'EGE', subject: string, grade: number | null) => {
    const index = matcher.match({ kind, subject, grade });
    return index < 0 ? null : FIOCO_DEFAULT_PROCEDURES[index]!.id;
  };

  it.each([
    ['VPR', 'Математика', 5, 'vpr-math-5'],
    ['VPR', 'математика', 6, 'vpr-math-6'],
    ['VPR', 'Русский язык', 5, 'vpr-rus-5'],
    ['VPR', 'Русский язык', 6, 'vpr-rus-6'],
    ['OGE', 'Математика', 9, 'oge-math'],
    ['OGE', 'Математика', null, 'oge-math'],
    ['OGE', 'Русский язык', null, 'oge-rus'],
    ['EGE', 'Математика (базовая)', 11, 'ege-math-base'],
    ['EGE', 'Математика базового уровня', null, 'ege-math-base'],
    ['EGE', 'Математика (профильная)', 11, 'ege-math-profile'],
    ['EGE', 'математика профильная', null, 'ege-math-profile'],
    ['EGE', 'Русский язык', 11, 'ege-rus'],
    ['VPR', 'Математика', 4, null],
    ['VPR', 'Математика', null, null],
    ['OGE', 'Математика', 11, null],
    ['EGE', 'Математика', 11, null],
    ['OGE', 'Информатика', 9, null],
  ] as const)('%s %s grade %s → %s', (kind, subject, grade, id) => {
    expect(idOf(kind, subject, grade)).toBe(id);
  });
});
