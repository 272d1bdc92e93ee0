/** `kurator template schools | questionnaire | results`: empty .xlsx templates. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { writeResultsTemplate, writeSchoolsTemplate } from '../../files/xlsx/write/templates.ts';
import { writeQuestionnaireTemplate } from '../../files/xlsx/write/questionnaireTemplate.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { print, withApp } from '../context.ts';

export function templateCommands(program: Command): void {
  const template = program.command('template').description('Записать пустой шаблон .xlsx');
  template
    .command('schools')
    .description('Шаблон реестра школ')
    .option('--out <file>', 'куда записать', 'schools.xlsx')
    .action(async (options: { out: string }) => {
      await writeFile(options.out, await writeSchoolsTemplate());
      print(t('cli-template-written', { path: options.out }));
    });

  template
    .command('questionnaire')
    .description('Шаблон своей анкеты: столбцы, примеры строк и пояснения')
    .option('--out <file>', 'куда записать', 'questionnaire.xlsx')
    .action(async (options: { out: string }) => {
      await writeFile(options.out, await writeQuestionnaireTemplate());
      print(t('cli-template-written', { path: options.out }));
    });

  template
    .command('results')
    .description('Шаблон результатов: пояснения к столбцам и лист с кодами школ из реестра')
    .option('--out <file>', 'куда записать', 'results.xlsx')
    .action((options: { out: string }) =>
      withApp(async (app) => {
        const schools = await app.services.schools.list(CLI_ACTOR);
        await writeFile(
          options.out,
          await writeResultsTemplate(schools.map((school) => ({ code: school.code, name: school.fullName }))),
        );
        print(t('cli-template-written', { path: options.out }));
      }),
    );
}
