/**
 * `kurator indicators`, `kurator status`, `kurator report` (issue #12): the programme indicators,
 * the school card and the reports from a terminal — thin twins of /status and /report.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_MEASURES, parseMeasureLibrary } from '../domain/measures/library.ts';
import type { App } from '../app.ts';
import { t } from '../i18n.ts';
import { CLI_ACTOR } from '../services/index.ts';
import { indicatorTable } from '../text/indicators.ts';
import { missingSummary } from '../text/reports.ts';
import { cardChart, cardText, overviewLines, overviewPages } from '../text/status.ts';
import { UserError } from '../services/errors.ts';

export interface CliHelpers {
  withApp<T>(work: (app: App) => Promise<T>): Promise<T>;
  print(text: string): void;
}

export function addReportCommands(program: Command, { withApp, print }: CliHelpers): void {
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
          const { failShareChartPng } = await import('../documents/charts/failShareChart.ts');
          await writeFile(options.png, failShareChartPng(chart));
        }
        if (options.json) print(JSON.stringify(card, null, 2));
        else print(cardText(t, card));
      }),
    );

  program
    .command('report')
    .description(
      'Отчёт области за учебный год: .xlsx (Сводка, ШНОР, Зона риска, ШНСУ, Результаты, Анкеты, Дорожная карта, Динамика) или аналитическая справка .docx',
    )
    .requiredOption('--out <file>', 'куда записать: отчёт.xlsx или, с --docx, справка.docx')
    .option('--docx', 'аналитическая справка (.docx) вместо таблицы')
    .option('--year <year>', 'учебный год, например 2023/2024 (по умолчанию — последний в данных)')
    .option('--municipality <name>', 'один муниципалитет')
    .option(
      '--measures <file>',
      'своя библиотека рекомендуемых мер (JSON, как src/domain/measures/measures.default.json)',
    )
    .action((options: { out: string; docx?: boolean; year?: string; municipality?: string; measures?: string }) =>
      withApp(async (app) => {
        let library = DEFAULT_MEASURES;
        if (options.measures) {
          let text: string;
          try {
            text = await readFile(options.measures, 'utf8');
          } catch {
            throw new UserError('report-measures-unreadable', { path: options.measures });
          }
          const parsed = parseMeasureLibrary(text);
          if (!parsed.ok)
            throw new UserError('report-measures-invalid', { path: options.measures, problem: parsed.problem });
          library = parsed.library;
        }
        const data = await app.services.reports.data(CLI_ACTOR, {
          year: options.year,
          municipality: options.municipality,
        });
        // the document writers (docx, echarts, ExcelJS) load only for this command
        const bytes = options.docx
          ? await (await import('../documents/docx/spravka.ts')).writeSpravka(data, t, library)
          : await (await import('../documents/xlsx-report/writeReport.ts')).writeReportWorkbook(data, t);
        await writeFile(options.out, bytes);
        print(t('report-cli-written', { path: options.out }));
        const missing = missingSummary(t, data);
        if (missing) print(missing);
      }),
    );
}
