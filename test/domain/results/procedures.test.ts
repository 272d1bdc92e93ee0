import { describe, expect, it } from 'vitest';
import {
  effectiveGrade,
  formatGrades,
  parseAssessmentKind,
  parseGrade,
  parseSubject,
  procedureKey,
  procedureLabel,
} from '../../../src/domain/results/procedures.ts';

describe('assessment kinds', () => {
  it('reads ВПР, ОГЭ and ЕГЭ in any case, with Latin look-alike letters too', () => {
    expect(['ВПР', 'впр', ' ОГЭ ', 'OГЭ', 'ЕГЭ', 'EГЭ', 'ГИА-9'].map(parseAssessmentKind)).toEqual([
      'VPR',
      'VPR',
      'OGE',
      'OGE',
      'EGE',
      'EGE',
      'OGE',
    ]);
    expect(parseAssessmentKind('ГВЭ')).toBeNull();
  });
});

describe('subjects', () => {
  it('normalises the usual spellings', () => {
    expect(parseSubject('VPR', 'рус. яз.')).toEqual({ ok: true, subject: 'Русский язык' });
    expect(parseSubject('OGE', 'МАТЕМАТИКА')).toEqual({ ok: true, subject: 'Математика' });
    expect(parseSubject('EGE', 'Математика (базовый уровень)')).toEqual({ ok: true, subject: 'Математика (базовая)' });
    expect(parseSubject('EGE', 'профильная математика')).toEqual({ ok: true, subject: 'Математика (профильная)' });
    expect(parseSubject('VPR', 'Информатика и ИКТ')).toEqual({ ok: true, subject: 'Информатика' });
  });

  it('keeps other subjects as written, tidied', () => {
    expect(parseSubject('OGE', '  физическая   культура ')).toEqual({ ok: true, subject: 'Физическая культура' });
  });

  it('wants the level for ЕГЭ maths and only there', () => {
    expect(parseSubject('EGE', 'Математика')).toEqual({ ok: false, reason: 'math-level-required' });
    expect(parseSubject('OGE', 'Математика профильная')).toEqual({ ok: false, reason: 'math-level-not-ege' });
  });
});

describe('grades', () => {
  it('allows ВПР in 4–8, 10 and 11, ОГЭ in 9 and ЕГЭ in 11', () => {
    expect([4, 5, 6, 7, 8, 10, 11].every((grade) => parseGrade('VPR', grade).ok)).toBe(true);
    expect(parseGrade('VPR', 9)).toEqual({ ok: false, reason: 'not-held' });
    expect(parseGrade('OGE', 9)).toEqual({ ok: true, grade: 9 });
    expect(parseGrade('OGE', 11)).toEqual({ ok: false, reason: 'not-held' });
    expect(parseGrade('EGE', '11 класс')).toEqual({ ok: true, grade: 11 });
  });

  it('lets ОГЭ and ЕГЭ leave the grade empty, but not ВПР', () => {
    expect(parseGrade('OGE', null)).toEqual({ ok: true, grade: null });
    expect(parseGrade('EGE', ' ')).toEqual({ ok: true, grade: null });
    expect(parseGrade('VPR', null)).toEqual({ ok: false, reason: 'required' });
  });

  it('reads «5 кл.» and rejects «5А» and fractions', () => {
    expect(parseGrade('VPR', '5 кл.')).toEqual({ ok: true, grade: 5 });
    expect(parseGrade('VPR', '5А')).toEqual({ ok: false, reason: 'format' });
    expect(parseGrade('VPR', 5.5)).toEqual({ ok: false, reason: 'format' });
  });

  it('writes grade lists compactly', () => {
    expect(formatGrades([4, 5, 6, 7, 8, 10, 11])).toBe('4–8, 10, 11');
    expect(formatGrades([9])).toBe('9');
  });
});

describe('procedure identity', () => {
  it('treats ОГЭ with an empty grade as grade 9', () => {
    expect(effectiveGrade({ kind: 'OGE', subject: 'Математика', grade: null })).toBe(9);
    expect(procedureKey({ kind: 'OGE', subject: 'Математика', grade: null })).toBe(
      procedureKey({ kind: 'OGE', subject: 'Математика', grade: 9 }),
    );
    expect(procedureKey({ kind: 'VPR', subject: 'Математика', grade: 5 })).not.toBe(
      procedureKey({ kind: 'VPR', subject: 'Математика', grade: 6 }),
    );
  });

  it('labels procedures for messages', () => {
    expect(procedureLabel({ kind: 'VPR', subject: 'Математика', grade: 5 })).toBe('ВПР, Математика, 5 класс');
    expect(procedureLabel({ kind: 'EGE', subject: 'Математика (базовая)', grade: null })).toBe(
      'ЕГЭ, Математика (базовая)',
    );
  });
});
