/**
 * `kurator report` (issue #12): the .xlsx workbook read back with exceljs, and the
 * «аналитическая справка» converted to PDF by LibreOffice headless (soffice, Debian's
 * libreoffice-writer-nogui; .ci/run installs it) and read with poppler's pdftotext / pdfimages.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { DISTRICT, loadDistrict, loadDistrictRoadmap, Y, Y2 } from '../helpers/districtDataset.ts';
import { testClock, testServices } from '../helpers/testDatabase.ts';

let cli: CliEnvironment;

beforeAll(async () => {
  cli = await cliEnvironment();
  const db = await cli.openDatabase();
  const clock = testClock('2024-01-10T09:00:00Z');
  const services = testServices(db, { now: clock.now, regionName: 'Тестовая область' });
  await loadDistrict(services, clock);
  await loadDistrictRoadmap(services, clock);
  await db.close();
}, 120_000);
afterAll(() => cli?.close());

async function workbookAt(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

describe('kurator report --out FILE.xlsx', () => {
  it('writes the sheets with frozen headers, filters, numbers as numbers and shares as percentages', async () => {
    const out = join(cli.dir, 'отчёт.xlsx');
    const run = await cli.run('report', '--out', out, '--municipality', DISTRICT);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Записан ${out}`);
    const workbook = await workbookAt(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Сводка',
      'ШНОР',
      'Зона риска',
      'ШНСУ',
      'Региональные показатели',
      'Результаты',
      'Анкеты',
      'Дорожная карта',
      'Динамика',
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const summary = workbook.getWorksheet('Сводка')!;
    const row = (id: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((candidate) => {
        if (candidate.getCell(1).value === id) found = candidate;
      });
      return found!;
    };
    // 002-1: 39 of 310 pupils below the minimum (hand computation in test/cli/indicators.test.ts)
    const pupils = row('002-1');
    expect([pupils.getCell(4).value, pupils.getCell(5).value]).toEqual([39, 310]);
    expect(pupils.getCell(6).value).toBeCloseTo(39 / 310, 10);
    expect(pupils.getCell(6).numFmt).toBe('0.0%');
    expect(pupils.getCell(7).value).toBe('не более 5 %');
    expect(pupils.getCell(8).value).toBe('нет');
    expect(row('000-4').getCell(9).value).toContain('диагностики педагогов');

    const shnor = workbook.getWorksheet('ШНОР')!;
    expect(shnor.getRow(2).values).toEqual(
      expect.arrayContaining([
        'sch710001',
        'Воскресенская СОШ',
        DISTRICT,
        'низкие результаты не менее чем по двум процедурам в 2023/2024',
      ]),
    );
    // the criteria and headers are Russian, never internal codes (QA)
    expect(summary.getRow(1).getCell(1).value).toBe('Код');
    // the house header: bold, filled, tall enough for two lines; long texts wrap
    expect(summary.getRow(1).font).toMatchObject({ bold: true });
    expect(summary.getRow(1).height).toBe(32);
    expect(summary.getRow(1).getCell(9).fill).toMatchObject({ fgColor: { argb: 'FFDDEBF7' } });
    expect(summary.getColumn(2).width).toBe(70);
    expect(pupils.getCell(2).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(String(shnor.getRow(2).getCell(5).value)).toContain('ОГЭ по математике, 2023/2024: не справились 6 из 20');
    expect(shnor.getRow(3).getCell(1).value).toBe('sch710005');

    const results = workbook.getWorksheet('Результаты')!;
    const first = results.getRow(2);
    expect(typeof first.getCell(6).value).toBe('number');
    expect(first.getCell(8).numFmt).toBe('0.0%');
    expect(results.rowCount).toBe(1 + 44); // the district's 44 rows of the 50 stored

    const forms = workbook.getWorksheet('Анкеты')!;
    expect(forms.getRow(2).getCell(1).value).toBe('Профилактика учебной неуспешности');
    expect([forms.getRow(2).getCell(4).value, forms.getRow(2).getCell(5).value]).toEqual([5, 3]);
    expect(forms.getRow(2).getCell(6).value).toBeCloseTo(0.6, 10);

    const dynamics = workbook.getWorksheet('Динамика')!;
    expect(dynamics.getRow(1).getCell(2).value).toBe(`${Y2}: участников`);
  });

  it('the conditional formatting marks shares at the ФИОКО threshold', async () => {
    const out = join(cli.dir, 'отчёт.xlsx');
    const xml = execFileSync('unzip', ['-p', out, 'xl/worksheets/sheet6.xml']).toString();
    expect(xml).toContain('<conditionalFormatting sqref="H2:H45">');
    expect(xml).toContain('<formula>0.2999999</formula>');
  });
});

describe('kurator report --docx (the аналитическая справка)', () => {
  let pdfText: string;
  let images: string;

  beforeAll(async () => {
    const out = join(cli.dir, 'справка.docx');
    const run = await cli.run('report', '--docx', '--out', out, '--municipality', DISTRICT, '--year', Y);
    expect(run.stderr).toBe('');
    const pdf = join(cli.dir, 'справка.pdf');
    // LibreOffice headless with its own profile directory, so a parallel soffice does not block it
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(cli.dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        cli.dir,
        out,
      ],
      { timeout: 120_000, stdio: 'pipe' },
    );
    pdfText = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    images = execFileSync('pdfimages', ['-list', pdf]).toString();
    if (process.env.KURATOR_KEEP_PDF) execFileSync('cp', [pdf, process.env.KURATOR_KEEP_PDF]);
  }, 180_000);

  it('converts to PDF with LibreOffice and shows the flagged schools, the indicators table and a chart', () => {
    expect(pdfText).toContain('АНАЛИТИЧЕСКАЯ СПРАВКА');
    expect(pdfText).toContain(`${DISTRICT}, ${Y} учебный год`);
    // identification in words and the schools needing support with measures cited from the seeds
    expect(pdfText).toMatch(
      /в перечень вошли 2:\s+Воскресенская СОШ \(sch710001\),\s+Новопавшинская ООШ \(sch710005\)/,
    );
    expect(pdfText).toMatch(/Воскресенская СОШ \(sch710001\),\s+Дубенский район/);
    // another district's act is cited as the measure's source, not as this district's act (QA)
    expect(pdfText).toMatch(
      /Организация системы наставничества в ШНРО \(по\s+материалам:\s+Комплекс\s+мер\s+по\s+работе\s+со\s+школами/,
    );
    expect(pdfText).toMatch(/от\s+23\.06\.2020\s+№\s+98\/1\),\s+дорожная\s+карта,\s+п\.\s+17\)/);
    // the indicators table
    expect(pdfText).toContain('Показатель');
    expect(pdfText).toContain('003-3.3.3.3');
    // the reader is pointed to the programmes, not to a repository file (QA)
    expect(pdfText).not.toContain('docs/');
    expect(pdfText).toMatch(
      /003\s+—\s+Программа\s+по\s+повышению\s+качества\s+образования\s+в\s+школах\s+г\.\s+Норильска/,
    );
    // no internal actor ids in the sources; a run with no person is automatic
    expect(pdfText).not.toMatch(/user:\d/);
    expect(pdfText).toMatch(
      /Идентификация «ШНОР \(методика ФИОКО\)»: запуск [\d.]+,\s+[\d:]+\s+\(автоматически\s+после\s+загрузки\)/,
    );
    expect(pdfText).toMatch(/002-1\s+Доля обучающихся,\s+12,58 % \(39/);
    // the data sources and the signature block
    expect(pdfText).toContain('результаты 2022–2024.xlsx');
    expect(pdfText).toContain('Муниципальный координатор');
    // the roadmap section: progress, by section, the overdue items named (overdue against today)
    expect(pdfText).toContain('6. Дорожная карта');
    expect(pdfText).toMatch(
      /Дорожная карта «Дорожная карта 2024»:\s+мероприятий\s+в\s+границах\s+справки\s+—\s+6,\s+отмечено\s+выполненными\s+—\s+3\./,
    );
    expect(pdfText).toMatch(
      /Дорожная карта «Дорожная карта 2024» \(Дубенский район\):\s+выполнено 3 из 6 мероприятий · в работе 1 · просрочено 2/,
    );
    expect(pdfText).toMatch(/I\. Анализ и планирование\s+2\s+3/);
    expect(pdfText).toMatch(/Просрочено \(2\):\s+● 2\. Разработка школьной программы/);
    expect(pdfText).toMatch(/5\. Участие в семинаре по объективности оценивания — срок\s+31\.01\.2024/);
    // the charts are images in the PDF: the scope's and the flagged schools'
    const imageRows = images.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image/.test(line));
    expect(imageRows.length).toBeGreaterThanOrEqual(3);
  });

  it('a scope with missing data says which parts are missing and still renders', async () => {
    const out = join(cli.dir, 'справка-2022.docx');
    const run = await cli.run('report', '--docx', '--out', out, '--municipality', DISTRICT, '--year', Y2);
    expect(run.code).toBe(0);
    // the terminal is told too, not only the document
    expect(run.stdout).toContain('В отчёте 6 разделов без данных — он построен по тому, что есть:');
    expect(run.stdout).toContain('• Дорожной карты за 2021/2022 нет');
    const xml = execFileSync('unzip', ['-p', out, 'word/document.xml']).toString();
    expect(xml).toContain('Нет идентификации «ШНОР (методика ФИОКО)» за 2021/2022');
    expect(xml).toContain('анкет не проводили');
    expect(xml).toContain('Дорожной карты за 2021/2022 нет');
    // the indicators table keeps its column widths (fixed layout) with room for the note (QA: words broke mid-word)
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(xml).toMatch(
      /<w:gridCol w:w="1400"\/><w:gridCol w:w="2850"\/><w:gridCol w:w="1450"\/><w:gridCol w:w="1200"\/><w:gridCol w:w="2455"\/>/,
    );
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('takes the district’s own measures library, and refuses a broken one in Russian', async () => {
    const library = join(cli.dir, 'меры.json');
    writeFileSync(
      library,
      JSON.stringify({ fioco: [{ text: 'Выездной методический десант в школу', source: 'приказ комитета № 12' }] }),
    );
    const out = join(cli.dir, 'справка-меры.docx');
    const run = await cli.run('report', '--docx', '--out', out, '--municipality', DISTRICT, '--measures', library);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const xml = execFileSync('unzip', ['-p', out, 'word/document.xml']).toString();
    expect(xml).toContain('Выездной методический десант в школу (приказ комитета № 12).');
    expect(xml).not.toContain('Организация системы наставничества в ШНРО');
    writeFileSync(library, JSON.stringify({ fioco: [{ text: '' }] }));
    const broken = await cli.run('report', '--docx', '--out', out, '--measures', library);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Файл мер ${library} не подходит: fioco.0`);
  });
});
