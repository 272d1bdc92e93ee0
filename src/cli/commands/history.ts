/** `kurator history КОД [--json]`: the audit log of a school, as /history shows it (issue 10). */
import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { historyLines } from '../../text/history.ts';
import { print, withApp } from '../context.ts';

export function historyCommand(program: Command): void {
  program
    .command('history')
    .description('Журнал изменений школы: кто, что и когда менял (было → стало)')
    .argument('<code>', 'код школы, например sch123456')
    .option('--limit <n>', 'сколько последних записей', '50')
    .option('--json', 'вывести в JSON')
    .action((code: string, options: { json?: boolean; limit: string }) =>
      withApp(async (app) => {
        const found = await app.services.history.school(CLI_ACTOR, code, Math.max(1, Number(options.limit) || 50));
        print(options.json ? JSON.stringify(found, null, 2) : historyLines(t, found).join('\n'));
      }),
    );
}
