import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter } from '../../../src/files/xlsx/issues.ts';
import { renderIssue } from '../../../src/text/sheetIssues.ts';

describe('column letters', () => {
  it('convert both ways as Excel numbers them', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(['A', 'z', 'AA', 'XFD'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(columnIndex('A1')).toBe(-1);
  });
});

describe('renderIssue', () => {
  it('puts the position before the message, with or without a header', () => {
    const message = { severity: 'error' as const, code: 'xlsx-text-in-number', params: { value: 'три' } };
    expect(renderIssue({ ...message, row: 12345, column: 'F', header: 'Не справились' })).toBe(
      'строка 12345, столбец F «Не справились»: «три» — не число. Впишите только число, без слов и единиц измерения.',
    );
    expect(renderIssue({ ...message, row: 7, column: 'F' })).toMatch(/^строка 7, столбец F: «три»/);
    expect(renderIssue({ severity: 'info', code: 'xlsx-totals-row-skipped', row: 40 })).toBe(
      'строка 40: строка итогов пропущена: итоги бот считает сам.',
    );
    expect(renderIssue({ severity: 'error', code: 'xlsx-zip-corrupt' })).toMatch(/^Файл повреждён/);
    // a header that carries its own guillemets is not quoted twice
    expect(renderIssue({ ...message, row: 3, column: 'I', header: '«2»' })).toMatch(/^строка 3, столбец I «2»: /);
  });
});
