/**
 * `kurator` — the command line, a thin adapter over the same services as the bot.
 * Runs as an operator with admin rights (CLI_ACTOR). Errors: one Russian line, exit code 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import { announcementText } from '../bot/features/identify.ts';
import { createJobRunner } from '../delivery/jobs.ts';
import { startOutboxSender } from '../delivery/sender.ts';
import { createLogger } from '../logger.ts';
import { openApp, type App } from '../app.ts';
import { ConfigError, parseConfig, type Config } from '../config.ts';
import { AccessDeniedError, ROLES, type Role } from '../domain/access/policy.ts';
import { parseRulesJson, type IdentificationMethod, type IdentificationRules } from '../domain/identification/index.ts';
import { inviteLink } from '../domain/invites/code.ts';
import { parseAcademicYear } from '../domain/results/academicYear.ts';
import { parseAssessmentKind, procedureLabel } from '../domain/results/procedures.ts';
import { renderIssue, renderIssueList } from '../files/xlsx/issues.ts';
import { writeIdentificationReport } from '../files/xlsx/identificationReport.ts';
import { writeResultsTemplate, writeSchoolsTemplate } from '../files/xlsx/templates.ts';
import { writeQuestionnaireTemplate } from '../files/xlsx/questionnaireTemplate.ts';
import { questionnaireImportText } from '../bot/questionnaireUpload.ts';
import { t } from '../i18n.ts';
import { CLI_ACTOR, UserError } from '../services/index.ts';
import { resultsPreviewText } from '../text/results.ts';
import type { InviteScopeRequest } from '../services/invites.ts';
import { IDENTIFICATION_METHODS } from '../services/identification.ts';
import { assertRegularFile, idParser, parseDays, USAGE_EXIT_CODE, UsageError } from './arguments.ts';
import { summaryTables } from './identifyTable.ts';
import { registerDigestCommands } from './digestCommands.ts';
import { registerRoadmapCommands } from './roadmapCommands.ts';
import { addHistoryCommand } from './history.ts';
import { addReportCommands } from './reportCommands.ts';
import { registerIdentificationDataCommands } from './identificationData.ts';
import { formatDate } from '../bot/format.ts';
import { databaseErrorMessage } from '../text/database.ts';

class CliError extends Error {}

function loadConfig(): Config {
  return parseConfig(process.env, { requireBotToken: false });
}

/**
 * Opens the database for one command: the embedded server is used when running (the bot's) or
 * started and stopped again; migrations only in `db migrate`, other commands check them.
 */
async function withApp<T>(
  work: (app: App, config: Config) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const app = await openApp(config, options.migrate ? { migrate: true } : { requireUpToDate: true });
  try {
    return await work(app, config);
  } finally {
    await app.db.close();
  }
}

async function readInput(path: string): Promise<Uint8Array> {
  await assertRegularFile(path);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(t('cli-file-not-found', { path }));
    throw new CliError(t('cli-file-unreadable', { path, reason: (error as Error).message }));
  }
}

