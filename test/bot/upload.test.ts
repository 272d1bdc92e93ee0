import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, documentMessage, user } from '../support/updates.ts';
import { ADMIN_ID, sendFile, startTestBot, type TestBot } from '../helpers/testBot.ts';
import { resultsSheet, schoolsSheet } from '../helpers/workbooks.ts';

const admin = user(ADMIN_ID, 'Анна');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await h.driver.send(command(admin, '/start'));
});
afterAll(async () => h?.close());

const upload = (bytes: Uint8Array, fileName: string) => sendFile(h, admin, bytes, fileName);

const REGISTRY = [
  ['Дубенский район', 'sch710001', 'МБОУ «Дубенская СОШ № 1»', 'Дубенская СОШ № 1', 'СОШ', 'п. Дубна', 'да'],
  ['Дубенский район', 'sch710002', 'МБОУ «Воскресенская СОШ»', 'Воскресенская СОШ', 'СОШ', 'с. Воскресенское', 'да'],
  ['Ельнинский район', 'sch670001', 'МБОУ «Ельнинская СОШ № 1»', 'Ельнинская СОШ № 1', 'СОШ', 'г. Ельня', 'нет'],
];

describe('uploading spreadsheets in chat', () => {
  it('a registry file is recognised and imported; sending it again changes nothing', async () => {
    const bytes = await schoolsSheet(REGISTRY);
    let text = sentTexts(await upload(bytes, 'реестр.xlsx')).at(-1)!;
    expect(text).toContain('Реестр школ обновлён (лист «Реестр»): новых школ — 3, изменённых — 0, без изменений — 0');
    expect(text).toContain('Новых муниципалитетов — 2');
    text = sentTexts(await upload(bytes, 'реестр.xlsx')).at(-1)!;
    expect(text).toContain('новых школ — 0, изменённых — 0, без изменений — 3');
    expect(await h.db.prisma.school.count()).toBe(3);
    // one new school in a municipality already in the registry: no municipality is new
    text = sentTexts(
      await upload(
        await schoolsSheet([
          ...REGISTRY,
          ['Дубенский район', 'sch710003', 'МБОУ «Протасовская СОШ»', 'Протасовская СОШ', 'СОШ', 'с. Протасово', 'да'],
        ]),
        'реестр.xlsx',
      ),
    ).at(-1)!;
    expect(text).toContain('новых школ — 1, изменённых — 0, без изменений — 3');
    expect(text).not.toContain('Новых муниципалитетов');
    expect(await h.db.prisma.municipality.count()).toBe(2);
    // the municipalities kept under another region's id than the configured one (REGION_NAME) are
    // still the registry's: a new school there is not a new municipality (QA: «Новых муниципалитетов — 1»)
    const other = await h.db.prisma.region.create({ data: { name: 'Тульская область' } });
    await h.db.prisma.municipality.updateMany({ data: { regionId: other.id } });
    text = sentTexts(
      await upload(
        await schoolsSheet([
          ['Дубенский район', 'sch710004', 'МБОУ «Новая СОШ»', 'Новая СОШ', 'СОШ', 'с. Новое', 'да'],
        ]),
        'реестр.xlsx',
      ),
    ).at(-1)!;
    expect(text).toContain('новых школ — 1, изменённых — 0, без изменений — 0');
    expect(text).not.toContain('Новых муниципалитетов');
    expect(await h.db.prisma.municipality.count()).toBe(2);
    // back as the next tests expect: the region of the configured name, three schools
    const own = await h.db.prisma.region.findFirstOrThrow({ where: { id: { not: other.id } } });
    await h.db.prisma.municipality.updateMany({ data: { regionId: own.id } });
    await h.db.prisma.school.deleteMany({ where: { code: { in: ['sch710003', 'sch710004'] } } });
  });

  it('a registry with a bad row writes nothing and names the row and column', async () => {
    const bytes = await schoolsSheet([
      ...REGISTRY,
      ['Дубенский район', 'школа-7', 'МБОУ «Новая»', 'Новая', 'СОШ', 'п. Дубна', 'может быть'],
    ]);
    const calls = await upload(bytes, 'реестр2.xlsx');
    const text = sentTexts(calls).find((t) => t.startsWith('Реестр не загружен'))!;
    expect(text).toMatch(/строка 5, столбец B/);
    expect(text).toMatch(/строка 5, столбец G/);
    expect(calls.some((call) => call.method === 'sendDocument')).toBe(true);
    expect(await h.db.prisma.school.count()).toBe(3);
  });

  it('results: preview, then «Отмена» stores nothing and «Загрузить» stores the rows', async () => {
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 28, 9],
      ['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ОГЭ', 'Русский язык', '', 20, 1],
      ['2023-2024', 'sch670001', 'Ельнинская СОШ № 1', 'ЕГЭ', 'Математика (профильная)', 11, 12, 4],
    ]);
    let calls = await upload(bytes, 'впр.xlsx');
    let preview = sentMessages(calls).at(-1)!;
    expect(preview.text).toContain('Строк: 3 · школ: 2 · учебные годы: 2023/2024');
    expect(preview.text).toContain('Новых строк: 3');
    calls = await h.driver.click(admin, preview, 'Отмена');
    expect(sentTexts(calls).at(-1)).toContain('Загрузка отменена: ничего не записано');
    expect(await h.db.prisma.assessmentResult.count()).toBe(0);

    calls = await upload(bytes, 'впр.xlsx');
    preview = sentMessages(calls).at(-1)!;
    calls = await h.driver.click(admin, preview, 'Загрузить');
    expect(sentTexts(calls).at(-1)).toContain('Загружено: новых строк — 3, заменено — 0');
    const stored = await h.db.prisma.assessmentResult.findMany({ orderBy: { kind: 'asc' }, include: { school: true } });
    expect(
      stored.map((row) => [row.school.code, row.kind, row.subject, row.grade, row.participants, row.failed]),
    ).toEqual([
      ['sch710001', 'VPR', 'Математика', 5, 28, 9],
      ['sch710001', 'OGE', 'Русский язык', 9, 20, 1],
      ['sch670001', 'EGE', 'Математика (профильная)', 11, 12, 4],
    ]);
    // A stale button does nothing.
    calls = await h.driver.click(admin, preview, 'Загрузить');
    expect(sentTexts(calls).at(-1)).toContain('Этот файл уже загружен или загрузка отменена');
  });

  it('results with errors: nothing stored, a precise list and an annotated copy of the file', async () => {
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 6, 28, 31],
      ['2023/2024', 'sch999999', 'Неизвестная', 'ВПР', 'Математика', 6, 10, 1],
    ]);
    const calls = await upload(bytes, 'ошибки.xlsx');
    const text = sentTexts(calls).find((t) => t.startsWith('Результаты не загружены'))!;
    expect(text).toContain('строка 2, столбец H «Не справились»: 31 больше, чем участников (28)');
    expect(text).toContain('sch999999');
    const document = calls.find((call) => call.method === 'sendDocument')!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(document.files![0]!.bytes as never);
    const cell = book.getWorksheet('Результаты')!.getCell('H2');
    expect(JSON.stringify(cell.note)).toContain('больше, чем участников');
    expect(await h.db.prisma.assessmentResult.count({ where: { school: { code: 'sch710002' } } })).toBe(0);
  });

  it('after an import identification reruns and the municipality coordinator hears who entered the list', async () => {
    const invite = await h.services.invites.create(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      {
        role: 'coordinator',
        scope: { kind: 'municipality', name: 'Дубенский район' },
      },
    );
    const coordinator = user(2200, 'Борис');
    await h.driver.send(command(coordinator, '/start', invite.code));
    const bytes = await resultsSheet([
      ['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 5, 20, 6],
      ['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Русский язык', 5, 20, 8],
    ]);
    let calls = await upload(bytes, 'впр-2.xlsx');
    calls = await h.driver.click(admin, sentMessages(calls).at(-1)!, 'Загрузить');
    const announcement = calls.find((call) => call.method === 'sendMessage' && call.payload.chat_id === coordinator.id);
    expect(announcement?.payload.text).toContain('Дубенский район');
    expect(announcement?.payload.text).toContain('sch710002');
  });

  it('a file that is not a workbook gets its own message', async () => {
    const calls = await upload(new TextEncoder().encode('Учебный год;Код ОО\n2023/2024;sch710001\n'), 'results.csv');
    expect(sentTexts(calls).at(-1)).toContain('Это текстовый файл (CSV или TXT), а не книга Excel');
  });

  it('a director may not upload', async () => {
    const invite = await h.services.invites.create(
      { userId: null, role: 'admin', scope: { kind: 'all' } },
      {
        role: 'director',
        scope: { kind: 'school', code: 'sch710001' },
      },
    );
    const director = user(3100, 'Вера');
    await h.driver.send(command(director, '/start', invite.code));
    const file = h.tg.registerFile(await schoolsSheet(REGISTRY), { fileName: 'r.xlsx' });
    const calls = await h.driver.send(documentMessage(director, { file_id: file.file_id, file_name: 'r.xlsx' }));
    expect(sentTexts(calls)).toEqual([expect.stringContaining('Загружать файлы могут только координаторы')]);
  });
});

