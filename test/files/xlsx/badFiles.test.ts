/**
 * Every kind of bad file a coordinator may send gets its own clear message, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../../src/text/sheetIssues.ts';
import { parseResultsFile } from '../../../src/files/xlsx/read/resultsSheet.ts';
import { readWorkbook } from '../../../src/files/xlsx/read/safeWorkbook.ts';
import {
  KNOWN_SCHOOLS,
  TEMPLATE_HEADER,
  csvFile,
  docxFile,
  encryptedWorkbook,
  excelBytes,
  goodRow,
  legacyXls,
  randomBytes,
  rawResults,
  rawXlsx,
  resultsWorkbook,
  zipBomb,
} from '../../fixtures/xlsx/build.ts';

function parse(bytes: Uint8Array) {
  return parseResultsFile(bytes, { knownSchools: KNOWN_SCHOOLS });
}

/** The one error a whole-file problem produces. */
function fileError(bytes: Uint8Array): string {
  const outcome = parse(bytes);
  expect(outcome.ok).toBe(false);
  expect(outcome.rows).toEqual([]);
  const errors = outcome.issues.filter((issue) => issue.severity === 'error');
  expect(errors).toHaveLength(1);
  // the message renders to Russian text, not to a missing-key placeholder
  expect(renderIssue(errors[0]!)).not.toMatch(/^\{/);
  return errors[0]!.code;
}

describe('files that are not a readable .xlsx', () => {
  it('tells each kind apart with its own message', async () => {
    const good = await resultsWorkbook([goodRow()]);
    const codes = {
      xls: fileError(legacyXls()),
      encrypted: fileError(encryptedWorkbook()),
      csv: fileError(csvFile()),
      docx: fileError(docxFile()),
      random: fileError(randomBytes(4096)),
      truncated: fileError(good.subarray(0, Math.floor(good.length / 2))),
      empty: fileError(new Uint8Array(0)),
      pdf: fileError(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj')),
      html: fileError(new TextEncoder().encode('<html><body><table><tr><td>Код ОО</td></tr></table></body></html>')),
    };
    expect(codes).toEqual({
      xls: 'xlsx-format-xls',
      encrypted: 'xlsx-format-encrypted',
      csv: 'xlsx-format-text',
      docx: 'xlsx-format-docx',
      random: 'xlsx-format-unknown',
      truncated: 'xlsx-zip-corrupt',
      empty: 'xlsx-file-empty',
      pdf: 'xlsx-format-pdf',
      html: 'xlsx-format-html',
    });
  });

  it('names the way out in the message: save as .xlsx, remove the password', () => {
    const xls = parse(legacyXls()).issues[0]!;
    expect(renderIssue(xls)).toContain('Сохранить как');
    const encrypted = parse(encryptedWorkbook()).issues[0]!;
    expect(renderIssue(encrypted)).toContain('паролем');
  });

  it('refuses a file over the size limit before looking inside', () => {
    const outcome = parseResultsFile(new Uint8Array(21 * 1024 * 1024), { knownSchools: KNOWN_SCHOOLS });
    expect(outcome.issues.map((i) => i.code)).toEqual(['xlsx-file-too-large']);
    expect(renderIssue(outcome.issues[0]!)).toContain('не больше 20 МБ');
  });
});

describe('zip bombs', () => {
  it('refuses a sheet declared larger than the cap without inflating it', () => {
    const bomb = zipBomb(300); // 300 MB of zeros in a file of a few hundred KB
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(fileError(bomb)).toBe('xlsx-zip-bomb'); // its memory: npm run bench:limits
  });

  it('stops inflating at the declared size when the directory lies', () => {
    const bomb = zipBomb(300, 1000);
    expect(fileError(bomb)).toBe('xlsx-zip-bomb'); // its memory: npm run bench:limits
  });

  it('stops at the inflated-size cap even when every declared size fits', () => {
    const bomb = zipBomb(30);
    const outcome = parseResultsFile(bomb, {
      knownSchools: KNOWN_SCHOOLS,
      limits: { maxInflatedBytes: 10 * 1024 * 1024 },
    });
    expect(outcome.issues.map((i) => i.code)).toEqual(['xlsx-zip-bomb']);
  });
});

describe('sheet-level limits', () => {
  it('refuses more than 200,000 rows and says to split the file', () => {
    function* rows() {
      for (let i = 0; i < 200_001; i++) yield ['2023/2024'];
    }
    const outcome = parse(rawResults(rows()));
    expect(outcome.ok).toBe(false);
    expect(outcome.issues.map((i) => i.code)).toEqual(['xlsx-too-many-rows']);
    expect(renderIssue(outcome.issues[0]!)).toMatch(/200\s000/); // Fluent groups digits with a no-break space
  });

  it('reports an enormous cell at its position, inline or shared', () => {
    const huge = 'я'.repeat(40_000);
    const inline = parse(rawResults([['2023/2024', 'sch100001', null, 'ВПР', { inline: huge }, 5, 28, 3]]));
    const shared = parse(rawResults([['2023/2024', 'sch100001', null, 'ВПР', huge, 5, 28, 3]]));
    for (const outcome of [inline, shared]) {
      const issue = outcome.issues.find((i) => i.code === 'xlsx-cell-too-long');
      expect(issue).toMatchObject({ row: 2, column: 'E', header: 'Предмет', params: { length: 40_000 } });
    }
  });

  it('stops at a row holding megabytes of text', () => {
    const outcome = parse(
      rawResults([
        goodRow() as never,
        ['2023/2024', 'sch100001', null, 'ВПР', { inline: 'x'.repeat(5 * 1024 * 1024) }],
      ]),
    );
    expect(outcome.issues.map((i) => i.code)).toEqual(['xlsx-row-too-large']);
    expect(outcome.issues[0]!.row).toBe(3);
  });
});

describe('cells of the wrong kind', () => {
  it('uses the cached result of a formula and reports an error value', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Результаты');
      sheet.addRow(TEMPLATE_HEADER);
      sheet.addRow(goodRow({ participants: { formula: '20+8', result: 28 }, failed: { formula: 'I2', result: 3 } }));
      sheet.addRow(goodRow({ schoolCode: 'sch100002', failed: { formula: '1/0', result: { error: '#DIV/0!' } } }));
    });
    const outcome = parse(bytes);
    expect(outcome.rows).toHaveLength(1);
    expect(outcome.rows[0]).toMatchObject({ participants: 28, failed: 3 });
    const issue = outcome.issues.find((i) => i.code === 'xlsx-cell-error-value')!;
    expect(issue).toMatchObject({ row: 3, column: 'H', params: { value: '#DIV/0!' } });
    expect(renderIssue(issue)).toContain('#DIV/0!');
  });

  it('reports a formula saved without its result', () => {
    const outcome = parse(
      rawResults([['2023/2024', 'sch100001', null, 'ВПР', 'Математика', 5, { formula: 'SUM(J2:M2)' }, 3]]),
    );
    expect(outcome.issues.find((i) => i.code === 'xlsx-formula-without-value')).toMatchObject({ row: 2, column: 'G' });
  });

  it('reports a date and text where a number belongs', async () => {
    const bytes = await resultsWorkbook([
      goodRow({ participants: new Date(Date.UTC(2024, 4, 28)) }), // «28.05» typed into a date-formatted cell
      goodRow({ schoolCode: 'sch100002', failed: 'три' }),
    ]);
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(false);
    const date = outcome.issues.find((i) => i.code === 'xlsx-date-in-number')!;
    expect(date).toMatchObject({ row: 2, column: 'G', header: 'Участников' });
    expect(renderIssue(date)).toContain('28.05.2024');
    const text = outcome.issues.find((i) => i.code === 'xlsx-text-in-number')!;
    expect(text).toMatchObject({ row: 3, column: 'H', params: { value: 'три' } });
    // an unreadable cell is reported once, not again as «missing»
    expect(outcome.issues.filter((i) => i.row === 3 && i.severity === 'error')).toHaveLength(1);
  });
});

