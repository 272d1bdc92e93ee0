import type { Command } from 'commander';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { indicatorTable } from '../../text/indicators.ts';
import { print, withApp } from '../context.ts';

export function indicatorsCommand(program: Command): void {
  program
    .command('indicators')
    .description('Показатели программ (seeds 000–004) за учебный год: доли с числителем и знаменателем')
    .option('--year <year>', 'учебный год, например 2023/2024 (по умолчанию — последний в данных)')
    .option('--municipality <name>', 'один муниципалитет')
    .option('--school <code>', 'одна школа (код, можно без «sch»)')
    .option(
      '--json',
      'вывести в JSON: {year, scope, indicators: [{id, title, source, numerator, denominator, value, unit, missing}]}',
    )
    .action((options: { year?: string; municipality?: string; school?: string; json?: boolean }) =>
      withApp(async (app) => {
        const report = await app.services.indicators.compute(CLI_ACTOR, options);
        if (options.json) {
          print(
            JSON.stringify(
              {
                year: report.year,
                scope: report.scope,
                indicators: report.indicators.map((indicator) => ({
                  id: indicator.id,
                  title: indicator.title,
                  source: indicator.source,
                  numerator: indicator.numerator,
                  denominator: indicator.denominator,
                  value: indicator.value,
                  unit: indicator.unit,
                  target: indicator.target,
                  onTarget: indicator.onTarget,
                  missing: indicator.missing,
                })),
              },
              null,
              2,
            ),
          );
          return;
        }
        for (const line of indicatorTable(t, report)) print(line);
      }),
    );
}
