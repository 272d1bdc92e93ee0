import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { workbook } from '../helpers/workbooks.ts';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
});
afterAll(async () => cli?.close());

async function fillTemplate(path: string, sheetIndex: number, rows: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[sheetIndex]!;
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      sheet.getCell(i + 2, j + 1).value = value as ExcelJS.CellValue;
    });
  });
  const filled = path.replace(/\.xlsx$/, '-filled.xlsx');
  await book.xlsx.writeFile(filled);
  return filled;
}

describe('kurator CLI: registry, results, invites', () => {
  it('db migrate reports the state of the database', async () => {
    const first = await cli.run('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Миграции применены: \d{14}_init|База данных в актуальном состоянии/);
    const second = await cli.run('db', 'migrate');
    expect(second.stdout).toContain('База данных в актуальном состоянии');
  });

  it('writes the schools template; filled in, it imports; again, it changes nothing', async () => {
    const template = join(cli.dir, 'schools.xlsx');
    expect((await cli.run('template', 'schools', '--out', template)).stdout).toContain(`Шаблон записан: ${template}`);
    const filled = await fillTemplate(template, 0, [
      ['Дубенский район', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'Дубенская СОШ № 1', 'СОШ', 'п. Дубна', 'да'],
      [
        'Дубенский район',
        'sch710002',
        'МБОУ «Воскресенская СОШ»',
        'Воскресенская СОШ',
        'ООШ',
        'с. Воскресенское',
        'да',
      ],
      ['Ельнинский район', 'sch670001', 'МБОУ «Ельнинская СОШ № 1»', 'Ельнинская СОШ № 1', 'СОШ', 'г. Ельня', 'нет'],
    ]);
    const imported = await cli.run('import', 'schools', filled);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('новых школ — 3');
    const again = await cli.run('import', 'schools', filled);
    expect(again.stdout).toContain('новых школ — 0, изменённых — 0, без изменений — 3');
  });

  it('an invalid registry row: exit 1, every error with row and column, nothing written', async () => {
    const file = join(cli.dir, 'bad-schools.xlsx');
    await import('node:fs/promises').then(async (fs) =>
      fs.writeFile(
        file,
        await workbook({
          Лист1: [
            ['Муниципалитет', 'Код ОО', 'Наименование', 'Тип', 'Сельская (да/нет)'],
            ['Дубенский район', 'sch710009', 'МБОУ «Новая СОШ»', 'СОШ', 'да'],
            ['Дубенский район', '12345', 'МБОУ «Без кода»', 'институт', 'да'],
          ],
        }),
      ),
    );
    const result = await cli.run('import', 'schools', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Реестр не загружен');
    expect(result.stdout).toMatch(/строка 3, столбец B/);
    expect(result.stdout).toMatch(/строка 3, столбец D/);
    const list = await cli.run('invite', '--role', 'director', '--school', 'sch710009');
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('Школы с кодом «sch710009» нет в реестре');
  });

  it('a results template written by the CLI, filled in and imported, reads back exactly', async () => {
    const template = join(cli.dir, 'results.xlsx');
    await cli.run('template', 'results', '--out', template);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    expect(book.worksheets.map((sheet) => sheet.name)).toHaveLength(3);
    const codes = book.worksheets[2]!.getColumn(1).values.filter((v) => typeof v === 'string');
    expect(codes).toEqual(expect.arrayContaining(['sch710001', 'sch710002', 'sch670001']));
    const filled = await fillTemplate(template, 0, [
      ['2023/2024', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'ВПР', 'Математика', 5, 25, 8, 8, 10, 5, 2, 3.1],
      [
        '2023/2024',
        'sch710001',
        'МБОУ «Дубенская СОШ № 1»',
        'ОГЭ',
        'Русский язык',
        null,
        20,
        1,
        null,
        null,
        null,
        null,
        27.5,
      ],
      ['2022/2023', 'sch670001', 'МБОУ «Ельнинская СОШ № 1»', 'ЕГЭ', 'Математика (базовая)', 11, 14, 0],
    ]);
    const dry = await cli.run('import', 'results', filled, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Новых строк: 3');
    const imported = await cli.run('import', 'results', filled, '--json');
    expect(imported.code).toBe(0);
    const json = JSON.parse(imported.stdout);
    expect(json.summary).toMatchObject({ rows: 3, newRows: 3, replacedRows: 0 });
    const stored = JSON.parse((await cli.run('results', '--json')).stdout);
    expect(stored).toEqual([
      {
        schoolCode: 'sch670001',
        year: '2022/2023',
        kind: 'EGE',
        subject: 'Математика (базовая)',
        grade: 11,
        participants: 14,
        failed: 0,
        share: 0,
        meanScore: null,
      },
      {
        schoolCode: 'sch710001',
        year: '2023/2024',
        kind: 'VPR',
        subject: 'Математика',
        grade: 5,
        participants: 25,
        failed: 8,
        share: 0.32,
        meanScore: 3.1,
      },
      {
        schoolCode: 'sch710001',
        year: '2023/2024',
        kind: 'OGE',
        subject: 'Русский язык',
        grade: 9,
        participants: 20,
        failed: 1,
        share: 0.05,
        meanScore: 27.5,
      },
    ]);
    const bySchool = JSON.parse(
      (await cli.run('results', '--school', 'sch710001', '--year', '2024', '--kind', 'ОГЭ', '--json')).stdout,
    );
    expect(bySchool).toHaveLength(1);
    const again = await cli.run('import', 'results', filled);
    expect(again.stdout).toContain('Все строки файла уже загружены с теми же значениями');
  });

  it('a real-world file: header on row 4, columns reordered, synonyms, one extra column → one warning', async () => {
    const file = join(cli.dir, 'real.xlsx');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      file,
      await workbook({
        'ВПР 2024': [
          ['Результаты ВПР по району'],
          ['Дубенский район'],
          [],
          ['Код ОО', 'Учебный год', 'Процедура', 'Предмет', 'Класс', 'Кол-во участников', 'Получили «2»', 'Примечание'],
          ['sch710002', '2023-2024', 'ВПР', 'Русский язык', 6, 30, 12, 'проверено'],
        ],
      }),
    );
    const result = await cli.run('import', 'results', file, '--json');
    const json = JSON.parse(result.stdout);
    expect(json.ok).toBe(true);
    const warnings = json.issues.filter((issue: { severity: string }) => issue.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ row: 4, column: 'H', header: 'Примечание' });
    expect(json.summary).toMatchObject({ rows: 1, newRows: 1 });
  });

  it('creates an invite: a code without a bot name, a t.me link with BOT_USERNAME', async () => {
    const plain = await cli.run('invite', '--role', 'director', '--school', 'sch710001');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Код: [A-Za-z0-9_-]{22}/);
    const linked = await cli.runWith(
      { BOT_USERNAME: 'kurator_district_bot' },
      'invite',
      '--role',
      'coordinator',
      '--municipality',
      'Дубенский район',
    );
    expect(linked.stdout).toMatch(/https:\/\/t\.me\/kurator_district_bot\?start=[A-Za-z0-9_-]{22}/);
    const list = await cli.run('invites');
    expect(list.stdout).toContain('представитель школы · Дубенская СОШ № 1 (sch710001) · действует до');
  });

  it('refuses bad arguments with one clear line and exit code 1', async () => {
    const noScope = await cli.run('invite', '--role', 'coordinator');
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toContain('укажите, за что отвечает приглашённый');
    const badRole = await cli.run('invite', '--role', 'king', '--region');
    expect(badRole.stderr).toContain('неизвестная роль «king»');
    const missing = await cli.run('import', 'results', join(cli.dir, 'nope.xlsx'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('файл «');
  });
});
