/**
 * Issue 11 through the real grammY stack: the «Контингент» table and the official ШНОР list are
 * recognised from their header when sent in chat (the CLI's templates, filled in), a bad list is
 * refused with the row named and nothing stored, and /launch offers «Школы из перечня ШНОР» as a
 * target set.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeContingentTemplate,
  writeOfficialListTemplate,
} from '../../src/files/xlsx/write/identificationTemplates.ts';
import { sentMessages, sentTexts } from '../support/botDriver.ts';
import { command, textMessage, user } from '../support/updates.ts';
import { buttonTexts, lastKeyboard, registerPerson } from '../helpers/campaigns.ts';
import { ADMIN_ID, seedSchools, sendFile, startTestBot, type TestBot } from '../helpers/testBot.ts';

const admin = user(ADMIN_ID, 'Анна');
const boris = user(2001, 'Борис'); // coordinator, Дубенский район
const gleb = user(3002, 'Глеб'); // director, sch710002

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await h.driver.send(command(admin, '/start'));
  await registerPerson(h.services, boris.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
  await registerPerson(h.services, gleb.id, 'director', { school: 'sch710002' }, 'Глеб');
});
afterAll(async () => h?.close());

const upload = (from: ReturnType<typeof user>, bytes: Uint8Array, fileName: string) =>
  sendFile(h, from, bytes, fileName);

async function fill(template: Buffer, sheetName: string, rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(sheetName)!;
  rows.forEach((row, i) => {
    row.forEach((value, j) => {
      sheet.getCell(i + 2, j + 1).value = value as ExcelJS.CellValue;
    });
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('identification tables sent in chat', () => {
  it('«Контингент» is recognised and loaded', async () => {
    const template = await writeContingentTemplate([
      { code: 'sch710001', name: 'Дубенская СОШ № 1' },
      { code: 'sch710002', name: 'Воскресенская СОШ' },
    ]);
    const bytes = await fill(template, 'Контингент', [
      ['2024/2025', 'sch710001', 'Дубенская СОШ № 1', 320, 30, 14, 120, 30, 2, 0, 1],
      ['2024/2025', 'sch710002', 'Воскресенская СОШ', 90, 9, 7, 40, 10, 0, 0, null],
    ]);
    const text = sentTexts(await upload(boris, bytes, 'контингент.xlsx')).at(-1)!;
    expect(text).toContain('«Контингент» загружен: 2024/2025; 2 школы (новых строк 2, заменено 0)');
    expect(await h.db.prisma.contingentRecord.count()).toBe(2);
  });

  it('an official list with a code not in the registry is refused, naming the row; nothing is stored', async () => {
    const bytes = await fill(await writeOfficialListTemplate(), 'Перечень ШНОР', [
      ['2024/2025', 'sch710001', '', '412-п', '15.03.2025'],
      ['', 'sch999999'],
    ]);
    const text = sentTexts(await upload(admin, bytes, 'перечень.xlsx')).at(-1)!;
    expect(text).toContain('Перечень ШНОР не загружен: 1 ошибка. Ничего не изменено');
    expect(text).toContain('строка 3');
    expect(text).toContain('школы с кодом sch999999 нет в реестре');
    expect(await h.db.prisma.officialList.count()).toBe(0);
  });

  it('a good list is loaded; /launch then offers «Школы из перечня ШНОР» and targets them', async () => {
    const bytes = await fill(await writeOfficialListTemplate(), 'Перечень ШНОР', [
      ['2024/2025', 'sch710002', 'Воскресенская СОШ', '412-п', '15.03.2025'],
      ['', 'sch670001'],
    ]);
    const text = sentTexts(await upload(admin, bytes, 'перечень.xlsx')).at(-1)!;
    expect(text).toBe('Официальный перечень ШНОР за 2024/2025 (приказ № 412-п от 15.03.2025) загружен: 2 школы.');

    let calls = await h.driver.send(command(boris, '/launch'));
    calls = await h.driver.click(boris, lastKeyboard(calls), /^Контекстные данные ОУ/);
    const menu = lastKeyboard(calls);
    // Борис sees his municipality only: one school of the list is his
    expect(buttonTexts(menu)).toEqual(['Все школы (2)', 'Школы из перечня ШНОР (1)', 'Выбрать школы', 'Отмена']);
    calls = await h.driver.click(boris, menu, 'Школы из перечня ШНОР (1)');
    await h.driver.send(textMessage(boris, '10.12.2026'));
    calls = await h.driver.send(textMessage(boris, '3, 1'));
    expect(lastKeyboard(calls).text).toContain('Школ: 1');
    calls = await h.driver.click(boris, lastKeyboard(calls), 'Запустить');
    // the director of the listed school is invited; the form says where it comes from
    const invitation = sentMessages(calls.filter((call) => call.payload.chat_id === gleb.id))[0]!;
    const opened = sentTexts(await h.driver.click(gleb, invitation, 'Заполнить')).join('\n');
    expect(opened).toContain(
      'Форма составлена по материалам управления общего и дошкольного образования г. Норильска (методика ФИОКО, 2022–2024).',
    );
    const campaign = await h.db.prisma.campaign.findFirstOrThrow({
      include: { schools: { include: { school: true } } },
    });
    expect(campaign.schools.map((entry) => entry.school.code)).toEqual(['sch710002']);
  });
});
