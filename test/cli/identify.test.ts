// `kurator identify` (issue #4) through the CLI's own entry (runCli), on the embedded database in
// a temporary DATA_DIR — or on a fresh PostgreSQL database when DATABASE_URL is set (CI runs both).
// Acceptance: on the hand-checked dataset `--method fioco --json` prints exactly the expected list.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { NORTH, expectedFioco, expectedFor, loadDataset } from '../helpers/identificationDataset.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/testDatabase.ts';

let dir: string;
let db: TestDatabase | null = null;
const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kurator-identify-'));
  const dataDir = join(dir, 'data');
  if (process.env.DATABASE_URL) {
    // a database of its own on the server; the CLI connects to it by URL
    db = await openTestDatabase();
    await loadDataset(db.prisma, 'Регион');
    if (db.target.kind !== 'postgres') throw new Error('expected PostgreSQL');
    process.env.DATABASE_URL = db.target.url;
  } else {
    // the embedded database is one process's at a time: fill it, close it, let the CLI open it
    const filling = await openTestDatabase({ dataDir });
    await loadDataset(filling.prisma, 'Регион');
    await filling.close();
    process.env.DATA_DIR = dataDir;
  }
});

afterAll(async () => {
  process.env.DATABASE_URL = savedEnv.DATABASE_URL;
  if (savedEnv.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
  process.env.DATA_DIR = savedEnv.DATA_DIR;
  if (savedEnv.DATA_DIR === undefined) delete process.env.DATA_DIR;
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  process.exitCode = undefined;
});

async function kurator(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('kurator identify', () => {
  it('--method fioco --json prints exactly the hand-checked list with evidence', async () => {
    const { code, stdout, stderr } = await kurator('identify', '--method', 'fioco', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedFioco);
  });

  it('--year accepts 2023-2024 and --municipality narrows the list to one municipality', async () => {
    const { code, stdout } = await kurator(
      'identify',
      '--method',
      'fioco',
      '--json',
      '--year',
      '2023-2024',
      '--municipality',
      'северный район',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedFor(NORTH));
  });

  it('--method all --json prints an object keyed by method; methods without data say why', async () => {
    const { code, stdout } = await kurator('identify', '--method', 'all', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual(['fioco', 'risk', 'regional', 'social']);
    expect(json.fioco.schools).toEqual(expectedFioco.schools);
    expect(json.risk).toMatchObject({ method: 'risk', schools: [], noData: 'questionnaire' });
    expect(json.regional.schools.length).toBeGreaterThan(0);
  });

  it('without --json prints a readable table with Russian headers and aligned columns', async () => {
    const { code, stdout } = await kurator('identify', '--method', 'fioco');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(stdout).toContain(
      'ШНОР (методика ФИОКО), 2023/2024: в перечне 11 из 26 школ; не хватает данных для решения — 4.',
    );
    const header = lines.find((line) => line.startsWith('Код ОО'))!;
    expect(header).toMatch(/^Код ОО\s+Школа\s+Муниципалитет\s+Статус\s+Критерии$/);
    const row = lines.find((line) => line.startsWith('sch100001'))!;
    expect(row).toContain('входит в перечень');
    expect(row.indexOf('входит в перечень')).toBe(header.indexOf('Статус'));
    expect(lines.find((line) => line.startsWith('sch100024'))!.indexOf('не входит в перечень')).toBe(
      header.indexOf('Статус'),
    );
    expect(stdout).toContain('↳ ВПР по математике (5 класс), 2023/2024: не справились 30 из 100 — 30 % (порог 30 %)');
    // the run is compared with the previous one of the same scope
    expect(stdout).toMatch(/С прошлого запуска \(\d\d\.\d\d\.\d{4}, \d\d:\d\d\) перечень не изменился\./);
  });

  it('--rules applies a rules file; errors name the key and the reason in Russian, one line, exit 1', async () => {
    const good = join(dir, 'same-procedure.json');
    await writeFile(good, JSON.stringify({ fioco: { sameProcedureInBothYears: true } }));
    const ok = await kurator('identify', '--method', 'fioco', '--json', '--rules', good);
    expect(ok.code).toBe(0);
    const expected = JSON.parse(
      await readFile(new URL('../fixtures/identification/fioco-expected-same-procedure.json', import.meta.url), 'utf8'),
    );
    expect(JSON.parse(ok.stdout)).toEqual(expected);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ fioco: { threshold: 30, treshold: 0.3 } }));
    const failed = await kurator('identify', '--rules', bad);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    const lines = failed.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`файл правил «${bad}» содержит ошибки (2)`);
    expect(lines[0]).toContain('fioco.threshold: доля записывается дробью от 0 до 1 (30 % — это 0.3), а указано 30');
    expect(lines[0]).toContain('fioco.treshold: такого ключа нет в файле правил');
  });

  it('refuses an unknown method, a malformed year and a missing rules file with one line each', async () => {
    const method = await kurator('identify', '--method', 'shnor');
    expect([method.code, method.stderr.trim()]).toEqual([
      1,
      'Ошибка: неизвестный метод «shnor»: укажите fioco, risk, regional, social или all',
    ]);
    const year = await kurator('identify', '--year', '23/24');
    expect([year.code, year.stderr.trim()]).toEqual([
      1,
      'Ошибка: Учебный год «23/24» записан неверно. Пишите так: 2023/2024.',
    ]);
    const missing = await kurator('identify', '--rules', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('не найден');
  });

  it('--out writes the full list as .xlsx: a sheet per method with evidence, percent cells, and the rule texts', async () => {
    const out = join(dir, 'identification.xlsx');
    const { code, stdout } = await kurator('identify', '--method', 'fioco', '--json', '--out', out);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedFioco);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['ШНОР (ФИОКО)', 'Пропуски данных', 'Правила']);
    const sheet = workbook.getWorksheet('ШНОР (ФИОКО)')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual([
      'Код ОО',
      'Школа',
      'Муниципалитет',
      'Статус',
      'Критерии',
      'Зависит от недостающих данных',
      'Год',
      'Процедура / показатель',
      'Участников',
      'Не справились',
      'Доля / значение',
      'Порог / сравнение',
    ]);
    const flaggedInFile = new Set(
      rows
        .slice(2)
        .filter((row) => row[3] === 'входит в перечень')
        .map((row) => row[0]),
    );
    expect(flaggedInFile).toEqual(
      new Set(expectedFioco.schools.filter((school) => school.flagged).map((school) => school.code)),
    );
    const school1 = sheet.getRows(3, sheet.rowCount)!.filter((row) => row.getCell(1).value === 'sch100001');
    expect(
      school1.map((row) => [
        row.getCell(7).value,
        row.getCell(8).value,
        row.getCell(9).value,
        row.getCell(10).value,
        row.getCell(11).value,
      ]),
    ).toEqual([
      ['2023/2024', 'ВПР по математике (5 класс)', 100, 30, 0.3],
      ['2023/2024', 'ОГЭ по математике', 10, 3, 0.3],
    ]);
    expect(school1[0]!.getCell(11).numFmt).toBe('0.00%');
    expect(school1[0]!.getCell(12).value).toBe(0.3);
    const rules = workbook.getWorksheet('Правила')!;
    const texts: string[] = [];
    rules.eachRow((row) => texts.push(String(row.getCell(3).value)));
    expect(texts.some((text) => text.includes('не менее 30 % от общего числа участников оценочной процедуры'))).toBe(
      true,
    );
  });
});
