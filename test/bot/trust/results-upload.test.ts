/**
 * Issue 10 «Results upload»: honest counts, «Загрузить только мои школы», short names, repeated
 * warnings in one line, the promised copy always attached, replacements shown old → new, and
 * the audit log readable with /history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sentMessages, sentTexts } from '../../support/botDriver.ts';
import { command, user } from '../../support/updates.ts';
import { registerCoordinator, seedSchools, sendFile, startTestBot, type TestBot } from '../../helpers/testBot.ts';
import { RESULTS_HEADER, resultsSheet, workbook } from '../../helpers/workbooks.ts';
import type { BotApiCall } from '../../support/botApiServer.ts';

const coordinator = user(2001, 'Борис');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await registerCoordinator(h, coordinator);
});
afterAll(async () => h?.close());

const upload = (bytes: Uint8Array, fileName: string) => sendFile(h, coordinator, bytes, fileName);

const documentsIn = (calls: Awaited<ReturnType<typeof upload>>) => calls.filter((c) => c.method === 'sendDocument');

async function notesOf(call: BotApiCall): Promise<string[]> {
  const bytes = call.files![0]!.bytes;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const notes: string[] = [];
  book.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      const note = cell.note;
      if (note) notes.push(typeof note === 'string' ? note : note.texts!.map((t) => t.text).join(''));
    }),
  );
  return notes;
}

describe('results upload', () => {
  const SUBJECTS = ['Математика', 'Русский язык', 'Биология', 'История', 'География'];
  const regional = () => {
    const rows: unknown[][] = [];
    for (const subject of SUBJECTS)
      rows.push(['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', subject, 5, 28, 3]);
    for (const subject of SUBJECTS) rows.push(['2023/2024', 'sch670001', 'Ельнинская', 'ВПР', subject, 5, 20, 2]);
    return rows;
  };

  it('a file with other municipalities counts the errors and offers «Загрузить только мои школы (N строк)»', async () => {
    const calls = await upload(await resultsSheet(regional()), 'регион.xlsx');
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('ошибок — 5');
    expect(text).not.toContain('ошибок — 0');
    const offer = sentMessages(calls).find((m) =>
      m.reply_markup?.inline_keyboard.flat().some((b) => b.text.startsWith('Загрузить только мои')),
    );
    expect(offer).toBeDefined();
    expect(offer!.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toContain(
      'Загрузить только мои школы (5 строк)',
    );
    const preview = await h.driver.click(coordinator, offer!, /Загрузить только мои/);
    expect(sentTexts(preview).join('\n')).toContain('Строки школ вне вашей зоны пропущены: 5');
    const confirm = sentMessages(preview).find((m) =>
      m.reply_markup?.inline_keyboard.flat().some((b) => b.text === 'Загрузить'),
    )!;
    const done = await h.driver.click(coordinator, confirm, 'Загрузить');
    expect(sentTexts(done).join('\n')).toContain('новых строк — 5');
    const stored = await h.services.deps.prisma.assessmentResult.count();
    expect(stored).toBe(5);
  });

  it('short registry names match; a repeated warning is summarised in one line with a count', async () => {
    const rows: unknown[][] = [];
    for (const subject of SUBJECTS)
      rows.push(['2023/2024', 'sch710002', 'Воскресенская СОШ', 'ВПР', subject, 6, 30, 3]);
    for (const subject of SUBJECTS) rows.push(['2023/2024', 'sch710001', 'Школа номер один', 'ВПР', subject, 6, 30, 3]);
    const calls = await upload(await resultsSheet(rows), 'короткие.xlsx');
    const text = sentTexts(calls).join('\n');
    expect(text).not.toContain('Воскресенская СОШ»');
    const mismatch = text.split('\n').filter((line) => line.includes('«Школа номер один»'));
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toContain('5 строк');
    await h.driver.send(command(coordinator, '/cancel'));
  });

  it('whenever the text promises an annotated copy, the copy is attached (a preview with many warnings)', async () => {
    const rows: unknown[][] = [];
    let n = 0;
    for (const grade of [5, 6, 7, 8])
      for (const subject of ['Математика', 'Биология', 'История'])
        rows.push(['2022/2023', 'sch710002', `Другое имя ${++n}`, 'ВПР', subject, grade, 30, 3]);
    const calls = await upload(await resultsSheet(rows), 'много-предупреждений.xlsx');
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('приложенной копии');
    expect(documentsIn(calls)).toHaveLength(1);
    await h.driver.send(command(coordinator, '/cancel'));
  });

  it('a replacement preview shows school, procedure and old → new; the copy lists every change; /history reads the log', async () => {
    const rows: unknown[][] = [];
    for (const subject of SUBJECTS)
      rows.push(['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', subject, 5, 28, 7]);
    const calls = await upload(await resultsSheet(rows), 'исправление.xlsx');
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('заменят прежние значения: 5');
    expect(text).toMatch(/sch710001.*ВПР, Математика, 5 класс, 2023\/2024: не справились 3 из 28 → 7 из 28/);
    const copies = documentsIn(calls);
    expect(copies).toHaveLength(1);
    expect((await notesOf(copies[0]!)).filter((note) => note.includes('→'))).toHaveLength(5);

    const preview = sentMessages(calls).find((m) =>
      m.reply_markup?.inline_keyboard.flat().some((b) => b.text === 'Загрузить'),
    )!;
    await h.driver.click(coordinator, preview, 'Загрузить');
    const history = sentTexts(await h.driver.send(command(coordinator, '/history', 'sch710001'))).join('\n');
    expect(history).toContain('Борис');
    expect(history).toMatch(/ВПР, Математика, 5 класс, 2023\/2024: не справились 3 из 28 → 7 из 28/);
    const foreign = sentTexts(await h.driver.send(command(coordinator, '/history', 'sch670001'))).join('\n');
    expect(foreign).toContain('нет в реестре');
  });
  const confirmOf = (calls: Awaited<ReturnType<typeof upload>>) =>
    sentMessages(calls).find((m) => m.reply_markup?.inline_keyboard.flat().some((b) => b.text === 'Загрузить'));

  it('a re-upload without «Средний балл» keeps the stored mean scores and shows only real changes', async () => {
    const withMean = await workbook({
      Результаты: [
        [...RESULTS_HEADER, 'Средний балл'],
        ['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 7, 10, 1, 55.5],
      ],
    });
    const first = await upload(withMean, 'со-средним.xlsx');
    await h.driver.click(coordinator, confirmOf(first)!, 'Загрузить');
    const meanOf = async () =>
      (
        await h.services.deps.prisma.assessmentResult.findFirstOrThrow({
          where: { school: { code: 'sch710002' }, year: '2021/2022', subject: 'Математика', grade: 7 },
        })
      ).meanScore;
    expect(await meanOf()).toBe(55.5);

    const same = sentTexts(
      await upload(
        await resultsSheet([['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 7, 10, 1]]),
        'без-среднего.xlsx',
      ),
    ).join('\n');
    expect(same).toContain('Все строки файла уже загружены с теми же значениями');
    expect(same).not.toContain('1 из 10 → 1 из 10');
    expect(await meanOf()).toBe(55.5);

    const changed = await upload(
      await resultsSheet([['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 7, 10, 2]]),
      'без-среднего-2.xlsx',
    );
    expect(sentTexts(changed).join('\n')).toContain('не справились 1 из 10 → 2 из 10');
    await h.driver.click(coordinator, confirmOf(changed)!, 'Загрузить');
    expect(await meanOf()).toBe(55.5);
  });

  it("a school outside the zone is counted and listed alongside the file's other errors", async () => {
    const calls = await upload(
      await resultsSheet([
        ['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Математика', 6, 'много', 1],
        ['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ВПР', 'Биология', 6, 10, 20],
        ['2021/2022', 'sch670001', 'Ельнинская', 'ВПР', 'История', 6, 10, 1],
      ]),
      'три-ошибки.xlsx',
    );
    const text = sentTexts(calls).join('\n');
    expect(text).toContain('Результаты не загружены: ошибок — 3');
    expect(text).toMatch(/строка 2\b/);
    expect(text).toMatch(/строка 3\b/);
    expect(text).toMatch(/строка 4\b.*sch670001 вне вашей зоны/);
    await h.driver.send(command(coordinator, '/cancel'));
  });

  it('an unknown subject is loaded with a warning naming the row, the value and the known subjects', async () => {
    const calls = await upload(
      await resultsSheet([['2021/2022', 'sch710002', 'Воскресенская СОШ', 'ЕГЭ', 'Физкультура', 11, 10, 1]]),
      'физкультура.xlsx',
    );
    const text = sentTexts(calls).join('\n');
    expect(text).toMatch(/строка 2\b.*«Физкультура» — такого предмета нет в списке бота/);
    expect(text).toMatch(/Известные предметы: Русский язык, Математика, .*Физика/);
    await h.driver.send(command(coordinator, '/cancel'));
  });
});
