import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  annotateErrors,
  ERROR_FILL_ARGB,
  NOTE_MARK,
  noteText,
  WARNING_FILL_ARGB,
} from '../../../src/files/xlsx/write/annotate.ts';
import { generateRegionResults } from '../../helpers/regionSample.ts';
import { parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { KNOWN_SCHOOLS, goodRow, randomBytes, resultsWorkbook } from '../../fixtures/xlsx/build.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function marks(sheet: ExcelJS.Worksheet): Record<string, { fill: string | undefined; note: string }> {
  const found: Record<string, { fill: string | undefined; note: string }> = {};
  sheet.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const note = noteText(cell);
      if (!note) return;
      const fill = cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
      found[cell.address] = { fill, note };
    }),
  );
  return found;
}

describe('the annotated copy', () => {
  it('fills every bad cell and puts the message in its note', async () => {
    const original = await resultsWorkbook([
      goodRow(),
      goodRow({ subject: 'Русский язык', participants: 28, failed: 31, m2: null, m3: null, m4: null, m5: null }),
      goodRow({ subject: 'История', schoolCode: 'sch999999', schoolName: null, participants: null }),
      goodRow({ subject: 'Биология', schoolCode: 'sch100002' }), // name differs from the registry: a warning
    ]);
    const outcome = parseResultsFile(original, { knownSchools: KNOWN_SCHOOLS });
    expect(outcome.ok).toBe(false);

    const copy = await annotateErrors(original, { sheetName: outcome.sheetName!, issues: outcome.issues });
    const workbook = await load(new Uint8Array(copy!));
    const sheet = workbook.getWorksheet('Результаты')!;
    expect(marks(sheet)).toEqual({
      H3: { fill: ERROR_FILL_ARGB, note: `${NOTE_MARK}31 больше, чем участников (28). Проверьте оба числа.` },
      B4: { fill: ERROR_FILL_ARGB, note: expect.stringContaining('школы с кодом sch999999 нет в реестре') },
      G4: { fill: ERROR_FILL_ARGB, note: expect.stringContaining('не указано число участников') },
      C5: {
        fill: WARNING_FILL_ARGB,
        note: expect.stringContaining('в реестре под кодом sch100002 записано «МБОУ «СОШ № 2»»'),
      },
    });
    // the data are untouched
    expect(sheet.getCell('H3').value).toBe(31);
    expect(sheet.getCell('G4').value).toBe(null);
    // and every problem is listed on its own sheet
    const list = workbook.getWorksheet('Ошибки')!;
    expect(list.rowCount).toBe(1 + outcome.issues.length);
    expect(list.getCell('B2').value).toBe(
      'строка 3, столбец H «Не справились»: 31 больше, чем участников (28). Проверьте оба числа.',
    );
    // each line links to its cell
    const listXml = Object.entries(unzipSync(new Uint8Array(copy!))).find(
      ([name, data]) => name.startsWith('xl/worksheets/') && strFromU8(data).includes('<hyperlinks>'),
    )!;
    expect(strFromU8(listXml[1])).toContain(`<hyperlink ref="B2" location="'Результаты'!H3"/>`);
  });

  it('clears the marks of an earlier round when the fixed file comes back', async () => {
    const original = await resultsWorkbook([
      goodRow({ failed: 31, m2: null, m3: null, m4: null, m5: null, meanScore: null, participants: null }),
    ]);
    const first = parseResultsFile(original, { knownSchools: KNOWN_SCHOOLS });
    const annotated = new Uint8Array(
      (await annotateErrors(original, { sheetName: 'Результаты', issues: first.issues }))!,
    );

    // the coordinator fixes the number but leaves the highlight and the note in place
    const workbook = await load(annotated);
    workbook.getWorksheet('Результаты')!.getCell('G2').value = 31;
    workbook.getWorksheet('Результаты')!.getCell('A2').note = 'моя заметка';
    const fixed = new Uint8Array(await workbook.xlsx.writeBuffer());
    const second = parseResultsFile(fixed, { knownSchools: KNOWN_SCHOOLS });
    expect(second.ok).toBe(true);

    const again = await load(
      new Uint8Array((await annotateErrors(fixed, { sheetName: 'Результаты', issues: second.issues }))!),
    );
    expect(marks(again.getWorksheet('Результаты')!)).toEqual({ A2: { fill: undefined, note: 'моя заметка' } });
    expect(again.worksheets.map((s) => s.name)).toEqual(['Результаты', 'Ошибки']);
  });

  it('annotates a large file quickly by editing its XML, leaving the data as they were', async () => {
    const sample = generateRegionResults({ schools: 200 }); // 18,000 rows, too big for the ExcelJS way
    expect(sample.bytes.length).toBeGreaterThan(512 * 1024);
    const issues = [
      {
        severity: 'error' as const,
        row: 9_001,
        column: 'H',
        header: 'Не справились',
        code: 'results-failed-exceeds-participants',
        params: { failed: 31, participants: 28 },
      },
      {
        severity: 'warning' as const,
        row: 17_000,
        column: 'C',
        header: 'Наименование ОО',
        code: 'xlsx-unknown-column',
      },
    ];
    const copy = await annotateErrors(sample.bytes, { sheetName: 'Результаты', issues });
    expect(copy).not.toBeNull();
    const parts = unzipSync(new Uint8Array(copy!));
    const comments = strFromU8(parts['xl/comments1.xml']!);
    expect(comments).toContain(
      `<comment ref="H9001" authorId="0"><text><r><t xml:space="preserve">${NOTE_MARK}31 больше, чем участников (28).`,
    );
    expect(comments).toContain('<comment ref="C17000"');
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const style = Number(/<c r="H9001" s="(\d+)"/.exec(sheet)![1]);
    const styles = strFromU8(parts['xl/styles.xml']!);
    const xfs = styles.slice(styles.indexOf('<cellXfs'), styles.indexOf('</cellXfs>')).match(/<xf [^>]*>/g)!;
    const fills = styles.slice(styles.indexOf('<fills'), styles.indexOf('</fills>')).split('<fill>').slice(1);
    expect(fills[Number(/fillId="(\d+)"/.exec(xfs[style]!)![1])]).toContain(ERROR_FILL_ARGB);
    // the copy reads back to the same rows
    const again = parseResultsFile(new Uint8Array(copy!), { knownSchools: sample.knownSchools });
    expect(again.rows).toEqual(parseResultsFile(sample.bytes, { knownSchools: sample.knownSchools }).rows);
    expect(again.issues.map((i) => i.code)).toEqual(['xlsx-sheet-chosen']);
  });

  it('gives up quietly on a file ExcelJS cannot open', async () => {
    expect(await annotateErrors(randomBytes(1000), { sheetName: 'Лист1', issues: [] })).toBeNull();
  });
});
