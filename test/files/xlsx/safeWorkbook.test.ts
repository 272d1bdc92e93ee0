import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateRegionResults } from '../../helpers/regionSample.ts';
import { parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { readSheetRows, readWorkbook } from '../../../src/files/xlsx/read/safeWorkbook.ts';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package written by hand, as other programs (.NET, 1C, web systems) write them. */
function handWritten(sheetXml: string, options: { workbookPr?: string; styles?: string } = {}): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}">${options.workbookPr ?? ''}<x:sheets><x:sheet name="Данные" sheetId="1" r:id="rs1"/></x:sheets></x:workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rs1" Type="${REL}/worksheet" Target="sheets/data.xml"/><Relationship Id="st" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      options.styles ??
        `<x:styleSheet xmlns:x="${MAIN}"><x:cellXfs count="1"><x:xf numFmtId="0"/></x:cellXfs></x:styleSheet>`,
    ),
    'xl/sheets/data.xml': strToU8(sheetXml),
  });
}

describe('readWorkbook with other writers', () => {
  it('reads prefixed namespaces, inline strings and cells without references', () => {
    const bytes = handWritten(
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Код ОО</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:r><x:t>Участ</x:t></x:r><x:r><x:t>ников</x:t></x:r></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>sch100001</x:t></x:is></x:c><x:c><x:v>28</x:v></x:c><x:c t="str"><x:f>A2</x:f><x:v>a &amp; b</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    );
    const workbook = readWorkbook(bytes);
    if (!workbook.ok) throw new Error(workbook.issue.code);
    const rows = readSheetRows(workbook.sheets[0]!);
    expect(rows).toEqual({
      ok: true,
      merges: [],
      rows: [
        { row: 1, values: ['Код ОО', 'Участников'] },
        { row: 2, values: ['sch100001', 28, 'a & b'] },
      ],
    });
  });

  it('reads text whose characters fall across the 1 MB pieces the sheet is decoded in', () => {
    // ASCII rows (decoded the fast way), then a cell whose text starts `shift` bytes before the
    // 1 MiB mark: its two- and three-byte letters (Ш, ́, «, №) are cut between two pieces in turn
    const text = 'Шко́ла «Ёлочка» №1';
    const head = `<worksheet xmlns="${MAIN}"><sheetData>`;
    const parts = [head];
    let length = head.length;
    let n = 0;
    while (length < 1024 * 1024 - 200) {
      n++;
      const row = `<row r="${n}"><c r="A${n}"><v>${n}</v></c></row>`;
      parts.push(row);
      length += row.length;
    }
    const open = `<row r="${n + 1}"><c r="A${n + 1}" t="inlineStr"><is><t>`;
    for (let shift = 0; shift <= 12; shift++) {
      const pad = 'x'.repeat(1024 * 1024 - shift - length - open.length);
      const xml = `${parts.join('')}${open}${pad}${text}</t></is></c></row><row r="${n + 2}"><c r="A${n + 2}"><v>7</v></c></row></sheetData></worksheet>`;
      const workbook = readWorkbook(handWritten(xml));
      if (!workbook.ok) throw new Error(workbook.issue.code);
      const read = readSheetRows(workbook.sheets[0]!);
      if (!read.ok) throw new Error(read.issue.code);
      expect(read.rows.length).toBe(n + 2);
      expect(read.rows.at(-2)!.values).toEqual([`${pad}${text}`]);
      expect(read.rows.at(-1)!.values).toEqual([7]);
    }
  });

  it('reads dates in the 1904 date system (serial 43981 = 45443 − 1462 days) and custom date formats', () => {
    const bytes = handWritten(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"><v>43981</v></c><c r="B1" s="2"><v>0.5</v></c></row></sheetData></worksheet>`,
      {
        workbookPr: '<x:workbookPr date1904="1"/>',
        styles: `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>`,
      },
    );
    const workbook = readWorkbook(bytes);
    if (!workbook.ok) throw new Error(workbook.issue.code);
    expect(readSheetRows(workbook.sheets[0]!)).toMatchObject({
      rows: [{ row: 1, values: [new Date(Date.UTC(2024, 4, 31)), 0.5], percentColumns: [1] }],
    });
  });
});

describe('the benchmark file', () => {
  it('is a valid results file of schools × 3 years × 30 procedures', () => {
    const sample = generateRegionResults({ schools: 4 });
    expect(sample.rows).toBe(360);
    const outcome = parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools });
    expect(outcome.issues).toEqual([]);
    expect(outcome.rows).toHaveLength(360);
  });
});
