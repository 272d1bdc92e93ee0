import { describe, expect, it } from 'vitest';
import { searchSchools } from '../../../src/domain/schools/search.ts';

const schools = [
  { code: 'sch710001', name: 'Воскресенская СОШ', settlement: 'с. Воскресенское', municipality: 'Дубенский район' },
  { code: 'sch710002', name: 'Дубенская СОШ № 2', settlement: 'п. Дубна', municipality: 'Дубенский район' },
  { code: 'sch710004', name: 'Дубенская СОШ № 1', settlement: 'п. Дубна', municipality: 'Дубенский район' },
  {
    code: 'sch670001',
    name: 'Ельнинская СОШ № 1 им. М. И. Глинки',
    settlement: 'г. Ельня',
    municipality: 'Ельнинский район',
  },
];
const codes = (query: string) => {
  const found = searchSchools(schools, query);
  return found.kind === 'code' ? [found.school.code] : found.kind === 'matches' ? found.schools.map((s) => s.code) : [];
};

describe('searchSchools (/status)', () => {
  it('finds by the code, with or without «sch», in any case', () => {
    expect(searchSchools(schools, 'SCH710002')).toEqual({ kind: 'code', school: schools[1] });
    expect(codes('710002')).toEqual(['sch710002']);
  });

  it('finds by words of the name, settlement or municipality, numbers exactly', () => {
    expect(codes('воскресенск')).toEqual(['sch710001']);
    expect(codes('СОШ 2 Дубна')).toEqual(['sch710002']);
    expect(codes('сош №1 дубна')).toEqual(['sch710004']);
    expect(codes('Глинки')).toEqual(['sch670001']);
    expect(codes('дубенская')).toEqual(['sch710004', 'sch710002']);
  });

  it('tolerates a typo per word and ё/е, and exact matches hide typo matches', () => {
    expect(codes('воскресеская')).toEqual(['sch710001']);
    expect(codes('Ельнинкая')).toEqual(['sch670001']);
    expect(codes('ДУБЕНСКИЙ')).toEqual(['sch710001', 'sch710004', 'sch710002']);
  });

  it('finds nothing for unrelated words, short garbage or an unknown code', () => {
    expect(searchSchools(schools, 'гимназия')).toEqual({ kind: 'none' });
    expect(searchSchools(schools, 'ab')).toEqual({ kind: 'none' });
    expect(searchSchools(schools, 'sch999999')).toEqual({ kind: 'none' });
    expect(searchSchools(schools, '  ')).toEqual({ kind: 'none' });
  });
});
