// Issue 11 in the CLI: the «Контингент» and official-list templates, their import, the regional
// figures of a year, the official vs computed list, and the bad inputs (a rules file with an
// unknown key, a negative threshold, zero weights) — one Russian line or list, exit code 1.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithSchools, type CliEnvironment } from '../helpers/cli.ts';

let cli: CliEnvironment;
beforeAll(async () => {
  cli = await cliWithSchools('sch710001', 'sch710002');
});
afterAll(async () => cli?.close());

async function fill(path: string, rows: unknown[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0]!;
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      if (value !== undefined) sheet.getCell(i + 2, j + 1).value = value as ExcelJS.CellValue;
    });
  });
  const filled = path.replace(/\.xlsx$/, '-filled.xlsx');
  await book.xlsx.writeFile(filled);
  return filled;
}

describe('kurator: identification inputs of issue 11', () => {
  it('template contingent lists the registry; filled in, it imports', async () => {
    const template = join(cli.dir, 'contingent.xlsx');
    expect((await cli.run('template', 'contingent', '--out', template)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('sch710001');
    const filled = await fill(template, [
      ['2024/2025', undefined, undefined, 320, 30, 14, null, null, 2, 0],
      ['2024/2025', undefined, undefined, 90, 9, 10, null, null, 0, 0],
    ]);
    const bad = await cli.run('import', 'contingent', filled);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('«Контингент» не загружен: 1 ошибка. Ничего не изменено');
    expect(bad.stdout).toContain(
      'строка 3, столбец F «Из них продолжили обучение в 10 классе»: продолжили обучение в 10 классе (10) больше, чем обучалось в 9 классе (9)',
    );
    const good = await fill(template, [
      ['2024/2025', undefined, undefined, 320, 30, 14, null, null, 2, 0],
      ['2024/2025', undefined, undefined, 90, 9, 7, null, null, 0, 0],
    ]);
    const imported = await cli.run('import', 'contingent', good);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('«Контингент» загружен: 2024/2025; 2 школы (новых строк 2, заменено 0)');
  });

  it('region-figures: a share written as percent is refused; a fraction is saved', async () => {
    const bad = await cli.run('region-figures', '--year', '2024/2025', '--oge-math-failed', '8');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('«8» — доля записывается дробью от 0 до 1');
    const good = await cli.run('region-figures', '--year', '2024-2025', '--oge-math-failed', '0,08');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Значения по региону за 2024/2025 сохранены');
  });

  it('official list: template, import, comparison', async () => {
    const template = join(cli.dir, 'list.xlsx');
    expect((await cli.run('template', 'official-list', '--out', template)).code).toBe(0);
    const filled = await fill(template, [['2024/2025', 'sch710002', '', '412-п', '15.03.2025']]);
    const imported = await cli.run('import', 'official-list', filled);
    expect(imported.stdout).toContain(
      'Официальный перечень ШНОР за 2024/2025 (приказ № 412-п от 15.03.2025) загружен: 1 школа.',
    );
    const comparison = await cli.run('official-list');
    expect(comparison.stdout).toContain('Официальный перечень ШНОР за 2024/2025: приказ № 412-п от 15.03.2025.');
    expect(comparison.stdout).toContain('Идентификация по методике ФИОКО ещё не запускалась');
  });

  it.each([
    ['an unknown key', { regional: { listCritera: ['lowest-results'] } }, 'regional.listCritera'],
    [
      'a negative threshold',
      { regional: { failedRising: { minIncrease: -0.1 } } },
      'regional.failedRising.minIncrease',
    ],
    [
      'weights summing to zero',
      { regional: { lowest: { weights: { VPR: 0, OGE: 0, EGE: 0 } } } },
      'regional.lowest.weights',
    ],
    ['zero ШНСУ weights', { social: { indicators: { lowIncomeFamilies: { weight: 0 } } } }, 'social.indicators'],
  ])('a rules file with %s is refused naming the key; nothing runs', async (_name, rules, key) => {
    const file = join(cli.dir, 'rules.json');
    await writeFile(file, JSON.stringify(rules));
    const result = await cli.run('identify', '--rules', file, '--method', 'regional');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(key);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
