import { describe, expect, it } from 'vitest';
import { detectHeader, normaliseHeader } from '../../../src/files/xlsx/read/table.ts';
import { RESULTS_SPEC } from '../../../src/files/xlsx/read/resultsSheet.ts';

describe('normaliseHeader', () => {
  it('ignores case, ё, quotes, punctuation, line breaks and unit words', () => {
    expect(normaliseHeader('Кол-во\nучастников, чел.')).toBe('кол во участников');
    expect(normaliseHeader('Получили «2»')).toBe(normaliseHeader('получили "2"'));
    expect(normaliseHeader('Населённый  пункт')).toBe('населенный пункт');
  });

  it('keeps the percent sign, which tells a share from a count', () => {
    expect(normaliseHeader('Доля не справившихся, %')).toBe('доля не справившихся %');
    expect(normaliseHeader('% не справившихся')).not.toBe(normaliseHeader('не справившихся'));
  });
});

describe('detectHeader', () => {
  const row = (n: number, values: unknown[]) => ({ row: n, values: values as never[] });

  it('prefers the row with all required columns over a title that mentions one', () => {
    const header = detectHeader(
      [
        row(1, ['Процедура: ВПР', 'Предмет']),
        row(2, ['Учебный год', 'Код ОО', 'Процедура', 'Предмет', 'Участников']),
        row(3, ['Учебный год', 'Код ОО', 'Процедура', 'Предмет', 'Участников', 'Не справились']),
      ],
      RESULTS_SPEC,
    );
    expect(header?.row).toBe(3);
    expect(header?.complete).toBe(true);
    expect([...header!.columns.keys()]).toEqual(['year', 'schoolCode', 'kind', 'subject', 'participants', 'failed']);
  });

  it('looks no further than row 20', () => {
    expect(
      detectHeader(
        [row(21, ['Учебный год', 'Код ОО', 'Процедура', 'Предмет', 'Участников', 'Не справились'])],
        RESULTS_SPEC,
      ),
    ).toBeNull();
  });

  it('notes a second column for the same field', () => {
    const header = detectHeader(
      [row(1, ['Учебный год', 'Код ОО', 'Процедура', 'Предмет', 'Участников', 'Не справились', 'Кол-во участников'])],
      RESULTS_SPEC,
    );
    expect(header?.duplicates.map((d) => [d.column.letter, d.first.letter])).toEqual([['G', 'E']]);
  });
});
