/** `kurator results`: the stored results by school, academic year and procedure. */
import type { Command } from 'commander';
import { parseAcademicYear } from '../../domain/results/academicYear.ts';
import { parseAssessmentKind, procedureLabel } from '../../domain/results/procedures.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { CliError, print, withApp } from '../context.ts';

export function resultsCommand(program: Command): void {
  program
    .command('results')
    .description('Загруженные результаты: по школе, учебному году и процедуре')
    .option('--school <code>', 'код школы')
    .option('--year <year>', 'учебный год, например 2023/2024')
    .option('--kind <kind>', 'ВПР | ОГЭ | ЕГЭ')
    .option('--json', 'вывести в JSON')
    .action((options: { school?: string; year?: string; kind?: string; json?: boolean }) =>
      withApp(async (app) => {
        const year = options.year === undefined ? undefined : parseAcademicYear(options.year);
        if (year && !year.ok) throw new CliError(t('cli-bad-year', { year: options.year! }));
        const kind = options.kind === undefined ? undefined : parseAssessmentKind(options.kind);
        if (kind === null) throw new CliError(t('cli-bad-kind', { kind: options.kind! }));
        const rows = await app.services.results.query(CLI_ACTOR, {
          schoolCode: options.school,
          year: year?.ok ? year.year : undefined,
          kind,
        });
        if (options.json) {
          print(JSON.stringify(rows, null, 2));
          return;
        }
        if (!rows.length) print(t('cli-results-empty'));
        for (const row of rows) {
          const share = row.share === null ? '—' : `${(row.share * 100).toFixed(1).replace('.', ',')} %`;
          print(
            `${row.schoolCode}  ${row.year}  ${procedureLabel({ kind: row.kind, subject: row.subject, grade: row.grade })}  ${row.failed}/${row.participants}  ${share}`,
          );
        }
      }),
    );
}
