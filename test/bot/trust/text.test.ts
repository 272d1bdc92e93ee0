/**
 * Issue 10 «Text»: Russian plurals, no empty fields, no literal backticks, «Куратор:» notes,
 * the right greeting on the very first /start, templates obtainable in the chat.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES_DIR, t } from '../../../src/i18n.ts';
import { sentTexts } from '../../support/botDriver.ts';
import { command, documentMessage, user } from '../../support/updates.ts';
import { lastKeyboard, registerPerson } from '../../helpers/campaigns.ts';
import { ADMIN_ID, seedSchools, startTestBot, type TestBot } from '../../helpers/testBot.ts';
import { resultsSheet } from '../../helpers/workbooks.ts';

const admin = user(ADMIN_ID, 'Анна');
const boris = user(2001, 'Борис');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  await seedSchools(h.services);
  await h.services.deps.prisma.school.update({ where: { code: 'sch710002' }, data: { settlement: '', type: 'НОШ' } });
  await registerPerson(h.services, boris.id, 'coordinator', { municipality: 'Дубенский район' }, 'Борис');
});
afterAll(async () => h?.close());

async function workbookOf(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

describe('texts a user reads', () => {
  it('the very first /start greets as new, the next one as returning', async () => {
    expect(sentTexts(await h.driver.send(command(admin, '/start')))[0]).toContain('Добро пожаловать');
    expect(sentTexts(await h.driver.send(command(admin, '/start')))[0]).toContain('С возвращением');
  });

  it('counts agree with their nouns', async () => {
    const calls = await h.driver.send(command(boris, '/launch'));
    await h.driver.click(boris, lastKeyboard(calls), /^Контекстные данные ОУ/);
    const texts = sentTexts(h.tg.calls.slice(-5)).join('\n');
    expect(texts).toContain('В вашей зоне 2 школы.');
    await h.driver.send(command(boris, '/cancel'));
    expect(t('campaigns-completion', { submitted: 1, total: 21 })).toBe('1 из 21 школы отправила анкету');
    expect(t('forms-error-too-few-selected', { min: 1 })).toBe('Отметьте не меньше 1 варианта и нажмите «Готово».');
    expect(t('forms-prefill-offer', { year: '2023/2024', value: 35, failed: 11, participants: 31 })).toContain(
      '11 из 31 участника получили «2»',
    );
  });

  it('an empty registry field is left out, not shown as «(НОШ, , сельская)»', async () => {
    const text = sentTexts(await h.driver.send(command(boris, '/schools'))).join('\n');
    expect(text).toContain('sch710002 · Воскресенская СОШ (НОШ, сельская)');
    expect(text).not.toMatch(/, ,/);
  });

  it('no message shows literal backticks', () => {
    for (const file of readdirSync(join(LOCALES_DIR, 'ru')))
      expect(readFileSync(join(LOCALES_DIR, 'ru', file), 'utf8'), file).not.toContain('`');
  });

  it('/template results sends the template in the chat, with the codes of the coordinator’s schools', async () => {
    const calls = await h.driver.send(command(boris, '/template', 'results'));
    const sent = calls.find((call) => call.method === 'sendDocument')!;
    expect(sent.files![0]!.filename).toBe('Шаблон результатов.xlsx');
    const book = await workbookOf(sent.files![0]!.bytes);
    const codes = book.worksheets.flatMap((sheet) =>
      sheet
        .getSheetValues()
        .flatMap((row) => (Array.isArray(row) ? row.filter((v) => typeof v === 'string' && /^sch\d+$/.test(v)) : [])),
    );
    expect(new Set(codes)).toEqual(new Set(['sch710001', 'sch710002']));
    expect(sentTexts(await h.driver.send(command(boris, '/template'))).join('\n')).toContain('/template results');
  });

  it('chat texts point to chat commands (/launch, /template …), not to the terminal', async () => {
    expect(t('identify-no-data-social', { method: 'ШНСУ' })).toContain('(/launch)');
    for (const key of [
      'identify-not-evaluated',
      'status-overview-roadmap-none',
      'roadmap-none',
      'idtables-official-none',
    ])
      expect(t(key, { criteria: '', year: '2024' }), key).not.toContain('kurator');
    expect(t('identify-not-evaluated', { criteria: '', year: '2024' })).toContain('/template contingent');
    expect(t('status-overview-roadmap-none')).toContain('/template roadmap');
    for (const [kind, filename] of [
      ['contingent', 'Шаблон контингента.xlsx'],
      ['roadmap', 'Шаблон дорожной карты.xlsx'],
      ['official-list', 'Шаблон перечня ШНОР.xlsx'],
    ] as const) {
      const sent = (await h.driver.send(command(boris, '/template', kind))).find(
        (call) => call.method === 'sendDocument',
      );
      expect(sent?.files?.[0]?.filename, kind).toBe(filename);
      expect((await workbookOf(sent!.files![0]!.bytes)).worksheets.length, kind).toBeGreaterThan(0);
    }
  });

  it('notes in the annotated copy start with «Куратор:»', async () => {
    const bytes = await resultsSheet([['2023/2024', 'sch710001', 'Дубенская СОШ № 1', 'ВПР', 'Математика', 5, 10, 20]]);
    const file = h.tg.registerFile(bytes, { fileName: 'плохой.xlsx' });
    const calls = await h.driver.send(
      documentMessage(boris, { file_id: file.file_id, file_name: 'плохой.xlsx', file_size: bytes.byteLength }),
    );
    const copy = calls.find((call) => call.method === 'sendDocument')!;
    const notes: string[] = [];
    (await workbookOf(copy.files![0]!.bytes)).worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        const note = cell.note;
        if (note) notes.push(typeof note === 'string' ? note : note.texts!.map((part) => part.text).join(''));
      }),
    );
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note.startsWith('Куратор:')).toBe(true);
  });
});
