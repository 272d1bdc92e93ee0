/** `kurator import schools | results | questionnaire FILE`: the registry, ВПР/ОГЭ/ЕГЭ results and a custom questionnaire from .xlsx. */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { renderIssue, renderIssueList } from '../../text/sheetIssues.ts';
import { questionnaireImportText } from '../../text/questionnaires.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { resultsPreviewText } from '../../text/results.ts';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { createJobRunner } from '../../delivery/jobs.ts';
import { announcementText } from '../../text/identification.ts';
import { deliverOutbox, print, readInput, withApp } from '../context.ts';

/**
 * After an import: rerun identification for the municipalities touched, print what changed and,
 * when the bot's token is configured, tell their coordinators in Telegram as the bot would.
 */
async function rerunIdentification(app: App, config: Config, _municipalityIds: readonly number[]): Promise<void> {
  // The import recorded the rerun as a follow-up job with its commit (src/delivery/jobs.ts);
  // its announcements go to the outbox, delivered here when the token is set, else by the bot.
  const changes = await createJobRunner({ services: app.services }).runPending();
  for (const change of changes.filter((item) => item.changed)) print(announcementText(t, change));
  if (config.botToken) await deliverOutbox(app, config);
}

export function importCommands(program: Command): void {
  const importCommand = program.command('import').description('Загрузить данные из файла .xlsx');
  importCommand
    .command('schools <file>')
    .description(
      'Реестр школ: Муниципалитет, Код ОО, Наименование, Краткое наименование, Тип, Населённый пункт, Сельская',
    )
    .option('--dry-run', 'только проверить, ничего не записывать')
    .option('--json', 'вывести результат в JSON')
    .action((file: string, options: { dryRun?: boolean; json?: boolean }) =>
      withApp(async (app) => {
        const bytes = await readInput(file);
        const result = await app.services.schools.importFile(CLI_ACTOR, bytes, { dryRun: options.dryRun });
        if (options.json) {
          print(
            JSON.stringify(
              { ...result, issues: result.issues.map((issue) => ({ ...issue, message: renderIssue(issue) })) },
              null,
              2,
            ),
          );
        } else {
          const sheet = result.sheetName ? t('registry-sheet', { name: result.sheetName }) : '';
          if (!result.ok) {
            const errors = result.issues.filter((issue) => issue.severity === 'error');
            print(t('registry-failed', { count: errors.length }));
            for (const issue of errors) print(`  ${renderIssue(issue)}`);
          } else {
            print(
              result.dryRun
                ? t('registry-dry-run', { sheet, created: result.created, updated: result.updated })
                : t('registry-imported', {
                    sheet,
                    created: result.created,
                    updated: result.updated,
                    unchanged: result.unchanged,
                    municipalities: result.municipalitiesCreated,
                  }),
            );
          }
          const warnings = result.issues.filter((issue) => issue.severity !== 'error');
          if (warnings.length) {
            print(t('registry-warnings'));
            for (const issue of warnings) print(`  ${renderIssue(issue)}`);
          }
        }
        if (!result.ok) process.exitCode = 1;
      }),
    );

  importCommand
    .command('results <file>')
    .description('Результаты ВПР/ОГЭ/ЕГЭ: строка на школу × учебный год × процедуру')
    .option('--dry-run', 'только проверить и показать, что изменится; ничего не записывать')
    .option('--json', 'вывести результат в JSON')
    .action((file: string, options: { dryRun?: boolean; json?: boolean }) =>
      withApp(async (app, config) => {
        const bytes = await readInput(file);
        const run = options.dryRun ? app.services.results.preview : app.services.results.importFile;
        // A big file is read in a worker thread here too: the rows are written while the rest is read.
        const outcome = await run(CLI_ACTOR, bytes, { fileName: basename(file) });
        if (options.json) {
          print(
            JSON.stringify(
              { ...outcome, issues: outcome.issues.map((issue) => ({ ...issue, message: renderIssue(issue) })) },
              null,
              2,
            ),
          );
        } else if (!outcome.ok) {
          const errors = outcome.stats?.errors ?? outcome.issues.filter((issue) => issue.severity === 'error').length;
          print(t('upload-results-failed', { count: errors }));
          print(renderIssueList(outcome.issues, { limit: 200, totalErrors: errors }));
        } else {
          const { summary } = outcome;
          print(resultsPreviewText(t, basename(file), outcome, { warningsLimit: 200, restIn: 'json' }));
          if (!options.dryRun) {
            const changed = summary.newRows + summary.replacedRows > 0;
            print(
              changed
                ? t('upload-results-saved', {
                    newRows: summary.newRows,
                    replacedRows: summary.replacedRows,
                    unchangedRows: summary.unchangedRows,
                  })
                : t('upload-results-nothing-new'),
            );
            if (changed) await rerunIdentification(app, config, summary.municipalityIds);
          }
        }
        if (!outcome.ok) process.exitCode = 1;
      }),
    );

  importCommand
    .command('questionnaire <file>')
    .description(
      'Своя анкета: Раздел, №, Вопрос, Тип, Обязательный, Варианты, Условие, Подсказка (шаблон: kurator template questionnaire)',
    )
    .option('--dry-run', 'только проверить, ничего не записывать')
    .option('--title <title>', 'название анкеты (по умолчанию — имя файла)')
    .option('--json', 'вывести результат в JSON')
    .action((file: string, options: { dryRun?: boolean; title?: string; json?: boolean }) =>
      withApp(async (app) => {
        const bytes = await readInput(file);
        const result = await app.services.questionnaires.importQuestionnaire(CLI_ACTOR, bytes, basename(file), {
          dryRun: options.dryRun,
          title: options.title,
        });
        if (options.json)
          print(
            JSON.stringify(
              { ...result, issues: result.issues.map((issue) => ({ ...issue, message: renderIssue(issue) })) },
              null,
              2,
            ),
          );
        else print(questionnaireImportText(t, result, { limit: 500 }));
        if (!result.ok) process.exitCode = 1;
      }),
    );
}
