// `kurator digest --preview [--municipality NAME]` and `kurator digest send` (issue 13 §1).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotApiServer, type BotApiServer } from '../support/botApiServer.ts';
import { cliWithSchools, type CliEnvironment } from '../helpers/cli.ts';
import { resultsSheet } from '../helpers/workbooks.ts';
import { writeFile } from 'node:fs/promises';

let cli: CliEnvironment;
let tg: BotApiServer;
beforeAll(async () => {
  cli = await cliWithSchools('sch710001', 'sch670001');
  tg = await startBotApiServer();
  const results = join(cli.dir, 'Результаты ВПР.xlsx');
  await writeFile(results, await resultsSheet([['2023/2024', 'sch710001', '', 'ВПР', 'Математика', 5, 20, 2]]));
  expect((await cli.run('import', 'results', results)).code).toBe(0);
});
afterAll(async () => {
  await cli?.close();
  await tg?.close();
});

describe('kurator digest', () => {
  it('--preview prints the digest of a municipality: the import, by the command line', async () => {
    const run = await cli.run('digest', '--preview', '--municipality', 'Дубенский район');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Сводка за неделю · Дубенский район');
    expect(run.stdout).toContain('Результаты ВПР.xlsx — командная строка');
    const other = await cli.run('digest', '--preview', '--municipality', 'Ельнинский район');
    expect(other.stdout).toContain('Без изменений');
  });

  it('TZ_NAME sets the time people read: the import is shown two hours later in Yekaterinburg than in Moscow', async () => {
    const shown = async (zone: string) => {
      const run = await cli.runWith({ TZ_NAME: zone }, 'digest', '--preview', '--municipality', 'Дубенский район');
      expect(run.code).toBe(0);
      const line = run.stdout.split('\n').find((text) => text.includes('Результаты ВПР.xlsx'));
      const [, day, month, year, hour, minute] = /(\d\d)\.(\d\d)\.(\d{4}), (\d\d):(\d\d)/.exec(line ?? '') ?? [];
      expect(year, line).toBeDefined();
      return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute));
    };
    const moscow = await shown('Europe/Moscow');
    const yekaterinburg = await shown('Asia/Yekaterinburg');
    // the same stored import moment, read on the two installations' clocks (openApp sets the zone)
    expect(yekaterinburg - moscow).toBe(2 * 3_600_000);
  });

  it('bad arguments get one Russian line', async () => {
    const unknown = await cli.run('digest', '--preview', '--municipality', 'Нет такого');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Муниципалитет «Нет такого» не найден');
    const bad = await cli.run('digest', 'sned');
    expect(bad.stderr).toContain('Неизвестное действие «sned»');
    const noToken = await cli.run('digest', 'send');
    expect(noToken.stderr).toContain('нужен BOT_TOKEN');
    const badDay = await cli.runWith({ DIGEST_DAY: 'someday' }, 'digest', '--preview');
    expect(badDay.code).toBe(1);
    expect(badDay.stderr).toContain('DIGEST_DAY');
  });

  it('send: nothing bound, nothing sent — and it says so', async () => {
    const run = await cli.runWith({ BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot }, 'digest', 'send');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Неделя \d{4}-W\d{2}: отправлено 0/);
    expect(tg.callsOf('sendMessage')).toHaveLength(0);
  });
});