describe('sheets and headers', () => {
  it('reports merged header cells instead of guessing the columns', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Результаты');
      sheet.addRow([...TEMPLATE_HEADER.slice(0, 8), 'Отметки', null, null, null, 'Средний балл']);
      sheet.mergeCells('I1:L1');
      sheet.addRow(goodRow());
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(false);
    const merged = outcome.issues.find((i) => i.code === 'xlsx-merged-header')!;
    expect(merged).toMatchObject({ row: 1, column: 'I', params: { range: 'I1:L1' } });
  });

  it('reads the first sheet that holds the table and says which one', async () => {
    const bytes = await excelBytes((workbook) => {
      workbook.addWorksheet('Титул').addRow(['Результаты ВПР по району']);
      const data = workbook.addWorksheet('Данные');
      data.addRow(TEMPLATE_HEADER);
      data.addRow(goodRow());
    });
    const outcome = parse(bytes);
    expect(outcome.ok).toBe(true);
    expect(outcome.sheetName).toBe('Данные');
    const choice = outcome.issues.find((i) => i.code === 'xlsx-sheet-chosen-skipped')!;
    expect(renderIssue(choice)).toContain('«Данные»');
    expect(renderIssue(choice)).toContain('«Титул»');
  });

  it('mentions the sheet it read when the first of several is the table', async () => {
    const bytes = await excelBytes((workbook) => {
      const data = workbook.addWorksheet('Данные');
      data.addRow(TEMPLATE_HEADER);
      data.addRow(goodRow());
      workbook.addWorksheet('Черновик').addRow(['что-то']);
    });
    const outcome = parse(bytes);
    expect(outcome.issues).toEqual([
      { severity: 'info', code: 'xlsx-sheet-chosen', params: { sheet: 'Данные', count: 2 } },
    ]);
    expect(renderIssue(outcome.issues[0]!)).toBe('В книге 2 листа; прочитан лист «Данные», остальные пропущены.');
  });

  it('says the sheet is empty', async () => {
    const bytes = await excelBytes((workbook) => void workbook.addWorksheet('Лист1'));
    expect(fileError(bytes)).toBe('xlsx-sheet-empty');
  });

  it('says when the header is there but no rows are', async () => {
    expect(fileError(await resultsWorkbook([]))).toBe('xlsx-no-data-rows');
  });

  it('lists the columns that are missing', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Лист1');
      sheet.addRow(['Учебный год', 'Код ОО', 'Предмет']);
      sheet.addRow(['2023/2024', 'sch100001', 'Математика']);
    });
    const outcome = parse(bytes);
    expect(outcome.issues.map((i) => i.code)).toEqual(['xlsx-missing-columns']);
    const text = renderIssue(outcome.issues[0]!);
    expect(text).toContain('«Процедура»');
    expect(text).toContain('«Участников»');
    expect(text).toContain('«Не справились» или «Доля не справившихся, %» или «2»');
  });

  it('says no header was found in a table of something else', async () => {
    const bytes = await excelBytes((workbook) => {
      const sheet = workbook.addWorksheet('Лист1');
      sheet.addRow(['Фамилия', 'Имя', 'Телефон']);
      sheet.addRow(['Иванов', 'Иван', '123']);
    });
    expect(fileError(bytes)).toBe('xlsx-header-not-found');
  });
});

describe('readWorkbook', () => {
  it('lists sheets and streams their rows with typed values', () => {
    const bytes = rawXlsx([
      {
        name: 'Первый',
        rows: [
          ['текст', 1.5, true, new Date(Date.UTC(2024, 4, 25)), { percent: 0.25 }, { formula: 'A1', error: '#N/A' }],
        ],
      },
      { name: 'Второй', rows: [null, ['во второй строке']] },
    ]);
    const workbook = readWorkbook(bytes);
    if (!workbook.ok) throw new Error(workbook.issue.code);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Первый', 'Второй']);
    const rows: unknown[] = [];
    workbook.sheets[0]!.scan((row) => (rows.push(row), true));
    expect(rows).toEqual([
      {
        row: 1,
        values: ['текст', 1.5, true, new Date(Date.UTC(2024, 4, 25)), 0.25, { error: '#N/A' }],
        percentColumns: [4],
      },
    ]);
    const head = workbook.sheets[1]!.head(20);
    expect(head).toEqual({ ok: true, complete: true, rows: [{ row: 2, values: ['во второй строке'] }] });
  });
});