describe('uploading a questionnaire of ones own', () => {
  it('three broken rows give three row-precise errors; a sheet with no known header is named as such', async () => {
    const { workbook } = await import('../helpers/workbooks.ts');
    const bytes = await workbook({
      Анкета: [
        ['Раздел', '№', 'Вопрос', 'Тип', 'Обязательный', 'Варианты', 'Условие', 'Подсказка'],
        ['1. Кадры', '1.1', 'Есть ли вакансии учителей?', 'да/нет', 'да', '', '', ''],
        ['', '1.2', 'Сколько вакансий?', 'целое', 'да', '', '1.1 = да', ''],
        ['', '1.3', 'Какие предметы?', 'несколько из', 'да', '', '', ''],
        ['', '1.4', 'Доля педагогов старше 60 лет', 'проценты?', 'да', '', '', ''],
        ['', '1.5', 'Когда проводился педсовет?', 'дата', 'да', '', '9.9 = да', ''],
      ],
    });
    const calls = await upload(bytes, 'анкета.xlsx');
    const text = sentTexts(calls).at(-1)!;
    expect(text).toMatch(/^В таблице анкеты 3 ошибки — анкета не загружена/);
    const rows = [...text.matchAll(/строка (\d+)/gi)].map((match) => match[1]);
    expect(new Set(rows)).toEqual(new Set(['4', '5', '6']));
    const unknown = await upload(
      await (await import('../helpers/workbooks.ts')).workbook({
        Лист1: [
          ['Фамилия', 'Имя'],
          ['Иванов', 'Иван'],
        ],
      }),
      'люди.xlsx',
    );
    expect(sentTexts(unknown).at(-1)).toContain('Не понял, что это за таблица');
  });
});

describe('a local Bot API server (telegram-bot-api --local: getFile answers a path on its disk)', () => {
  it('the registry sent in chat is read from that path and imported', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const localFilesDir = await mkdtemp(join(tmpdir(), 'kurator-local-api-'));
    const local = await startTestBot({ apiServer: { localFilesDir } });
    try {
      await local.driver.send(command(admin, '/start'));
      const calls = await sendFile(local, admin, await schoolsSheet(REGISTRY), 'реестр.xlsx');
      const answer = local.tg.callsOf('getFile').at(-1)!.response;
      expect(answer?.ok && (answer.result as { file_path: string }).file_path).toMatch(
        new RegExp(`^${localFilesDir}/`),
      );
      expect(sentTexts(calls).at(-1)).toContain('Реестр школ обновлён (лист «Реестр»): новых школ — 3');
      expect(await local.db.prisma.school.count()).toBe(3);
    } finally {
      await local.close();
      await rm(localFilesDir, { recursive: true, force: true });
    }
  });
});
