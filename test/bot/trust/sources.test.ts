/**
 * Issue 10 «Text»: what a user reads cites a programme by its title and approving act, never the
 * seeds' internal file names («seed 001 (001_4a87….txt …)»): the identification .xlsx «Источник»,
 * the /report workbook's indicator sources.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentMessages } from '../../support/botDriver.ts';
import { command, user } from '../../support/updates.ts';
import { loadDataset } from '../../helpers/identificationDataset.ts';
import { startTestBot, type TestBot } from '../../helpers/testBot.ts';

const coordinator = user(2001, 'Борис');

let h: TestBot;
beforeAll(async () => {
  h = await startTestBot();
  const prisma = h.services.deps.prisma;
  const ids = await loadDataset(prisma, h.services.deps.settings.regionName);
  await prisma.user.create({
    data: {
      telegramId: BigInt(coordinator.id),
      firstName: 'Борис',
      regionId: ids.region.id,
      role: 'coordinator',
      municipalityId: ids.north.id,
    },
  });
});
afterAll(async () => h?.close());

async function cellsOf(bytes: Buffer): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, string[]>();
  workbook.eachSheet((sheet) => {
    const cells: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? cell.value))));
    sheets.set(sheet.name, cells);
  });
  return sheets;
}

const INTERNAL = /seed \d{3}|\d{3}_[0-9a-f]{16}\.txt/;

describe('sources as a user reads them', () => {
  it('the identification .xlsx «Источник» names the programme and its order, not a seed file', async () => {
    const summary = sentMessages(await h.driver.send(command(coordinator, '/identify'))).find(
      (message) => (message.reply_markup?.inline_keyboard ?? []).length > 0,
    )!;
    const calls = await h.driver.click(coordinator, summary, 'Полный список (.xlsx)');
    const file = calls.find((call) => call.method === 'sendDocument')!.files![0]!;
    const sheets = await cellsOf(file.bytes);
    const rules = sheets.get('Правила')!;
    const at = rules.indexOf('Источник');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(rules.join('\n')).toContain(
      'Программа по повышению качества образования в школах г. Норильска на 2022-2024 год, §2.1',
    );
    for (const [name, cells] of sheets) for (const cell of cells) expect(cell, name).not.toMatch(INTERNAL);
  });

  it('the /report workbook cites the indicators’ programmes the same way', async () => {
    const calls = await h.driver.send(command(coordinator, '/report'));
    const file = calls.find((call) => call.method === 'sendDocument')!.files![0]!;
    const sheets = await cellsOf(file.bytes);
    const all = [...sheets.values()].flat().join('\n');
    expect(all).toContain('Дубенского района на 2024 год (приложение к приказу');
    expect(all).toContain('от 20.02.2024 № 14), Раздел I');
    for (const [name, cells] of sheets) for (const cell of cells) expect(cell, name).not.toMatch(INTERNAL);
  });
});
