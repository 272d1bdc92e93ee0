/** `kurator status [SCHOOL]`: the school card or, without a school, the overview — the twin of /status (issue 12). */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { cardChart, cardText, overviewLines, overviewPages } from '../../text/status.ts';
import { UserError } from '../../services/errors.ts';
import { print, withApp } from '../context.ts';

export function statusCommand(program: Command): void {
  program
    .command('status [school]')
    .description('Карточка школы (код, код без «sch» или часть названия) или, без школы, обзор области')
    .option('--json', 'вывести данные карточки (или обзора) в JSON')
    .option('--png <file>', 'записать график долей «2» / ниже минимума по годам в PNG')
    .option('--municipality <name>', 'обзор одного муниципалитета')
    .action((school: string | undefined, options: { json?: boolean; png?: string; municipality?: string }) =>
      withApp(async (app) => {
        if (!school) {
          if (options.png) throw new UserError('status-cli-png-needs-school');
          const overview = await app.services.status.overview(CLI_ACTOR, { municipality: options.municipality });
          if (options.json) print(JSON.stringify(overview, null, 2));
          else
            for (let page = 1; page <= overviewPages(overview); page++)
              print(overviewLines(t, overview, page).join('\n'));
          return;
        }
        const found = await app.services.status.lookup(CLI_ACTOR, school);
        if (found.kind === 'choose') {
          print(t('status-choose', { query: found.query, count: found.schools.length }));
          for (const match of found.schools) print(`  ${match.code}  ${match.name} (${match.municipality})`);
          process.exitCode = 1;
          return;
        }
        if (found.kind !== 'card') return;
        const card = found.card;
        if (options.png) {
          const chart = cardChart(t, card);
          if (!chart) throw new UserError('status-no-chart');
          // echarts and resvg load only when a chart is drawn (CLI start-up stays light)
          const { failShareChartPng } = await import('../../documents/charts/failShareChart.ts');
          await writeFile(options.png, failShareChartPng(chart));
        }
        if (options.json) print(JSON.stringify(card, null, 2));
        else print(cardText(t, card));
      }),
    );
}
