/** `kurator identify`: run identification (ШНОР by ФИОКО, risk zone, regional, ШНСУ) and store the run. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  parseRulesJson,
  type IdentificationMethod,
  type IdentificationRules,
} from '../../domain/identification/index.ts';
import { parseAcademicYear } from '../../domain/results/academicYear.ts';
import { writeIdentificationReport } from '../../documents/identificationReport.ts';
import { t } from '../../i18n.ts';
import { CLI_ACTOR } from '../../services/index.ts';
import { IDENTIFICATION_METHODS } from '../../services/identification/index.ts';
import { summaryTables } from '../identifyTable.ts';
import { CliError, print, readInput, withApp } from '../context.ts';

export function identifyCommand(program: Command): void {
  program
    .command('identify')
    .description('Идентификация школ: ШНОР (ФИОКО), зона риска, региональные показатели, ШНСУ; запуск сохраняется')
    .option(
      '--year <year>',
      'последний завершённый учебный год, например 2023/2024 (по умолчанию — последний в данных)',
    )
    .option('--method <method>', 'fioco | risk | regional | social | all', 'all')
    .option('--rules <file>', 'файл правил JSON (docs/identification-rules.md); по умолчанию — правила из seeds')
    .option('--municipality <name>', 'только один муниципалитет')
    .option('--json', 'вывести в JSON (доли — дробями); с --method all — объект по методам')
    .option('--out <file>', 'записать полный список с основаниями в .xlsx')
    .action(
      (options: {
        year?: string;
        method: string;
        rules?: string;
        municipality?: string;
        json?: boolean;
        out?: string;
      }) =>
        withApp(async (app) => {
          const method = options.method.trim().toLowerCase();
          if (method !== 'all' && !(IDENTIFICATION_METHODS as readonly string[]).includes(method)) {
            throw new CliError(t('identify-cli-unknown-method', { method: options.method }));
          }
          const methods: IdentificationMethod[] =
            method === 'all' ? [...IDENTIFICATION_METHODS] : [method as IdentificationMethod];
          let rules: IdentificationRules | undefined;
          if (options.rules) {
            const parsed = parseRulesJson(new TextDecoder().decode(await readInput(options.rules)));
            if (!parsed.ok) {
              const errors = parsed.errors.map((error) => t(error.reason, error.params)).join('; ');
              throw new CliError(
                t('identify-rules-file-invalid', { path: options.rules, count: parsed.errors.length, errors }),
              );
            }
            rules = parsed.rules;
          }
          let municipalityId: number | undefined;
          if (options.municipality) {
            const wanted = options.municipality.trim().toLocaleLowerCase('ru-RU');
            const found = (await app.services.schools.municipalities(CLI_ACTOR)).find(
              (m) => m.name.toLocaleLowerCase('ru-RU') === wanted,
            );
            if (!found) throw new CliError(t('identify-cli-unknown-municipality', { name: options.municipality }));
            municipalityId = found.id;
          }
          // 2023-2024, 2023/24 or 2024 are read as 2023/2024; anything else is refused by the service
          const parsedYear = options.year === undefined ? undefined : parseAcademicYear(options.year);
          const year = parsedYear?.ok ? parsedYear.year : options.year;
          const summary = await app.services.identification.run(CLI_ACTOR, { year, methods, rules, municipalityId });
          if (options.json) {
            const json =
              methods.length === 1
                ? summary.methods[0]!.cli
                : Object.fromEntries(summary.methods.map((outcome) => [outcome.method, outcome.cli]));
            print(JSON.stringify(json, null, 2));
          } else {
            for (const line of summaryTables(t, summary)) print(line);
          }
          if (options.out) {
            const runs = summary.methods.flatMap((outcome) => (outcome.state === 'done' ? [outcome.run] : []));
            await writeFile(options.out, await writeIdentificationReport({ scope: summary.scope, runs }));
            // with --json, stdout is the JSON alone
            (options.json ? (text: string) => process.stderr.write(`${text}\n`) : print)(
              t('identify-cli-report-written', { path: options.out }),
            );
          }
        }),
    );
}
