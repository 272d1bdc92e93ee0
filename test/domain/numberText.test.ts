/**
 * One number grammar for chat and sheets (issue 14): the table below is the grammar, and every
 * line of it is read the same way from a typed chat answer and from a text cell of a real .xlsx.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/domain/numberText.ts';
import { parseAnswer } from '../../src/domain/questionnaires/answers.ts';
import { loadQuestionnaire } from '../../src/domain/questionnaires/model.ts';
import { readTable, type TableSpec } from '../../src/files/xlsx/read/table.ts';

/** text → [value, percentSign], or null when the text is not a number */
const GRAMMAR: [string, [number, boolean] | null][] = [
  ['28', [28, false]],
  [' 28 ', [28, false]],
  ['3,75', [3.75, false]],
  ['3.75', [3.75, false]],
  [',5', [0.5, false]],
  ['12.', [12, false]],
  ['1 234', [1234, false]],
  ['1\u00a0234\u00a0567,5', [1234567.5, false]],
  ['1\u202f234', [1234, false]],
  ['-5', [-5, false]],
  ['−5', [-5, false]],
  ['–5', [-5, false]],
  ['- 5', [-5, false]],
  ['+5', [5, false]],
  ['-0', [0, false]],
  ['1,5E+3', [1500, false]],
  ['12 %', [12, true]],
  ['12,5%', [12.5, true]],
  ['12 5', null],
  ['1 23', null],
  ['1,234,567', null],
  ['1.234,5', null],
  ['%25', null],
  ['28 чел', null],
  ['три', null],
  ['-', null],
  ['.', null],
  ['1e999', null],
  ['', null],
];

describe('parseNumberText: the grammar', () => {
  it.each(GRAMMAR)('«%s»', (text, expected) => {
    const parsed = parseNumberText(text);
    expect(parsed && [parsed.value, parsed.percentSign]).toEqual(expected);
  });
});

const questionnaire = loadQuestionnaire({
  id: 'numbers',
  version: 1,
  title: 'Числа',
  sections: [
    {
      title: 'Числа',
      items: [
        { number: '1', type: 'decimal', text: 'Число', validation: { min: -1e9, max: 1e9 } },
        { number: '2', type: 'percent', text: 'Доля' },
      ],
    },
  ],
});
const [decimal, percent] = questionnaire.sections[0]!.items;

type Field = 'label' | 'number' | 'percent';
const SPEC: TableSpec<Field> = {
  columns: [
    { field: 'label', title: 'Строка', required: true },
    { field: 'number', title: 'Число', required: true },
    { field: 'percent', title: 'Доля', required: true },
  ],
};

async function readSheet(
  texts: readonly string[],
): Promise<Map<string, [number | null | undefined, number | null | undefined]>> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Числа');
  sheet.addRow(['Строка', 'Число', 'Доля']);
  // every cell holds the text as typed (a string cell, not a number Excel parsed)
  texts.forEach((text, index) => sheet.addRow([`строка ${index}`, text, text]));
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const read = new Map<string, [number | null | undefined, number | null | undefined]>();
  const result = readTable<Field>(bytes, {
    spec: SPEC,
    onRow: (row) => {
      const index = Number(String(row.text('label')).replace('строка ', ''));
      read.set(texts[index]!, [row.number('number'), row.percent('percent')]);
    },
  });
  expect(result.readable).toBe(true);
  return read;
}

describe('a number typed in chat and the same text in a sheet cell', () => {
  it('are read by the same rules', async () => {
    const texts = GRAMMAR.map(([text]) => text).filter((text) => text.trim() !== '');
    const sheet = await readSheet(texts);
    expect(sheet.size).toBe(texts.length);
    for (const text of texts) {
      const expected = parseNumberText(text);
      const chatNumber = parseAnswer(decimal!, text);
      const chatPercent = parseAnswer(percent!, text);
      const [sheetNumber, sheetPercent] = sheet.get(text)!;
      // a plain number column: a number without «%», else refused — in chat and in the sheet
      const plain = expected && !expected.percentSign ? expected.value : undefined;
      expect(chatNumber.ok ? chatNumber.value : undefined, `chat, number: «${text}»`).toBe(plain);
      expect(sheetNumber, `sheet, number: «${text}»`).toBe(plain);
      // a percentage column takes the number with or without «%» (chat also checks 0…100)
      expect(sheetPercent, `sheet, percent: «${text}»`).toBe(expected?.value);
      if (expected && (expected.value < 0 || expected.value > 100))
        expect(chatPercent, `chat, percent: «${text}»`).toMatchObject({
          ok: false,
          reason: 'forms-error-percent-range',
        });
      else expect(chatPercent.ok ? chatPercent.value : undefined, `chat, percent: «${text}»`).toBe(expected?.value);
    }
  });
});