async function botUsername(config: Config): Promise<string | undefined> {
  if (config.botUsername) return config.botUsername;
  if (!config.botToken) return undefined;
  const apiRoot = config.telegramApiRoot ?? 'https://api.telegram.org';
  try {
    const response = await fetch(`${apiRoot}/bot${config.botToken}/getMe`, { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { ok: boolean; result?: { username?: string } };
    return body.ok ? body.result?.username : undefined;
  } catch {
    return undefined;
  }
}

const print = (text: string) => process.stdout.write(`${text}\n`);

/**
 * After an import: rerun identification for the municipalities touched, print what changed and,
 * when the bot's token is configured, tell their coordinators in Telegram as the bot would.
 */
async function rerunIdentification(app: App, config: Config, _municipalityIds: readonly number[]): Promise<void> {
  // The import recorded the rerun as a follow-up job with its commit (src/delivery/jobs.ts);
  // its announcements go to the outbox, delivered here when the token is set, else by the bot.
  const changes = await createJobRunner({ services: app.services }).runPending();
  for (const change of changes.filter((item) => item.changed)) print(announcementText(t, change));
  if (config.botToken) {
    const sender = await startOutboxSender({
      prisma: app.db.prisma,
      token: config.botToken,
      apiRoot: config.telegramApiRoot,
      logger: createLogger('silent'),
      recover: false,
    });
    await sender.drain();
    await sender.stop();
  }
}

export function buildProgram(): Command {
  const program = new Command('kurator')
    .description(t('cli-description'))
    .helpOption('-h, --help', t('cli-help-option'))
    .helpCommand('help [command]', t('cli-help-command'))
    .exitOverride();

  const db = program.command('db').description('База данных');
  db.command('migrate')
    .description('Применить миграции (они применяются и при запуске бота)')
    .action(() =>
      withApp(
        async (app) => {
          // openApp has already applied pending migrations.
          const names = app.db.appliedMigrations;
          print(names.length ? t('db-migrated', { names: names.join(', ') }) : t('db-up-to-date'));
        },
        { migrate: true },
      ),
    );

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
        const outcome = await run(CLI_ACTOR, bytes, { fileName: basename(file), offThread: false });
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
          print(resultsPreviewText(t, basename(file), outcome, { warningsLimit: 200 }));
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

  program
    .command('invite')
    .description('Создать ссылку-приглашение')
    .requiredOption('--role <role>', 'coordinator | committee | director')
    .option('--school <code>', 'код школы (для директора)')
    .option('--municipality <name>', 'муниципалитет (для координатора и члена комитета)')
    .option('--region', 'весь регион (для координатора и члена комитета)')
    .option('--days <n>', 'срок действия в днях (1–90)', parseDays)
    .action((options: { role: string; school?: string; municipality?: string; region?: boolean; days?: number }) =>
      withApp(async (app, config) => {
        if (!ROLES.includes(options.role as Role) || options.role === 'admin') {
          throw new CliError(t('cli-unknown-role', { role: options.role }));
        }
        const role = options.role as Role;
        const scope: InviteScopeRequest | null = options.school
          ? { kind: 'school', code: options.school }
          : options.municipality
            ? { kind: 'municipality', name: options.municipality }
            : options.region
              ? { kind: 'region' }
              : null;
        if (!scope) throw new CliError(t('cli-invite-scope-missing'));
        const invite = await app.services.invites.create(CLI_ACTOR, { role, scope, ttlDays: options.days });
        const username = await botUsername(config);
        const vars = {
          id: invite.id,
          roleName: t('role-name', { role }),
          scope: invite.scopeLabel,
          expires: formatDate(invite.expiresAt),
        };
        print(
          username
            ? t('cli-invite-created', { ...vars, link: inviteLink(username, invite.code) })
            : t('cli-invite-code-only', { ...vars, code: invite.code }),
        );
      }),
    );

  program
    .command('invites')
    .description('Приглашения и их состояние')
    .option('--revoke <id>', 'отозвать приглашение', idParser('--revoke'))
    .action((options: { revoke?: number }) =>
      withApp(async (app) => {
        if (options.revoke !== undefined) {
          await app.services.invites.revoke(CLI_ACTOR, options.revoke);
          print(t('invite-revoked', { id: options.revoke }));
          return;
        }
        const invites = await app.services.invites.list(CLI_ACTOR);
        if (!invites.length) print(t('cli-invites-empty'));
        for (const invite of invites) {
          print(
            t('invite-list-item', {
              id: invite.id,
              roleName: t('role-name', { role: invite.role }),
              scope: invite.scopeLabel,
              state: invite.state,
              expires: formatDate(invite.expiresAt),
              usedBy: invite.usedBy ? ` (${invite.usedBy})` : '',
            }),
          );
        }
      }),
    );

  program
    .command('users')
    .description('Зарегистрированные пользователи')
    .option('--json', 'вывести в JSON')
    .action((options: { json?: boolean }) =>
      withApp(async (app) => {
        const people = await app.services.people.list(CLI_ACTOR);
        if (options.json) {
          print(JSON.stringify(people, null, 2));
          return;
        }
        if (!people.length) print(t('cli-users-empty'));
        for (const person of people) {
          const where = person.where.school
            ? `${person.where.school.name} (${person.where.school.code})`
            : (person.where.municipality ?? person.where.region ?? '');
          print(
            `${person.name}${person.username ? ` @${person.username}` : ''} — ${t('role-name', { role: person.role })}${where ? `, ${where}` : ''}`,
          );
        }
      }),
    );

  registerDigestCommands(program);
  registerRoadmapCommands(program);
  addHistoryCommand(program, withApp, print);
  addReportCommands(program, { withApp, print });
  registerIdentificationDataCommands(program, { withApp, readInput, print });
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    // Commander's own usage errors (unknown option, missing argument) exit 2 as well.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    if (error instanceof UsageError) {
      process.stderr.write(`${t('cli-usage-error', { message: error.message })}\n`);
      return USAGE_EXIT_CODE;
    }
    const message =
      error instanceof UserError
        ? t(error.key, error.params)
        : error instanceof AccessDeniedError
          ? t('access-denied')
          : error instanceof CliError || error instanceof ConfigError
            ? error.message
            : null;
    const dbMessage = databaseErrorMessage(error);
    if (dbMessage) {
      process.stderr.write(`${dbMessage}\n`);
      return 1;
    }
    if (message === null) throw error;
    process.stderr.write(`${error instanceof ConfigError ? message : t('cli-error', { message })}\n`);
    return 1;
  }
}
