/**
 * `kurator` commands for the identification inputs of issue 11 (a thin adapter over the services):
 *   kurator template contingent | official-list --out FILE
 *   kurator import contingent FILE
 *   kurator import official-list FILE
 *   kurator region-figures --year Y [--oge-rus-failed 0.05] [--oge-math-failed 0.08] [--ege-rus-mean 68.4]
 *   kurator official-list [--year Y]      official vs computed and the differences
 */
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { parseAcademicYear } from '../../domain/results/academicYear.ts';
import { writeContingentTemplate, writeOfficialListTemplate } from '../../files/xlsx/write/identificationTemplates.ts';
import { renderIssueList } from '../../text/sheetIssues.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR, UserError } from '../../services/index.ts';
import {
  contingentImportedText,
  officialComparisonLines,
  officialListImportedText,
} from '../../text/identificationData.ts';
import { print, readInput, withApp } from '../context.ts';

function share(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value.replace(',', '.'));
  if (!Number.isFinite(number)) throw new UserError('idtables-cli-not-a-number', { option, value });
  return number;
}

function yearOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseAcademicYear(value);
  return parsed.ok ? parsed.year : value;
}

export function identificationDataCommands(program: Command): void {
  const template = program.commands.find((command) => command.name() === 'template')!;
  template
    .command('contingent')
    .description('Шаблон «Контингент»: 9 → 10 класс и участники олимпиад по этапам; школы реестра уже вписаны')
    .option('--out <file>', 'куда записать', 'contingent.xlsx')
    .action((options: { out: string }) =>
      withApp(async (app) => {
        const schools = await app.services.schools.list(CLI_ACTOR);
        await writeFile(
          options.out,
          await writeContingentTemplate(schools.map((school) => ({ code: school.code, name: school.fullName }))),
        );
        print(t('cli-template-written', { path: options.out }));
      }),
    );
  template
    .command('official-list')
    .description('Шаблон официального перечня ШНОР: учебный год, код школы, номер и дата приказа')
    .option('--out <file>', 'куда записать', 'shnor-list.xlsx')
    .action(async (options: { out: string }) => {
      await writeFile(options.out, await writeOfficialListTemplate());
      print(t('cli-template-written', { path: options.out }));
    });

  const importCommand = program.commands.find((command) => command.name() === 'import')!;
  importCommand
    .command('contingent <file>')
    .description('«Контингент» за учебный год: строка на школу (шаблон: kurator template contingent)')
    .action((file: string) =>
      withApp(async (app) => {
        const outcome = await app.services.identificationData.importContingent(CLI_ACTOR, await readInput(file), {
          fileName: basename(file),
        });
        if (!outcome.ok) {
          const errors = outcome.issues.filter((issue) => issue.severity === 'error').length;
          print(t('idtables-contingent-failed', { count: errors }));
          print(renderIssueList(outcome.issues, { limit: 200 }));
          process.exitCode = 1;
          return;
        }
        print(contingentImportedText(t, outcome));
      }),
    );
  importCommand
    .command('official-list <file>')
    .description(
      'Официальный перечень ШНОР за учебный год с номером и датой приказа (шаблон: kurator template official-list)',
    )
    .action((file: string) =>
      withApp(async (app) => {
        const outcome = await app.services.identificationData.importOfficialList(CLI_ACTOR, await readInput(file), {
          fileName: basename(file),
        });
        if (!outcome.ok) {
          const errors = outcome.issues.filter((issue) => issue.severity === 'error').length;
          print(t('idtables-official-failed', { count: errors }));
          print(renderIssueList(outcome.issues, { limit: 200 }));
          process.exitCode = 1;
          return;
        }
        print(officialListImportedText(t, outcome));
      }),
    );

  program
    .command('region-figures')
    .description('Значения по региону за учебный год, когда загружены данные не всех муниципалитетов')
    .requiredOption('--year <year>', 'учебный год, например 2023/2024')
    .option('--oge-rus-failed <share>', 'доля не преодолевших минимальный порог ОГЭ по русскому языку, дробью (0,05)')
    .option('--oge-math-failed <share>', 'доля не преодолевших минимальный порог ОГЭ по математике, дробью (0,08)')
    .option('--ege-rus-mean <points>', 'средний балл ЕГЭ по русскому языку (68,4)')
    .action((options: { year: string; ogeRusFailed?: string; ogeMathFailed?: string; egeRusMean?: string }) =>
      withApp(async (app) => {
        const saved = await app.services.identificationData.setRegionFigures(CLI_ACTOR, {
          year: yearOption(options.year)!,
          ogeRusFailedShare: share('--oge-rus-failed', options.ogeRusFailed),
          ogeMathFailedShare: share('--oge-math-failed', options.ogeMathFailed),
          egeRusMeanScore: share('--ege-rus-mean', options.egeRusMean),
        });
        print(t('idtables-region-figures-saved', { year: saved.year }));
      }),
    );

  program
    .command('official-list')
    .description('Официальный перечень ШНОР против рассчитанного (ФИОКО): совпадения и расхождения')
    .option('--year <year>', 'учебный год перечня (по умолчанию — последний загруженный)')
    .action((options: { year?: string }) =>
      withApp(async (app) => {
        const year = yearOption(options.year);
        const comparison = await app.services.identificationData.officialComparison(CLI_ACTOR, year ? { year } : {});
        for (const line of officialComparisonLines(t, comparison)) print(line);
      }),
    );
}
