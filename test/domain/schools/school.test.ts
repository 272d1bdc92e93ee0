import { describe, expect, it } from 'vitest';
import {
  isSchoolCode,
  normaliseSchoolCode,
  parseSchoolType,
  sameSchoolName,
  validateSchoolRow,
  type SchoolRowInput,
} from '../../../src/domain/schools/school.ts';

function input(overrides: Partial<SchoolRowInput> = {}): SchoolRowInput {
  return {
    municipality: 'Энский район',
    code: 'sch100001',
    fullName: 'МБОУ «СОШ № 1»',
    shortName: null,
    type: 'СОШ',
    settlement: null,
    rural: false,
    ...overrides,
  };
}

describe('school codes', () => {
  it('accepts «sch» and digits, in any case and with stray spaces', () => {
    expect(normaliseSchoolCode(' SCH 123456 ')).toBe('sch123456');
    expect(isSchoolCode('sch123456')).toBe(true);
    expect(isSchoolCode('123456')).toBe(false);
    expect(isSchoolCode('sch12a456')).toBe(false);
  });
});

describe('school types', () => {
  it('reads abbreviations and full names', () => {
    expect(parseSchoolType('средняя общеобразовательная школа')).toBe('СОШ');
    expect(parseSchoolType('Гимназия')).toBe('гимназия');
    expect(parseSchoolType('В(С)ОШ')).toBe('В(С)ОШ');
    expect(parseSchoolType('Школа-интернат')).toBe('школа-интернат');
    expect(parseSchoolType('колледж')).toBeNull();
  });
});

describe('school names', () => {
  it('compares names the way people read them', () => {
    expect(sameSchoolName('МБОУ "СОШ №1"', 'мбоу «сош № 1»')).toBe(true);
    expect(sameSchoolName('МБОУ «СОШ № 1»', 'МБОУ «СОШ № 2»')).toBe(false);
  });
});

describe('validateSchoolRow', () => {
  it('returns the school with empty optional fields as empty text', () => {
    expect(validateSchoolRow(input({ code: 'SCH100001', fullName: '  МБОУ   «СОШ № 1» ' }))).toEqual({
      school: {
        municipality: 'Энский район',
        code: 'sch100001',
        fullName: 'МБОУ «СОШ № 1»',
        shortName: '',
        type: 'СОШ',
        settlement: '',
        rural: false,
      },
      problems: [],
    });
  });

  it('lists every problem of the row', () => {
    const { school, problems } = validateSchoolRow(
      input({ municipality: null, code: '12345', type: 'техникум', rural: null }),
    );
    expect(school).toBeNull();
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'municipality:schools-municipality-required',
      'code:schools-code-format',
      'type:schools-type-unknown',
      'rural:schools-rural-required',
    ]);
  });

  it('stays silent about an unreadable cell but returns no school', () => {
    expect(validateSchoolRow(input({ rural: undefined }))).toEqual({ school: null, problems: [] });
  });
});
