import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_COLUMNS } from '../../src/domain/questionnaires/index.ts';
import { cliEnvironment, type CliEnvironment } from '../helpers/cli.ts';
import { workbook } from '../helpers/workbooks.ts';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliEnvironment();
});
afterAll(async () => cli?.close());

describe('kurator: questionnaires', () => {
  it('writes the template with the example rows, text «№» and a notes sheet', async () => {
    const out = join(cli.dir, 'анкета.xlsx');
    const run = await cli.run('template', 'questionnaire', '--out', out);
    expect(run).toMatchObject({ code: 0, stdout: `Шаблон записан: ${out}\n` });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Анкета')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...SHEET_COLUMNS]);
    expect(sheet.getCell('B3').value).toBe('1.1');
    expect(sheet.getColumn(2).numFmt).toBe('@');
    expect(String(book.getWorksheet('Пояснения')!.getCell('A1').value)).toContain('Как заполнить шаблон анкеты');
  });

  it('imports the filled template: a dry run first, then the first version, then nothing new', async () => {
    const template = join(cli.dir, 'Профилактика.xlsx');
    await cli.run('template', 'questionnaire', '--out', template);
    const dry = await cli.run('import', 'questionnaire', template, '--dry-run');
    expect(dry).toMatchObject({
      code: 0,
      stdout:
        'Таблица анкеты «Профилактика» без ошибок (лист «Анкета»): разделов — 2, вопросов — 9. Будет записана как версия 1.\n',
    });
    const imported = await cli.run('import', 'questionnaire', template);
    expect(imported.stdout).toBe(
      'Анкета «Профилактика» загружена (лист «Анкета»): версия 1, разделов — 2, вопросов — 9. Запустить её — /launch.\n',
    );
    const again = await cli.run('import', 'questionnaire', template, '--title', 'Профилактика');
    expect(again.stdout).toBe('Анкета «Профилактика» не изменилась: это та же версия 1. Запустить её — /launch.\n');
  });

  it('lists every broken row and exits with 1', async () => {
    const file = join(cli.dir, 'broken.xlsx');
    await writeFile(
      file,
      await workbook({
        Анкета: [
          SHEET_COLUMNS,
          ['Раздел', '1', 'Есть ли программа', 'да/нет', 'может быть', '', '', ''],
          ['', '1', 'Повтор номера', 'текст', 'да', '', '', ''],
          ['', '2', '', 'целое', 'да', '', '', ''],
        ],
      }),
    );
    const run = await cli.run('import', 'questionnaire', file);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual([
      'В таблице анкеты 3 ошибки — анкета не загружена. Исправьте и пришлите снова:',
      '✖ строка 2, столбец E «Обязательный»: «может быть» — непонятно, обязателен ли вопрос. Напишите «да» или «нет».',
      '✖ строка 3, столбец B «№»: Номер 1 уже есть в строке 2. Номера вопросов не должны повторяться.',
      '✖ строка 4, столбец C «Вопрос»: Не указан текст вопроса.',
    ]);
  });
});
