/** `kurator report`: the region's .xlsx report or the аналитическая справка .docx — the twin of /report (issue 12). */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DEFAULT_MEASURES, parseMeasureLibrary } from '../../domain/measures/library.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { UserError } from '../../services/errors.ts';
import { missingSummary } from '../../text/reports.ts';
import { print, withApp } from '../context.ts';

export function reportCommand(program: Command): void {
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
          ? await (await import('../../documents/docx/spravka.ts')).writeSpravka(data, t, library)
          : await (await import('../../documents/xlsx-report/writeReport.ts')).writeReportWorkbook(data, t);
        await writeFile(options.out, bytes);
        print(t('report-cli-written', { path: options.out }));
        const missing = missingSummary(t, data);
        if (missing) print(missing);
      }),
    );
}
