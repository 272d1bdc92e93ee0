/**
 * The streaming worksheet reader (src/files/xlsx/read/sheetScanner.ts) gets a sheet's text in
 * chunks cut anywhere. Merged ranges are looked for only after the cells (`</sheetData>`, the
 * schema's order): whatever the cuts, every row and every merged range is found.
 */
import { describe, expect, it } from 'vitest';
import type { SheetRow } from '../../../src/files/xlsx/read/cells.ts';
import { SheetScanner } from '../../../src/files/xlsx/read/sheetScanner.ts';

const context = {
  sharedStrings: ['Код ОО', 'Школа'],
  styles: [],
  date1904: false,
  maxCellChars: 1000,
  maxRowChars: 100_000,
  maxRows: 1000,
};

function sheet(prefix: string, body: string, tail: string): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<${p}worksheet ${ns}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `${body}${tail}</${p}worksheet>`
  );
}

const rowsXml = (p: string) =>
  `<${p}sheetData>` +
  `<${p}row r="1"><${p}c r="A1" t="s"><${p}v>0</${p}v></${p}c><${p}c r="B1" t="s"><${p}v>1</${p}v></${p}c></${p}row>` +
  `<${p}row r="2"><${p}c r="A2"><${p}v>101</${p}v></${p}c><${p}c r="B2" t="inlineStr"><${p}is><${p}t>Лицей</${p}t></${p}is></${p}c></${p}row>` +
  `<${p}row r="3"><${p}c r="A3"><${p}v>102</${p}v></${p}c></${p}row>` +
  `</${p}sheetData>`;

const mergesXml = (p: string) =>
  `<${p}mergeCells count="2"><${p}mergeCell ref="A2:A3"/><${p}mergeCell ref="C1:E1"/></${p}mergeCells>`;

/**
 * Reads `xml` in chunks of `size` characters after the first, which holds the root's start tag
 * (where the namespace prefix is learnt; the inflater's first chunk is kilobytes).
 */
function scan(xml: string, size: number): { rows: SheetRow[]; merges: string[] } {
  const rows: SheetRow[] = [];
  const scanner = new SheetScanner(context, (row) => {
    rows.push(row);
    return true;
  });
  const head = xml.indexOf('>', xml.indexOf('worksheet')) + 1;
  scanner.push(xml.slice(0, head));
  for (let at = head; at < xml.length; at += size) scanner.push(xml.slice(at, at + size));
  return { rows, merges: scanner.merges.map((range) => range.ref) };
}

describe('sheet scanner', () => {
  for (const prefix of ['', 'x']) {
    it(`finds every row and merged range whatever the chunk cuts${prefix ? ' (prefixed names)' : ''}`, () => {
      const p = prefix ? `${prefix}:` : '';
      const xml = sheet(prefix, rowsXml(p), `<${p}pageMargins left="0.7"/>${mergesXml(p)}`);
      const whole = scan(xml, xml.length);
      expect(whole.rows.map((row) => row.values)).toEqual([['Код ОО', 'Школа'], [101, 'Лицей'], [102]]);
      expect(whole.merges).toEqual(['A2:A3', 'C1:E1']);
      // every cut position, `</sheetData>` and `<mergeCell` split included
      for (let size = 1; size < xml.length; size++) expect(scan(xml, size)).toEqual(whole);
    });
  }

  it('reads merged ranges of a sheet with no rows', () => {
    const xml = sheet('', '<sheetData></sheetData>', mergesXml(''));
    expect(scan(xml, 7)).toEqual({ rows: [], merges: ['A2:A3', 'C1:E1'] });
  });
});
